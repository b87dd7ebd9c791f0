"""Federal Bonding requests for a placement and the bonding agency's answer."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.applications import rules
from placements.applications.exceptions import field_error
from placements.applications.models import BondingRequest, BondingStatus, Placement
from placements.applications.permissions import can_request_bond, is_placement_staff
from portal.core.audit import audit_record
from portal.core.exceptions import ConflictError, NotFoundError
from portal.core.models import User
from portal.core.money import to_money
from portal.core.transitions import transition_to

from ._common import decimal_input


@transaction.atomic
def bonding_request_create(*, placement: Placement, actor: User, amount) -> BondingRequest:
    """A Federal Bonding request (caseload staff or the employer): the amount in $5,000
    units up to $25,000, coverage for six months from the first day of work. Not for a
    job that has ended, nor twice for the same placement while one is requested or
    issued."""
    placement = (
        Placement.objects.select_for_update(of=("self",))
        .select_related("participant")
        .get(pk=placement.pk)
    )
    if not can_request_bond(actor, placement):
        raise NotFoundError()
    unit, maximum = rules.bonding_unit_amount(), rules.bonding_maximum_amount()
    message = _("Choose an amount in steps of $%(unit)s, up to $%(maximum)s.") % {
        "unit": f"{unit:,.0f}",
        "maximum": f"{maximum:,.0f}",
    }
    value = decimal_input(
        amount if amount not in (None, "") else unit, "amount", message, upper=maximum
    )
    if value <= 0 or value % unit:
        raise field_error("amount", message)
    if placement.separated_on:
        raise ConflictError(_("This job has ended: a bond is no longer possible."))
    if placement.bonding_requests.exclude(status="denied").exists():
        raise ConflictError(_("A bond is already requested for this job."))
    bond = BondingRequest.objects.create(
        placement=placement,
        amount=to_money(value),
        coverage_starts_on=placement.start_date,
        coverage_ends_on=rules.bonding_coverage_ends_on(placement.start_date),
        requested_by=actor,
    )
    audit_record(
        actor=actor,
        action="bonding.requested",
        target=placement,
        details={"amount": str(bond.amount)},
    )
    return bond


@transaction.atomic
def bonding_request_decide(
    *,
    bond: BondingRequest,
    actor: User,
    status: str,
    bond_number: str = "",
    denial_reason: str = "",
) -> BondingRequest:
    """Staff (the participant's caseload or an admin) record the Federal Bonding
    Program's answer to a request: `issued` with the bond number (coverage from the first
    day of work, `rules.bonding_coverage_ends_on`), or `denied` with the reason. Only a
    request still `requested` can be decided, once (`BondingRequest.ALLOWED_TRANSITIONS`;
    otherwise InvalidTransition, 409)."""
    bond = (
        BondingRequest.objects.select_for_update(of=("self",))
        .select_related("placement__participant")
        .get(pk=bond.pk)
    )
    placement = bond.placement
    if not is_placement_staff(actor, placement):
        raise NotFoundError()
    if status not in (BondingStatus.ISSUED, BondingStatus.DENIED):
        raise field_error("status", _("Choose whether the bond was issued or not."))
    bond_number = (bond_number or "").strip()
    denial_reason = (denial_reason or "").strip()
    if status == BondingStatus.ISSUED and not bond_number:
        raise field_error("bond_number", _("Enter the bond number from the bonding agency."))
    if len(bond_number) > 50:
        raise field_error("bond_number", _("The bond number can be at most 50 characters."))
    if status == BondingStatus.DENIED and not denial_reason:
        raise field_error("denial_reason", _("Say why the bond was not issued."))
    if len(denial_reason) > 300:
        raise field_error("denial_reason", _("The reason can be at most 300 characters."))
    previous = transition_to(
        bond,
        status,
        message=_("This bond request is already decided (%(status)s).")
        % {"status": bond.get_status_display()},
    )
    bond.decided_at = timezone.now()
    bond.decided_by = actor
    if status == BondingStatus.ISSUED:
        bond.bond_number = bond_number
        bond.coverage_starts_on = placement.start_date
        bond.coverage_ends_on = rules.bonding_coverage_ends_on(placement.start_date)
    else:
        bond.denial_reason = denial_reason
    bond.save()
    audit_record(
        actor=actor,
        action=f"bonding.{status}",
        target=placement,
        details={
            "bond": bond.pk,
            "from": previous,
            "to": status,
            **({"bond_number": bond_number} if status == BondingStatus.ISSUED else {}),
            **({"reason": denial_reason} if status == BondingStatus.DENIED else {}),
        },
    )
    return bond
