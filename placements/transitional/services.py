"""Writes of the transitional-jobs area: work sites, crew assignments, time entries and
daily ratings (the crew sheet), pay periods, payroll runs (build, review, approve,
export) and pay adjustments.

Every function is keyword-only, atomic, validates before it saves, and writes its audit
event in the same transaction. Bad input raises an ApplicationError with a message a
person can act on, and nothing is saved.

Concurrency: a payroll run is built under a lock of its pay period and is unique per
period; approval and export lock the run row. Two people doing the same thing at once:
one wins, the other gets a ConflictError, and nobody is paid twice.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, connection, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from jobseekers.models import Participant, ParticipantStatus
from placements.transitional import pricing, rules
from placements.transitional.models import (
    RATING_DIMENSIONS,
    AssignmentStatus,
    DailyRating,
    PayAdjustment,
    PayPeriod,
    PayrollRun,
    PayrollRunStatus,
    PaySchedule,
    PayStub,
    TimeEntry,
    WorkAssignment,
    WorkSite,
)
from portal.core.audit import audit_record
from portal.core.exceptions import ApplicationError, ConflictError, NotFoundError
from portal.core.models import User
from portal.core.money import to_money
from portal.core.permissions import is_program_admin, is_staff_member
from portal.core.rules import minimum_hourly_wage

ZERO = Decimal(0)


class PayrollConflictError(ConflictError):
    default_code = "payroll_conflict"


class LockedError(ConflictError):
    default_code = "locked"


def _invalid(field_name: str, message: str, *, code: str = "invalid") -> ApplicationError:
    return ApplicationError(message, code=code, fields={field_name: [message]})


def can_supervise(user: User, worksite: WorkSite) -> bool:
    """Program admins supervise every site; other staff the sites that name them."""
    if is_program_admin(user):
        return True
    return is_staff_member(user) and worksite.supervisors.filter(pk=user.pk).exists()


def _require_admin(actor: User) -> None:
    if not is_program_admin(actor):
        raise NotFoundError()


def _require_supervisor(actor: User, worksite: WorkSite) -> None:
    if not can_supervise(actor, worksite):
        raise NotFoundError()


def _today() -> date:
    return timezone.localdate()


# --- Work sites and assignments ---------------------------------------------------------


@transaction.atomic
def worksite_create(
    *,
    actor: User,
    name: str,
    address: str,
    crew_capacity: int = 8,
    supervisors: list[User] | tuple = (),
) -> WorkSite:
    """A new work site (program admins). Its supervisors must be staff."""
    _require_admin(actor)
    name, address = (name or "").strip(), (address or "").strip()
    if not name:
        raise _invalid("name", _("Give the work site a name."))
    if not address:
        raise _invalid("address", _("Enter the work site's address."))
    if crew_capacity is None or crew_capacity < 1:
        raise _invalid("crew_capacity", _("A crew has at least one person."))
    if any(not is_staff_member(user) for user in supervisors):
        raise _invalid("supervisors", _("Supervisors must be program staff."))
    if WorkSite.objects.filter(name__iexact=name).exists():
        raise _invalid("name", _("A work site with this name already exists."))
    worksite = WorkSite.objects.create(name=name, address=address, crew_capacity=crew_capacity)
    worksite.supervisors.set(supervisors)
    audit_record(actor=actor, action="transitional.worksite_created", target=worksite)
    return worksite


def _check_rate(hourly_rate) -> Decimal:
    try:
        rate = Decimal(str(hourly_rate))
    except (InvalidOperation, ValueError, TypeError):
        rate = None
    if rate is None or not rate.is_finite():
        raise _invalid("hourly_rate", _("Enter the hourly rate in dollars, like 15.50."))
    minimum = minimum_hourly_wage()
    if rate < minimum:
        raise _invalid(
            "hourly_rate",
            _("The hourly rate cannot be below the minimum wage of $%(minimum)s.")
            % {"minimum": minimum},
            code="below_minimum_wage",
        )
    return to_money(rate)


@transaction.atomic
def assignment_create(
    *,
    actor: User,
    participant: Participant,
    worksite: WorkSite,
    starts_on: date,
    hourly_rate,
    pay_schedule: str = PaySchedule.DAILY,
    ends_on: date | None = None,
) -> WorkAssignment:
    """Put a participant on a crew (program admins or the site's supervisors). The rate
    is never below the minimum wage; one crew at a time per person; the crew's capacity
    holds."""
    _require_supervisor(actor, worksite)
    rate = _check_rate(hourly_rate)
    if pay_schedule not in PaySchedule.values:
        raise _invalid("pay_schedule", _("Choose daily or weekly pay."))
    if ends_on is not None and ends_on < starts_on:
        raise _invalid("ends_on", _("The last day cannot be before the first day."))
    # The participant first, as a shift save and assignment_change lock it: two admins at
    # two sites cannot put one person on two crews at once.
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.status != ParticipantStatus.ACTIVE:
        raise _invalid("participant", _("Only active participants can join a crew."))
    worksite = WorkSite.objects.select_for_update().get(pk=worksite.pk)
    overlapping = WorkAssignment.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on),
        status=AssignmentStatus.ACTIVE,
    )
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lte=ends_on)
    if overlapping.filter(participant=participant).exists():
        raise ConflictError(
            _("This person is already on a crew for these days. End that assignment first."),
            code="assignment_overlap",
        )
    if overlapping.filter(worksite=worksite).count() >= worksite.crew_capacity:
        raise ConflictError(_("This crew is full."), code="crew_full")
    assignment = WorkAssignment.objects.create(
        participant=participant,
        worksite=worksite,
        starts_on=starts_on,
        ends_on=ends_on,
        hourly_rate=rate,
        pay_schedule=pay_schedule,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="transitional.assignment_created",
        target=assignment,
        details={"participant_id": participant.pk, "hourly_rate": str(rate)},
    )
    return assignment


@transaction.atomic
def assignment_end(*, actor: User, assignment: WorkAssignment, ends_on: date) -> WorkAssignment:
    """End an assignment on `ends_on` (a rate change is: end, then a new assignment).
    Refuses a last day before the first day or before a recorded shift."""
    _require_supervisor(actor, assignment.worksite)
    # The same lock a shift takes while it is saved: no shift slips in after the last day.
    Participant.objects.select_for_update().filter(pk=assignment.participant_id).first()
    assignment = WorkAssignment.objects.select_for_update().get(pk=assignment.pk)
    if ends_on is None:
        raise _invalid("ends_on", _("Enter the last day."))
    if ends_on < assignment.starts_on:
        raise _invalid("ends_on", _("The last day cannot be before the first day."))
    if assignment.ends_on is not None and ends_on > assignment.ends_on:
        raise _invalid(
            "ends_on",
            _("This assignment already ends on %(day)s. Pick that day or an earlier one.")
            % {"day": assignment.ends_on.isoformat()},
        )
    if assignment.time_entries.filter(work_date__gt=ends_on).exists():
        raise _invalid("ends_on", _("There are shifts recorded after this day."))
    assignment.ends_on = ends_on
    assignment.status = AssignmentStatus.ENDED
    assignment.save(update_fields=["ends_on", "status"])
    audit_record(actor=actor, action="transitional.assignment_ended", target=assignment)
    return assignment


@transaction.atomic
def assignment_change(
    *,
    actor: User,
    assignment: WorkAssignment,
    effective_on: date,
    hourly_rate,
    pay_schedule: str,
) -> WorkAssignment:
    """A new rate or pay schedule from `effective_on`: the assignment ends the day
    before and a new one starts that day, so shifts already worked keep their rate (a
    payroll run over that day shows "rate changed during the period")."""
    _require_supervisor(actor, assignment.worksite)
    Participant.objects.select_for_update().filter(pk=assignment.participant_id).first()
    assignment = WorkAssignment.objects.select_for_update().get(pk=assignment.pk)
    rate = _check_rate(hourly_rate)
    if pay_schedule not in PaySchedule.values:
        raise _invalid("pay_schedule", _("Choose daily or weekly pay."))
    if effective_on is None:
        raise _invalid("effective_on", _("Enter the day the change starts."))
    if assignment.status != AssignmentStatus.ACTIVE:
        raise ConflictError(
            _("This assignment has ended. Put the person on a crew again instead."),
            code="assignment_ended",
        )
    if effective_on <= assignment.starts_on:
        raise _invalid(
            "effective_on",
            _("The change must start after the first day of the assignment (%(day)s).")
            % {"day": assignment.starts_on.isoformat()},
        )
    if assignment.ends_on is not None and effective_on > assignment.ends_on:
        raise _invalid("effective_on", _("The assignment ends before this day."))
    if rate == assignment.hourly_rate and pay_schedule == assignment.pay_schedule:
        raise _invalid("hourly_rate", _("Change the rate or the pay schedule."))
    if assignment.time_entries.filter(work_date__gte=effective_on).exists():
        raise _invalid(
            "effective_on",
            _("There are shifts recorded on or after this day. Pick a later day."),
        )
    old_end = assignment.ends_on
    assignment_end(actor=actor, assignment=assignment, ends_on=effective_on - timedelta(days=1))
    return assignment_create(
        actor=actor,
        participant=assignment.participant,
        worksite=assignment.worksite,
        starts_on=effective_on,
        ends_on=old_end,
        hourly_rate=rate,
        pay_schedule=pay_schedule,
    )


# --- Time entries and ratings -----------------------------------------------------------


def _shift_span(work_date: date, clock_in: time, clock_out: time, crosses_midnight: bool):
    start = datetime.combine(work_date, clock_in)
    end = datetime.combine(work_date + timedelta(days=1 if crosses_midnight else 0), clock_out)
    return start, end


def _entry_hours(
    *,
    work_date: date,
    clock_in: time | None,
    clock_out: time | None,
    crosses_midnight: bool,
    break_minutes: int,
    hours,
) -> Decimal:
    """Paid hours from clock times (rounded to the step) or from hours typed in."""
    if break_minutes is None or break_minutes < 0:
        raise _invalid("break_minutes", _("The break cannot be negative."))
    if clock_in is not None or clock_out is not None:
        if clock_in is None or clock_out is None:
            raise _invalid("clock_out", _("Enter both the clock-in and the clock-out time."))
        if clock_out <= clock_in and not crosses_midnight:
            raise _invalid(
                "clock_out",
                _(
                    "The clock-out time is before the clock-in time. If the shift ended "
                    "after midnight, tick “shift ends after midnight”."
                ),
                code="clock_out_before_clock_in",
            )
        if crosses_midnight and clock_out >= clock_in:
            raise _invalid(
                "clock_out", _("A shift that ends after midnight cannot be 24 hours or more.")
            )
        start, end = _shift_span(work_date, clock_in, clock_out, crosses_midnight)
        try:
            return pricing.shift_hours(
                clock_in=start,
                clock_out=end,
                break_minutes=break_minutes,
                step_minutes=rules.time_rounding_minutes(),
            )
        except ValueError as error:
            raise _invalid(
                "break_minutes", _("The break is as long as the shift or longer.")
            ) from error
    if hours is None:
        raise _invalid("hours", _("Enter the clock-in and clock-out times, or the hours."))
    try:
        value = Decimal(str(hours))
    except (InvalidOperation, ValueError, TypeError):
        value = None
    if value is None or not value.is_finite() or value <= 0:
        raise _invalid(
            "hours", _("Enter the hours as a number above 0, like 7.5."), code="invalid_hours"
        )
    minutes = pricing.round_minutes(value * 60, step_minutes=rules.time_rounding_minutes())
    rounded = (minutes / pricing.MINUTES_PER_HOUR).quantize(Decimal("0.01"))
    if rounded <= 0:
        raise _invalid("hours", _("Enter the hours as a number above 0, like 7.5."))
    return rounded


def _assignment_for(participant: Participant, worksite: WorkSite, work_date: date):
    assignment = (
        WorkAssignment.objects.filter(participant=participant, worksite=worksite)
        .filter(starts_on__lte=work_date)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=work_date))
        .order_by("-starts_on")
        .first()
    )
    if assignment is None:
        raise _invalid(
            "work_date",
            _("%(name)s is not on this crew on %(day)s.")
            % {"name": participant.display_name, "day": work_date.isoformat()},
            code="outside_assignment",
        )
    return assignment


def _validate_entry(
    *,
    participant: Participant,
    work_date: date,
    hours: Decimal,
    clock_in: time | None,
    clock_out: time | None,
    crosses_midnight: bool,
    exclude_pk: int | None = None,
) -> None:
    if work_date > _today():
        raise _invalid(
            "work_date", _("You cannot record hours for a day in the future."), code="future_day"
        )
    others = TimeEntry.objects.filter(
        participant=participant,
        work_date__range=(work_date - timedelta(days=1), work_date + timedelta(days=1)),
    ).exclude(pk=exclude_pk)
    same_day = [entry for entry in others if entry.work_date == work_date]
    overlap = _("%(name)s already has a shift on %(day)s that overlaps this one.") % {
        "name": participant.display_name,
        "day": work_date.isoformat(),
    }
    if clock_in is None and same_day:
        raise ConflictError(overlap, code="overlapping_entry")
    if clock_in is not None:
        start, end = _shift_span(work_date, clock_in, clock_out, crosses_midnight)
    for entry in others if clock_in is not None else ():
        if entry.clock_in is None:
            if entry.work_date == work_date:
                raise ConflictError(overlap, code="overlapping_entry")
            continue
        other_start, other_end = _shift_span(
            entry.work_date, entry.clock_in, entry.clock_out, entry.crosses_midnight
        )
        if start < other_end and other_start < end:
            raise ConflictError(overlap, code="overlapping_entry")
    limit = rules.max_hours_per_day()
    if sum((entry.hours for entry in same_day), ZERO) + hours > limit:
        raise _invalid(
            "hours",
            _("That is more than %(limit)s hours in one day for %(name)s.")
            % {"limit": limit, "name": participant.display_name},
            code="too_many_hours",
        )


@dataclass
class CrewRow:
    """One person's line on the crew sheet: absent rows are skipped; present rows have
    clock times or hours, and may carry the day's five ratings and a note."""

    participant: Participant
    present: bool = True
    clock_in: time | None = None
    clock_out: time | None = None
    crosses_midnight: bool = False
    break_minutes: int = 0
    hours: Decimal | None = None
    ratings: dict[str, int] = field(default_factory=dict)
    note: str = ""


def _create_entry(*, actor, worksite, work_date, row: CrewRow) -> TimeEntry:
    participant = row.participant
    # Two supervisors saving the same person's day at once: the second waits here and
    # then sees the first shift as an overlap, so nobody is paid twice for one shift.
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    assignment = _assignment_for(participant, worksite, work_date)
    hours = _entry_hours(
        work_date=work_date,
        clock_in=row.clock_in,
        clock_out=row.clock_out,
        crosses_midnight=row.crosses_midnight,
        break_minutes=row.break_minutes,
        hours=row.hours,
    )
    _validate_entry(
        participant=participant,
        work_date=work_date,
        hours=hours,
        clock_in=row.clock_in,
        clock_out=row.clock_out,
        crosses_midnight=row.crosses_midnight,
    )
    try:
        with transaction.atomic():
            return TimeEntry.objects.create(
                participant=participant,
                assignment=assignment,
                worksite=worksite,
                work_date=work_date,
                clock_in=row.clock_in,
                clock_out=row.clock_out,
                crosses_midnight=row.crosses_midnight,
                break_minutes=row.break_minutes,
                hours=hours,
                hourly_rate=assignment.hourly_rate,
                entered_by=actor,
            )
    except IntegrityError as error:
        raise ConflictError(
            _("%(name)s already has a shift that starts at this time.")
            % {"name": participant.display_name},
            code="overlapping_entry",
        ) from error


@transaction.atomic
def time_entry_create(
    *,
    actor: User,
    worksite: WorkSite,
    participant: Participant,
    work_date: date,
    clock_in: time | None = None,
    clock_out: time | None = None,
    crosses_midnight: bool = False,
    break_minutes: int = 0,
    hours=None,
) -> TimeEntry:
    """Record one shift (the site's supervisors, program admins). Refuses impossible or
    negative hours, a clock-out before the clock-in (unless the shift says it ends after
    midnight), a future day, a day outside the assignment, an overlap with another shift
    and more than the day's maximum hours."""
    _require_supervisor(actor, worksite)
    row = CrewRow(
        participant=participant,
        clock_in=clock_in,
        clock_out=clock_out,
        crosses_midnight=crosses_midnight,
        break_minutes=break_minutes,
        hours=hours,
    )
    entry = _create_entry(actor=actor, worksite=worksite, work_date=work_date, row=row)
    audit_record(
        actor=actor,
        action="transitional.time_entry_created",
        target=entry,
        details={"participant_id": participant.pk, "hours": str(entry.hours)},
    )
    return entry


@transaction.atomic
def time_entry_update(
    *,
    actor: User,
    entry: TimeEntry,
    clock_in: time | None = None,
    clock_out: time | None = None,
    crosses_midnight: bool = False,
    break_minutes: int = 0,
    hours=None,
) -> TimeEntry:
    """Correct a shift not yet approved. An approved or paid shift is never edited: a
    correction after payroll approval is a pay adjustment in a later run."""
    _require_supervisor(actor, entry.worksite)
    entry = TimeEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.locked or entry.approved_by_id is not None:
        raise LockedError(
            _(
                "This shift is already approved and cannot be changed. Ask a program admin "
                "for a pay adjustment instead."
            ),
            code="entry_locked",
        )
    new_hours = _entry_hours(
        work_date=entry.work_date,
        clock_in=clock_in,
        clock_out=clock_out,
        crosses_midnight=crosses_midnight,
        break_minutes=break_minutes,
        hours=hours,
    )
    _validate_entry(
        participant=entry.participant,
        work_date=entry.work_date,
        hours=new_hours,
        clock_in=clock_in,
        clock_out=clock_out,
        crosses_midnight=crosses_midnight,
        exclude_pk=entry.pk,
    )
    before = str(entry.hours)
    entry.clock_in, entry.clock_out = clock_in, clock_out
    entry.crosses_midnight, entry.break_minutes = crosses_midnight, break_minutes
    entry.hours = new_hours
    entry.save()
    audit_record(
        actor=actor,
        action="transitional.time_entry_updated",
        target=entry,
        details={"hours_before": before, "hours": str(new_hours)},
    )
    return entry


def _clean_scores(ratings: dict, *, name: str = "") -> dict[str, int]:
    scores = {}
    for dimension in RATING_DIMENSIONS:
        value = ratings.get(dimension)
        number = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and value.strip().isdigit():
            number = int(value.strip())
        if number is None or not 1 <= number <= 5:
            message = _("Each rating is a whole number from 1 to 5.")
            if name:
                message = f"{name}: {message}"
            raise ApplicationError(message, code="invalid_rating", fields={dimension: [message]})
        scores[dimension] = number
    return scores


def _create_rating(*, actor, worksite, work_date, participant, scores, note) -> DailyRating:
    note = (note or "").strip()
    if len(note) > 500:
        raise _invalid("note", _("Keep the note under 500 characters."))
    if work_date > _today():
        raise _invalid("work_date", _("You cannot rate a day in the future."), code="future_day")
    _assignment_for(participant, worksite, work_date)
    rating, _created = DailyRating.objects.update_or_create(
        participant=participant,
        work_date=work_date,
        defaults={**scores, "worksite": worksite, "note": note, "rated_by": actor},
    )
    return rating


@transaction.atomic
def rating_record(
    *,
    actor: User,
    worksite: WorkSite,
    participant: Participant,
    work_date: date,
    ratings: dict,
    note: str = "",
) -> DailyRating:
    """The day's work-readiness rating, 1 to 5 on each of the five dimensions (the
    site's supervisors). Rating the same day again replaces the scores."""
    _require_supervisor(actor, worksite)
    scores = _clean_scores(ratings)
    rating = _create_rating(
        actor=actor,
        worksite=worksite,
        work_date=work_date,
        participant=participant,
        scores=scores,
        note=note,
    )
    audit_record(
        actor=actor,
        action="transitional.rating_recorded",
        target=rating,
        details={"participant_id": participant.pk},
    )
    return rating


@transaction.atomic
def crew_day_record(
    *, actor: User, worksite: WorkSite, work_date: date, rows: list[CrewRow]
) -> list[TimeEntry]:
    """The crew sheet of one day: a shift (and, when given, the ratings) for everyone
    marked present. All or nothing: one bad row saves nothing, and the message names
    the person."""
    _require_supervisor(actor, worksite)
    entries = []
    for row in rows:
        if not row.present:
            continue
        name = row.participant.display_name
        try:
            scores = _clean_scores(row.ratings, name=name) if row.ratings else None
            entry = _create_entry(actor=actor, worksite=worksite, work_date=work_date, row=row)
            if scores is not None:
                _create_rating(
                    actor=actor,
                    worksite=worksite,
                    work_date=work_date,
                    participant=row.participant,
                    scores=scores,
                    note=row.note,
                )
        except ApplicationError as error:
            if not error.message.startswith(name) and name not in error.message:
                error.message = f"{name}: {error.message}"
            # The crew sheet shows the message next to this person's row too.
            error.participant_id = row.participant.pk
            raise
        entries.append(entry)
    if not entries:
        raise _invalid("rows", _("Mark at least one person present."), code="nobody_present")
    audit_record(
        actor=actor,
        action="transitional.crew_day_recorded",
        target=worksite,
        details={"work_date": work_date.isoformat(), "entries": len(entries)},
    )
    return entries


@transaction.atomic
def crew_day_approve(*, actor: User, worksite: WorkSite, work_date: date) -> int:
    """The supervisor approves the day's shifts at the site: each keeps who approved it
    and when, and cannot be edited any more. Returns how many were approved."""
    _require_supervisor(actor, worksite)
    count = TimeEntry.objects.filter(
        worksite=worksite, work_date=work_date, approved_by__isnull=True
    ).update(approved_by=actor, approved_at=timezone.now())
    if count == 0:
        raise ConflictError(_("There are no shifts waiting for approval on this day."))
    audit_record(
        actor=actor,
        action="transitional.crew_day_approved",
        target=worksite,
        details={"work_date": work_date.isoformat(), "entries": count},
    )
    return count


# --- Pay periods ------------------------------------------------------------------------


@transaction.atomic
def pay_period_create(
    *, actor: User, schedule: str, starts_on: date, ends_on: date, pay_date: date
) -> PayPeriod:
    """A pay period (program admins). A daily period is one day; a weekly one at most 7
    days. Periods of one schedule never overlap; the pay date is on or after the last
    day."""
    _require_admin(actor)
    if schedule not in PaySchedule.values:
        raise _invalid("schedule", _("Choose daily or weekly pay."))
    if ends_on < starts_on:
        raise _invalid("ends_on", _("The last day cannot be before the first day."))
    length = (ends_on - starts_on).days + 1
    if schedule == PaySchedule.DAILY and length != 1:
        raise _invalid("ends_on", _("A daily pay period is one day: first day = last day."))
    if schedule == PaySchedule.WEEKLY and length > 7:
        raise _invalid("ends_on", _("A weekly pay period is 7 days or fewer."))
    if pay_date < ends_on:
        raise _invalid("pay_date", _("The pay date cannot be before the period's last day."))
    if connection.vendor == "postgresql":
        # Two admins adding overlapping periods at once: the second waits, then sees the first.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [7_000_001])
    clash = PayPeriod.objects.filter(
        schedule=schedule, starts_on__lte=ends_on, ends_on__gte=starts_on
    ).first()
    if clash is not None:
        raise ConflictError(
            _("This period overlaps the pay period %(period)s.") % {"period": clash},
            code="period_overlap",
            fields={"starts_on": [_("Choose days no other period of this schedule covers.")]},
        )
    period = PayPeriod.objects.create(
        schedule=schedule, starts_on=starts_on, ends_on=ends_on, pay_date=pay_date, created_by=actor
    )
    audit_record(actor=actor, action="transitional.pay_period_created", target=period)
    return period


# --- Payroll runs -----------------------------------------------------------------------


def _build_stubs(run: PayrollRun) -> None:
    """Compute the run's stubs from the unpaid shifts of its schedule up to the period's
    last day (late shifts of earlier days are paid here, never lost) and the pending
    adjustments. A fixed number of queries whatever the number of people."""
    period = run.period
    unpaid = TimeEntry.objects.filter(
        assignment__pay_schedule=period.schedule,
        work_date__lte=period.ends_on,
        payroll_run__isnull=True,
    )
    entries = list(unpaid.values_list("pk", "participant_id", "work_date", "hours", "hourly_rate"))
    first_weekday = rules.workweek_first_weekday()
    shifts = defaultdict(list)
    for _pk, participant_id, work_date, hours, rate in entries:
        shifts[participant_id].append((work_date, hours, rate))
    earliest = min((row[2] for row in entries), default=period.starts_on)
    week_floor = pricing.workweek_start(earliest, first_weekday=first_weekday)
    # Hours already paid by other runs in the workweeks touched count towards overtime.
    already = defaultdict(lambda: defaultdict(Decimal))
    paid_rows = (
        TimeEntry.objects.filter(
            work_date__range=(week_floor, period.ends_on),
            payroll_run__isnull=False,
        )
        .exclude(payroll_run=run)
        .values_list("participant_id", "work_date")
        .annotate(total=Sum("hours"))
    )
    for participant_id, work_date, total in paid_rows:
        if participant_id in shifts:
            week = pricing.workweek_start(work_date, first_weekday=first_weekday)
            already[participant_id][week] += total
    adjustments = defaultdict(list)
    # Locked: two runs built at once (a daily and a weekly one) must not both pay the
    # same pending adjustment; the second waits and then no longer sees it as pending.
    pending = PayAdjustment.objects.select_for_update().filter(paid_on__isnull=True)
    for adjustment in pending.order_by("pk"):
        adjustments[adjustment.participant_id].append(adjustment)

    threshold, multiplier = rules.overtime_weekly_threshold(), rules.overtime_multiplier()
    stubs = []
    for participant_id in sorted(set(shifts) | set(adjustments)):
        priced = pricing.price_shifts(
            shifts.get(participant_id, []),
            weekly_threshold=threshold,
            overtime_multiplier=multiplier,
            first_weekday=first_weekday,
            hours_already_in_week=already.get(participant_id),
        )
        adjustment_total = to_money(
            sum((item.amount for item in adjustments.get(participant_id, [])), ZERO)
        )
        adjustment_hours = sum((item.hours for item in adjustments.get(participant_id, [])), ZERO)
        rates = priced.rates or (ZERO,)
        stubs.append(
            PayStub(
                run=run,
                participant_id=participant_id,
                regular_hours=priced.regular + adjustment_hours,
                overtime_hours=priced.overtime,
                hourly_rate=rates[-1],
                rate_changed=len(priced.rates) > 1,
                work_pay=priced.gross,
                adjustments_total=adjustment_total,
                gross=priced.gross + adjustment_total,
            )
        )
    created = PayStub.objects.bulk_create(stubs)
    # The same filter, not a list of ids, so that the query count stays fixed; a shift
    # saved in between would be marked paid without being priced, so that rolls back.
    if unpaid.update(payroll_run=run) != len(entries):
        raise ConflictError(
            _("Shifts were saved while the run was being built. Please try again."),
            code="entries_changed",
        )
    stub_by_participant = {stub.participant_id: stub for stub in created}
    if adjustments:
        updated = []
        for participant_id, items in adjustments.items():
            for item in items:
                item.paid_on = stub_by_participant[participant_id]
                updated.append(item)
        PayAdjustment.objects.bulk_update(updated, ["paid_on"])
    run.total_gross = sum((stub.gross for stub in created), ZERO)
    run.total_hours = sum((stub.regular_hours + stub.overtime_hours for stub in created), ZERO)
    run.save(update_fields=["total_gross", "total_hours"])


def _locked_period(period: PayPeriod) -> PayPeriod:
    return PayPeriod.objects.select_for_update().get(pk=period.pk)


@transaction.atomic
def payroll_run_create(*, actor: User, period: PayPeriod) -> PayrollRun:
    """Build the draft payroll run of a period that has ended (program admins): one pay
    stub per person with unpaid shifts or pending adjustments. One run per period: a
    second attempt, even at the same moment, gets a clear error."""
    _require_admin(actor)
    period = _locked_period(period)
    if period.ends_on > _today():
        raise ConflictError(
            _("This pay period has not ended yet. Run payroll after its last day."),
            code="period_not_ended",
        )
    if PayrollRun.objects.filter(period=period).exists():
        raise PayrollConflictError(
            _("This pay period already has a payroll run."), code="run_exists"
        )
    try:
        with transaction.atomic():
            run = PayrollRun.objects.create(period=period, created_by=actor)
    except IntegrityError as error:
        raise PayrollConflictError(
            _("This pay period already has a payroll run."), code="run_exists"
        ) from error
    _build_stubs(run)
    audit_record(
        actor=actor,
        action="transitional.payroll_run_created",
        target=run,
        details={"total_gross": str(run.total_gross), "stubs": run.stubs.count()},
    )
    return run


def _locked_run(run: PayrollRun) -> PayrollRun:
    return PayrollRun.objects.select_for_update().select_related("period").get(pk=run.pk)


def _move(run: PayrollRun, target: str) -> None:
    if target not in PayrollRun.ALLOWED_TRANSITIONS[PayrollRunStatus(run.status)]:
        messages = {
            PayrollRunStatus.APPROVED: _("This payroll run is already approved and locked."),
            PayrollRunStatus.EXPORTED: _("This payroll run is already exported."),
        }
        message = messages.get(run.status)
        if message is None:
            message = (
                _("Review this payroll run before approving it.")
                if target == PayrollRunStatus.APPROVED
                else _("This payroll run must be approved before it is exported.")
                if target == PayrollRunStatus.EXPORTED
                else _("This cannot be done to a payroll run in its current state.")
            )
        raise PayrollConflictError(message, code=f"run_{run.status}")
    run.status = target


@transaction.atomic
def payroll_run_recalculate(*, actor: User, run: PayrollRun) -> PayrollRun:
    """Build a draft or reviewed run again from the shifts as they are now (after late
    entries or corrections). The run goes back to draft. An approved run is locked."""
    _require_admin(actor)
    run = _locked_run(run)
    if run.is_locked:
        raise LockedError(
            _("This payroll run is approved and locked. Use a pay adjustment in a later run."),
            code="run_locked",
        )
    PayAdjustment.objects.filter(paid_on__run=run).update(paid_on=None)
    TimeEntry.objects.filter(payroll_run=run).update(payroll_run=None)
    run.stubs.all().delete()
    run.status = PayrollRunStatus.DRAFT
    run.reviewed_by, run.reviewed_at = None, None
    run.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    _build_stubs(run)
    audit_record(actor=actor, action="transitional.payroll_run_recalculated", target=run)
    return run


@transaction.atomic
def payroll_run_review(*, actor: User, run: PayrollRun) -> PayrollRun:
    """Mark a draft run reviewed: someone has read its totals and anomalies."""
    _require_admin(actor)
    run = _locked_run(run)
    _move(run, PayrollRunStatus.REVIEWED)
    run.reviewed_by, run.reviewed_at = actor, timezone.now()
    run.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    audit_record(actor=actor, action="transitional.payroll_run_reviewed", target=run)
    return run


@transaction.atomic
def payroll_run_approve(*, actor: User, run: PayrollRun) -> PayrollRun:
    """Approve a reviewed run (program admins): the run, its stubs and its shifts are
    locked for good, and each stub gets its year-to-date gross. Two approvals at once:
    the second waits for the first and is told the run is already approved."""
    _require_admin(actor)
    run = _locked_run(run)
    _move(run, PayrollRunStatus.APPROVED)
    run.approved_by, run.approved_at = actor, timezone.now()
    run.save(update_fields=["status", "approved_by", "approved_at"])
    TimeEntry.objects.filter(payroll_run=run).update(locked=True)
    year = run.period.pay_date.year
    earlier = dict(
        PayStub.objects.filter(
            run__status__in=[PayrollRunStatus.APPROVED, PayrollRunStatus.EXPORTED],
            run__period__pay_date__year=year,
            run__period__pay_date__lte=run.period.pay_date,
        )
        .exclude(run=run)
        .values_list("participant_id")
        .annotate(total=Sum("gross"))
    )
    stubs = list(run.stubs.all())
    for stub in stubs:
        stub.year_to_date_gross = to_money(earlier.get(stub.participant_id, ZERO) + stub.gross)
    PayStub.objects.bulk_update(stubs, ["year_to_date_gross"])
    audit_record(
        actor=actor,
        action="transitional.payroll_run_approved",
        target=run,
        details={"total_gross": str(run.total_gross), "stubs": len(stubs)},
    )
    return run


# The payroll processor's file, one row per pay stub (documented in the README):
EXPORT_COLUMNS = [
    "run_id",
    "pay_date",
    "period_start",
    "period_end",
    "participant_id",
    "last_name",
    "first_name",
    "regular_hours",
    "overtime_hours",
    "hourly_rate",
    "work_pay",
    "adjustments",
    "gross_pay",
    "year_to_date_gross",
]


def payroll_csv(run: PayrollRun) -> str:
    """The run as CSV in EXPORT_COLUMNS order: amounts with two places, dates ISO."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    period = run.period
    for stub in run.stubs.select_related("participant").order_by("participant_id"):
        writer.writerow(
            [
                run.pk,
                period.pay_date.isoformat(),
                period.starts_on.isoformat(),
                period.ends_on.isoformat(),
                stub.participant_id,
                stub.participant.last_name,
                stub.participant.first_name,
                f"{stub.regular_hours:.2f}",
                f"{stub.overtime_hours:.2f}",
                f"{stub.hourly_rate:.2f}",
                f"{stub.work_pay:.2f}",
                f"{stub.adjustments_total:.2f}",
                f"{stub.gross:.2f}",
                f"{(stub.year_to_date_gross or stub.gross):.2f}",
            ]
        )
    return buffer.getvalue()


@transaction.atomic
def payroll_run_export(*, actor: User, run: PayrollRun) -> str:
    """Hand an approved run to the payroll processor: mark it exported and return its
    CSV. Only once: a second export (even at the same moment) is refused, so the
    processor never receives the same pay twice."""
    _require_admin(actor)
    run = _locked_run(run)
    if run.status == PayrollRunStatus.EXPORTED:
        raise PayrollConflictError(
            _("This payroll run was already exported on %(when)s. It is not sent twice.")
            % {"when": timezone.localtime(run.exported_at).strftime("%Y-%m-%d %H:%M")},
            code="run_exported",
        )
    _move(run, PayrollRunStatus.EXPORTED)
    run.exported_by, run.exported_at = actor, timezone.now()
    run.save(update_fields=["status", "exported_by", "exported_at"])
    audit_record(actor=actor, action="transitional.payroll_run_exported", target=run)
    return payroll_csv(run)


@transaction.atomic
def pay_adjustment_create(
    *,
    actor: User,
    participant: Participant,
    corrects_run: PayrollRun,
    amount,
    reason: str,
    hours=ZERO,
) -> PayAdjustment:
    """A correction to an approved run (program admins): an amount (negative to take
    back an overpayment) with its reason, paid in the next run that is built. The locked
    run itself never changes."""
    _require_admin(actor)
    if not corrects_run.is_locked:
        raise ConflictError(
            _("This run is not approved yet: recalculate it instead of adjusting it."),
            code="run_not_locked",
        )
    reason = (reason or "").strip()
    if not reason:
        raise _invalid("reason", _("Say why the pay is corrected."))
    if len(reason) > 300:
        raise _invalid("reason", _("Keep the reason under 300 characters."))
    if not WorkAssignment.objects.filter(participant=participant).exists():
        raise _invalid("participant", _("This person has never been on a crew."))
    try:
        value = to_money(Decimal(str(amount)))
        hours_value = Decimal(str(hours or 0))
    except (InvalidOperation, ValueError, TypeError) as error:
        raise _invalid("amount", _("Enter the amount in dollars, like 45.00 or -12.50.")) from error
    if value == 0 or not value.is_finite():
        raise _invalid("amount", _("Enter the amount in dollars, like 45.00 or -12.50."))
    if hours_value < 0 or hours_value > 100:
        raise _invalid("hours", _("Enter the hours from 0 to 100."))
    adjustment = PayAdjustment.objects.create(
        participant=participant,
        corrects_run=corrects_run,
        amount=value,
        hours=hours_value,
        reason=reason,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="transitional.pay_adjustment_created",
        target=adjustment,
        details={"amount": str(value), "run_id": corrects_run.pk},
    )
    return adjustment
