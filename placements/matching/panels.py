"""Dashboard panels of the matching area: a participant's top jobs, staff's new
matches for their caseload (read from the stored results: one query each)."""

from jobseekers.selectors import participant_for_request
from placements.matching import selectors
from placements.matching.permissions import can_see_caseload_matches
from portal.core.panels import Panel


def panels(request) -> list[Panel]:
    user = request.user
    if can_see_caseload_matches(user):
        return [
            Panel(
                template="placements/matching/panels/staff.html",
                context={"matches": selectors.caseload_top_matches(user=user)},
                order=30,
            )
        ]
    participant = participant_for_request(request)
    if participant is None:
        return []
    return [
        Panel(
            template="placements/matching/panels/participant.html",
            context={"matches": selectors.matches_of(participant=participant, limit=3)},
            order=5,
        )
    ]
