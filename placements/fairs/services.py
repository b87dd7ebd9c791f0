"""Writes of the fairs area: RSVPs (with the profile opt-in), check-in at the door and
walk-ins, interview slots offered by employers with a confirmed booth, and bookings.

Concurrency: an RSVP locks the fair's row, so two people racing for the last place are
served one after the other (one gets it, the other FairFullError). A booking locks the
slot's row and the participant's row, so a slot is never booked twice and one person
never gets two interviews at overlapping times, even from two phones at once. Unique
constraints back both (one live RSVP per person per fair, one live booking per slot).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from employers.models import BoothStatus, Employer, FairBooth, FairKind, FairStatus, HiringFair
from employers.permissions import employer_id_of
from jobseekers.models import Participant
from jobseekers.selectors import consent_in_force
from jobseekers.services import consent_set
from placements.fairs import rules
from placements.fairs.models import (
    REGISTRATION_ACTIVE,
    BookingStatus,
    FairInterviewMode,
    FairRegistration,
    InterviewBooking,
    InterviewSlot,
    RegistrationStatus,
    SlotStatus,
)
from placements.fairs.selectors import FAIR_CONSENT, can_act_for, can_check_in
from portal.core.audit import audit_record
from portal.core.exceptions import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from portal.core.models import User
from portal.core.permissions import is_staff_member
from portal.core.tasks import email_send, enqueue_on_commit

# --- errors ---------------------------------------------------------------------------


class RegistrationClosedError(ConflictError):
    default_code = "registration_closed"
    default_message = gettext_lazy("RSVPs for this fair are closed.")


class FairFullError(ConflictError):
    default_code = "fair_full"
    default_message = gettext_lazy(
        "This fair is full: every place is taken. Ask your job club staff about other fairs."
    )


class AlreadyRegisteredError(ConflictError):
    default_code = "already_registered"
    default_message = gettext_lazy("This person already has an RSVP for this fair.")


class NotPreReleaseError(ConflictError):
    default_code = "not_pre_release"
    default_message = gettext_lazy(
        "This fair is inside a correctional facility. It is only for people who have not "
        "been released yet."
    )


class CheckInClosedError(ConflictError):
    default_code = "check_in_closed"


class NoConfirmedBoothError(ConflictError):
    default_code = "no_confirmed_booth"
    default_message = gettext_lazy(
        "Your organization needs a confirmed booth at this fair to offer interviews. "
        "A booth is confirmed when its fee is paid."
    )


class SlotTakenError(ConflictError):
    default_code = "slot_taken"
    default_message = gettext_lazy(
        "Someone else just booked this interview time. Please choose another time."
    )


class SlotClosedError(ConflictError):
    default_code = "slot_closed"


class InterviewOverlapError(ConflictError):
    default_code = "interview_overlap"


class NotSharingError(ConflictError):
    default_code = "not_sharing_profile"
    default_message = gettext_lazy(
        "To book an interview, first choose to share the profile with this fair's employers."
    )


class IllegalTransitionError(ConflictError):
    default_code = "illegal_transition"


def _move(obj, status: str) -> None:
    if status not in obj.ALLOWED_TRANSITIONS[obj.status]:
        raise IllegalTransitionError(
            _("This cannot change from “%(current)s” to “%(new)s”.")
            % {
                "current": obj.get_status_display(),
                "new": dict(obj._meta.get_field("status").choices)[status],
            }
        )
    obj.status = status


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _time(moment: datetime) -> str:
    return formats.time_format(timezone.localtime(moment), "TIME_FORMAT")


# --- RSVPs ----------------------------------------------------------------------------


def _is_pre_release(participant: Participant) -> bool:
    return participant.release_date is not None and participant.release_date > timezone.localdate()


def _fair_day_check(fair: HiringFair) -> None:
    """Check-in (and walk-ins) happen on the day: from the fair's first day to its last,
    in the program's time zone."""
    today = timezone.localdate()
    first_day = timezone.localdate(fair.starts_at)
    if today < first_day:
        raise CheckInClosedError(
            _("Check-in opens on the day of the fair (%(date)s).")
            % {"date": formats.date_format(first_day, "DATE_FORMAT")}
        )
    if today > timezone.localdate(fair.ends_at):
        raise CheckInClosedError(_("This fair is over: check-in is closed."))


def _give_fair_consent(participant: Participant, actor: User) -> None:
    """Record the opt-in through the participants' consent service (one history row,
    only when the consent is not in force already)."""
    if not consent_in_force(participant=participant, kind=FAIR_CONSENT):
        consent_set(participant=participant, actor=actor, kind=FAIR_CONSENT, given=True)


@transaction.atomic
def fair_register(
    *,
    fair: HiringFair,
    participant: Participant,
    actor: User,
    share_profile: bool,
    walk_in: bool = False,
) -> FairRegistration:
    """RSVP `participant` to `fair`: the participant themself, staff for someone on
    their caseload, an admin for anyone. With `share_profile` the person opts in to
    share their profile with the fair's employers (recorded as the "share my profile
    with employers at hiring fairs I attend" consent). A `walk_in` (staff only, on the
    day) is registered and checked in at once, after the RSVP deadline too.

    The fair's row is locked first, so the participant capacity holds under
    concurrency. Raises NotFoundError (someone the actor may not act for),
    RegistrationClosedError (not published, past the deadline), NotPreReleaseError (a
    facility fair for someone already released), AlreadyRegisteredError, FairFullError,
    CheckInClosedError (a walk-in on another day)."""
    if not can_act_for(actor, participant):
        raise NotFoundError()
    if walk_in and not can_check_in(actor):
        raise PermissionDeniedError(_("Only staff register walk-ins."))
    fair = HiringFair.objects.select_for_update().get(pk=fair.pk)
    if fair.status != FairStatus.PUBLISHED:
        raise RegistrationClosedError(
            _("This fair is not taking RSVPs (it is %(status)s).")
            % {"status": fair.get_status_display().lower()}
        )
    now = timezone.now()
    if walk_in:
        _fair_day_check(fair)
    elif now > fair.registration_deadline:
        raise RegistrationClosedError(
            _("RSVPs for this fair closed on %(date)s.")
            % {"date": _when(fair.registration_deadline)}
        )
    if fair.kind == FairKind.FACILITY and not _is_pre_release(participant):
        raise NotPreReleaseError()
    active = FairRegistration.objects.filter(fair=fair, status__in=REGISTRATION_ACTIVE)
    if active.filter(participant=participant).exists():
        raise AlreadyRegisteredError(
            _("%(name)s already has an RSVP for this fair.") % {"name": participant.display_name}
        )
    if active.count() >= fair.participant_capacity:
        raise FairFullError()
    registration = FairRegistration.objects.create(
        fair=fair,
        participant=participant,
        shares_profile=bool(share_profile),
        walk_in=walk_in,
        registered_by=actor,
        status=RegistrationStatus.CHECKED_IN if walk_in else RegistrationStatus.REGISTERED,
        checked_in_at=now if walk_in else None,
        checked_in_by=actor if walk_in else None,
    )
    if share_profile:
        _give_fair_consent(participant, actor)
    audit_record(
        actor=actor,
        action="fair_registration.walk_in" if walk_in else "fair_registration.created",
        target=registration,
        details={"fair": fair.pk, "shares_profile": bool(share_profile)},
    )
    return registration


def _locked_registration(registration: FairRegistration) -> FairRegistration:
    return (
        FairRegistration.objects.select_for_update(of=("self",))
        .select_related("fair", "participant")
        .get(pk=registration.pk)
    )


@transaction.atomic
def fair_registration_sharing_set(
    *, registration: FairRegistration, actor: User, share: bool
) -> FairRegistration:
    """Turn the profile opt-in for this fair on or off. Turning it on records the fair
    consent if it is not in force; turning it off hides the person from this fair's
    employers at once (withdrawing the consent itself, on "My consents", hides them at
    every fair). Raises NotFoundError, IllegalTransitionError (a cancelled RSVP)."""
    if not can_act_for(actor, registration.participant):
        raise NotFoundError()
    registration = _locked_registration(registration)
    if not registration.is_active:
        raise IllegalTransitionError(_("This RSVP is cancelled."))
    registration.shares_profile = bool(share)
    registration.save(update_fields=["shares_profile"])
    if share:
        _give_fair_consent(registration.participant, actor)
    audit_record(
        actor=actor,
        action="fair_registration.sharing_changed",
        target=registration,
        details={"shares_profile": bool(share)},
    )
    return registration


def _booking_cancel(booking: InterviewBooking, *, actor: User | None) -> None:
    _move(booking, BookingStatus.CANCELLED)
    booking.cancelled_at = timezone.now()
    booking.cancelled_by = actor
    booking.save(update_fields=["status", "cancelled_at", "cancelled_by"])
    audit_record(actor=actor, action="interview_booking.cancelled", target=booking)


@transaction.atomic
def fair_registration_cancel(*, registration: FairRegistration, actor: User) -> FairRegistration:
    """Cancel an RSVP (the participant or their staff) before the fair starts; the
    person's interviews at the fair are cancelled with it and the place is free again.
    Raises NotFoundError, RegistrationClosedError (the fair has started),
    IllegalTransitionError (already cancelled or checked in)."""
    if not can_act_for(actor, registration.participant):
        raise NotFoundError()
    registration = _locked_registration(registration)
    if registration.status == RegistrationStatus.CHECKED_IN:
        raise IllegalTransitionError(_("This person is already checked in at the fair."))
    if registration.status == RegistrationStatus.CANCELLED:
        raise IllegalTransitionError(_("This RSVP is already cancelled."))
    if timezone.now() >= registration.fair.starts_at:
        raise RegistrationClosedError(_("The fair has started: the RSVP cannot be cancelled now."))
    _move(registration, RegistrationStatus.CANCELLED)
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    for booking in registration.bookings.select_for_update().filter(status=BookingStatus.BOOKED):
        _booking_cancel(booking, actor=actor)
    audit_record(actor=actor, action="fair_registration.cancelled", target=registration)
    return registration


@transaction.atomic
def fair_registration_check_in(*, registration: FairRegistration, actor: User) -> FairRegistration:
    """Staff check a registered person in at the door, on the day of the fair.
    Raises PermissionDeniedError (not staff), CheckInClosedError (another day, the fair
    not published), IllegalTransitionError (cancelled RSVP, already checked in)."""
    if not can_check_in(actor):
        raise PermissionDeniedError(_("Only staff check people in."))
    registration = _locked_registration(registration)
    if registration.fair.status != FairStatus.PUBLISHED:
        raise CheckInClosedError(_("This fair is not open for check-in."))
    if registration.status == RegistrationStatus.CHECKED_IN:
        raise IllegalTransitionError(
            _("%(name)s is already checked in (at %(time)s).")
            % {
                "name": registration.participant.display_name,
                "time": _time(registration.checked_in_at),
            }
        )
    if registration.status == RegistrationStatus.CANCELLED:
        raise IllegalTransitionError(
            _("This RSVP is cancelled. Register %(name)s as a walk-in instead.")
            % {"name": registration.participant.display_name}
        )
    _fair_day_check(registration.fair)
    _move(registration, RegistrationStatus.CHECKED_IN)
    registration.checked_in_at = timezone.now()
    registration.checked_in_by = actor
    registration.save(update_fields=["status", "checked_in_at", "checked_in_by"])
    audit_record(actor=actor, action="fair_registration.checked_in", target=registration)
    return registration


# --- interview slots ------------------------------------------------------------------


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
            % {"start": _when(fair.starts_at), "end": _time(fair.ends_at)}
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
    if employer_id_of(actor) != employer.pk:
        raise NotFoundError()
    fair = HiringFair.objects.get(pk=fair.pk)
    if fair.status != FairStatus.PUBLISHED:
        raise RegistrationClosedError(
            _("This fair is not open (it is %(status)s).")
            % {"status": fair.get_status_display().lower()}
        )
    if not FairBooth.objects.filter(
        fair=fair, employer=employer, status=BoothStatus.CONFIRMED
    ).exists():
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
    and the person gets an email if they have one. Raises NotFoundError,
    IllegalTransitionError (already cancelled)."""
    if employer_id_of(actor) != slot.employer_id and not is_staff_member(actor):
        raise NotFoundError()
    slot = (
        InterviewSlot.objects.select_for_update(of=("self",))
        .select_related("employer", "fair")
        .get(pk=slot.pk)
    )
    _move(slot, SlotStatus.CANCELLED)
    slot.cancelled_at = timezone.now()
    slot.save(update_fields=["status", "cancelled_at"])
    for booking in (
        slot.bookings.select_for_update()
        .filter(status=BookingStatus.BOOKED)
        .select_related("participant")
    ):
        _booking_cancel(booking, actor=actor)
        if not booking.participant.email:
            continue
        # In the participant's language, not the employer's who cancelled.
        with translation.override(booking.participant.preferred_language):
            enqueue_on_commit(
                email_send,
                subject=_("Your interview was cancelled"),
                body=_(
                    "%(employer)s cancelled your interview at %(fair)s on %(when)s. "
                    "You can book another time on the portal."
                )
                % {
                    "employer": slot.employer.display_name,
                    "fair": slot.fair.title,
                    "when": _when(slot.starts_at),
                },
                to=[booking.participant.email],
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
    have no other booked interview at an overlapping time (at any fair).

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
                "start": _time(clash.slot.starts_at),
                "end": _time(clash.slot.ends_at),
                "employer": clash.slot.employer.display_name,
            }
        )
    booking = InterviewBooking.objects.create(
        slot=slot, registration=registration, participant=participant, booked_by=actor
    )
    audit_record(
        actor=actor, action="interview_booking.created", target=booking, details={"slot": slot.pk}
    )
    # Each member in their own language, not the language of whoever booked.
    members = slot.employer.memberships.exclude(user__email="").values_list(
        "user__email", "user__preferred_language"
    )
    for email, language in members:
        with translation.override(language):
            enqueue_on_commit(
                email_send,
                subject=_("An interview is booked: %(fair)s") % {"fair": slot.fair.title},
                body=_("%(name)s booked your interview time on %(when)s at %(fair)s.\n")
                % {
                    "name": participant.display_name,
                    "when": _when(slot.starts_at),
                    "fair": slot.fair.title,
                },
                to=[email],
            )
    return booking


@transaction.atomic
def interview_booking_cancel(*, booking: InterviewBooking, actor: User) -> InterviewBooking:
    """Cancel a booking: the participant, their staff (admins), or the slot's employer.
    The slot is free again. Raises NotFoundError, IllegalTransitionError."""
    if not (
        can_act_for(actor, booking.participant) or employer_id_of(actor) == booking.slot.employer_id
    ):
        raise NotFoundError()
    booking = (
        InterviewBooking.objects.select_for_update(of=("self",))
        .select_related("slot", "participant")
        .get(pk=booking.pk)
    )
    if booking.status == BookingStatus.CANCELLED:
        raise IllegalTransitionError(_("This interview is already cancelled."))
    _booking_cancel(booking, actor=actor)
    return booking
