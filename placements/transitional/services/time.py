"""Writes about shifts and ratings: one shift recorded or corrected, a day's
work-readiness rating, a whole crew sheet saved at once, and a day approved by the
supervisor.

Two supervisors saving the same person's shift at once: the participant row is locked
while a shift is checked and saved, so the second sees the first as an overlap."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jobseekers.models import Participant
from placements.transitional import pricing, rules
from placements.transitional.exceptions import LockedError
from placements.transitional.models import (
    RATING_DIMENSIONS,
    DailyRating,
    TimeEntry,
    WorkAssignment,
    WorkSite,
)
from placements.transitional.permissions import can_supervise
from placements.transitional.services._common import ZERO, invalid, require, today
from portal.core.audit import audit_record
from portal.core.exceptions import ApplicationError, ConflictError
from portal.core.models import User


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
        raise invalid("break_minutes", _("The break cannot be negative."))
    if clock_in is not None or clock_out is not None:
        if clock_in is None or clock_out is None:
            raise invalid("clock_out", _("Enter both the clock-in and the clock-out time."))
        if clock_out <= clock_in and not crosses_midnight:
            raise invalid(
                "clock_out",
                _(
                    "The clock-out time is before the clock-in time. If the shift ended "
                    "after midnight, tick “shift ends after midnight”."
                ),
                code="clock_out_before_clock_in",
            )
        if crosses_midnight and clock_out >= clock_in:
            raise invalid(
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
            raise invalid(
                "break_minutes", _("The break is as long as the shift or longer.")
            ) from error
    if hours is None:
        raise invalid("hours", _("Enter the clock-in and clock-out times, or the hours."))
    try:
        value = Decimal(str(hours))
    except (InvalidOperation, ValueError, TypeError):
        value = None
    if value is None or not value.is_finite() or value <= 0:
        raise invalid(
            "hours", _("Enter the hours as a number above 0, like 7.5."), code="invalid_hours"
        )
    minutes = pricing.round_minutes(value * 60, step_minutes=rules.time_rounding_minutes())
    rounded = (minutes / pricing.MINUTES_PER_HOUR).quantize(Decimal("0.01"))
    if rounded <= 0:
        raise invalid("hours", _("Enter the hours as a number above 0, like 7.5."))
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
        raise invalid(
            "work_date",
            _("%(name)s is not on this crew on %(day)s.")
            % {"name": participant.display_name, "day": date_format(work_date, "DATE_FORMAT")},
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
    if work_date > today():
        raise invalid(
            "work_date", _("You cannot record hours for a day in the future."), code="future_day"
        )
    others = TimeEntry.objects.filter(
        participant=participant,
        work_date__range=(work_date - timedelta(days=1), work_date + timedelta(days=1)),
    ).exclude(pk=exclude_pk)
    same_day = [entry for entry in others if entry.work_date == work_date]
    overlap = _("%(name)s already has a shift on %(day)s that overlaps this one.") % {
        "name": participant.display_name,
        "day": date_format(work_date, "DATE_FORMAT"),
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
        raise invalid(
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
    require(can_supervise(actor, worksite))
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
    require(can_supervise(actor, entry.worksite))
    entry = TimeEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.approved_by_id is not None or entry.payment()[1]:
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
        raise invalid("note", _("Keep the note under 500 characters."))
    if work_date > today():
        raise invalid("work_date", _("You cannot rate a day in the future."), code="future_day")
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
    require(can_supervise(actor, worksite))
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
    require(can_supervise(actor, worksite))
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
        raise invalid("rows", _("Mark at least one person present."), code="nobody_present")
    audit_record(
        actor=actor,
        action="transitional.crew_day_recorded",
        target=worksite,
        details={"work_date": work_date.isoformat(), "entries": len(entries)},
    )
    return entries


def _not_ended_text(entry: TimeEntry) -> str:
    """ "Pat Doe, ends at 4:00 p.m. on Dec. 3, 2026" in the program's time zone."""
    end = timezone.localtime(entry.ends_at())
    return _("%(name)s, ends at %(time)s on %(day)s") % {
        "name": entry.participant.display_name,
        "time": formats.time_format(end.time(), "TIME_FORMAT"),
        "day": formats.date_format(end.date(), "DATE_FORMAT"),
    }


@transaction.atomic
def crew_day_approve(*, actor: User, worksite: WorkSite, work_date: date) -> int:
    """The supervisor approves the day's shifts at the site: each keeps who approved it
    and when, and cannot be edited any more. Returns how many were approved.

    No approval before the work is done (issue 17): every waiting shift must have ended
    (its clock-out, or the end of its day when only hours were typed in, is past in the
    program's time zone); otherwise ConflictError `shift_not_ended` names each one and
    nothing is approved."""
    require(can_supervise(actor, worksite))
    waiting = TimeEntry.objects.select_for_update().filter(
        worksite=worksite, work_date=work_date, approved_by__isnull=True
    )
    now = timezone.now()
    not_ended = [entry for entry in waiting.select_related("participant") if entry.ends_at() > now]
    if not_ended:
        raise ConflictError(
            _(
                "A shift can be approved only once it has ended, and these have not: "
                "%(shifts)s. Nothing was approved; approve the day after they end."
            )
            % {"shifts": "; ".join(_not_ended_text(entry) for entry in not_ended)},
            code="shift_not_ended",
        )
    count = waiting.update(approved_by=actor, approved_at=now)
    if count == 0:
        raise ConflictError(_("There are no shifts waiting for approval on this day."))
    audit_record(
        actor=actor,
        action="transitional.crew_day_approved",
        target=worksite,
        details={"work_date": work_date.isoformat(), "entries": count},
    )
    return count
