"""The predicates the placement page and the services share: who may record a check,
ask for a bond or record the agency's answer, and when."""

import datetime as dt

import pytest
from django.utils import timezone

from placements.applications import permissions
from placements.models import BondingRequest, BondingStatus
from tests.factories.applications import PlacementFactory


@pytest.fixture
def placement(person, employer):
    return PlacementFactory(
        participant=person,
        employer=employer,
        start_date=timezone.localdate() - dt.timedelta(days=40),
    )


def _bond(placement, status=BondingStatus.REQUESTED):
    return BondingRequest.objects.create(
        placement=placement,
        amount=5000,
        coverage_starts_on=placement.start_date,
        coverage_ends_on=placement.start_date + dt.timedelta(days=182),
        status=status,
    )


def test_a_due_check_is_recorded_by_caseload_staff_only(
    placement, staff_user, other_staff, employer_user, participant
):
    due = placement.retention_checks.get(days=30)
    assert permissions.can_record_retention_check(staff_user, due)
    for user in (other_staff, employer_user, participant):
        assert not permissions.can_record_retention_check(user, due)


def test_a_check_not_due_recorded_or_after_the_job_ended_has_no_form(placement, staff_user):
    assert not permissions.can_record_retention_check(
        staff_user, placement.retention_checks.get(days=90)
    )
    recorded = placement.retention_checks.get(days=30)
    recorded.outcome = "same_employer"
    assert not permissions.can_record_retention_check(staff_user, recorded)
    placement.separated_on = timezone.localdate()
    due = placement.retention_checks.get(days=30)
    due.placement = placement
    assert not permissions.can_record_retention_check(staff_user, due)


def test_a_bond_is_asked_for_by_staff_or_the_employer_once_while_the_job_lasts(
    placement, staff_user, employer_user, other_employer_user, participant
):
    assert permissions.can_request_bond_now(staff_user, placement)
    assert permissions.can_request_bond_now(employer_user, placement)
    assert not permissions.can_request_bond_now(other_employer_user, placement)
    assert not permissions.can_request_bond_now(participant, placement)
    _bond(placement)
    assert not permissions.can_request_bond_now(staff_user, placement)


def test_no_bond_form_once_the_job_ended(placement, staff_user):
    placement.separated_on = timezone.localdate()
    assert not permissions.can_request_bond_now(staff_user, placement)


def test_only_staff_decide_a_bond_and_only_while_requested(placement, staff_user, employer_user):
    requested = _bond(placement)
    assert permissions.can_decide_bond(staff_user, requested)
    assert not permissions.can_decide_bond(employer_user, requested)
    issued = _bond(placement, status=BondingStatus.ISSUED)
    assert not permissions.can_decide_bond(staff_user, issued)
