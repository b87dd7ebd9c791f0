from datetime import date
from decimal import Decimal

import pytest
from django.test import override_settings

from placements.applications import rules
from placements.applications.rules import WotcStatus
from portal.core.exceptions import ApplicationError


@pytest.mark.parametrize(
    ("hours", "wages", "credit"),
    [
        (0, "9000", "0.00"),
        (119, "9000", "0.00"),
        ("119.99", "9000", "0.00"),
        (120, "9000", "1500.00"),
        (120, "2000", "500.00"),
        (399, "6000", "1500.00"),
        (400, "6000", "2400.00"),
        (400, "3000", "1200.00"),
        (2080, "41600", "2400.00"),
        (8784, "6000.01", "2400.00"),
    ],
)
def test_credit_by_first_year_hours_and_wages(hours, wages, credit):
    assert rules.wotc_credit(hours=hours, wages=wages) == Decimal(credit)


def test_wages_above_the_cap_count_only_up_to_the_cap():
    at_cap = rules.wotc_credit(hours=400, wages=Decimal("6000"))
    above = rules.wotc_credit(hours=400, wages=Decimal("6000.01"))
    just_below = rules.wotc_credit(hours=400, wages=Decimal("5999.99"))
    assert at_cap == above == Decimal("2400.00")
    assert just_below == Decimal("2400.00")  # 2399.996 rounds half up to the cent


def test_the_credit_is_rounded_to_the_cent_half_up():
    assert rules.wotc_credit(hours=120, wages="1000.02") == Decimal("250.01")  # 250.005
    assert rules.wotc_credit(hours=400, wages="0.01") == Decimal("0.00")  # 0.004
    assert rules.wotc_credit(hours=120, wages="0.02") == Decimal("0.01")  # 0.005


def test_maximum_credits_follow_the_cap_and_rates():
    assert rules.wotc_maximum_credit(full_rate=False) == Decimal("1500.00")
    assert rules.wotc_maximum_credit(full_rate=True) == Decimal("2400.00")


@pytest.mark.parametrize(
    ("hours", "wages", "field"),
    [
        (-1, "1000", "hours"),
        (8785, "1000", "hours"),
        ("many", "1000", "hours"),
        ("NaN", "1000", "hours"),
        (400, "-0.01", "wages"),
        (400, "", "wages"),
        (400, "Infinity", "wages"),
    ],
)
def test_negative_or_impossible_inputs_are_refused_naming_the_field(hours, wages, field):
    with pytest.raises(ApplicationError) as error:
        rules.wotc_credit(hours=hours, wages=wages)
    assert error.value.code == "invalid_estimate_input"
    assert list(error.value.fields) == [field]
    assert "Enter the" in error.value.message


def test_floats_are_refused_outright():
    with pytest.raises(TypeError):
        rules.wotc_credit(hours=400, wages=6000.0)


def test_the_rules_follow_settings_at_call_time():
    with override_settings(
        PORTAL_WOTC_WAGE_CAP="10000",
        PORTAL_WOTC_FULL_RATE="0.50",
        PORTAL_WOTC_MINIMUM_HOURS="100",
        PORTAL_WOTC_FULL_RATE_HOURS="300",
    ):
        assert rules.wotc_credit(hours=300, wages="20000") == Decimal("5000.00")
        assert rules.wotc_credit(hours=100, wages="20000") == Decimal("2500.00")
        assert rules.wotc_credit(hours=99, wages="20000") == Decimal("0.00")
    assert rules.wotc_credit(hours=300, wages="20000") == Decimal("1500.00")


def test_status_is_active_through_the_end_date_then_pending_reauthorization():
    assert rules.wotc_end_date() == date(2025, 12, 31)
    assert rules.wotc_status(date(2025, 12, 31)) == WotcStatus.ACTIVE
    assert rules.wotc_status(date(2026, 1, 1)) == WotcStatus.PENDING_REAUTHORIZATION
    with override_settings(PORTAL_WOTC_END_DATE="2030-12-31"):
        assert rules.wotc_status(date(2026, 1, 1)) == WotcStatus.ACTIVE


def test_the_estimate_carries_status_deadline_and_counted_wages():
    estimate = rules.wotc_estimate(hours=Decimal("400"), wages="8000", start_date=date(2026, 2, 2))
    assert estimate.credit == Decimal("2400.00")
    assert estimate.rate_percent == 40
    assert estimate.qualified_wages == Decimal("6000.00")
    assert estimate.status == WotcStatus.PENDING_REAUTHORIZATION
    assert estimate.filing_deadline == date(2026, 3, 2)


def test_filing_deadline_is_28_calendar_days_after_the_start():
    assert rules.wotc_filing_window_days() == 28
    assert rules.wotc_filing_deadline(date(2025, 12, 20)) == date(2026, 1, 17)


def test_eligibility_is_one_year_from_the_later_of_conviction_and_release():
    conviction, release = date(2020, 5, 1), date(2025, 3, 10)
    assert rules.wotc_eligibility_ends_on(conviction_date=conviction, release_date=release) == (
        date(2026, 3, 10)
    )
    assert rules.wotc_eligibility_ends_on(conviction_date=conviction) == date(2021, 5, 1)
    assert rules.wotc_hire_is_eligible(
        hire_date=date(2026, 3, 10), conviction_date=conviction, release_date=release
    )
    assert not rules.wotc_hire_is_eligible(
        hire_date=date(2026, 3, 11), conviction_date=conviction, release_date=release
    )
    # A leap day plus a year never grows the window.
    assert rules.wotc_eligibility_ends_on(conviction_date=date(2024, 2, 29)) == date(2025, 2, 28)


def test_a_release_before_the_conviction_is_refused():
    with pytest.raises(ApplicationError) as error:
        rules.wotc_eligibility_ends_on(
            conviction_date=date(2024, 1, 2), release_date=date(2024, 1, 1)
        )
    assert list(error.value.fields) == ["release_date"]


def test_bonding_numbers():
    assert rules.bonding_default_amount() == Decimal("5000.00")
    assert rules.bonding_maximum_amount() == Decimal("25000.00")
    assert rules.bonding_coverage_months() == 6
    assert rules.bonding_coverage_ends_on(date(2026, 1, 15)) == date(2026, 7, 14)
    # A start on the 31st ends on the last day of the shorter month, less a day.
    assert rules.bonding_coverage_ends_on(date(2026, 8, 31)) == date(2027, 2, 27)
