"""Dashboard panels of the matching area: a participant's top jobs, staff's new
matches for their caseload (read from the stored results: one query each)."""

from jobseekers.selectors import participant_for_user_account
from placements.matching import selectors
from portal.core.panels import Panel
from portal.core.permissions import is_staff_member


def panels(request) -> list[Panel]:
    user = request.user
    if is_staff_member(user):
        return [
            Panel(
                template="placements/matching/panels/staff.html",
                context={"matches": selectors.caseload_top_matches(user=user)},
                order=30,
            )
        ]
    participant = participant_for_user_account(user=user)
    if participant is None:
        return []
    return [
        Panel(
            template="placements/matching/panels/participant.html",
            context={"matches": selectors.matches_of(participant=participant, limit=3)},
            order=5,
        )
    ]
