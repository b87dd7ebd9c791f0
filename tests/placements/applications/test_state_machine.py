"""The application state machine: every legal move works, every illegal one is a 409
with a message and changes nothing."""

import datetime as dt
from itertools import product

import pytest
from django.utils import timezone

from placements.applications.services import (
    HireDetails,
    InterviewDetails,
    application_transition,
    interview_add,
)
from placements.models import (
    APPLICATION_TRANSITIONS,
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Interview,
    Placement,
)
from portal.core.exceptions import NotFoundError, PermissionDeniedError
from portal.core.models import AuditEvent
from portal.core.templatetags.formatting import datetime_display
from portal.core.transitions import InvalidTransition
from tests.factories.applications import ApplicationFactory, InterviewFactory

S = ApplicationStatus
LEGAL = [(old, new) for old, targets in APPLICATION_TRANSITIONS.items() for new in targets]
ILLEGAL = [
    (old, new)
    for old, new in product(S.values, S.values)
    if new not in APPLICATION_TRANSITIONS[old]
]


def _extras(to):
    if to == S.INTERVIEW_SCHEDULED:
        return {
            "interview": InterviewDetails(
                starts_at=timezone.now() + dt.timedelta(days=3), mode="phone", place="816-555-0100"
            )
        }
    if to == S.HIRED:
        return {"hire": HireDetails(start_date=timezone.localdate())}
    if to == S.DECLINED:
        return {"reason": "not_selected"}
    return {}


def test_the_table_covers_every_state():
    assert set(APPLICATION_TRANSITIONS) == set(S.values)
    assert len(LEGAL) + len(ILLEGAL) == len(S.values) ** 2


@pytest.mark.parametrize(("old", "new"), LEGAL)
def test_every_legal_move(old, new, person, job, resume_version, employer_user, participant):
    application = ApplicationFactory(
        participant=person, job=job, resume_version=resume_version, status=old
    )
    actor = participant if new == S.WITHDRAWN else employer_user
    if new == S.INTERVIEWED:
        # Test setup: an interview whose time has come (see the tests of that rule below).
        InterviewFactory(application=application, starts_at=timezone.now() - dt.timedelta(hours=1))
    before = application.status_changed_at

    moved = application_transition(application=application, actor=actor, to=new, **_extras(new))

    moved.refresh_from_db()
    assert moved.status == new
    assert moved.status_changed_at >= before
    event = ApplicationEvent.objects.get(application=application, to_status=new)
    assert event.from_status == old and event.actor == actor
    assert AuditEvent.objects.filter(action="application.moved", target_id=str(application.pk))
    assert Interview.objects.filter(application=application).exists() == (
        new in (S.INTERVIEW_SCHEDULED, S.INTERVIEWED)
    )
    assert Placement.objects.filter(application=application).exists() == (new == S.HIRED)


@pytest.mark.parametrize(("old", "new"), ILLEGAL)
def test_every_illegal_move_is_refused(
    old, new, person, job, resume_version, employer_user, participant
):
    application = ApplicationFactory(
        participant=person, job=job, resume_version=resume_version, status=old
    )
    actor = participant if new == S.WITHDRAWN else employer_user

    with pytest.raises(InvalidTransition) as error:
        application_transition(application=application, actor=actor, to=new, **_extras(new))

    assert error.value.status_code == 409
    assert "cannot" in error.value.message
    assert Application.objects.get(pk=application.pk).status == old
    assert not ApplicationEvent.objects.filter(application=application).exists()
    assert not Placement.objects.exists()


def test_the_message_names_the_next_step(application, employer_user):
    with pytest.raises(InvalidTransition) as error:
        application_transition(application=application, actor=employer_user, to=S.INTERVIEWED)
    assert "The next step is “Being reviewed”" in error.value.message


def test_another_employer_cannot_move_it(application, other_employer_user):
    with pytest.raises(NotFoundError):
        application_transition(application=application, actor=other_employer_user, to=S.REVIEWING)
    assert Application.objects.get(pk=application.pk).status == S.SUBMITTED


def test_the_participant_cannot_move_it_forward(application, participant):
    with pytest.raises(PermissionDeniedError):
        application_transition(application=application, actor=participant, to=S.REVIEWING)


def test_the_employer_cannot_withdraw_it(application, employer_user):
    with pytest.raises(PermissionDeniedError):
        application_transition(application=application, actor=employer_user, to=S.WITHDRAWN)


def test_caseload_staff_may_move_it_for_the_employer(application, staff_user, other_staff):
    application_transition(application=application, actor=staff_user, to=S.REVIEWING)
    with pytest.raises(NotFoundError):
        application_transition(application=application, actor=other_staff, to=S.INTERVIEW_SCHEDULED)


def test_declining_needs_a_reason(application, employer_user):
    with pytest.raises(Exception) as error:
        application_transition(application=application, actor=employer_user, to=S.DECLINED)
    assert "reason" in error.value.fields
    assert Application.objects.get(pk=application.pk).status == S.SUBMITTED


def test_a_record_based_decline_without_the_steps_is_refused(application, employer_user):
    application.status = S.INTERVIEWED
    application.save()
    with pytest.raises(Exception) as error:
        application_transition(
            application=application, actor=employer_user, to=S.DECLINED, reason="record_based"
        )
    assert error.value.status_code == 409
    assert "fair-chance steps" in error.value.message


def test_an_interview_in_the_past_is_refused(application, employer_user):
    application.status = S.REVIEWING
    application.save()
    with pytest.raises(Exception) as error:
        application_transition(
            application=application,
            actor=employer_user,
            to=S.INTERVIEW_SCHEDULED,
            interview=InterviewDetails(
                starts_at=timezone.now() - dt.timedelta(hours=1), mode="phone", place="x"
            ),
        )
    assert "starts_at" in error.value.fields
    assert Application.objects.get(pk=application.pk).status == S.REVIEWING
    assert not Interview.objects.exists()


def test_a_video_interview_needs_a_link(application, employer_user):
    application.status = S.REVIEWING
    application.save()
    with pytest.raises(Exception) as error:
        application_transition(
            application=application,
            actor=employer_user,
            to=S.INTERVIEW_SCHEDULED,
            interview=InterviewDetails(
                starts_at=timezone.now() + dt.timedelta(days=1), mode="video"
            ),
        )
    assert "video_link" in error.value.fields


def test_a_placement_cannot_start_before_the_application(application, employer_user):
    application.status = S.CONDITIONAL_OFFER
    application.save()
    with pytest.raises(Exception) as error:
        application_transition(
            application=application,
            actor=employer_user,
            to=S.HIRED,
            hire=HireDetails(start_date=timezone.localdate() - dt.timedelta(days=5)),
        )
    assert "start_date" in error.value.fields
    assert Application.objects.get(pk=application.pk).status == S.CONDITIONAL_OFFER
    assert not Placement.objects.exists()


def test_each_change_is_emailed_to_staff_and_participant(
    application, employer_user, mail_at_once, mailoutbox
):
    application_transition(application=application, actor=employer_user, to=S.REVIEWING)
    recipients = sorted(address for message in mailoutbox for address in message.to)
    assert recipients == sorted([application.participant.facilitator.email, "pat@example.org"])
    assert "Being reviewed" in mailoutbox[0].body


def _scheduled(person, job, resume_version, *, starts_in):
    application = ApplicationFactory(
        participant=person, job=job, resume_version=resume_version, status=S.INTERVIEW_SCHEDULED
    )
    InterviewFactory(application=application, starts_at=timezone.now() + starts_in)
    return application


def test_the_interview_cannot_be_marked_held_before_its_time(
    person, job, resume_version, employer_user
):
    application = _scheduled(person, job, resume_version, starts_in=dt.timedelta(days=7))
    starts = timezone.localtime(application.interviews.get().starts_at)

    with pytest.raises(InvalidTransition) as error:
        application_transition(application=application, actor=employer_user, to=S.INTERVIEWED)

    assert error.value.status_code == 409
    assert error.value.message == (
        f"You can mark the interview as held once it has started ({datetime_display(starts)})."
    )
    assert Application.objects.get(pk=application.pk).status == S.INTERVIEW_SCHEDULED
    assert not ApplicationEvent.objects.filter(application=application).exists()


def test_staff_cannot_mark_it_held_early_either(person, job, resume_version, staff_user):
    application = _scheduled(person, job, resume_version, starts_in=dt.timedelta(minutes=5))
    with pytest.raises(InvalidTransition):
        application_transition(application=application, actor=staff_user, to=S.INTERVIEWED)
    assert Application.objects.get(pk=application.pk).status == S.INTERVIEW_SCHEDULED


def test_once_the_interview_time_has_come_it_can_be_marked_held(
    person, job, resume_version, employer_user
):
    application = _scheduled(person, job, resume_version, starts_in=dt.timedelta(days=7))
    # A new date in the past (e.g. the interview was moved earlier) is enough.
    Interview.objects.filter(application=application).update(starts_at=timezone.now())

    application_transition(application=application, actor=employer_user, to=S.INTERVIEWED)

    assert Application.objects.get(pk=application.pk).status == S.INTERVIEWED


def test_a_scheduled_interview_can_be_moved_to_a_new_date(application, employer_user):
    application.status = S.INTERVIEW_SCHEDULED
    application.save()
    new_time = timezone.now() + dt.timedelta(days=5)
    interview = interview_add(
        application=application,
        actor=employer_user,
        details=InterviewDetails(starts_at=new_time, mode="phone", place="816-555-0100"),
    )
    assert interview.starts_at == new_time
    assert Application.objects.get(pk=application.pk).status == S.INTERVIEW_SCHEDULED


def test_a_new_interview_date_needs_the_interview_stage(application, employer_user):
    application.status = S.REVIEWING
    application.save()
    with pytest.raises(InvalidTransition) as error:
        interview_add(
            application=application,
            actor=employer_user,
            details=InterviewDetails(
                starts_at=timezone.now() + dt.timedelta(days=5), mode="phone", place="x"
            ),
        )
    assert "Interview scheduled" in error.value.message
    assert not Interview.objects.exists()


def test_another_employer_cannot_move_an_interview(application, other_employer_user):
    application.status = S.INTERVIEW_SCHEDULED
    application.save()
    with pytest.raises(NotFoundError):
        interview_add(
            application=application,
            actor=other_employer_user,
            details=InterviewDetails(
                starts_at=timezone.now() + dt.timedelta(days=5), mode="phone", place="x"
            ),
        )
    assert not Interview.objects.exists()
