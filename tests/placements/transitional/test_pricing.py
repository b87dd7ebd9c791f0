"""`payroll.price_shifts` (shifts at their own rates) and the transitional numbers in
placements/rules.py."""

from datetime import date, timedelta
from decimal import Decimal

from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from placements.transitional import rules
from placements.transitional.pricing import gross_pay, price_shifts, split_regular_and_overtime

MONDAY = date(2026, 3, 2)
hours = st.integers(min_value=0, max_value=48).map(lambda quarters: Decimal(quarters) / 4)


@settings(max_examples=30, deadline=None)
@given(
    days=st.lists(st.tuples(st.integers(0, 20), hours), min_size=1, max_size=15),
    cents=st.integers(min_value=725, max_value=5000),
)
def test_with_one_rate_pricing_equals_split_then_gross(days, cents):
    rate = Decimal(cents) / 100
    shifts = [(MONDAY + timedelta(days=offset), worked, rate) for offset, worked in days]
    priced = price_shifts(
        shifts, weekly_threshold=Decimal(40), overtime_multiplier=Decimal("1.5"), first_weekday=0
    )
    split = split_regular_and_overtime(
        [(day, worked) for day, worked, _rate in shifts],
        weekly_threshold=Decimal(40),
        first_weekday=0,
    )
    assert (priced.regular, priced.overtime) == (split.regular, split.overtime)
    assert priced.gross == gross_pay(split, hourly_rate=rate, overtime_multiplier=Decimal("1.5"))


def test_overtime_is_paid_at_the_rate_of_the_day_it_falls_on():
    shifts = [
        (MONDAY + timedelta(days=offset), Decimal(10), Decimal("16.00")) for offset in range(3)
    ]
    shifts += [(MONDAY + timedelta(days=3), Decimal(15), Decimal("20.00"))]
    priced = price_shifts(
        shifts, weekly_threshold=Decimal(40), overtime_multiplier=Decimal("1.5"), first_weekday=0
    )
    # 30 h at 16 + 10 h at 20 + 5 overtime hours at 30.
    assert priced.gross == Decimal("830.00")
    assert priced.rates == (Decimal("16.00"), Decimal("20.00"))


def test_hours_already_paid_in_the_week_count_towards_overtime():
    priced = price_shifts(
        [(MONDAY + timedelta(days=4), Decimal(8), Decimal("15.00"))],
        weekly_threshold=Decimal(40),
        overtime_multiplier=Decimal("1.5"),
        first_weekday=0,
        hours_already_in_week={MONDAY: Decimal(36)},
    )
    assert (priced.regular, priced.overtime, priced.gross) == (
        Decimal(4),
        Decimal(4),
        Decimal("150.00"),
    )


def test_the_transitional_numbers_and_their_settings():
    assert rules.time_rounding_minutes() == 15
    assert rules.max_hours_per_day() == Decimal(12)
    assert rules.overtime_weekly_threshold() == Decimal(40)
    assert rules.overtime_multiplier() == Decimal("1.5")
    assert rules.workweek_first_weekday() == 0
    assert rules.anomaly_hours_per_day() == Decimal(10)
    with override_settings(PORTAL_TIME_ROUNDING_MINUTES=6, PORTAL_WORKWEEK_FIRST_WEEKDAY=6):
        assert rules.time_rounding_minutes() == 6
        assert rules.workweek_first_weekday() == 6
