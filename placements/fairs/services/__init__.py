"""Writes of the fairs area: RSVPs, check-in and walk-ins (`registrations`); interview
times offered by employers with a confirmed booth, and bookings (`interviews`).

Errors are in `placements.fairs.exceptions`; an illegal status change raises
`portal.core.transitions.InvalidTransition`.
"""

from placements.fairs.services.interviews import (
    SlotDetails,
    interview_book,
    interview_booking_cancel,
    interview_slot_cancel,
    interview_slot_offer,
)
from placements.fairs.services.registrations import (
    fair_register,
    fair_registration_cancel,
    fair_registration_check_in,
    fair_registration_sharing_set,
)

__all__ = [
    "SlotDetails",
    "fair_register",
    "fair_registration_cancel",
    "fair_registration_check_in",
    "fair_registration_sharing_set",
    "interview_book",
    "interview_booking_cancel",
    "interview_slot_cancel",
    "interview_slot_offer",
]
