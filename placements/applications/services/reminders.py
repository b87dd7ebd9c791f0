"""Reminders by email: interviews the day before, and the weekly digest for each
facilitator of retention checks due or overdue and referral follow-ups overdue. The
tasks in `placements.applications.tasks` call these; so can a cron job through
`manage.py applications_reminders`."""

from collections import defaultdict
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from jobseekers.models import TextMessageKind
from jobseekers.selectors import referrals_follow_up_due
from placements.applications import rules
from placements.applications.selectors import (
    interviews_for_reminder,
    retention_checks_due_for_staff,
    retention_checks_for_check_in,
)
from portal.core.emails import email_on_commit

from ._common import EMAILS, notify_participant_side, text_participant_on_commit

# Rendered in each facilitator's language with the digest.
OVERDUE = gettext_lazy(" (overdue)")


@transaction.atomic
def interview_reminders_send() -> int:
    """Email the participant's staff and the participant about each interview tomorrow,
    and text the participant if they agreed to texts (once per interview). Returns how
    many interviews were reminded."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    count = 0
    for interview in interviews_for_reminder(on=tomorrow).select_for_update(of=("self",)):
        application = interview.application
        notify_participant_side(
            participant=application.participant,
            email="interview_reminder",
            context={
                "job": application.job.title,
                "employer": application.employer.display_name,
                # Values, not text: each reader's email shows them in their format.
                "time": interview.starts_at,
                "where": interview.video_link or interview.place,
            },
        )
        text_participant_on_commit(
            participant=application.participant,
            kind=TextMessageKind.INTERVIEW_TOMORROW,
            context={"employer": application.employer.display_name, "time": interview.starts_at},
            dedupe_key=f"interview:{interview.pk}",
        )
        interview.reminder_sent_at = timezone.now()
        interview.save(update_fields=["reminder_sent_at"])
        count += 1
    return count


def retention_digest_send() -> int:
    """The weekly email to each facilitator listing their caseload's retention checks
    due and overdue, and their referral follow-ups overdue (due before today; never
    staff's notes). Returns how many emails were queued."""
    today = timezone.localdate()
    overdue_before = today - timedelta(days=rules.retention_grace_days())
    checks_by_facilitator = defaultdict(list)
    for check in retention_checks_due_for_staff():
        facilitator = check.placement.participant.facilitator
        if facilitator is not None and facilitator.email:
            checks_by_facilitator[facilitator].append(
                {
                    "name": check.placement.participant.display_name,
                    "job": check.placement.job_title,
                    "days": check.days,
                    "day": check.due_on,
                    "late": OVERDUE if check.due_on < overdue_before else "",
                }
            )
    referrals_by_facilitator = defaultdict(list)
    for referral in referrals_follow_up_due(on_date=today - timedelta(days=1)):
        facilitator = referral.participant.facilitator
        if facilitator is not None and facilitator.email:
            referrals_by_facilitator[facilitator].append(
                {
                    "name": referral.participant.display_name,
                    # Rendered in the facilitator's language with the digest.
                    "need": referral.get_need_display,
                    "organisation": referral.organisation.name,
                    "day": referral.follow_up_due_on,
                }
            )
    facilitators = [*checks_by_facilitator, *referrals_by_facilitator]
    facilitators = list(dict.fromkeys(facilitators))
    with transaction.atomic():
        for facilitator in facilitators:
            checks = checks_by_facilitator.get(facilitator, [])
            referrals = referrals_by_facilitator.get(facilitator, [])
            email_on_commit(
                f"{EMAILS}/retention_digest",
                {
                    "checks": checks,
                    "count": len(checks),
                    "referrals": referrals,
                    "referral_count": len(referrals),
                },
                recipients=[(facilitator.email, facilitator.preferred_language)],
            )
    return len(facilitators)


@transaction.atomic
def retention_check_in_texts_send() -> int:
    """Text each placed participant whose retention check comes due today (or came due
    in the last days and is still open) a check-in about their job, if they agreed to
    texts; once per check. Run daily. Returns how many checks were offered a text."""
    count = 0
    for check in retention_checks_for_check_in():
        placement = check.placement
        text_participant_on_commit(
            participant=placement.participant,
            kind=TextMessageKind.RETENTION_CHECK_IN,
            context={"employer": placement.employer_name},
            dedupe_key=f"retention:{check.pk}",
        )
        count += 1
    return count
