"""The fairs area's domain errors: RSVPs, check-in, interview slots and bookings.

An illegal status change is `portal.core.transitions.InvalidTransition` (code
`illegal_transition`), not a class of this area.
"""

from django.utils.translation import gettext_lazy as _

from portal.core.exceptions import ConflictError


class RegistrationClosedError(ConflictError):
    default_code = "registration_closed"
    default_message = _("RSVPs for this fair are closed.")


class FairFullError(ConflictError):
    default_code = "fair_full"
    default_message = _(
        "This fair is full: every place is taken. Ask your job club staff about other fairs."
    )


class AlreadyRegisteredError(ConflictError):
    default_code = "already_registered"
    default_message = _("This person already has an RSVP for this fair.")


class NotPreReleaseError(ConflictError):
    default_code = "not_pre_release"
    default_message = _(
        "This fair is inside a correctional facility. It is only for people who have not "
        "been released yet."
    )


class NotReleasedByFairError(ConflictError):
    """A person still inside cannot go to a community fair held before their release
    (a virtual fair, or a fair inside a facility, stays open to them). The service
    raises it with the fair's and the release's dates in the message."""

    default_code = "not_released_by_fair"
    default_message = _(
        "This fair is held in the community before the release date, so this person "
        "cannot go. Virtual fairs and fairs inside the facility are open to them."
    )


class CheckInClosedError(ConflictError):
    default_code = "check_in_closed"


class NoConfirmedBoothError(ConflictError):
    default_code = "no_confirmed_booth"
    default_message = _(
        "Your organization needs a confirmed booth at this fair to offer interviews. "
        "A booth is confirmed when its fee is paid."
    )


class SlotTakenError(ConflictError):
    default_code = "slot_taken"
    default_message = _("Someone else just booked this interview time. Please choose another time.")


class SlotClosedError(ConflictError):
    default_code = "slot_closed"


class InterviewOverlapError(ConflictError):
    default_code = "interview_overlap"


class NotSharingError(ConflictError):
    default_code = "not_sharing_profile"
    default_message = _(
        "To book an interview, first choose to share the profile with this fair's employers."
    )
