"""The transitional area's predicates (placements/transitional/permissions.py) as a
matrix, and the payroll run page that shows only the actions they allow."""

from datetime import date

import pytest
from django.test import Client

from placements.models import AssignmentStatus, PayrollRunStatus
from placements.transitional import permissions
from placements.transitional.services import payroll_run_create
from portal.core.models import Role
from tests.factories.jobseekers import StaffFactory
from tests.factories.transitional import (
    PayPeriodFactory,
    TimeEntryFactory,
    WorkAssignmentFactory,
    WorkSiteFactory,
)
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(admin_user, employer_user):
    supervisor = StaffFactory(username="sam")
    return {
        "admin": admin_user,
        "supervisor": supervisor,
        "other_staff": StaffFactory(username="otto"),
        "participant": UserFactory(role=Role.PARTICIPANT, username="me"),
        "employer": employer_user,
        "site": WorkSiteFactory(supervisors=[supervisor]),
    }


SUPERVISORS = {
    "admin": True,
    "supervisor": True,
    "other_staff": False,
    "participant": False,
    "employer": False,
}


@pytest.mark.parametrize(("who", "expected"), SUPERVISORS.items())
def test_who_supervises_a_site_and_changes_its_assignments(people, who, expected):
    user, site = people[who], people["site"]
    assert permissions.can_supervise(user, site) is expected
    assignment = WorkAssignmentFactory(worksite=site)
    assert permissions.can_change_assignment(user, assignment) is expected
    assignment.status = AssignmentStatus.ENDED
    assert permissions.can_change_assignment(user, assignment) is False


@pytest.mark.parametrize("who", ["supervisor", "other_staff", "participant", "employer"])
def test_only_program_admins_run_payroll(people, who):
    user = people[who]
    assert not permissions.can_run_payroll(user)
    assert not permissions.can_manage_worksites(user)
    assert permissions.can_run_payroll(people["admin"])
    assert permissions.can_manage_worksites(people["admin"])


# Which action each status allows: review, approve, recalculate, export, adjust.
ACTIONS = {
    PayrollRunStatus.DRAFT: (True, False, True, False, False),
    PayrollRunStatus.REVIEWED: (False, True, True, False, False),
    PayrollRunStatus.APPROVED: (False, False, False, True, True),
    PayrollRunStatus.EXPORTED: (False, False, False, False, True),
}
PREDICATES = (
    permissions.can_review_run,
    permissions.can_approve_run,
    permissions.can_recalculate_run,
    permissions.can_export_run,
    permissions.can_adjust_run,
)


@pytest.mark.parametrize(("status", "expected"), ACTIONS.items())
def test_what_can_be_done_to_a_run_in_each_status(people, status, expected):
    run = payroll_run_create(actor=people["admin"], period=PayPeriodFactory())
    run.status = status
    assert tuple(predicate(people["admin"], run) for predicate in PREDICATES) == expected
    assert not any(predicate(people["supervisor"], run) for predicate in PREDICATES)


def test_a_period_is_run_once_after_its_last_day(people):
    admin, today = people["admin"], date(2026, 3, 10)
    period = PayPeriodFactory(starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 8))
    assert permissions.can_start_run(admin, period, today=today)
    assert not permissions.can_start_run(admin, period, today=date(2026, 3, 7))
    assert not permissions.can_start_run(people["supervisor"], period, today=today)
    payroll_run_create(actor=admin, period=period)
    period.refresh_from_db()
    assert not permissions.can_start_run(admin, period, today=today)


def test_the_participants_acted_on_at_a_site_are_its_crew(people):
    site = people["site"]
    mine = WorkAssignmentFactory(worksite=site).participant
    theirs = WorkAssignmentFactory().participant
    crew = permissions.participants_acted_on(user=people["admin"], worksite=site)
    assert list(crew) == [mine]
    assert theirs in permissions.participants_acted_on(user=people["admin"])


def test_the_run_page_offers_only_the_allowed_actions(people):
    admin = people["admin"]
    TimeEntryFactory(
        assignment=WorkAssignmentFactory(starts_on=date(2026, 2, 1)), work_date=date(2026, 3, 3)
    )
    period = PayPeriodFactory(
        starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 8), pay_date=date(2026, 3, 10)
    )
    run = payroll_run_create(actor=admin, period=period)
    client = Client()
    client.force_login(admin)
    url = f"/transitional/payroll/runs/{run.pk}/"
    page = client.get(url).content.decode()
    assert f"{url}review/" in page and f"{url}recalculate/" in page
    assert f"{url}approve/" not in page and "export.csv" not in page
    client.post(f"{url}review/")
    client.post(f"{url}approve/")
    page = client.get(url).content.decode()
    assert "export.csv" in page and "Add the correction" in page
    assert f"{url}review/" not in page and f"{url}recalculate/" not in page
