"""Placements and what follows them: retention checks, separation, the tax-credit
screening (WOTC, Form 8850) and Federal Bonding requests."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import Employer
from jobseekers.models import OffenseLevel, Participant
from jobseekers.permissions import is_on_caseload_of
from jobseekers.selectors import record_entries_for_matching, record_summary_for
from jobseekers.services import participant_mark_placed
from placements.applications import rules
from placements.applications.models import (
    Application,
    BondingRequest,
    BondingStatus,
    Placement,
    RetentionCheck,
    RetentionOutcome,
    RetentionVerification,
    SeparationReason,
    WotcScreening,
)
from placements.applications.selectors import is_placement_employer, is_placement_staff
from portal.core.audit import audit_record
from portal.core.exceptions import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from portal.core.models import User
from portal.core.money import to_money

from ._common import IllegalMoveError, InvalidInputError, field_error

MAX_WAGE = Decimal("500.00")


def _money(value, field: str, message: str, *, upper: Decimal | None = None) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        number = None
    if number is None or not number.is_finite() or number < 0 or (upper and number > upper):
        raise field_error(field, message)
    return number


def _check_terms(*, start_date, hourly_wage, hours_per_week) -> tuple[Decimal, Decimal]:
    if not isinstance(start_date, date):
        raise field_error("start_date", _("Give the first day of work."))
    wage = _money(
        hourly_wage,
        "hourly_wage",
        _("Enter the hourly wage in dollars, like 16.50."),
        upper=MAX_WAGE,
    )
    if wage <= 0:
        raise field_error("hourly_wage", _("Enter the hourly wage in dollars, like 16.50."))
    hours = _money(
        hours_per_week,
        "hours_per_week",
        _("Enter between 1 and 80 hours a week."),
        upper=Decimal(80),
    )
    if hours < 1:
        raise field_error("hours_per_week", _("Enter between 1 and 80 hours a week."))
    return to_money(wage), hours.quantize(Decimal("0.01"))


def placement_from_hire(*, application: Application, actor: User, hire) -> Placement:
    """The Placement a hire makes (called by `application_transition` in its
    transaction). The start date cannot be before the application was sent; the wage
    and hours default to the job's (lowest wage)."""
    if hire is None or hire.start_date is None:
        raise field_error("start_date", _("Give the first day of work."))
    sent_on = timezone.localtime(application.created_at).date()
    if hire.start_date < sent_on:
        raise field_error(
            "start_date",
            _("The job cannot start before the application was sent (%(day)s).")
            % {"day": sent_on.isoformat()},
        )
    job = application.job
    wage, hours = _check_terms(
        start_date=hire.start_date,
        hourly_wage=hire.hourly_wage if hire.hourly_wage is not None else job.wage_min,
        hours_per_week=hire.hours_per_week
        if hire.hours_per_week is not None
        else job.hours_per_week,
    )
    placement = Placement.objects.create(
        participant=application.participant,
        application=application,
        employer=application.employer,
        employer_name=application.employer.display_name,
        job_title=job.title,
        offered_on=application.offered_on or timezone.localdate(),
        start_date=hire.start_date,
        hourly_wage=wage,
        hours_per_week=hours,
        benefits=(hire.benefits or "").strip()[:300],
        subsidized=bool(hire.subsidized),
        created_by=actor,
    )
    _follow_up(placement, actor)
    return placement


@dataclass
class OutsidePlacement:
    employer_name: str
    job_title: str
    start_date: date
    hourly_wage: Decimal
    hours_per_week: Decimal
    benefits: str = ""
    subsidized: bool = False
    offered_on: date | None = None
    employer: Employer | None = None


@transaction.atomic
def placement_record_outside(
    *, participant: Participant, actor: User, details: OutsidePlacement
) -> Placement:
    """A job a participant found outside the portal, recorded by their caseload staff.
    Raises NotFoundError for someone outside the caseload."""
    if not is_on_caseload_of(actor, participant):
        raise NotFoundError()
    name = (
        details.employer_name or (details.employer.display_name if details.employer else "")
    ).strip()
    if not name:
        raise field_error("employer_name", _("Give the employer's name."))
    title = (details.job_title or "").strip()
    if not title:
        raise field_error("job_title", _("Give the job title."))
    wage, hours = _check_terms(
        start_date=details.start_date,
        hourly_wage=details.hourly_wage,
        hours_per_week=details.hours_per_week,
    )
    if details.start_date > timezone.localdate() + timedelta(days=180):
        raise field_error(
            "start_date", _("The start date is too far ahead: record the job when it is near.")
        )
    if details.offered_on and details.offered_on > details.start_date:
        raise field_error("offered_on", _("The offer comes on or before the first day of work."))
    placement = Placement.objects.create(
        participant=participant,
        employer=details.employer,
        employer_name=name[:200],
        job_title=title[:200],
        offered_on=details.offered_on,
        start_date=details.start_date,
        hourly_wage=wage,
        hours_per_week=hours,
        benefits=(details.benefits or "").strip()[:300],
        subsidized=bool(details.subsidized),
        created_by=actor,
    )
    _follow_up(placement, actor)
    audit_record(
        actor=actor, action="placement.recorded", target=placement, details={"outside": True}
    )
    return placement


def _follow_up(placement: Placement, actor: User) -> None:
    """Retention checks at each of the rules' days and the tax-credit screening, decided
    from the record summary (read for the program, see `_record_for_screening`); the
    participant moves from active to placed (jobseekers' narrow service, same
    transaction)."""
    participant_mark_placed(
        participant=placement.participant, placement_reference=placement.pk, actor=actor
    )
    RetentionCheck.objects.bulk_create(
        RetentionCheck(
            placement=placement, days=days, due_on=placement.start_date + timedelta(days=days)
        )
        for days in rules.retention_check_days()
    )
    eligible, note = wotc_eligibility(
        _record_for_screening(placement, actor), hire_date=placement.start_date
    )
    WotcScreening.objects.create(
        placement=placement, record_eligible=eligible, eligibility_note=note
    )
    audit_record(
        actor=actor,
        action="placement.created",
        target=placement,
        details={"application": placement.application_id, "wotc_eligible": eligible},
    )


def _record_for_screening(placement: Placement, actor: User) -> list[dict]:
    """The record summary the tax-credit screening is decided from, read for the
    program, never as the employer who marked the hire (the participant's log would say
    the employer read their record). Logged ("record_summary", "wotc:placement:<id>")
    with the participant's facilitator as the reader, or the staff member or admin
    recording the placement; with neither (no facilitator, an employer's hire), an
    internal rule-check read like matching's, unlogged: nobody sees the rows, and
    showing the employer the result is logged where it happens."""
    participant = placement.participant
    why = f"wotc:placement:{placement.pk}"
    if participant.facilitator_id:
        return record_summary_for(participant=participant, viewer=participant.facilitator, why=why)
    if is_on_caseload_of(actor, participant):
        return record_summary_for(participant=participant, viewer=actor, why=why)
    entries = record_entries_for_matching(participant_ids=[participant.pk])
    return [
        {"level": e.level, "convicted_on": e.convicted_on, "released_on": e.released_on}
        for e in entries.get(participant.pk, [])
    ]


def wotc_eligibility(record: list[dict], *, hire_date: date) -> tuple[bool, str]:
    """The ex-felon target group (26 U.S.C. 51(d)(4)): a felony conviction, and hired
    within a year of the conviction or of the release from prison, whichever is later.
    `record` is the summary (level, convicted_on, released_on per conviction)."""
    felonies = [row for row in record if row["level"] == OffenseLevel.FELONY]
    if not felonies:
        return False, _("No felony conviction on record: not in the ex-felon group.")
    ends = max(
        rules.wotc_eligibility_ends_on(
            conviction_date=row["convicted_on"], release_date=row["released_on"]
        )
        for row in felonies
    )
    if hire_date <= ends:
        return True, _(
            "Felony conviction; hired within a year of the conviction or release (by %(day)s)."
        ) % {"day": ends.isoformat()}
    return False, _(
        "Hired more than a year after the conviction or release (the window ended %(day)s)."
    ) % {"day": ends.isoformat()}


def _staff_or_error(actor: User, placement: Placement) -> None:
    if is_placement_staff(actor, placement):
        return
    raise NotFoundError()


@transaction.atomic
def retention_check_record(
    *, check: RetentionCheck, actor: User, outcome: str, verified_by: str = "", note: str = ""
) -> RetentionCheck:
    """Staff record a retention check, from its due day on: the outcome and how it was
    verified (not needed for "unknown"). Raises InvalidInputError for a check not due
    yet or a missing choice."""
    check = (
        RetentionCheck.objects.select_for_update(of=("self",))
        .select_related("placement__participant")
        .get(pk=check.pk)
    )
    _staff_or_error(actor, check.placement)
    if timezone.localdate() < check.due_on:
        raise field_error(
            "outcome",
            _("This check is due on %(day)s. Record it from that day.")
            % {"day": check.due_on.isoformat()},
        )
    if outcome not in RetentionOutcome.values:
        raise field_error("outcome", _("Choose what the person is doing now."))
    if outcome != RetentionOutcome.UNKNOWN and verified_by not in RetentionVerification.values:
        raise field_error(
            "verified_by", _("Say how you know: pay stub, the employer or the participant.")
        )
    check.outcome = outcome
    check.verified_by = verified_by if outcome != RetentionOutcome.UNKNOWN else (verified_by or "")
    check.note = (note or "").strip()[:500]
    check.recorded_at = timezone.now()
    check.recorded_by = actor
    check.save()
    audit_record(
        actor=actor,
        action="retention_check.recorded",
        target=check.placement,
        details={"days": check.days, "outcome": outcome, "verified_by": verified_by},
    )
    return check


@transaction.atomic
def placement_separate(
    *, placement: Placement, actor: User, separated_on: date, reason: str
) -> Placement:
    """Staff record that the job ended: the day (from the start day to today) and why."""
    placement = (
        Placement.objects.select_for_update(of=("self",))
        .select_related("participant")
        .get(pk=placement.pk)
    )
    _staff_or_error(actor, placement)
    if placement.separated_on:
        raise ConflictError(_("The end of this job is already recorded."))
    if reason not in SeparationReason.values:
        raise field_error("separation_reason", _("Choose why the job ended."))
    if (
        not isinstance(separated_on, date)
        or not placement.start_date <= separated_on <= timezone.localdate()
    ):
        raise field_error("separated_on", _("Give a day between the first day of work and today."))
    placement.separated_on = separated_on
    placement.separation_reason = reason
    placement.save(update_fields=["separated_on", "separation_reason"])
    audit_record(
        actor=actor, action="placement.separated", target=placement, details={"reason": reason}
    )
    return placement


WOTC_FIELDS = (
    "applicant_signed_on",
    "employer_signed_on",
    "submitted_on",
    "first_year_hours",
    "first_year_wages",
)


@transaction.atomic
def wotc_update(*, screening: WotcScreening, actor: User, **changes) -> WotcScreening:
    """Record Form 8850 dates and first-year hours and wages (caseload staff or the
    employer; only staff record the participant's signature, `applicant_signed_on`,
    because it discloses the eligibility to the employer). The applicant signs on or
    before the offer day and the form reaches the state within 28 days of the start:
    otherwise the credit is marked not eligible, with the reason. Hours and wages go
    through the credit rules (a negative or impossible number is refused). Dates cannot
    be in the future."""
    screening = (
        WotcScreening.objects.select_for_update(of=("self",))
        .select_related("placement__participant")
        .get(pk=screening.pk)
    )
    placement = screening.placement
    staff = is_placement_staff(actor, placement)
    if not (staff or is_placement_employer(actor, placement)):
        raise NotFoundError()
    unknown = set(changes) - set(WOTC_FIELDS)
    if unknown:
        raise field_error(sorted(unknown)[0], _("This cannot be changed here."))
    if "applicant_signed_on" in changes and not staff:
        # The signature discloses the eligibility to the employer (wotc_disclosed_to):
        # the employer must not be able to unlock it.
        message = _("Program staff record the participant's signature on Form 8850.")
        raise PermissionDeniedError(message, fields={"applicant_signed_on": [message]})
    today = timezone.localdate()
    for name in ("applicant_signed_on", "employer_signed_on", "submitted_on"):
        if name in changes:
            value = changes[name]
            if value is not None and (not isinstance(value, date) or value > today):
                raise field_error(name, _("Give a date no later than today."))
            setattr(screening, name, value)
    if "first_year_hours" in changes or "first_year_wages" in changes:
        hours = changes.get("first_year_hours", screening.first_year_hours)
        wages = changes.get("first_year_wages", screening.first_year_wages)
        try:
            rules.wotc_credit(
                hours=hours if hours is not None else 0, wages=wages if wages is not None else 0
            )
        except ApplicationError as error:
            name = "first_year_hours" if "hours" in error.fields else "first_year_wages"
            raise InvalidInputError(error.message, fields={name: [error.message]}) from error
        screening.first_year_hours = Decimal(str(hours)) if hours is not None else None
        screening.first_year_wages = to_money(Decimal(str(wages))) if wages is not None else None
    screening.ineligible_reason = _wotc_paperwork_problem(screening, placement)
    screening.save()
    audit_record(
        actor=actor,
        action="wotc.updated",
        target=placement,
        details={"fields": sorted(changes), "ineligible": bool(screening.ineligible_reason)},
    )
    return screening


def _wotc_paperwork_problem(screening: WotcScreening, placement: Placement) -> str:
    offered_on = placement.offered_on or placement.start_date
    if screening.applicant_signed_on and screening.applicant_signed_on > offered_on:
        return _(
            "The participant signed Form 8850 on %(signed)s, after the job offer (%(offer)s). It "
            "must be signed on or before the offer day."
        ) % {"signed": screening.applicant_signed_on.isoformat(), "offer": offered_on.isoformat()}
    deadline = rules.wotc_filing_deadline(placement.start_date)
    if screening.submitted_on and screening.submitted_on > deadline:
        return _("Form 8850 reached the state on %(sent)s, after the deadline (%(deadline)s).") % {
            "sent": screening.submitted_on.isoformat(),
            "deadline": deadline.isoformat(),
        }
    return ""


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
    if not (is_placement_staff(actor, placement) or is_placement_employer(actor, placement)):
        raise NotFoundError()
    unit, maximum = rules.bonding_unit_amount(), rules.bonding_maximum_amount()
    message = _("Choose an amount in steps of $%(unit)s, up to $%(maximum)s.") % {
        "unit": f"{unit:,.0f}",
        "maximum": f"{maximum:,.0f}",
    }
    value = _money(amount if amount not in (None, "") else unit, "amount", message, upper=maximum)
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
    request still `requested` can be decided, once (see `BondingRequest.MOVES`)."""
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
    if status not in BondingRequest.MOVES[bond.status]:
        raise IllegalMoveError(
            _("This bond request is already decided (%(status)s).")
            % {"status": bond.get_status_display()}
        )
    previous = bond.status
    bond.status = status
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
