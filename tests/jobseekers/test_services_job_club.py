"""Job club services: sessions and attendance within the caseload and the capacity."""

import pytest
from django.utils import timezone

from jobseekers import services
from jobseekers.models import (
    Attendance,
)
from portal.core.exceptions import ApplicationError, NotFoundError
from portal.core.transitions import InvalidTransition
from tests.factories.jobseekers import (
    JobClubSessionFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db


def test_attendance_recorded_and_updated(person, staff_user):
    session = JobClubSessionFactory(facilitator=staff_user)
    services.attendance_record(
        session=session, actor=staff_user, participant=person, status="absent"
    )
    services.attendance_record(
        session=session, actor=staff_user, participant=person, status="excused", note="Parole"
    )
    row = Attendance.objects.get()
    assert (row.status, row.note) == ("excused", "Parole")


def test_attendance_respects_capacity(staff_user):
    session = JobClubSessionFactory(capacity=1)
    first, second = ParticipantFactory.create_batch(2, facilitator=staff_user)
    services.attendance_record(
        session=session, actor=staff_user, participant=first, status="present"
    )
    with pytest.raises(InvalidTransition):
        services.attendance_record(
            session=session, actor=staff_user, participant=second, status="present"
        )
    assert Attendance.objects.count() == 1


def test_attendance_for_another_caseload_is_refused(other_person, staff_user):
    session = JobClubSessionFactory()
    with pytest.raises(NotFoundError):
        services.attendance_record(
            session=session, actor=staff_user, participant=other_person, status="present"
        )


def test_session_needs_a_place_and_a_seat(staff_user):
    with pytest.raises(ApplicationError):
        services.job_club_session_create(
            actor=staff_user, starts_at=timezone.now(), place="", topic="resume"
        )
    with pytest.raises(ApplicationError):
        services.job_club_session_create(
            actor=staff_user, starts_at=timezone.now(), place="Room", topic="resume", capacity=0
        )
