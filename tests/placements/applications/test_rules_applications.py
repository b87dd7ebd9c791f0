"""Business days with US federal holidays, and the tax-credit numbers at their edges."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import override_settings

from placements.applications import rules
from portal.core import business_days


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2026, {date(2026, 1, 19), date(2026, 7, 3), date(2026, 11, 26), date(2026, 12, 25)}),
        # New Year's Day 2022 fell on a Saturday: observed Friday 31 December 2021.
        (2021, {date(2021, 12, 31), date(2021, 6, 18), date(2021, 12, 24)}),
        (2027, {date(2027, 6, 18), date(2027, 7, 5), date(2027, 12, 24), date(2027, 5, 31)}),
    ],
)
def test_observed_federal_holidays(year, expected):
    holidays = business_days.us_federal_holidays(year)
    assert expected <= holidays
    assert len(holidays) in (11, 12)


def test_juneteenth_only_from_2021():
    assert date(2020, 6, 19) not in business_days.us_federal_holidays(2020)


def test_business_days_skip_the_weekend_and_a_holiday():
    # Friday 16 January 2026; Monday 19 January is Martin Luther King Day.
    assert business_days.add_business_days(date(2026, 1, 16), 5) == date(2026, 1, 26)
    # The same count without a holiday in the way ends on the Friday.
    assert business_days.add_business_days(date(2026, 1, 23), 5) == date(2026, 1, 30)
    assert business_days.add_business_days(date(2026, 1, 16), 0) == date(2026, 1, 16)


def test_business_days_refuse_a_negative_count():
    with pytest.raises(ValueError):
        business_days.add_business_days(date(2026, 1, 16), -1)


@pytest.mark.parametrize(
    ("hours", "credit"),
    [("119", "0.00"), ("120", "1500.00"), ("399", "1500.00"), ("400", "2400.00")],
)
def test_credit_at_the_hour_edges(hours, credit):
    assert rules.wotc_credit(hours=Decimal(hours), wages=Decimal("9000")) == Decimal(credit)


def test_end_date_switch():
    assert rules.wotc_status(date(2025, 12, 31)) == rules.WotcStatus.ACTIVE
    assert rules.wotc_status(date(2026, 1, 1)) == rules.WotcStatus.PENDING_REAUTHORIZATION
    with override_settings(PORTAL_WOTC_END_DATE="2026-12-31"):
        assert rules.wotc_status(date(2026, 1, 1)) == rules.WotcStatus.ACTIVE


def test_waiting_days_come_from_settings():
    assert rules.fair_chance_waiting_business_days() == 5
    with override_settings(PORTAL_FAIR_CHANCE_WAITING_BUSINESS_DAYS=10):
        assert rules.fair_chance_waiting_business_days() == 10
