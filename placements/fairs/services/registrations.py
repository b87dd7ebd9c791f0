"""Writes of the fairs area about RSVPs: registering (with the profile opt-in), the
opt-in itself, cancelling, and check-in at the door (walk-ins are registered and checked
in at once).

Concurrency: an RSVP locks the fair's row, so two people racing for the last place are
served one after the other (one gets it, the other FairFullError). A unique constraint
backs it (one live RSVP per person per fair).
"""

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from employers.models import FairStatus, HiringFair
from jobseekers.models import Participant
from jobseekers.selectors import consent_in_force
from jobseekers.services import consent_set
from placements.fairs.exceptions import (
    AlreadyRegisteredError,
    CheckInClosedError,
    FairFullError,
    RegistrationClosedError,
)
from placements.fairs.models import (
    REGISTRATION_ACTIVE,
    BookingStatus,
    FairRegistration,
    RegistrationStatus,
)
from placements.fairs.permissions import attend_refusal, can_act_for, can_check_in
from placements.fairs.selectors import FAIR_CONSENT
from placements.fairs.services._common import (
    booking_cancel_locked,
    locked_registration,
    move,
    time_text,
    when_text,
)
from portal.core.audit import audit_record
from portal.core.exceptions import NotFoundError, PermissionDeniedError
from portal.core.models import User
from portal.core.transitions import InvalidTransition


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
    day, by the staff working the fair or an admin) is registered and checked in at
    once, after the RSVP deadline too.

    The fair's row is locked first, so the participant capacity holds under
    concurrency. Raises NotFoundError (someone the actor may not act for),
    RegistrationClosedError (not published, past the deadline), NotPreReleaseError (a
    facility fair for someone already released), NotReleasedByFairError (a community
    fair that ends before the person's release date), AlreadyRegisteredError, FairFullError,
    CheckInClosedError (a walk-in on another day)."""
    if not can_act_for(actor, participant):
        raise NotFoundError()
    if walk_in and not can_check_in(actor, fair):
        raise PermissionDeniedError(_("Only the staff working this fair register walk-ins."))
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
            % {"date": when_text(fair.registration_deadline)}
        )
    refusal = attend_refusal(participant, fair)
    if refusal is not None:
        raise refusal
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


@transaction.atomic
def fair_registration_sharing_set(
    *, registration: FairRegistration, actor: User, share: bool
) -> FairRegistration:
    """Turn the profile opt-in for this fair on or off. Turning it on records the fair
    consent if it is not in force; turning it off hides the person from this fair's
    employers at once (withdrawing the consent itself, on "My consents", hides them at
    every fair). Raises NotFoundError, InvalidTransition (a cancelled RSVP)."""
    if not can_act_for(actor, registration.participant):
        raise NotFoundError()
    registration = locked_registration(registration)
    if not registration.is_active:
        raise InvalidTransition(_("This RSVP is cancelled."))
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


@transaction.atomic
def fair_registration_cancel(*, registration: FairRegistration, actor: User) -> FairRegistration:
    """Cancel an RSVP (the participant or their staff) before the fair starts; the
    person's interviews at the fair are cancelled with it and the place is free again.
    Raises NotFoundError, RegistrationClosedError (the fair has started),
    InvalidTransition (already cancelled or checked in)."""
    if not can_act_for(actor, registration.participant):
        raise NotFoundError()
    registration = locked_registration(registration)
    if registration.status == RegistrationStatus.CHECKED_IN:
        raise InvalidTransition(_("This person is already checked in at the fair."))
    if registration.status == RegistrationStatus.CANCELLED:
        raise InvalidTransition(_("This RSVP is already cancelled."))
    if timezone.now() >= registration.fair.starts_at:
        raise RegistrationClosedError(_("The fair has started: the RSVP cannot be cancelled now."))
    move(registration, RegistrationStatus.CANCELLED)
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    for booking in registration.bookings.select_for_update().filter(status=BookingStatus.BOOKED):
        booking_cancel_locked(booking, actor=actor)
    audit_record(actor=actor, action="fair_registration.cancelled", target=registration)
    return registration


@transaction.atomic
def fair_registration_check_in(*, registration: FairRegistration, actor: User) -> FairRegistration:
    """The staff working the fair (or an admin) check a registered person in at the
    door, on the day of the fair. Raises PermissionDeniedError (anyone else),
    CheckInClosedError (another day, the fair not published), InvalidTransition
    (cancelled RSVP, already checked in)."""
    if not can_check_in(actor, registration.fair):
        raise PermissionDeniedError(_("Only the staff working this fair check people in."))
    registration = locked_registration(registration)
    if registration.fair.status != FairStatus.PUBLISHED:
        raise CheckInClosedError(_("This fair is not open for check-in."))
    if registration.status == RegistrationStatus.CHECKED_IN:
        raise InvalidTransition(
            _("%(name)s is already checked in (at %(time)s).")
            % {
                "name": registration.participant.display_name,
                "time": time_text(registration.checked_in_at),
            }
        )
    if registration.status == RegistrationStatus.CANCELLED:
        raise InvalidTransition(
            _("This RSVP is cancelled. Register %(name)s as a walk-in instead.")
            % {"name": registration.participant.display_name}
        )
    _fair_day_check(registration.fair)
    move(registration, RegistrationStatus.CHECKED_IN)
    registration.checked_in_at = timezone.now()
    registration.checked_in_by = actor
    registration.save(update_fields=["status", "checked_in_at", "checked_in_by"])
    audit_record(actor=actor, action="fair_registration.checked_in", target=registration)
    return registration
