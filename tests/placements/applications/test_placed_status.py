"""A job recorded for a participant (a hire through the portal, or staff recording an
outside job) moves them from active to placed, in the same transaction."""

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone

from jobseekers.models import ParticipantStatus
from placements.applications.services import (
    HireDetails,
    OutsidePlacement,
    application_transition,
    placement_record_outside,
)
from placements.models import ApplicationStatus, Placement
from portal.core.exceptions import ApplicationError, NotFoundError
from portal.core.models import AuditEvent


def _offer(application):
    application.status = ApplicationStatus.CONDITIONAL_OFFER
    application.offered_on = timezone.localdate()
    application.save()


def _hire(application, actor, **terms):
    return application_transition(
        application=application,
        actor=actor,
        to=ApplicationStatus.HIRED,
        hire=HireDetails(start_date=timezone.localdate(), **terms),
    )


def test_a_hire_marks_the_participant_placed(application, employer_user, person):
    _offer(application)
    _hire(application, employer_user)
    placement = Placement.objects.get(application=application)
    person.refresh_from_db()
    assert person.status == ParticipantStatus.PLACED
    event = AuditEvent.objects.get(action="participant.status_changed", target_id=str(person.pk))
    assert event.details["placement_id"] == str(placement.pk)


@pytest.mark.parametrize(
    "status", [ParticipantStatus.EXITED, ParticipantStatus.RETURNED_TO_CUSTODY]
)
def test_a_hire_leaves_exited_or_custody_alone(application, employer_user, person, status):
    type(person).objects.filter(pk=person.pk).update(status=status)
    _offer(application)
    _hire(application, employer_user)
    person.refresh_from_db()
    assert person.status == status


def test_a_refused_hire_leaves_the_status_active(application, employer_user, person):
    _offer(application)
    with pytest.raises(ApplicationError):
        _hire(application, employer_user, hourly_wage=Decimal("-1"))
    person.refresh_from_db()
    assert person.status == ParticipantStatus.ACTIVE
    assert not Placement.objects.exists()


def _outside(start=None):
    return OutsidePlacement(
        employer_name="Corner Bakery",
        job_title="Baker",
        start_date=start or timezone.localdate(),
        hourly_wage=Decimal("15.00"),
        hours_per_week=Decimal("30"),
    )


def test_an_outside_placement_marks_placed_and_a_second_is_a_no_op(staff_user, person):
    first = placement_record_outside(participant=person, actor=staff_user, details=_outside())
    person.refresh_from_db()
    assert person.status == ParticipantStatus.PLACED
    placement_record_outside(participant=person, actor=staff_user, details=_outside())
    events = AuditEvent.objects.filter(action="participant.status_changed")
    assert [e.details["placement_id"] for e in events] == [str(first.pk)]


def test_another_caseload_cannot_and_nothing_changes(other_staff, person):
    with pytest.raises(NotFoundError):
        placement_record_outside(participant=person, actor=other_staff, details=_outside())
    person.refresh_from_db()
    assert person.status == ParticipantStatus.ACTIVE


def test_a_failure_after_marking_rolls_the_status_back(staff_user, person):
    """Same transaction: if the placement's follow-up fails, the status stays active."""
    with (
        mock.patch(
            "placements.applications.services.placements.WotcScreening.objects.create",
            side_effect=RuntimeError("boom"),
        ),
        pytest.raises(RuntimeError),
    ):
        placement_record_outside(
            participant=person, actor=staff_user, details=_outside(dt.date.today())
        )
    person.refresh_from_db()
    assert person.status == ParticipantStatus.ACTIVE
    assert not Placement.objects.exists()
