"""Dashboard panels: the caseload and the referral follow-ups due for staff (for admins
also the supports waiting for approval); résumés, next job club, consents and referrals
for a participant."""

from django.db.models import Count, Q
from django.utils import timezone

from portal.core.panels import Panel
from portal.core.permissions import is_staff_member

from . import selectors
from .models import ParticipantStatus
from .permissions import can_decide_support


def panels(request) -> list[Panel]:
    user = request.user
    if is_staff_member(user):
        counts = selectors.caseload_for(user=user).aggregate(
            total=Count("id"),
            active=Count("id", filter=Q(status=ParticipantStatus.ACTIVE)),
            missing_id=Count(
                "id", filter=Q(has_state_id=False) | Q(has_social_security_card=False)
            ),
            no_resume=Count("id", filter=Q(has_resume=False)),
        )
        upcoming = selectors.job_club_sessions_for(user=user, upcoming=True).first()
        panels = [
            Panel(
                template="jobseekers/panels/staff.html",
                context={
                    "counts": counts,
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
