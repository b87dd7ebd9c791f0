"""Reads for the transitional area's trend charts: a participant's hours and pay per
workweek, a crew's (work site's) readiness per workweek. One aggregate query each, over
the last `WEEKS` workweeks (the current one included), whatever the number of shifts.

Weeks are the program's fixed workweeks (`rules.workweek_first_weekday`, the week
overtime is counted in), not calendar weeks. Callers decide who may read: the participant
their own, a supervisor the sites they supervise (`selectors.worksite_get_supervised`).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum

from jobseekers.models import Participant
from placements.transitional import rules
from placements.transitional.models import RATING_DIMENSIONS, DailyRating, TimeEntry, WorkSite
from placements.transitional.pricing import workweek_start
from portal.core.money import to_money

WEEKS = 12
TWO_PLACES = Decimal("0.01")


def recent_workweeks(*, today: date, weeks: int = WEEKS) -> list[date]:
    """The first days of the last `weeks` workweeks, oldest first, the current one last."""
    current = workweek_start(today, first_weekday=rules.workweek_first_weekday())
    return [current - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]


@dataclass(frozen=True)
class WeekOfWork:
    """One workweek of a participant: the hours of their shifts and the pay they earn for
    them before taxes (hours x the shift's rate, plus the overtime premium past the weekly
    threshold)."""

    starts_on: date
    hours: Decimal
    pay: Decimal


def hours_and_pay_per_week(*, participant: Participant, today: date) -> list[WeekOfWork]:
    """`participant`'s hours and pay in each of the last `WEEKS` workweeks (1 query).

    Every recorded shift counts, approved or not yet (the participant's hours page shows
    both). Overtime: hours past `rules.overtime_weekly_threshold` in a week earn
    (`rules.overtime_multiplier` - 1) x the week's average rate more, which is the payroll's
    premium whenever the rate did not change within the week. Pay stubs hold what was
    actually paid (pay periods can span weeks)."""
    starts = recent_workweeks(today=today)
    earned = ExpressionWrapper(
        F("hours") * F("hourly_rate"), output_field=DecimalField(max_digits=14, decimal_places=4)
    )
    sums = {}
    for index, start in enumerate(starts):
        week = Q(work_date__gte=start, work_date__lte=start + timedelta(days=6))
        sums[f"hours_{index}"] = Sum("hours", filter=week)
        sums[f"pay_{index}"] = Sum(earned, filter=week)
    totals = TimeEntry.objects.filter(
        participant=participant,
        work_date__gte=starts[0],
        work_date__lte=starts[-1] + timedelta(days=6),
    ).aggregate(**sums)
    threshold, multiplier = rules.overtime_weekly_threshold(), rules.overtime_multiplier()
    weeks = []
    for index, start in enumerate(starts):
        hours = Decimal(totals[f"hours_{index}"] or 0)
        pay = Decimal(totals[f"pay_{index}"] or 0)
        if hours > threshold:
            pay += (multiplier - 1) * (hours - threshold) * (pay / hours)
        weeks.append(
            WeekOfWork(starts_on=start, hours=hours.quantize(TWO_PLACES), pay=to_money(pay))
        )
    return weeks


@dataclass(frozen=True)
class WeekOfRatings:
    """One workweek of a crew: the mean of the five readiness dimensions over every
    rating given at the site that week (1-5, two places; None without ratings) and how
    many ratings (crew days) that is."""

    starts_on: date
    average: Decimal | None
    ratings: int


def _day_total():
    total = F(RATING_DIMENSIONS[0])
    for name in RATING_DIMENSIONS[1:]:
        total = total + F(name)
    return total


def readiness_per_week(*, worksite: WorkSite, today: date) -> list[WeekOfRatings]:
    """The crew's readiness at `worksite` in each of the last `WEEKS` workweeks (1 query):
    every participant rated at the site that week counts, one rating per crew day."""
    starts = recent_workweeks(today=today)
    sums = {}
    for index, start in enumerate(starts):
        week = Q(work_date__gte=start, work_date__lte=start + timedelta(days=6))
        sums[f"points_{index}"] = Sum(_day_total(), filter=week)
        sums[f"count_{index}"] = Count("id", filter=week)
    totals = DailyRating.objects.filter(
        worksite=worksite,
        work_date__gte=starts[0],
        work_date__lte=starts[-1] + timedelta(days=6),
    ).aggregate(**sums)
    weeks = []
    for index, start in enumerate(starts):
        count = totals[f"count_{index}"] or 0
        average = None
        if count:
            average = (
                Decimal(totals[f"points_{index}"]) / (len(RATING_DIMENSIONS) * count)
            ).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
        weeks.append(WeekOfRatings(starts_on=start, average=average, ratings=count))
    return weeks
