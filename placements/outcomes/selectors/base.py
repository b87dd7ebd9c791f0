"""What every outcome figure shares: the values a figure returns (Rate, Measure, Figure),
the scope it is counted for, the stored choice values the figures filter on, and small
SQL helpers."""

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    FilteredRelation,
    Q,
    QuerySet,
)
from django.utils import timezone

from jobseekers import selectors as participant_selectors
from placements.applications import selectors as application_selectors
from placements.outcomes import rules
from placements.outcomes.periods import Period

# Stored values of the other apps' choices, as the reports filter on them.
STATUS_ACTIVE = ("active", "placed")
STATUS_LEFT = ("exited", "returned_to_custody")
RECIDIVISM_KINDS = ("new_offense", "technical_violation")  # not arrest_no_conviction
NEW_OFFENSE, TECHNICAL_VIOLATION = RECIDIVISM_KINDS
EXIT_COMPLETED = "completed"
DOCUMENT_CERTIFICATE = "certificate"
CHECK_NOT_EMPLOYED = ("not_working", "other_employer")
CHECK_EMPLOYED = ("same_employer", "other_employer")
BOND_ISSUED = "issued"

RATE_PLACES = Decimal("0.001")
DAYS_BUCKETS = ((0, 7), (8, 30), (31, 90), (91, 180), (181, None))


# --- Values -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    """`count` of `of`. Below the minimum cell (5) the rate is not given (`suppressed`):
    pages, CSV, PDF and API show "fewer than 5" instead of a percentage."""

    count: int
    of: int

    @property
    def suppressed(self) -> bool:
        return self.of < rules.minimum_cell()

    @property
    def rate(self) -> Decimal | None:
        if self.suppressed or not self.of:
            return None
        return (Decimal(self.count) / Decimal(self.of)).quantize(RATE_PLACES, ROUND_HALF_UP)


@dataclass(frozen=True)
class Measure:
    """One named number inside a figure. `kind` says how it is shown: rate, count,
    money, days, hours, rating, person_years."""

    key: str
    label: str
    value: object
    kind: str = "count"


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    value: object
    of: int
    definition: str
    target: Decimal | None = None
    measures: tuple[Measure, ...] = field(default_factory=tuple)
    extra: dict = field(default_factory=dict)
    value_kind: str = "count"

    def measure(self, key: str):
        return next(measure.value for measure in self.measures if measure.key == key)


@dataclass(frozen=True)
class Scope:
    """Whose figures: the whole program (empty), or a cut of it: one facilitator's
    caseload, a release or enrolment cohort (a quarter), a risk level, a gender, a home
    ZIP code area (the first three digits); or one employer's hires (its page). The cuts
    combine (AND)."""

    facilitator_id: int | None = None
    employer_id: int | None = None
    release_cohort: Period | None = None
    enrolment_cohort: Period | None = None
    risk_level: str = ""
    gender: str = ""
    zip_area: str = ""

    def people_filter(self, prefix: str = "") -> Q:
        """The participant-level cuts as a filter on participants, or on rows that point
        at one through `prefix` (e.g. "participant__")."""

        def on(lookup: str, value) -> Q:
            return Q(**{f"{prefix}{lookup}": value})

        condition = Q()
        if self.facilitator_id:
            condition &= on("facilitator_id", self.facilitator_id)
        if self.release_cohort:
            cohort = self.release_cohort
            condition &= on("release_date__range", (cohort.start, cohort.end))
        if self.enrolment_cohort:
            cohort = self.enrolment_cohort
            condition &= on("created_at__date__range", (cohort.start, cohort.end))
        if self.risk_level:
            condition &= on("risk_level", self.risk_level)
        if self.gender:
            condition &= on("gender", self.gender)
        if self.zip_area:
            condition &= on("zip_code__startswith", self.zip_area)
        return condition


PROGRAM = Scope()


def today_or(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def people_in(scope: Scope) -> QuerySet:
    people = participant_selectors.participants_for_reports().filter(scope.people_filter())
    if scope.employer_id:
        people = people.filter(placements__employer_id=scope.employer_id).distinct()
    return people


def placements_in(scope: Scope) -> QuerySet:
    placements = application_selectors.placements_for_reports().filter(
        scope.people_filter("participant__")
    )
    if scope.employer_id:
        placements = placements.filter(employer_id=scope.employer_id)
    return placements


# Numbers that two figures of one report need (the people served: figure 1 and the
# placement rate), counted once while `one_report()` is open; each figure alone still
# counts its own.
_report_numbers: ContextVar[dict | None] = ContextVar("outcomes_report_numbers", default=None)


@contextmanager
def one_report() -> Iterator[None]:
    """While open, `shared_number` counts each number once."""
    token = _report_numbers.set({})
    try:
        yield
    finally:
        _report_numbers.reset(token)


def shared_number(key: tuple, count: Callable[[], int]) -> int:
    """`count()`, or the value already counted under `key` in this report."""
    numbers = _report_numbers.get()
    if numbers is None:
        return count()
    if key not in numbers:
        numbers[key] = count()
    return numbers[key]


def remember_number(key: tuple, value: int) -> None:
    """Keep a number a figure counted anyway (with others, in one query) for the next."""
    numbers = _report_numbers.get()
    if numbers is not None:
        numbers[key] = value


def people_with_a_job(people: QuerySet, jobs: Q) -> dict:
    """`{"of": the people, "count": those with a job meeting `jobs`}` in one query.
    `jobs` is a condition on the person's jobs (`placements__...`; F() reads the
    person's own fields): the people are joined once to those jobs only and counted
    distinct, instead of a lookup of each person's jobs (an `Exists` per person)."""
    return people.alias(matching_job=FilteredRelation("placements", condition=jobs)).aggregate(
        of=Count("pk", distinct=True),
        count=Count("pk", distinct=True, filter=Q(matching_job__isnull=False)),
    )


def day_starts(day: dt.date) -> dt.datetime:
    """The first moment of `day` in the current time zone: `created_at < day_starts(d +
    1)` is `created_at__date <= d`, compared without converting every row's time (the
    index-friendly form of a `__date` filter)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def days_between(later, earlier) -> ExpressionWrapper:
    return ExpressionWrapper(later - earlier, output_field=DurationField())


def median_of(queryset: QuerySet, field_name: str, count: int):
    """The median of `field_name` over `queryset` (of `count` rows) in one query: the one
    or two middle rows of the ordered values. None for no rows. The query runs even for
    none, so that a page's query count does not depend on its data."""
    middle = list(
        queryset.order_by(field_name).values_list(field_name, flat=True)[
            max(count - 1, 0) // 2 : count // 2 + 1
        ]
    )
    if not count or not middle:
        return None
    if isinstance(middle[0], dt.timedelta):
        return sum(middle, dt.timedelta()) / len(middle)
    return sum(middle) / len(middle)


def money(value) -> Decimal:
    return Decimal(value or 0).quantize(Decimal("0.01"), ROUND_HALF_UP)
