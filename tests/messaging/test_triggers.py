"""Each reason for a text fires once: an interview tomorrow, a job club session tomorrow,
an application's new stage, a retention check come due, a pay stub ready."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from jobseekers import services as jobseekers_services
from jobseekers.models import JobClubSession, Program, TextMessage, TextMessageKind
from placements.applications.services import (
    application_transition,
    interview_reminders_send,
    retention_check_in_texts_send,
)
from placements.models import ApplicationStatus
from placements.transitional.services import (
    payroll_run_approve,
    payroll_run_create,
    payroll_run_review,
)
from tests.factories.applications import ApplicationFactory, InterviewFactory, PlacementFactory
from tests.factories.transitional import PayPeriodFactory, TimeEntryFactory, WorkAssignmentFactory
from tests.messaging.helpers import texting_participant

pytestmark = pytest.mark.django_db
K = TextMessageKind


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run `action` as if its transaction committed (on-commit callbacks run, nested
    ones too)."""

    def _commit(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return _commit


def _tomorrow_at(hour):
    return timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=1), time(hour))
    )


def texts(person, kind):
    return list(TextMessage.objects.filter(participant=person, kind=kind))


def test_an_interview_tomorrow_is_texted_once(commit):
    person = texting_participant()
    application = ApplicationFactory(
        participant=person, status=ApplicationStatus.INTERVIEW_SCHEDULED
    )
    InterviewFactory(application=application, starts_at=_tomorrow_at(10))
    commit(interview_reminders_send)
    commit(interview_reminders_send)
    [text] = texts(person, K.INTERVIEW_TOMORROW)
    assert application.employer.display_name in text.body


def test_a_job_club_session_tomorrow_is_texted_once_to_those_who_agreed(commit, staff_user):
    member = texting_participant(programs=[Program.JOB_CLUB])
    not_agreed = texting_participant(
        phone="+18165550143", programs=[Program.JOB_CLUB], agreed=False
    )
    not_in_job_club = texting_participant(phone="+18165550144", programs=[Program.HOUSING])
    JobClubSession.objects.create(
        starts_at=_tomorrow_at(13), place="Room 2", topic="resume", facilitator=staff_user
    )
    JobClubSession.objects.create(
        starts_at=_tomorrow_at(13) + timedelta(days=1), place="Room 2", topic="resume"
    )
    assert commit(jobseekers_services.job_club_text_reminders_send) == 1
    commit(jobseekers_services.job_club_text_reminders_send)
    [text] = texts(member, K.JOB_CLUB_TOMORROW)
    assert "Room 2" in text.body
    assert texts(not_agreed, K.JOB_CLUB_TOMORROW) == []
    assert texts(not_in_job_club, K.JOB_CLUB_TOMORROW) == []


def test_an_applications_new_stage_is_texted_once(commit):
    person = texting_participant()
    application = ApplicationFactory(participant=person)
    commit(
        lambda: application_transition(
            application=application, actor=person.facilitator, to=ApplicationStatus.REVIEWING
        )
    )
    [text] = texts(person, K.APPLICATION_STAGE)
    assert application.job.title in text.body
    assert str(ApplicationStatus.REVIEWING.label) in text.body


def test_no_text_about_the_participants_own_withdrawal(commit, participant):
    person = texting_participant(user=participant)
    application = ApplicationFactory(participant=person)
    commit(
        lambda: application_transition(
            application=application, actor=participant, to=ApplicationStatus.WITHDRAWN
        )
    )
    assert texts(person, K.APPLICATION_STAGE) == []


def test_a_retention_check_come_due_is_texted_once(commit):
    person = texting_participant()
    PlacementFactory(participant=person, start_date=timezone.localdate() - timedelta(days=30))
    long_overdue = texting_participant(phone="+18165550145")
    PlacementFactory(
        participant=long_overdue, start_date=timezone.localdate() - timedelta(days=120)
    )
    commit(retention_check_in_texts_send)
    commit(retention_check_in_texts_send)
    [text] = texts(person, K.RETENTION_CHECK_IN)
    assert "Riverside Foods" in text.body
    assert texts(long_overdue, K.RETENTION_CHECK_IN) == []


def test_a_pay_stub_ready_is_texted_once_when_the_run_is_approved(commit, admin_user):
    person = texting_participant()
    assignment = WorkAssignmentFactory(participant=person, starts_on=date(2026, 2, 1))
    TimeEntryFactory(assignment=assignment, work_date=date(2026, 3, 3))
    period = PayPeriodFactory(
        starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 8), pay_date=date(2026, 3, 10)
    )
    run = payroll_run_create(actor=admin_user, period=period)
    payroll_run_review(actor=admin_user, run=run)
    assert texts(person, K.PAY_STUB_READY) == []
    commit(lambda: payroll_run_approve(actor=admin_user, run=run))
    [text] = texts(person, K.PAY_STUB_READY)
    assert "March 10" in text.body


def test_referral_follow_up_is_ready_for_the_referrals_part(commit):
    person = texting_participant()
    commit(
        lambda: jobseekers_services.referral_follow_up_text_send(
            participant=person, referral_id=5, organization="Hope House"
        )
    )
    commit(
        lambda: jobseekers_services.referral_follow_up_text_send(
            participant=person, referral_id=5, organization="Hope House"
        )
    )
    [text] = texts(person, K.REFERRAL_FOLLOW_UP)
    assert "Hope House" in text.body


def test_a_referral_follow_up_due_is_texted_once(commit):
    from tests.factories.referrals import ReferralFactory

    person = texting_participant()
    referral = ReferralFactory(
        participant=person,
        made_on=timezone.localdate() - timedelta(days=7),
        follow_up_due_on=timezone.localdate(),
    )
    not_yet = ReferralFactory(
        participant=texting_participant(phone="+18165550143"),
        follow_up_due_on=timezone.localdate() + timedelta(days=1),
    )
    commit(jobseekers_services.referral_follow_up_texts_send)
    commit(jobseekers_services.referral_follow_up_texts_send)
    [text] = texts(person, K.REFERRAL_FOLLOW_UP)
    assert referral.organisation.name in text.body
    assert not texts(not_yet.participant, K.REFERRAL_FOLLOW_UP)
