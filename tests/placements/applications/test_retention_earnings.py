"""Earnings at a retention check (hours a week and hourly wage) for the quarterly
measures: recorded through the existing service, validated, nothing saved on error."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.applications.services import retention_check_record
from placements.models import RetentionCheck
from portal.core.exceptions import ApplicationError
from portal.core.models import AuditEvent
from tests.factories.applications import PlacementFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def due_check(person):
    placement = PlacementFactory(participant=person, start_date=TODAY() - timedelta(days=31))
    return placement.retention_checks.get(days=30)


def test_hours_and_wage_are_recorded_for_a_person_working(due_check, staff_user):
    retention_check_record(
        check=due_check,
        actor=staff_user,
        outcome="other_employer",
        verified_by="pay_stub",
        hours_per_week="32.5",
        hourly_wage=Decimal("17.255"),
    )
    due_check.refresh_from_db()
    assert due_check.hours_per_week == Decimal("32.50")
    assert due_check.hourly_wage == Decimal("17.26")
    assert due_check.still_employed is True
    audit = AuditEvent.objects.get(action="retention_check.recorded")
    assert audit.details["earnings_recorded"] is True


def test_earnings_stay_optional(due_check, staff_user):
    retention_check_record(
        check=due_check, actor=staff_user, outcome="same_employer", verified_by="employer"
    )
    due_check.refresh_from_db()
    assert due_check.hours_per_week is None and due_check.hourly_wage is None


def test_not_working_is_the_no_longer_employed_answer(due_check, staff_user):
    retention_check_record(
        check=due_check, actor=staff_user, outcome="not_working", verified_by="participant"
    )
    due_check.refresh_from_db()
    assert due_check.still_employed is False


@pytest.mark.parametrize(
    ("outcome", "values", "field"),
    [
        ("same_employer", {"hours_per_week": "81"}, "hours_per_week"),
        ("same_employer", {"hours_per_week": "-1"}, "hours_per_week"),
        ("same_employer", {"hours_per_week": "forty"}, "hours_per_week"),
        ("same_employer", {"hourly_wage": "-0.01"}, "hourly_wage"),
        ("same_employer", {"hourly_wage": "9999"}, "hourly_wage"),
        ("not_working", {"hourly_wage": "15.00"}, "hourly_wage"),
        ("unknown", {"hours_per_week": "20"}, "hours_per_week"),
    ],
)
def test_bad_earnings_are_refused_and_nothing_saved(due_check, staff_user, outcome, values, field):
    with pytest.raises(ApplicationError) as caught:
        retention_check_record(
            check=due_check, actor=staff_user, outcome=outcome, verified_by="pay_stub", **values
        )
    assert field in caught.value.fields
    unchanged = RetentionCheck.objects.get(pk=due_check.pk)
    assert unchanged.outcome == ""
    assert unchanged.hours_per_week is None and unchanged.hourly_wage is None
    assert not AuditEvent.objects.filter(action="retention_check.recorded").exists()


def test_zero_and_eighty_hours_are_the_bounds(due_check, staff_user):
    retention_check_record(
        check=due_check,
        actor=staff_user,
        outcome="same_employer",
        verified_by="pay_stub",
        hours_per_week="80",
        hourly_wage="0",
    )
    due_check.refresh_from_db()
    assert due_check.hours_per_week == Decimal("80.00")


def test_the_existing_endpoint_takes_and_returns_the_earnings(api_client, due_check, staff_user):
    api_client.force_authenticate(staff_user)
    url = f"/api/v1/placements/{due_check.placement_id}/retention-checks/"
    response = api_client.patch(
        url,
        {
            "id": due_check.pk,
            "outcome": "same_employer",
            "verified_by": "pay_stub",
            "hours_per_week": "38.00",
            "hourly_wage": "16.75",
        },
        format="json",
    )
    assert response.status_code == 200
    first = response.json()[0]
    assert (first["hours_per_week"], first["hourly_wage"]) == ("38.00", "16.75")
    assert first["still_employed"] is True
    assert response.json()[1]["still_employed"] is None


def test_the_endpoint_refuses_too_many_hours_and_saves_nothing(api_client, due_check, staff_user):
    api_client.force_authenticate(staff_user)
    url = f"/api/v1/placements/{due_check.placement_id}/retention-checks/"
    response = api_client.patch(
        url,
        {
            "id": due_check.pk,
            "outcome": "same_employer",
            "verified_by": "pay_stub",
            "hours_per_week": "120",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "hours_per_week" in str(response.json())
    assert RetentionCheck.objects.get(pk=due_check.pk).outcome == ""


def test_the_placement_page_records_and_shows_the_earnings(client, due_check, staff_user):
    client.force_login(staff_user)
    url = reverse("placements:placement-detail", args=[due_check.placement_id])
    page = client.get(url).content.decode()
    assert 'name="hours_per_week"' in page and 'name="hourly_wage"' in page
    client.post(
        url,
        {
            "action": "check",
            "check": due_check.pk,
            "outcome": "other_employer",
            "verified_by": "participant",
            "hours_per_week": "25",
            "hourly_wage": "15.50",
        },
    )
    due_check.refresh_from_db()
    assert due_check.hourly_wage == Decimal("15.50")
    page = client.get(url).content.decode()
    assert "25 hours a week" in page
    assert "$15.50 an hour" in page


def test_the_page_shows_the_error_for_a_negative_wage(client, due_check, staff_user):
    client.force_login(staff_user)
    url = reverse("placements:placement-detail", args=[due_check.placement_id])
    response = client.post(
        url,
        {
            "action": "check",
            "check": due_check.pk,
            "outcome": "same_employer",
            "verified_by": "pay_stub",
            "hourly_wage": "-3",
        },
    )
    assert "Enter the hourly wage in dollars" in response.content.decode()
    assert RetentionCheck.objects.get(pk=due_check.pk).outcome == ""
