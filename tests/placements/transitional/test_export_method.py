"""No change of state on GET (issue 16): exporting a payroll run is a POST; a GET only
downloads a file already exported, so a cross-site link or a prefetch can never spend the
run's one export."""

from datetime import date, timedelta

import pytest
from django.test import Client
from rest_framework.test import APIClient

from placements.models import PayrollRunStatus
from placements.transitional.services import (
    payroll_run_approve,
    payroll_run_create,
    payroll_run_review,
)
from portal.core.models import AuditEvent
from tests.factories.transitional import (
    PayPeriodFactory,
    TimeEntryFactory,
    WorkAssignmentFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_run(admin_user):
    assignment = WorkAssignmentFactory(starts_on=date(2026, 2, 1))
    for offset in range(2):
        TimeEntryFactory(assignment=assignment, work_date=date(2026, 3, 2) + timedelta(days=offset))
    period = PayPeriodFactory(
        starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 8), pay_date=date(2026, 3, 10)
    )
    run = payroll_run_create(actor=admin_user, period=period)
    payroll_run_review(actor=admin_user, run=run)
    return payroll_run_approve(actor=admin_user, run=run)


@pytest.fixture
def api(admin_user):
    client = APIClient()
    client.force_authenticate(admin_user)
    return client


def api_url(run):
    return f"/api/v1/transitional/payroll-runs/{run.pk}/export.csv"


def test_an_api_get_before_the_export_changes_nothing_and_says_why(api, approved_run):
    response = api.get(api_url(approved_run))
    assert response.status_code == 409
    assert response.json()["code"] == "run_not_exported"
    assert "not been exported yet" in response.json()["detail"]
    approved_run.refresh_from_db()
    assert approved_run.status == PayrollRunStatus.APPROVED
    assert approved_run.exported_at is None


def test_the_api_exports_with_a_post_once_then_downloads_with_a_get(api, approved_run):
    export = api.post(api_url(approved_run))
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    approved_run.refresh_from_db()
    assert approved_run.status == PayrollRunStatus.EXPORTED
    exported_at = approved_run.exported_at

    again = api.post(api_url(approved_run))
    assert again.status_code == 409
    assert again.json()["code"] == "run_exported"

    download = api.get(api_url(approved_run))
    assert download.status_code == 200
    assert download.content == export.content
    assert 'filename="payroll-run-' in download["Content-Disposition"]
    approved_run.refresh_from_db()
    assert approved_run.exported_at == exported_at
    actions = list(
        AuditEvent.objects.filter(action__startswith="transitional.payroll_run_")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == [
        "transitional.payroll_run_exported",
        "transitional.payroll_run_downloaded",
    ]


def test_a_session_get_from_another_site_cannot_export(admin_user, approved_run):
    """The attack of the finding: a link on another site, followed by a signed-in admin's
    browser (session cookie, no CSRF token), to the API and to the page."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin_user)
    assert browser.get(api_url(approved_run)).status_code == 409
    page = browser.get(f"/transitional/payroll/runs/{approved_run.pk}/export.csv")
    assert page.status_code == 302
    # And a forged POST without the CSRF token is refused too.
    assert browser.post(api_url(approved_run)).status_code == 403
    approved_run.refresh_from_db()
    assert approved_run.status == PayrollRunStatus.APPROVED


def test_the_page_exports_with_the_button_and_offers_the_file_again(admin_user, approved_run):
    browser = Client()
    browser.force_login(admin_user)
    run_url = f"/transitional/payroll/runs/{approved_run.pk}/"
    early = browser.get(f"{run_url}export.csv", follow=True)
    assert "not been exported yet" in early.content.decode()

    page = browser.get(run_url).content.decode()
    assert f'<form method="post"\n            action="{run_url}export.csv">' in page
    export = browser.post(f"{run_url}export.csv")
    assert export.status_code == 200

    page = browser.get(run_url).content.decode()
    assert "Download the exported CSV again" in page
    download = browser.get(f"{run_url}export.csv")
    assert download.status_code == 200
    assert download.content == export.content
