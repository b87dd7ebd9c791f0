"""Hiring fairs and employer booths, with the booth fee paid through portal.payments."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.exceptions import (
    BoothFullError,
    BoothTakenError,
    EmployerNotApprovedError,
    FairClosedError,
)
from employers.models import (
    BOOTH_HOLDS_PLACE,
    BoothStatus,
    Employer,
    FairBooth,
    FairKind,
    FairStatus,
    HiringFair,
    VettingStatus,
)
from employers.permissions import (
    can_assign_fair_staff,
    can_book_booth_for,
    can_manage_booth,
    can_manage_fairs,
    employer_id_of,
)
from employers.selectors import employer_member_recipients
from employers.services._common import full_clean_or_error, move
from portal.core.audit import audit_record
from portal.core.emails import email_on_commit
from portal.core.exceptions import ApplicationError, PermissionDeniedError
from portal.core.models import User
from portal.core.money import to_money
from portal.core.selectors import staff_members
from portal.payments.models import Payment, PaymentStatus
from portal.payments.registry import payment_reference
from portal.payments.services import (
    payment_cancel,
    payment_checkout_start,
    payment_create,
    payment_refund,
)

BOOTH_PAYMENT_PREFIX = "booth"


@dataclass
class FairDetails:
    title: str
    kind: str
    venue: str
    starts_at: datetime
    ends_at: datetime
    registration_deadline: datetime
    employer_capacity: int
    participant_capacity: int
    booth_fee: Decimal
    description: str = ""
    # Shown instead of `description` to readers who chose Spanish; empty: the description.
    description_es: str = ""


def _validated(details: FairDetails) -> dict:
    errors: dict[str, list[str]] = {}
    if details.kind not in FairKind.values:
        errors["kind"] = [_("Choose a kind of fair.")]
    if details.ends_at <= details.starts_at:
        errors["ends_at"] = [_("The fair must end after it starts.")]
    if details.registration_deadline > details.starts_at:
        errors["registration_deadline"] = [_("Registration must close before the fair starts.")]
    if (details.employer_capacity or 0) < 1:
        errors["employer_capacity"] = [_("Enter at least 1 booth.")]
    if (details.participant_capacity or 0) < 1:
        errors["participant_capacity"] = [_("Enter at least 1 place.")]
    fee = to_money(details.booth_fee)
    if fee < 0:
        errors["booth_fee"] = [_("The fee cannot be negative.")]
    if errors:
        raise ApplicationError(next(iter(errors.values()))[0], fields=errors)
    return {**details.__dict__, "booth_fee": fee}


def _staff_working_set(fair: HiringFair, staff_ids: Iterable[int], actor: User) -> None:
    """Replace who works `fair` (the fair's row is locked or new). Every id must be an
    active staff member or admin, else ApplicationError on `staff_working` and nothing
    changes. Audited with who was added and removed."""
    wanted = {int(pk) for pk in staff_ids}
    staff = list(staff_members().filter(pk__in=wanted))
    if len(staff) != len(wanted):
        message = _("Choose active staff members only.")
        raise ApplicationError(message, fields={"staff_working": [message]})
    before = set(fair.staff_working.values_list("pk", flat=True))
    if before == wanted:
        return
    fair.staff_working.set(staff)
    audit_record(
        actor=actor,
        action="fair.staff_working_changed",
        target=fair,
        details={"added": sorted(wanted - before), "removed": sorted(before - wanted)},
    )


def _may_assign_staff(actor: User, fair: HiringFair | None, staff_ids) -> None:
    if staff_ids is not None and not can_assign_fair_staff(actor, fair):
        raise PermissionDeniedError(
            _("Only a program admin or the fair's organiser chooses the staff working it.")
        )


@transaction.atomic
def fair_create(
    *, details: FairDetails, actor: User, staff_working: Iterable[int] | None = None
) -> HiringFair:
    """Staff create a fair (a draft until published); the creator is its organiser and
    may name the staff working it (`staff_working`: user ids of active staff)."""
    if not can_manage_fairs(actor):
        raise PermissionDeniedError()
    _may_assign_staff(actor, None, staff_working)
    fair = HiringFair(created_by=actor, **_validated(details))
    full_clean_or_error(fair)
    fair.save()
    audit_record(actor=actor, action="fair.created", target=fair)
    if staff_working is not None:
        _staff_working_set(fair, staff_working, actor)
    return fair


@transaction.atomic
def fair_update(
    *,
    fair: HiringFair,
    details: FairDetails,
    actor: User,
    staff_working: Iterable[int] | None = None,
) -> HiringFair:
    """Staff change a fair that is not over. The capacity cannot drop below the booths
    already taken. `staff_working` (user ids; None leaves it as it is) only from a
    program admin or the fair's organiser (PermissionDeniedError for other staff)."""
    if not can_manage_fairs(actor):
        raise PermissionDeniedError()
    fair = HiringFair.objects.select_for_update().get(pk=fair.pk)
    _may_assign_staff(actor, fair, staff_working)
    if fair.status in (FairStatus.COMPLETED, FairStatus.CANCELLED):
        raise FairClosedError(_("A completed or cancelled fair cannot be changed."))
    taken = fair.booths.filter(status__in=BOOTH_HOLDS_PLACE).count()
    if details.employer_capacity < taken:
        raise ApplicationError(
            _("%(count)s booths are already taken.") % {"count": taken},
            fields={"employer_capacity": [_("Enter at least %(count)s.") % {"count": taken}]},
        )
    for name, value in _validated(details).items():
        setattr(fair, name, value)
    full_clean_or_error(fair)
    fair.save()
    audit_record(actor=actor, action="fair.updated", target=fair)
    if staff_working is not None:
        _staff_working_set(fair, staff_working, actor)
    return fair


@transaction.atomic
def fair_staff_working_set(*, fair: HiringFair, staff_working: Iterable[int], actor: User):
    """A program admin or the fair's organiser names the staff working the fair (they
    see its whole RSVP list and check people in; others see their caseload's RSVPs).
    Allowed on a fair that is over too (the record of who worked it). Raises
    PermissionDeniedError, ApplicationError (an id that is not active staff)."""
    fair = HiringFair.objects.select_for_update().get(pk=fair.pk)
    _may_assign_staff(actor, fair, staff_working)
    _staff_working_set(fair, staff_working, actor)
    return fair


@transaction.atomic
def fair_publish(*, fair: HiringFair, actor: User) -> HiringFair:
    if not can_manage_fairs(actor):
        raise PermissionDeniedError()
    fair = HiringFair.objects.select_for_update().get(pk=fair.pk)
    move(fair, FairStatus.PUBLISHED)
    fair.save(update_fields=["status"])
    audit_record(actor=actor, action="fair.published", target=fair)
    return fair


@transaction.atomic
def fair_complete(*, fair: HiringFair, actor: User) -> HiringFair:
    if not can_manage_fairs(actor):
        raise PermissionDeniedError()
    fair = HiringFair.objects.select_for_update().get(pk=fair.pk)
    move(fair, FairStatus.COMPLETED)
    fair.save(update_fields=["status"])
    audit_record(actor=actor, action="fair.completed", target=fair)
    return fair


@transaction.atomic
def fair_cancel(*, fair: HiringFair, actor: User) -> HiringFair:
    """Staff cancel a fair: every booth is cancelled and every paid fee refunded in full;
    the employers get an email."""
    if not can_manage_fairs(actor):
        raise PermissionDeniedError()
    fair = HiringFair.objects.select_for_update().get(pk=fair.pk)
    move(fair, FairStatus.CANCELLED)
    fair.save(update_fields=["status"])
    for booth in fair.booths.select_related("payment", "employer").filter(
        status__in=BOOTH_HOLDS_PLACE
    ):
        _booth_cancel(booth, actor=actor, refund=True)
    audit_record(actor=actor, action="fair.cancelled", target=fair)
    return fair


def _booth_confirm(booth: FairBooth) -> None:
    move(booth, BoothStatus.CONFIRMED)
    booth.confirmed_at = timezone.now()
    booth.save(update_fields=["status", "confirmed_at"])
    # Every member with an email hears of it, whether or not their account is on yet.
    email_on_commit(
        "employers/email/booth_confirmed",
        {
            "fair": booth.fair.title,
            # The email shows it in each reader's language and format.
            "date": booth.fair.starts_at,
        },
        recipients=employer_member_recipients(employer_id=booth.employer_id, active_only=False),
        together=True,
    )


@transaction.atomic
def booth_book(*, fair: HiringFair, employer: Employer, actor: User) -> FairBooth:
    """Book a booth for `employer` at `fair`. The fair row is locked first, so two
    employers racing for the last booth are served one after the other: one gets it, the
    other BoothFullError. A free booth is confirmed at once; a fee opens a payment and
    the booth waits for it (holding its place).

    Raises PermissionDeniedError (another employer), EmployerNotApprovedError,
    FairClosedError (not published, cancelled, past the deadline), BoothTakenError,
    BoothFullError."""
    if not can_book_booth_for(actor, employer):
        raise PermissionDeniedError(_("You can only book a booth for your own organization."))
    if employer.status != VettingStatus.APPROVED:
        raise EmployerNotApprovedError()
    fair = HiringFair.objects.select_for_update().get(pk=fair.pk)
    if fair.status != FairStatus.PUBLISHED:
        raise FairClosedError(
            _("This fair is not taking bookings (it is %(status)s).")
            % {"status": fair.get_status_display().lower()}
        )
    if timezone.now() > fair.registration_deadline:
        raise FairClosedError(_("Registration for this fair has closed."))
    booths = fair.booths.filter(status__in=BOOTH_HOLDS_PLACE)
    if booths.filter(employer=employer).exists():
        raise BoothTakenError()
    if booths.count() >= fair.employer_capacity:
        raise BoothFullError()
    booth = FairBooth.objects.create(
        fair=fair, employer=employer, fee=fair.booth_fee, booked_by=actor
    )
    if fair.booth_fee > 0:
        booth.payment = payment_create(
            reference=payment_reference(BOOTH_PAYMENT_PREFIX, booth.pk),
            description=_("Booth at %(fair)s") % {"fair": fair.title},
            payer_label=employer.display_name,
            amount=fair.booth_fee,
            actor=actor,
        )
        booth.save(update_fields=["payment"])
    else:
        _booth_confirm(booth)
    audit_record(actor=actor, action="booth.booked", target=booth, details={"fee": str(booth.fee)})
    return booth


def booth_checkout_url(*, booth: FairBooth, actor: User, success_url: str, cancel_url: str) -> str:
    """Where to pay the booth's fee by card ("" when payment is offline or not due).
    Raises PermissionDeniedError for another employer's booth."""
    if employer_id_of(actor) != booth.employer_id:
        raise PermissionDeniedError(_("You can only pay for your own organization's booth."))
    if booth.status != BoothStatus.PENDING_PAYMENT or booth.payment is None:
        return ""
    return payment_checkout_start(
        payment=booth.payment, success_url=success_url, cancel_url=cancel_url, actor=actor
    )


def _booth_cancel(booth: FairBooth, *, actor: User | None, refund: bool) -> None:
    move(booth, BoothStatus.CANCELLED)
    booth.cancelled_at = timezone.now()
    booth.save(update_fields=["status", "cancelled_at"])
    payment = booth.payment
    if payment is not None:
        if payment.status == PaymentStatus.PAID and refund:
            payment_refund(payment=payment, actor=actor, notify_app=False)
        elif payment.status != PaymentStatus.PAID:
            payment_cancel(payment=payment, actor=actor)
    audit_record(actor=actor, action="booth.cancelled", target=booth, details={"refund": refund})


@transaction.atomic
def booth_cancel(*, booth: FairBooth, actor: User) -> FairBooth:
    """Cancel a booth. Before the registration deadline a paid fee is refunded in full;
    after it, the employer cannot cancel (staff can, without refund)."""
    booth = (
        FairBooth.objects.select_for_update(of=("self",))
        .select_related("fair", "payment")
        .get(pk=booth.pk)
    )
    if not can_manage_booth(actor, booth):
        raise PermissionDeniedError()
    before_deadline = timezone.now() <= booth.fair.registration_deadline
    if not before_deadline and not can_manage_fairs(actor):
        raise FairClosedError(
            _("Registration has closed, so the booth cannot be cancelled here. Contact staff.")
        )
    _booth_cancel(booth, actor=actor, refund=before_deadline)
    return booth


def booth_payment_received(payment: Payment) -> None:
    """portal.payments handler: a booth's fee is paid, so the booth is confirmed. A
    payment for a booth cancelled meanwhile is flagged for staff to refund."""
    booth = FairBooth.objects.select_for_update().select_related("fair").get(payment=payment)
    if booth.status == BoothStatus.PENDING_PAYMENT:
        _booth_confirm(booth)
        audit_record(actor=None, action="booth.confirmed", target=booth)
    elif booth.status == BoothStatus.CANCELLED:
        payment.needs_review = True
        payment.review_reason = "Paid for a booth that was cancelled: refund it."
        payment.save(update_fields=["needs_review", "review_reason"])


def booth_payment_refunded(payment: Payment) -> None:
    """portal.payments handler: the fee was refunded (from Stripe's dashboard, say), so
    the booth is cancelled."""
    booth = FairBooth.objects.select_for_update().get(payment=payment)
    if booth.status != BoothStatus.CANCELLED:
        move(booth, BoothStatus.CANCELLED)
        booth.cancelled_at = timezone.now()
        booth.save(update_fields=["status", "cancelled_at"])
        audit_record(actor=None, action="booth.cancelled", target=booth, details={"refund": True})
