"""Dashboard panels: the caseload for staff (for admins also the supports waiting for
approval); résumés, next job club and consents for a participant."""

from django.db.models import Count, Q

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
                context={"counts": counts, "next_session": upcoming},
                order=10,
            )
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
    participant = selectors.participant_for_user_account(user=user)
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
