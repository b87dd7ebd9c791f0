"""Writes of the fairs area about interviews: times offered by employers with a confirmed
booth, their withdrawal, and bookings by participants (or their staff).

Concurrency: a booking locks the slot's row and the participant's row, so a slot is
never booked twice and one person never gets two interviews at overlapping times, even
from two phones at once. A unique constraint backs it (one live booking per slot).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import Employer, FairKind, FairStatus, HiringFair
from jobseekers.models import Participant
from jobseekers.selectors import consent_in_force
from placements.fairs import rules
from placements.fairs.exceptions import (
    InterviewOverlapError,
    NoConfirmedBoothError,
    NotSharingError,
    RegistrationClosedError,
    SlotClosedError,
    SlotTakenError,
)
from placements.fairs.models import (
    BookingStatus,
    FairInterviewMode,
    FairRegistration,
    InterviewBooking,
    InterviewSlot,
    SlotStatus,
)
from placements.fairs.permissions import (
    can_act_for,
    can_cancel_booking,
    can_manage_slot,
    can_offer_slots_for,
)
from placements.fairs.selectors import FAIR_CONSENT, employer_has_confirmed_booth
from placements.fairs.services._common import booking_cancel_locked, move, time_text, when_text
from portal.core.audit import audit_record
from portal.core.emails import email_on_commit
from portal.core.exceptions import ApplicationError, NotFoundError
from portal.core.models import User
from portal.core.transitions import InvalidTransition


@dataclass
class SlotDetails:
    starts_at: datetime
    length_minutes: int
    mode: str
    place: str


def _validated_slot(details: SlotDetails, fair: HiringFair) -> dict:
    errors: dict[str, list[str]] = {}
    place = (details.place or "").strip()
    if details.mode not in FairInterviewMode.values:
        errors["mode"] = [_("Choose in person or video call.")]
    elif fair.kind == FairKind.VIRTUAL and details.mode != FairInterviewMode.VIDEO:
        errors["mode"] = [_("This fair is virtual: interviews are by video call.")]
    if not place:
        errors["place"] = [_("Enter the table or room, or the video link.")]
    elif details.mode == FairInterviewMode.VIDEO:
        try:
            URLValidator(schemes=["https"])(place)
        except ValidationError:
            errors["place"] = [_("Enter the video link, starting with https://.")]
    shortest, longest = (
        rules.fair_interview_minimum_minutes(),
        rules.fair_interview_maximum_minutes(),
    )
    length = details.length_minutes
    if not isinstance(length, int) or isinstance(length, bool) or not shortest <= length <= longest:
        errors["length_minutes"] = [
            _("Enter a length from %(shortest)s to %(longest)s minutes.")
            % {"shortest": shortest, "longest": longest}
        ]
        length = None
    starts_at = details.starts_at
    if starts_at is None or timezone.is_naive(starts_at):
        errors["starts_at"] = [_("Enter the date and time the interview starts.")]
    elif starts_at <= timezone.now():
        errors["starts_at"] = [_("Choose a time in the future.")]
    elif length is not None and (
        starts_at < fair.starts_at or starts_at + timedelta(minutes=length) > fair.ends_at
    ):
        errors["starts_at"] = [
            _("Choose a time during the fair, from %(start)s to %(end)s.")
            % {"start": when_text(fair.starts_at), "end": time_text(fair.ends_at)}
        ]
    if errors:
        raise ApplicationError(next(iter(errors.values()))[0], fields=errors)
    return {
        "starts_at": starts_at,
        "length_minutes": length,
        "ends_at": starts_at + timedelta(minutes=length),
        "mode": details.mode,
        "place": place,
    }


@transaction.atomic
def interview_slot_offer(
    *, fair: HiringFair, employer: Employer, details: SlotDetails, actor: User
) -> InterviewSlot:
    """An employer with a confirmed booth offers an interview time at a published fair:
    during the fair, of the allowed length, in person (table or room) or by video
    (an https link; the only mode at a virtual fair).

    Raises NotFoundError (another organization), RegistrationClosedError (fair not
    published), NoConfirmedBoothError, ApplicationError (bad details, per field)."""
    if not can_offer_slots_for(actor, employer):
        raise NotFoundError()
    fair = HiringFair.objects.get(pk=fair.pk)
    if fair.status != FairStatus.PUBLISHED:
        raise RegistrationClosedError(
            _("This fair is not open (it is %(status)s).")
            % {"status": fair.get_status_display().lower()}
        )
    if not employer_has_confirmed_booth(employer_id=employer.pk, fair_id=fair.pk):
        raise NoConfirmedBoothError()
    slot = InterviewSlot.objects.create(
        fair=fair, employer=employer, created_by=actor, **_validated_slot(details, fair)
    )
    audit_record(
        actor=actor,
        action="interview_slot.offered",
        target=slot,
        details={"fair": fair.pk, "mode": slot.mode, "minutes": slot.length_minutes},
    )
    return slot


@transaction.atomic
def interview_slot_cancel(*, slot: InterviewSlot, actor: User) -> InterviewSlot:
    """The employer (or staff) withdraws an interview time; a booking on it is cancelled
    and the person gets an email (in their language) if they have an address. Raises
    NotFoundError, InvalidTransition (already cancelled)."""
    if not can_manage_slot(actor, slot):
        raise NotFoundError()
    slot = (
        InterviewSlot.objects.select_for_update(of=("self",))
        .select_related("employer", "fair")
        .get(pk=slot.pk)
    )
    move(slot, SlotStatus.CANCELLED)
    slot.cancelled_at = timezone.now()
    slot.save(update_fields=["status", "cancelled_at"])
    for booking in (
        slot.bookings.select_for_update()
        .filter(status=BookingStatus.BOOKED)
        .select_related("participant")
    ):
        booking_cancel_locked(booking, actor=actor)
        email_on_commit(
            "placements/fairs/email/interview_cancelled",
            {"slot": slot},
            recipients=[(booking.participant.email, booking.participant.preferred_language)],
        )
    audit_record(actor=actor, action="interview_slot.cancelled", target=slot)
    return slot


@transaction.atomic
def interview_book(
    *, slot: InterviewSlot, registration: FairRegistration, actor: User
) -> InterviewBooking:
    """Book `slot` for the person of `registration`: the participant themself or their
    staff (admins for anyone). The person must have an active RSVP at the slot's fair,
    share their profile with its employers and have the fair consent in force, and
    have no other booked interview at an overlapping time (at any fair). Each member of
    the slot's employer gets an email, in their own language.

    The slot's, the participant's and the RSVP's rows are locked, so two bookings of one
    slot, or two overlapping bookings of one person, cannot both succeed, nor a booking
    slip in while the RSVP is being cancelled. Raises
    NotFoundError, SlotClosedError (cancelled or past), SlotTakenError, NotSharingError,
    InterviewOverlapError, RegistrationClosedError (RSVP cancelled, fair not open)."""
    if not can_act_for(actor, registration.participant):
        raise NotFoundError()
    slot = (
        InterviewSlot.objects.select_for_update(of=("self",))
        .select_related("employer", "fair")
        .get(pk=slot.pk)
    )
    participant = Participant.objects.select_for_update().get(pk=registration.participant_id)
    # Locked too: an RSVP cancelled at this moment (which cancels its bookings) must not
    # be left with a booking made while it was being cancelled.
    registration = (
        FairRegistration.objects.select_for_update(of=("self",))
        .select_related("fair")
        .get(pk=registration.pk)
    )
    if slot.fair_id != registration.fair_id:
        raise NotFoundError(_("This interview time is at another fair."))
    if not registration.is_active:
        raise RegistrationClosedError(_("This RSVP is cancelled: RSVP again to book an interview."))
    if slot.fair.status != FairStatus.PUBLISHED:
        raise RegistrationClosedError(_("This fair is not open."))
    if slot.status != SlotStatus.OPEN:
        raise SlotClosedError(_("The employer cancelled this interview time."))
    if slot.starts_at <= timezone.now():
        raise SlotClosedError(_("This interview time has passed."))
    if not (
        registration.shares_profile and consent_in_force(participant=participant, kind=FAIR_CONSENT)
    ):
        raise NotSharingError()
    if slot.bookings.filter(status=BookingStatus.BOOKED).exists():
        raise SlotTakenError()
    clash = (
        InterviewBooking.objects.filter(
            participant=participant,
            status=BookingStatus.BOOKED,
            slot__starts_at__lt=slot.ends_at,
            slot__ends_at__gt=slot.starts_at,
        )
        .select_related("slot__employer")
        .first()
    )
    if clash is not None:
        raise InterviewOverlapError(
            _(
                "%(name)s already has an interview from %(start)s to %(end)s with "
                "%(employer)s. Choose a time that does not overlap."
            )
            % {
                "name": participant.display_name,
                "start": time_text(clash.slot.starts_at),
                "end": time_text(clash.slot.ends_at),
                "employer": clash.slot.employer.display_name,
            }
        )
    booking = InterviewBooking.objects.create(
        slot=slot, registration=registration, participant=participant, booked_by=actor
    )
    audit_record(
        actor=actor, action="interview_booking.created", target=booking, details={"slot": slot.pk}
    )
    email_on_commit(
        "placements/fairs/email/interview_booked",
        {"slot": slot, "participant": participant},
        recipients=slot.employer.memberships.values_list("user__email", "user__preferred_language"),
    )
    return booking


@transaction.atomic
def interview_booking_cancel(*, booking: InterviewBooking, actor: User) -> InterviewBooking:
    """Cancel a booking: the participant, their staff (admins), or the slot's employer.
    The slot is free again. Raises NotFoundError, InvalidTransition."""
    if not can_cancel_booking(actor, booking):
        raise NotFoundError()
    booking = (
        InterviewBooking.objects.select_for_update(of=("self",))
        .select_related("slot", "participant")
        .get(pk=booking.pk)
    )
    if booking.status == BookingStatus.CANCELLED:
        raise InvalidTransition(_("This interview is already cancelled."))
    booking_cancel_locked(booking, actor=actor)
    return booking
