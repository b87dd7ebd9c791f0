"""Reminders by email: interviews the day before, and the weekly list of retention
checks due or overdue for each facilitator. The tasks in `placements.tasks_applications`
call these; so can a cron job through `manage.py applications_reminders`."""

from collections import defaultdict
from datetime import timedelta

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from placements.applications import rules
from placements.applications.selectors import (
    interviews_for_reminder,
    retention_checks_due_for_staff,
)
from portal.core.tasks import email_send, enqueue_on_commit

from ._common import notify_participant_side


@transaction.atomic
def interview_reminders_send() -> int:
    """Email the participant's staff and the participant about each interview tomorrow
    (once per interview). Returns how many interviews were reminded."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    count = 0
    for interview in interviews_for_reminder(on=tomorrow).select_for_update(of=("self",)):
        application = interview.application
        when = timezone.localtime(interview.starts_at)
        values = {
            "job": application.job.title,
            "employer": application.employer.display_name,
            "time": when.strftime("%H:%M"),
            "where": interview.video_link or interview.place,
        }
        notify_participant_side(
            participant=application.participant,
            subject=lambda values=values: _("Reminder: interview tomorrow for %(job)s") % values,
            body=lambda values=values: (
                _("The interview for %(job)s at %(employer)s is tomorrow at %(time)s. %(where)s")
                % values
            ),
        )
        interview.reminder_sent_at = timezone.now()
        interview.save(update_fields=["reminder_sent_at"])
        count += 1
    return count


def retention_digest_send() -> int:
    """The weekly email to each facilitator listing their caseload's retention checks
    due and overdue. Returns how many emails were queued."""
    overdue_before = timezone.localdate() - timedelta(days=rules.retention_grace_days())
    by_facilitator = defaultdict(list)
    for check in retention_checks_due_for_staff():
        facilitator = check.placement.participant.facilitator
        if facilitator is not None and facilitator.email:
            by_facilitator[facilitator].append(check)
    with transaction.atomic():
        for facilitator, checks in by_facilitator.items():
            with translation.override(facilitator.preferred_language):
                lines = [
                    _("- %(name)s, %(job)s: %(days)s-day check, due %(day)s%(late)s")
                    % {
                        "name": check.placement.participant.display_name,
                        "job": check.placement.job_title,
                        "days": check.days,
                        "day": check.due_on.isoformat(),
                        "late": _(" (overdue)") if check.due_on < overdue_before else "",
                    }
                    for check in checks
                ]
                enqueue_on_commit(
                    email_send,
                    subject=_("Retention checks to record: %(count)s") % {"count": len(checks)},
                    body=_("These follow-ups are due. Record them from your dashboard.")
                    + "\n\n"
                    + "\n".join(lines),
                    to=[facilitator.email],
                )
    return len(by_facilitator)
