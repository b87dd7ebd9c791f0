"""Direct supports and the funding sources that pay for them.

Exactness as in payroll: amounts are Decimal to the cent; a funding source's row is
locked (select_for_update) while its budget is checked and a support written, so two
staff saving at the same moment cannot together spend more than is left: the second
waits for the first's commit, then sees its support in the sum.

What counts against a budget: supports given and supports waiting for approval (the money
is set aside when staff ask, so an admin's approval never overspends). A declined support
gives its amount back.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.audit import audit_record
from portal.core.exceptions import ApplicationError, NotFoundError
from portal.core.models import User
from portal.core.templatetags.formatting import money
from portal.core.transitions import transition_to

from .. import rules
from ..models import (
    ALLOWED_SUPPORT_TRANSITIONS,
    RESERVING_SUPPORT_STATUSES,
    FundingSource,
    Participant,
    Support,
    SupportKind,
    SupportStatus,
)
from ..permissions import can_decide_support, can_manage_funding_sources, can_record_support
from ._common import _full_clean

CENT = Decimal("0.01")
NOTE_MAX_LENGTH = 500


def _field_error(field: str, message: str, *, code: str = "invalid") -> ApplicationError:
    return ApplicationError(
        _("Please correct the errors below."), code=code, fields={field: [message]}
    )


def _money(value, *, field: str, allow_zero: bool = False) -> Decimal:
    """`value` as a Decimal of dollars and cents; refuses fractions of a cent, a negative
    amount (and zero unless allowed) and more than 12 digits."""
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as error:
        raise _field_error(field, _("Enter an amount in dollars and cents.")) from error
    if not amount.is_finite() or amount != amount.quantize(CENT):
        raise _field_error(field, _("Enter an amount in dollars and cents."))
    if amount < 0 or (amount == 0 and not allow_zero):
        raise _field_error(
            field, _("The amount must be more than zero."), code="amount_not_positive"
        )
    if amount >= Decimal("10000000000"):
        raise _field_error(field, _("This amount is too large."))
    return amount.quantize(CENT)


def reserved_amount(funding_source: FundingSource, *, excluding: Support | None = None) -> Decimal:
    """What is spent or set aside from the source's budget, to the cent."""
    supports = Support.objects.filter(
        funding_source=funding_source, status__in=RESERVING_SUPPORT_STATUSES
    )
    if excluding is not None:
        supports = supports.exclude(pk=excluding.pk)
    return supports.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")


def _locked_source(funding_source) -> FundingSource:
    """The funding source (an instance or an id) with its row locked until commit.
    An unknown id is a field error, not a 404: the source is input, not the target."""
    source_id = getattr(funding_source, "pk", funding_source)
    try:
        return FundingSource.objects.select_for_update().get(pk=int(source_id))
    except (FundingSource.DoesNotExist, TypeError, ValueError) as error:
        raise _field_error(
            "funding_source",
            _("Choose a funding source from the list."),
            code="unknown_funding_source",
        ) from error


def _check_period(*, name: str, starts_on: date, ends_on: date) -> None:
    if not (name or "").strip():
        raise _field_error("name", _("Give the funding source a name."))
    if ends_on < starts_on:
        raise _field_error(
            "ends_on", _("The period cannot end before it starts."), code="invalid_dates"
        )


@transaction.atomic
def funding_source_create(
    *,
    actor: User,
    name: str,
    budget,
    starts_on: date,
    ends_on: date,
    is_active: bool = True,
) -> FundingSource:
    """Add a funding source with its budget for a period. Program admins only (anyone
    else: NotFoundError). Raises ApplicationError for a negative budget, a period that
    ends before it starts, or a name already used for a period starting that day."""
    if not can_manage_funding_sources(actor):
        raise NotFoundError()
    _check_period(name=name, starts_on=starts_on, ends_on=ends_on)
    source = FundingSource(
        name=name.strip(),
        budget=_money(budget, field="budget", allow_zero=True),
        starts_on=starts_on,
        ends_on=ends_on,
        is_active=is_active,
    )
    _full_clean(source)
    source.save()
    audit_record(
        actor=actor,
        action="funding_source.created",
        target=source,
        details={"budget": str(source.budget), "starts_on": starts_on.isoformat()},
    )
    return source


@transaction.atomic
def funding_source_update(
    *,
    actor: User,
    funding_source: FundingSource,
    name: str,
    budget,
    starts_on: date,
    ends_on: date,
    is_active: bool,
) -> FundingSource:
    """Change a funding source. The budget cannot go below what its supports already
    use, and the period must still hold every support it paid (the row is locked, so a
    support saved meanwhile is counted). Program admins only."""
    if not can_manage_funding_sources(actor):
        raise NotFoundError()
    source = _locked_source(funding_source)
    _check_period(name=name, starts_on=starts_on, ends_on=ends_on)
    budget = _money(budget, field="budget", allow_zero=True)
    used = reserved_amount(source)
    if budget < used:
        raise _field_error(
            "budget",
            _("Supports already use %(used)s of this budget: it cannot be less.")
            % {"used": money(used)},
            code="budget_below_spent",
        )
    outside = (
        source.supports.filter(status__in=RESERVING_SUPPORT_STATUSES)
        .exclude(given_on__range=(starts_on, ends_on))
        .exists()
    )
    if outside:
        raise _field_error(
            "starts_on",
            _("Some supports paid by this source fall outside the new period."),
            code="invalid_dates",
        )
    before = {"budget": str(source.budget), "is_active": source.is_active}
    source.name, source.budget = name.strip(), budget
    source.starts_on, source.ends_on, source.is_active = starts_on, ends_on, is_active
    _full_clean(source)
    source.save()
    audit_record(
        actor=actor,
        action="funding_source.updated",
        target=source,
        details={
            "from": before,
            "to": {"budget": str(source.budget), "is_active": source.is_active},
        },
    )
    return source


@transaction.atomic
def support_record(
    *,
    participant: Participant,
    actor: User,
    kind: str,
    amount,
    given_on: date,
    funding_source,
    note: str = "",
) -> Support:
    """Record a support given to the participant, paid by `funding_source` (an instance
    or an id). Caseload staff and admins only (anyone else: NotFoundError).

    Over PORTAL_SUPPORT_APPROVAL_THRESHOLD, a support recorded by staff waits for an
    admin's approval (its amount is set aside at once); one an admin records is approved
    by them. Otherwise it is given, approved by the person recording it.

    Raises ApplicationError (nothing saved) for an unknown kind, an amount that is not
    more than zero or not in cents, a date in the future, an unknown or inactive source,
    a date outside the source's period, or an amount above what is left of its budget
    (checked with the source's row locked).
    """
    if not can_record_support(actor, participant):
        raise NotFoundError()
    if kind not in SupportKind.values:
        raise _field_error("kind", _("Choose what was given from the list."))
    amount = _money(amount, field="amount")
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise _field_error("note", _("Keep the note under 500 characters."))
    if given_on > timezone.localdate():
        raise _field_error("given_on", _("The date cannot be in the future."), code="invalid_dates")
    source = _locked_source(funding_source)
    if not source.is_active:
        raise _field_error(
            "funding_source",
            _("“%(name)s” is no longer active: choose another funding source.")
            % {"name": source.name},
            code="inactive_funding_source",
        )
    if not source.covers(given_on):
        raise _field_error(
            "given_on",
            _("“%(name)s” pays for supports from %(start)s to %(end)s only.")
            % {
                "name": source.name,
                "start": source.starts_on.isoformat(),
                "end": source.ends_on.isoformat(),
            },
            code="outside_funding_period",
        )
    left = source.budget - reserved_amount(source)
    if amount > left:
        raise _field_error(
            "amount",
            _("Only %(left)s is left in “%(name)s”.")
            % {"left": money(max(left, Decimal(0))), "name": source.name},
            code="over_budget",
        )
    needs_approval = amount > rules.support_approval_threshold() and not can_decide_support(actor)
    support = Support(
        participant=participant,
        kind=kind,
        amount=amount,
        given_on=given_on,
        funding_source=source,
        note=note,
        recorded_by=actor,
        status=SupportStatus.PENDING_APPROVAL if needs_approval else SupportStatus.GIVEN,
        approved_by=None if needs_approval else actor,
        decided_at=None if needs_approval else timezone.now(),
    )
    _full_clean(support, exclude=["participant", "funding_source", "recorded_by", "approved_by"])
    support.save()
    audit_record(
        actor=actor,
        action="support.recorded",
        target=participant,
        details={
            "support_id": support.pk,
            "kind": kind,
            "amount": str(amount),
            "funding_source_id": source.pk,
            "status": support.status,
        },
    )
    return support


@transaction.atomic
def support_decide(*, support: Support, actor: User, approve: bool) -> Support:
    """An admin approves (it counts as given) or declines (its amount goes back to the
    budget) a support waiting for approval. Anyone else: NotFoundError. Raises
    InvalidTransition (409) when it was already decided, and ApplicationError if the
    source's budget was lowered meanwhile so that it no longer fits."""
    if not can_decide_support(actor):
        raise NotFoundError()
    support = Support.objects.select_for_update().get(pk=support.pk)
    if approve and support.status == SupportStatus.PENDING_APPROVAL:
        source = _locked_source(support.funding_source_id)
        left = source.budget - reserved_amount(source, excluding=support)
        if support.amount > left:
            raise _field_error(
                "amount",
                _("Only %(left)s is left in “%(name)s”.")
                % {"left": money(max(left, Decimal(0))), "name": source.name},
                code="over_budget",
            )
    previous = transition_to(
        support,
        SupportStatus.GIVEN if approve else SupportStatus.DECLINED,
        allowed=ALLOWED_SUPPORT_TRANSITIONS,
        code="support_already_decided",
        message=_("This support was already decided."),
    )
    support.approved_by = actor if approve else None
    support.decided_at = timezone.now()
    support.save(update_fields=["status", "approved_by", "decided_at"])
    audit_record(
        actor=actor,
        action="support.approved" if approve else "support.declined",
        target=support.participant,
        details={"support_id": support.pk, "from": previous, "to": support.status},
    )
    return support
