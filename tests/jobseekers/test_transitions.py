"""Status changes go through `portal.core.transitions`: the one InvalidTransition, with
the codes and messages API clients already know."""

import pytest
from django.utils import timezone

from jobseekers import services
from jobseekers.models import ParticipantStatus
from portal.core.transitions import InvalidTransition
from tests.factories.jobseekers import (
    JobClubSessionFactory,
    ParticipantFactory,
    ResumeCommentFactory,
)

pytestmark = pytest.mark.django_db


def test_an_illegal_status_move_keeps_its_code_and_message(person, staff_user):
    services.program_exit_record(
        participant=person, actor=staff_user, exited_on=timezone.localdate(), reason="withdrew"
    )
    with pytest.raises(InvalidTransition) as caught:
        services.participant_status_change(
            participant=person, actor=staff_user, status=ParticipantStatus.PLACED
        )
    assert caught.value.code == "invalid_transition"
    assert caught.value.status_code == 409
    assert (
        caught.value.message
        == "A participant who is “Left the program” cannot be moved to this status."
    )
    person.refresh_from_db()
    assert person.status == ParticipantStatus.EXITED


def test_the_api_answers_an_illegal_move_with_the_same_code(api_client, person, staff_user):
    person.status = ParticipantStatus.EXITED
    person.save()
    api_client.force_authenticate(staff_user)
    response = api_client.post(
        f"/api/v1/participants/{person.pk}/status/", {"status": "placed"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"


def test_a_comment_resolved_twice_keeps_its_code(person, staff_user, participant):
    comment = ResumeCommentFactory(resume__participant=person)
    services.resume_comment_resolve(comment=comment, actor=participant)
    with pytest.raises(InvalidTransition) as caught:
        services.resume_comment_resolve(comment=comment, actor=participant)
    assert caught.value.code == "invalid_transition"
    assert caught.value.message == "This comment is already resolved."


def test_a_full_session_keeps_its_code(staff_user):
    session = JobClubSessionFactory(capacity=1)
    first, second = ParticipantFactory.create_batch(2, facilitator=staff_user)
    services.attendance_record(
        session=session, actor=staff_user, participant=first, status="present"
    )
    with pytest.raises(InvalidTransition) as caught:
        services.attendance_record(
            session=session, actor=staff_user, participant=second, status="present"
        )
    assert caught.value.code == "session_full"
    assert caught.value.message == "This session is full."
