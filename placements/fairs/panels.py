"""Dashboard panels of the fairs area: "My hiring fairs" for a participant (RSVPs and
booked interviews), and for an employer the fairs where its booth is confirmed (to see
attendees and offer interview times)."""

from placements.fairs.selectors import (
    bookings_of_participant_user,
    registrations_of_participant_user,
    upcoming_fairs_with_confirmed_booth,
)
from portal.core.models import Role
from portal.core.panels import Panel
from portal.core.permissions import has_role

PANEL_ROWS = 10


def panels(request) -> list[Panel]:
    user = request.user
    if has_role(user, Role.PARTICIPANT):
        return [
            Panel(
                template="placements/fairs/panel_participant.html",
                context={
                    "registrations": list(
                        registrations_of_participant_user(user=user)[:PANEL_ROWS]
                    ),
                    "bookings": list(bookings_of_participant_user(user=user)[:PANEL_ROWS]),
                },
                order=40,
            )
        ]
    if has_role(user, Role.EMPLOYER):
        fairs = list(upcoming_fairs_with_confirmed_booth(user=user)[:PANEL_ROWS])
        if fairs:
            return [
                Panel(
                    template="placements/fairs/panel_employer.html",
                    context={"fairs": fairs},
                    order=15,
                )
            ]
    return []
