"""What the fairs services share: the status move with the fairs' message, the wording of
dates in messages, and the locked reads both halves of the area take."""

from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from placements.fairs.models import BookingStatus, FairRegistration, InterviewBooking
from portal.core.audit import audit_record
from portal.core.models import User
from portal.core.transitions import transition_to


def move(obj, status: str) -> None:
    """`transition_to` with the message the fairs area has always given (both statuses
    by name), code `illegal_transition`. Raises InvalidTransition."""
    choices = dict(obj._meta.get_field("status").choices)
    transition_to(
        obj,
        status,
        message=_("This cannot change from “%(current)s” to “%(new)s”.")
        % {"current": obj.get_status_display(), "new": choices[status]},
    )


def when_text(moment: datetime) -> str:
    """A date and time as the reader's language writes it, in the program's time zone."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def time_text(moment: datetime) -> str:
    return formats.time_format(timezone.localtime(moment), "TIME_FORMAT")


def locked_registration(registration: FairRegistration) -> FairRegistration:
    return (
        FairRegistration.objects.select_for_update(of=("self",))
        .select_related("fair", "participant")
        .get(pk=registration.pk)
    )


def booking_cancel_locked(booking: InterviewBooking, *, actor: User | None) -> None:
    """Cancel a booking whose row the caller has locked (audited). Raises
    InvalidTransition."""
    move(booking, BookingStatus.CANCELLED)
    booking.cancelled_at = timezone.now()
    booking.cancelled_by = actor
    booking.save(update_fields=["status", "cancelled_at", "cancelled_by"])
    audit_record(actor=actor, action="interview_booking.cancelled", target=booking)
