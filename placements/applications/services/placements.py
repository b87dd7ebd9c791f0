"""Placements and what follows them: the retention checks and the end of the job. The
tax-credit screening is in `wotc`, Federal Bonding requests in `bonding`."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from employers.models import Employer
from jobseekers.models import Participant
from jobseekers.permissions import is_on_caseload_of
from jobseekers.selectors import record_entries_for_matching, record_summary_for
from jobseekers.services import participant_mark_placed
from placements.applications import rules
from placements.applications.exceptions import field_error
from placements.applications.models import (
    Application,
    Placement,
    RetentionCheck,
    RetentionOutcome,
    RetentionVerification,
    SeparationReason,
    WotcScreening,
)
from placements.applications.panels import program_counts_changed
from placements.applications.permissions import is_placement_staff
from portal.core.audit import audit_record
from portal.core.exceptions import ConflictError, NotFoundError
from portal.core.models import User
from portal.core.money import to_money

from ._common import decimal_input
from .wotc import wotc_eligibility

MAX_WAGE = Decimal("500.00")


def _check_terms(*, start_date, hourly_wage, hours_per_week) -> tuple[Decimal, Decimal]:
    if not isinstance(start_date, date):
        raise field_error("start_date", _("Give the first day of work."))
    wage = decimal_input(
        hourly_wage,
        "hourly_wage",
        _("Enter the hourly wage in dollars, like 16.50."),
        upper=MAX_WAGE,
    )
    if wage <= 0:
        raise field_error("hourly_wage", _("Enter the hourly wage in dollars, like 16.50."))
    hours = decimal_input(
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
            % {"day": date_format(sent_on, "DATE_FORMAT")},
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
    eligible, note, window_ends_on = wotc_eligibility(
        _record_for_screening(placement, actor), hire_date=placement.start_date
    )
    WotcScreening.objects.create(
        placement=placement,
        record_eligible=eligible,
        eligibility_note=note,
        eligibility_window_ends_on=window_ends_on,
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


def _staff_or_error(actor: User, placement: Placement) -> None:
    if is_placement_staff(actor, placement):
        return
    raise NotFoundError()


@transaction.atomic
def retention_check_record(
    *,
    check: RetentionCheck,
    actor: User,
    outcome: str,
    verified_by: str = "",
    note: str = "",
    hours_per_week: Decimal | None = None,
    hourly_wage: Decimal | None = None,
) -> RetentionCheck:
    """Staff record a retention check, from its due day on: the outcome and how it was
    verified (not needed for "unknown"), and for a person working, optionally the hours a
    week (0 to RETENTION_MAX_HOURS_PER_WEEK) and the hourly wage (not negative) that the
    quarterly earnings measures use. Raises InvalidInputError for a check not due yet, a
    missing choice, hours or wage out of range, or earnings given for a person not
    working (or not known to be)."""
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
            % {"day": date_format(check.due_on, "DATE_FORMAT")},
        )
    if outcome not in RetentionOutcome.values:
        raise field_error("outcome", _("Choose what the person is doing now."))
    if outcome != RetentionOutcome.UNKNOWN and verified_by not in RetentionVerification.values:
        raise field_error(
            "verified_by", _("Say how you know: pay stub, the employer or the participant.")
        )
    hours_per_week, hourly_wage = _check_earnings(
        outcome=outcome, hours_per_week=hours_per_week, hourly_wage=hourly_wage
    )
    check.outcome = outcome
    check.hours_per_week = hours_per_week
    check.hourly_wage = hourly_wage
    check.verified_by = verified_by if outcome != RetentionOutcome.UNKNOWN else (verified_by or "")
    check.note = (note or "").strip()[:500]
    check.recorded_at = timezone.now()
    check.recorded_by = actor
    check.save()
    audit_record(
        actor=actor,
        action="retention_check.recorded",
        target=check.placement,
        details={
            "days": check.days,
            "outcome": outcome,
            "verified_by": verified_by,
            "earnings_recorded": hours_per_week is not None or hourly_wage is not None,
        },
    )
    program_counts_changed()
    return check


def _check_earnings(
    *, outcome: str, hours_per_week, hourly_wage
) -> tuple[Decimal | None, Decimal | None]:
    """The hours and wage of a retention check, cleaned: both optional, only for a person
    working, hours from 0 to RETENTION_MAX_HOURS_PER_WEEK, the wage from 0 to MAX_WAGE."""
    hours_per_week = None if hours_per_week in (None, "") else hours_per_week
    hourly_wage = None if hourly_wage in (None, "") else hourly_wage
    working = outcome in (RetentionOutcome.SAME_EMPLOYER, RetentionOutcome.OTHER_EMPLOYER)
    if not working and (hours_per_week is not None or hourly_wage is not None):
        field = "hours_per_week" if hours_per_week is not None else "hourly_wage"
        raise field_error(
            field, _("Leave the hours and the wage empty for a person who is not working.")
        )
    hours = wage = None
    if hours_per_week is not None:
        most = rules.RETENTION_MAX_HOURS_PER_WEEK
        hours = decimal_input(
            hours_per_week,
            "hours_per_week",
            _("Enter the hours a week, from 0 to %(most)s.") % {"most": most},
            upper=Decimal(most),
        ).quantize(Decimal("0.01"))
    if hourly_wage is not None:
        wage = to_money(
            decimal_input(
                hourly_wage,
                "hourly_wage",
                _("Enter the hourly wage in dollars, like 16.50."),
                upper=MAX_WAGE,
            )
        )
    return hours, wage


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
    program_counts_changed()
    return placement
