"""Business days as the law counts them: Monday to Friday, except the US federal holidays
(5 U.S.C. 6103), on the day they are observed when one falls on a weekend. The holiday
calendar comes from the well-kept `holidays` package, so a new holiday (Juneteenth came in
2021) is a package update, not a code change."""

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def us_federal_holidays(year: int) -> frozenset[date]:
    """The weekdays of `year` on which a US federal holiday is observed. A holiday on a
    Saturday is observed on the Friday before, one on a Sunday on the Monday after
    (New Year's Day of the next year may be observed on 31 December)."""
    calendar = holidays.country_holidays("US", years=year, observed=True)
    return frozenset(day for day in calendar if day.year == year and day.weekday() < 5)


def is_business_day(day: date) -> bool:
    """Monday to Friday and not an observed US federal holiday."""
    return day.weekday() < 5 and day not in us_federal_holidays(day.year)


def add_business_days(start: date, days: int) -> date:
    """The `days`-th business day after `start` (`start` itself never counts): a notice
    on Friday 16 January 2026 plus 5 business days skips Martin Luther King Day and ends
    on Monday 26 January."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    while days:
        day += timedelta(days=1)
        if is_business_day(day):
            days -= 1
    return day
