"""Pay arithmetic of the transitional-jobs crews, to the cent. Pure functions on Decimal
and dates: the payroll services feed them time entries and store what they return.

The numbers (rounding step, overtime threshold and multiplier, first day of the
workweek) are parameters here; `placements.rules` supplies the program's values.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from portal.core.money import to_money

MINUTES_PER_HOUR = Decimal(60)


def round_minutes(minutes: Decimal | int, *, step_minutes: int) -> Decimal:
    """Round worked minutes to the nearest `step_minutes`, half up (with 15: 7 minutes
    round down, 8 round up, the usual quarter-hour rule)."""
    steps = (Decimal(minutes) / step_minutes).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return steps * step_minutes


def shift_hours(
    *, clock_in: datetime, clock_out: datetime, break_minutes: int, step_minutes: int
) -> Decimal:
    """Paid hours of one shift: clock-out minus clock-in (a shift may cross midnight, so
    pass datetimes) minus unpaid break, rounded to the step, as hours with two places.

    Raises ValueError for a clock-out not after the clock-in or a break at least as long
    as the shift: the services turn these into messages for people.
    """
    if clock_out <= clock_in:
        raise ValueError("clock_out must be after clock_in")
    if break_minutes < 0:
        raise ValueError("break_minutes must not be negative")
    worked = Decimal((clock_out - clock_in).total_seconds()) / 60 - break_minutes
    if worked <= 0:
        raise ValueError("the break is as long as the shift")
    return (round_minutes(worked, step_minutes=step_minutes) / MINUTES_PER_HOUR).quantize(
        Decimal("0.01")
    )


def workweek_start(day: date, *, first_weekday: int) -> date:
    """The first day of the fixed 7-day workweek containing `day` (FLSA: overtime is
    counted per workweek, not per pay period). `first_weekday`: 0 Monday ... 6 Sunday."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


@dataclass(frozen=True)
class HoursSplit:
    regular: Decimal
    overtime: Decimal

    @property
    def total(self) -> Decimal:
        return self.regular + self.overtime


def split_regular_and_overtime(
    days: Iterable[tuple[date, Decimal]],
    *,
    weekly_threshold: Decimal,
    first_weekday: int,
    hours_already_in_week: Mapping[date, Decimal] | None = None,
) -> HoursSplit:
    """Regular and overtime hours of the worked `days` ((date, hours) pairs).

    Hours past `weekly_threshold` in one workweek are overtime. A daily or weekly pay
    period can start mid-week, so `hours_already_in_week` gives, per workweek start, the
    hours of that week already paid in earlier periods: they count towards the threshold
    but are not paid again.
    """
    already = defaultdict(Decimal, hours_already_in_week or {})
    regular = overtime = Decimal(0)
    for day, hours in sorted(days):
        if hours < 0:
            raise ValueError("hours must not be negative")
        week = workweek_start(day, first_weekday=first_weekday)
        room = max(weekly_threshold - already[week], Decimal(0))
        regular_today = min(hours, room)
        regular += regular_today
        overtime += hours - regular_today
        already[week] += hours
    return HoursSplit(regular=regular, overtime=overtime)


def gross_pay(split: HoursSplit, *, hourly_rate: Decimal, overtime_multiplier: Decimal) -> Decimal:
    """Gross pay of one pay line, rounded once to the cent (half up). A run's total is
    the sum of its lines' gross, so it always equals them to the cent."""
    if hourly_rate < 0:
        raise ValueError("hourly_rate must not be negative")
    return to_money(
        split.regular * hourly_rate + split.overtime * hourly_rate * overtime_multiplier
    )


@dataclass(frozen=True)
class PricedShifts:
    """Hours and gross pay of one person's shifts in one pay period."""

    regular: Decimal
    overtime: Decimal
    gross: Decimal
    rates: tuple[Decimal, ...]

    @property
    def total(self) -> Decimal:
        return self.regular + self.overtime


def price_shifts(
    shifts: Iterable[tuple[date, Decimal, Decimal]],
    *,
    weekly_threshold: Decimal,
    overtime_multiplier: Decimal,
    first_weekday: int,
    hours_already_in_week: Mapping[date, Decimal] | None = None,
) -> PricedShifts:
    """Pay for (date, hours, hourly rate) shifts: each shift's regular hours at its own
    rate and its overtime hours (past the weekly threshold, counting hours already paid
    in that workweek) at the multiplier times its own rate, so a rate change in the
    middle of a period pays each day at the rate it was worked. Rounded once to the
    cent; with one rate this is exactly `gross_pay(split_regular_and_overtime(...))`."""
    already = defaultdict(Decimal, hours_already_in_week or {})
    regular = overtime = amount = Decimal(0)
    rates: list[Decimal] = []
    for day, hours, rate in sorted(shifts):
        if hours < 0:
            raise ValueError("hours must not be negative")
        if rate < 0:
            raise ValueError("hourly_rate must not be negative")
        week = workweek_start(day, first_weekday=first_weekday)
        room = max(weekly_threshold - already[week], Decimal(0))
        regular_today = min(hours, room)
        overtime_today = hours - regular_today
        regular += regular_today
        overtime += overtime_today
        amount += regular_today * rate + overtime_today * rate * overtime_multiplier
        already[week] += hours
        if rate not in rates:
            rates.append(rate)
    return PricedShifts(
        regular=regular, overtime=overtime, gross=to_money(amount), rates=tuple(rates)
    )
