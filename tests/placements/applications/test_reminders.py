"""Reminder emails: interviews the day before (once), and the weekly retention digest."""

import io
from datetime import datetime, time, timedelta

from django.core.management import call_command
from django.utils import timezone

from placements.applications.services import interview_reminders_send, retention_digest_send
from placements.applications.tasks import interview_reminders_daily, retention_digest_weekly
from placements.models import ApplicationStatus, Interview
from tests.factories.applications import ApplicationFactory, InterviewFactory, PlacementFactory


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def test_interview_reminders_go_once_the_day_before(person, job, mail_at_once, mailoutbox):
    tomorrow = timezone.localdate() + timedelta(days=1)
    application = ApplicationFactory(
        participant=person, job=job, status=ApplicationStatus.INTERVIEW_SCHEDULED
    )
    interview = InterviewFactory(application=application, starts_at=_at(tomorrow, 10))
    InterviewFactory(starts_at=_at(tomorrow + timedelta(days=1), 10))  # the day after: not yet

    assert interview_reminders_send() == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted([person.facilitator.email, person.email])
    assert "tomorrow" in mailoutbox[0].body
    assert Interview.objects.get(pk=interview.pk).reminder_sent_at is not None
    assert interview_reminders_send() == 0
    assert len(mailoutbox) == 2


def test_the_weekly_digest_lists_due_and_overdue_checks(
    person, staff_user, mail_at_once, mailoutbox
):
    today = timezone.localdate()
    PlacementFactory(participant=person, start_date=today - timedelta(days=32))  # due
    PlacementFactory(participant=person, start_date=today - timedelta(days=100))  # overdue
    PlacementFactory(participant=person, start_date=today - timedelta(days=5))  # nothing due
    assert retention_digest_send() == 1
    (message,) = mailoutbox
    assert message.to == [staff_user.email]
    assert "Retention checks to record: 3" in message.subject
    assert "(overdue)" in message.body


def test_the_tasks_and_the_command_run(person, mail_at_once, mailoutbox):
    PlacementFactory(participant=person, start_date=timezone.localdate() - timedelta(days=32))
    assert interview_reminders_daily.enqueue().return_value == 0
    assert retention_digest_weekly.enqueue().return_value == 1
    call_command("applications_reminders", "--retention", stdout=io.StringIO())
    assert len(mailoutbox) == 2


def test_the_weekly_digest_lists_overdue_referral_follow_ups(
    person, staff_user, mail_at_once, mailoutbox
):
    from tests.factories.partners import PartnerOrganisationFactory
    from tests.factories.referrals import ReferralFactory

    today = timezone.localdate()
    ReferralFactory(
        participant=person,
        organisation=PartnerOrganisationFactory(name="Northland Shelter"),
        made_on=today - timedelta(days=10),
        note="Never in an email",
    )
    ReferralFactory(  # due today: on the dashboard, not yet overdue
        participant=person,
        organisation=PartnerOrganisationFactory(name="Due Today Pantry"),
        made_on=today - timedelta(days=7),
    )
    ReferralFactory(  # closed: nothing to follow up
        participant=person,
        organisation=PartnerOrganisationFactory(name="Closed Place"),
        status="connected",
        made_on=today - timedelta(days=30),
        follow_up_due_on=None,
    )
    assert retention_digest_send() == 1
    (message,) = mailoutbox
    assert message.to == [staff_user.email]
    assert "Referral follow-ups overdue: 1" in message.subject
    assert "Northland Shelter" in message.body
    assert "Due Today Pantry" not in message.body
    assert "Closed Place" not in message.body
    assert "Never in an email" not in message.body


def test_the_reminder_gives_the_time_in_each_readers_format(person, job, mail_at_once, mailoutbox):
    person.preferred_language = "es"
    person.save()
    tomorrow = timezone.localdate() + timedelta(days=1)
    application = ApplicationFactory(
        participant=person, job=job, status=ApplicationStatus.INTERVIEW_SCHEDULED
    )
    InterviewFactory(application=application, starts_at=_at(tomorrow, 15))

    interview_reminders_send()

    bodies = {m.to[0]: m.body for m in mailoutbox}
    assert "Time: 3 p.m." in bodies[person.facilitator.email]
    assert "Hora: 3:00 p.m." in bodies[person.email]
    assert "15:00" not in "".join(bodies.values())
