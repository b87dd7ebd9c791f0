"""Dashboard panels: the caseload and the referral follow-ups due for staff (for admins
also the supports waiting for approval); résumés, next job club, consents and referrals
for a participant."""

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from portal.core.panels import Panel, counted_recently, recount
from portal.core.permissions import is_program_admin, is_staff_member

from . import selectors
from .models import ParticipantStatus
from .permissions import can_decide_support


def panels(request) -> list[Panel]:
    user = request.user
    if is_staff_member(user):
        counted_at = None
        if is_program_admin(user):
            # Every participant of the program: kept a minute, counted again after an
            # intake (the new person must show at once).
            counts, counted_at = counted_recently(
                name=PROGRAM_COUNTS, count=lambda: _caseload_counts(user)
            )
        else:
            counts = _caseload_counts(user)
        upcoming = selectors.job_club_sessions_for(user=user, upcoming=True).first()
        panels = [
            Panel(
                template="jobseekers/panels/staff.html",
                context={
                    "counts": counts,
                    "counted_at": counted_at,
                    "next_session": upcoming,
                    "replied": _people_with_new_replies(user),
                },
                order=10,
            ),
            _referrals_due_panel(user),
        ]
        if can_decide_support(user):
            panels.append(
                Panel(
                    template="jobseekers/panels/supports_admin.html",
                    context={"pending": selectors.supports_pending_approval(user=user).count()},
                    order=11,
                )
            )
        return panels
    participant = selectors.participant_for_request(request)
    if participant is None:
        return []
    return [
        Panel(
            template="jobseekers/panels/participant.html",
            context={
                "resumes": list(selectors.resumes_of(participant=participant)[:5]),
                "next_session": selectors.job_club_sessions_for(user=user, upcoming=True).first(),
                "consents": selectors.consents_current(participant=participant),
            },
            order=10,
        )
    ]


# The admin's caseload is the whole program (`counted_recently`).
PROGRAM_COUNTS = "caseload"


def program_counts_changed() -> None:
    """For the services that change the admin's caseload counts: count again once the
    change is committed."""
    transaction.on_commit(lambda: recount(name=PROGRAM_COUNTS))


def _caseload_counts(user) -> dict[str, int]:
    """The caseload's size, active people, those missing an ID document and those with
    no résumé yet (one query)."""
    return selectors.caseload_for(user=user).aggregate(
        total=Count("id"),
        active=Count("id", filter=Q(status=ParticipantStatus.ACTIVE)),
        missing_id=Count("id", filter=Q(has_state_id=False) | Q(has_social_security_card=False)),
        no_resume=Count("id", filter=Q(has_resume=False)),
    )


REFERRALS_DUE_SHOWN = 10


def _referrals_due_panel(user) -> Panel:
    """The caseload's referral follow-ups due today or earlier, oldest first, until
    recorded. Two queries whatever their number."""
    today = timezone.localdate()
    due = selectors.referrals_follow_up_due_for_staff(user=user, on_date=today)
    shown = list(due[:REFERRALS_DUE_SHOWN])
    more = due.count() - len(shown)
    return Panel(
        template="jobseekers/panels/referrals_due.html",
        context={"due": shown, "more": more, "today": today},
        order=11,
    )


def _people_with_new_replies(user, most: int = 5) -> list:
    """Participants on the caseload whose text replies wait to be read, newest first."""
    people = {}
    for reply in selectors.text_replies_unread_for(user=user).order_by("-created_at")[:50]:
        people.setdefault(reply.participant_id, reply.participant)
    return list(people.values())[:most]
