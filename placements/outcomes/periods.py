"""Report periods: a start and an end day (both included), the presets of the period
picker (this quarter, last quarter, year to date) and the checks on a typed period."""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from placements.outcomes.exceptions import InvalidPeriodError

PRESETS = (
    ("this_quarter", gettext_lazy("This quarter")),
    ("last_quarter", gettext_lazy("Last quarter")),
    ("year_to_date", gettext_lazy("Year to date")),
    ("custom", gettext_lazy("Custom dates")),
)
# A report reaches back at most this many years (the program's history) and never ahead
# of next year: a date outside is a typing mistake.
YEARS_BACK = 30


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period of the same length just before this one."""
        end = self.start - dt.timedelta(days=1)
        return Period(start=end - dt.timedelta(days=self.days - 1), end=end)

    def shifted(self, days: int) -> tuple[dt.date, dt.date]:
        """The days whose date + `days` falls in this period."""
        return self.start - dt.timedelta(days=days), self.end - dt.timedelta(days=days)


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_end(day: dt.date) -> dt.date:
    start = quarter_start(day)
    following = dt.date(start.year + (start.month + 3 > 12), (start.month + 2) % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def add_quarters(day: dt.date, quarters: int) -> dt.date:
    """The first day of the quarter `quarters` after the one holding `day`."""
    index = day.year * 4 + (day.month - 1) // 3 + quarters
    return dt.date(index // 4, 3 * (index % 4) + 1, 1)


def preset_period(name: str, *, today: dt.date | None = None) -> Period:
    today = today or timezone.localdate()
    if name == "last_quarter":
        start = add_quarters(today, -1)
        return Period(start=start, end=quarter_end(start))
    if name == "year_to_date":
        return Period(start=dt.date(today.year, 1, 1), end=today)
    return Period(start=quarter_start(today), end=quarter_end(today))


def period_from(*, start, end, today: dt.date | None = None) -> Period:
    """A typed period, checked: both days given, end not before start, both within the
    program's years. Raises InvalidPeriodError with the field to fix."""
    today = today or timezone.localdate()
    if start is None or end is None:
        message = _("Enter both a start and an end date.")
        field = "start" if start is None else "end"
        raise InvalidPeriodError(message, fields={field: [message]})
    earliest = dt.date(today.year - YEARS_BACK, 1, 1)
    latest = dt.date(today.year + 1, 12, 31)
    for field, day in (("start", start), ("end", end)):
        if not earliest <= day <= latest:
            message = _("Enter a date between %(earliest)s and %(latest)s.") % {
                "earliest": earliest.isoformat(),
                "latest": latest.isoformat(),
            }
            raise InvalidPeriodError(message, fields={field: [message]})
    if end < start:
        message = _("The end date cannot be before the start date.")
        raise InvalidPeriodError(message, fields={"end": [message]})
    return Period(start=start, end=end)


QUARTER_LABEL = re.compile(r"^(\d{4})-Q([1-4])$")


def quarter_label(day: dt.date) -> str:
    """The quarter holding `day`, as cohorts are named: "2026-Q3"."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_period(label: str, *, today: dt.date | None = None) -> Period:
    """The quarter a cohort label names ("2026-Q3"), within the program's years.
    Raises InvalidPeriodError."""
    today = today or timezone.localdate()
    match = QUARTER_LABEL.match(label.strip())
    if not match or not today.year - YEARS_BACK <= int(match[1]) <= today.year + 1:
        raise InvalidPeriodError(
            _("Enter a quarter like %(example)s.") % {"example": quarter_label(today)}
        )
    start = dt.date(int(match[1]), 3 * (int(match[2]) - 1) + 1, 1)
    return Period(start=start, end=quarter_end(start))


def recent_quarters(*, count: int = 12, today: dt.date | None = None) -> list[str]:
    """The labels of the last `count` quarters, newest first, for the cohort pickers."""
    today = today or timezone.localdate()
    return [quarter_label(add_quarters(today, -back)) for back in range(count)]
