from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from placements.transitional.pricing import (
    HoursSplit,
    gross_pay,
    round_minutes,
    shift_hours,
    split_regular_and_overtime,
    workweek_start,
)

MONDAY = 0
FORTY = Decimal(40)


@pytest.mark.parametrize(("minutes", "rounded"), [(0, 0), (7, 0), (8, 15), (22, 15), (23, 30)])
def test_minutes_round_to_the_nearest_quarter_hour(minutes, rounded):
    assert round_minutes(minutes, step_minutes=15) == rounded


def test_a_shift_with_a_break_is_paid_in_quarter_hours():
    hours = shift_hours(
        clock_in=datetime(2026, 3, 2, 7, 58),
        clock_out=datetime(2026, 3, 2, 16, 5),
        break_minutes=30,
        step_minutes=15,
    )
    assert hours == Decimal("7.50")  # 8 h 7 min - 30 min = 7 h 37 min -> 7 h 30 min


def test_an_overnight_shift_counts_across_midnight():
    hours = shift_hours(
        clock_in=datetime(2026, 3, 2, 22, 0),
        clock_out=datetime(2026, 3, 3, 6, 0),
        break_minutes=0,
        step_minutes=15,
    )
    assert hours == Decimal("8.00")


@pytest.mark.parametrize(
    ("start", "end", "break_minutes"),
    [((9, 0), (9, 0), 0), ((10, 0), (9, 0), 0), ((9, 0), (10, 0), 60), ((9, 0), (10, 0), -5)],
)
def test_impossible_shifts_are_refused(start, end, break_minutes):
    with pytest.raises(ValueError):
        shift_hours(
            clock_in=datetime(2026, 3, 2, *start),
            clock_out=datetime(2026, 3, 2, *end),
            break_minutes=break_minutes,
            step_minutes=15,
        )


def test_the_workweek_starts_on_the_configured_day():
    wednesday = date(2026, 3, 4)
    assert workweek_start(wednesday, first_weekday=MONDAY) == date(2026, 3, 2)
    assert workweek_start(wednesday, first_weekday=6) == date(2026, 3, 1)  # Sunday


def test_hours_past_forty_in_a_workweek_are_overtime():
    week = [(date(2026, 3, 2) + timedelta(days=n), Decimal(9)) for n in range(5)]  # 45 h
    split = split_regular_and_overtime(week, weekly_threshold=FORTY, first_weekday=MONDAY)
    assert split == HoursSplit(regular=Decimal(40), overtime=Decimal(5))


def test_overtime_is_per_workweek_not_per_period():
    two_weeks = [(date(2026, 3, 2) + timedelta(days=n), Decimal(6)) for n in range(14)]
    split = split_regular_and_overtime(two_weeks, weekly_threshold=FORTY, first_weekday=MONDAY)
    assert split == HoursSplit(regular=Decimal(80), overtime=Decimal(4))  # 42 h a week


def test_a_daily_period_counts_the_weeks_earlier_hours_without_paying_them_again():
    friday = date(2026, 3, 6)
    split = split_regular_and_overtime(
        [(friday, Decimal(8))],
        weekly_threshold=FORTY,
        first_weekday=MONDAY,
        hours_already_in_week={date(2026, 3, 2): Decimal(36)},
    )
    assert split == HoursSplit(regular=Decimal(4), overtime=Decimal(4))


def test_gross_pay_is_rounded_once_to_the_cent():
    split = HoursSplit(regular=Decimal("40"), overtime=Decimal("2.25"))
    pay = gross_pay(split, hourly_rate=Decimal("15.35"), overtime_multiplier=Decimal("1.5"))
    assert pay == Decimal("665.81")  # 614.00 + 51.80625 = 665.80625


days = st.lists(
    st.tuples(
        st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 3, 31)),
        st.decimals(min_value=0, max_value=12, places=2),
    ),
    max_size=40,
    unique_by=lambda pair: pair[0],
)


@given(days)
def test_no_hour_is_lost_or_paid_twice(worked):
    split = split_regular_and_overtime(worked, weekly_threshold=FORTY, first_weekday=MONDAY)
    assert split.total == sum((hours for _, hours in worked), Decimal(0))
    weeks = {workweek_start(day, first_weekday=MONDAY) for day, _ in worked}
    assert split.regular <= FORTY * len(weeks)


@given(days, st.integers(min_value=0, max_value=60))
def test_paying_a_period_in_two_halves_pays_the_same_hours(worked, cut):
    ordered = sorted(worked)
    first, second = ordered[:cut], ordered[cut:]
    whole = split_regular_and_overtime(ordered, weekly_threshold=FORTY, first_weekday=MONDAY)
    earlier = split_regular_and_overtime(first, weekly_threshold=FORTY, first_weekday=MONDAY)
    already: dict[date, Decimal] = {}
    for day, hours in first:
        week = workweek_start(day, first_weekday=MONDAY)
        already[week] = already.get(week, Decimal(0)) + hours
    later = split_regular_and_overtime(
        second, weekly_threshold=FORTY, first_weekday=MONDAY, hours_already_in_week=already
    )
    assert earlier.regular + later.regular == whole.regular
    assert earlier.overtime + later.overtime == whole.overtime
