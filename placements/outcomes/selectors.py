"""The outcome figures (issue "Outcomes", "The figures" 1-9), one function each, for a
period and an optional scope (a facilitator's caseload, or one employer's hires).

Each returns a `Figure`: its value, the number of people (or hires) it is based on
(`of`), its definition as printed on every report, and its target where the program has
one. Every figure is a fixed number of SQL aggregates whatever the data's size (medians
read the one or two middle rows of an ordered query); nothing loops over people in
Python. The other areas are read through their `*_for_reports` selectors only.

Windows that run from a date (30 days and 9 months after release, 1 and 3 years after
release, the retention checkpoints) count a person in the period in which the window
*ends*, and only once it has ended (DOMAIN_RULES.md: "a person enters a window's base only
once the window has fully passed"), so a figure never changes after the fact.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Avg,
    Case,
    Count,
    DateField,
    DecimalField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from employers import selectors as employer_selectors
from jobseekers import selectors as participant_selectors
from placements.applications import selectors as application_selectors
from placements.outcomes import rules
from placements.outcomes.periods import Period, add_quarters, quarter_end, quarter_start
from placements.transitional import selectors as transitional_selectors

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
    """Whose figures: the whole program (empty), one facilitator's caseload, or one
    employer's hires (its page)."""

    facilitator_id: int | None = None
    employer_id: int | None = None


PROGRAM = Scope()


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _people(scope: Scope) -> QuerySet:
    people = participant_selectors.participants_for_reports()
    if scope.facilitator_id:
        people = people.filter(facilitator_id=scope.facilitator_id)
    if scope.employer_id:
        people = people.filter(placements__employer_id=scope.employer_id).distinct()
    return people


def _placements(scope: Scope) -> QuerySet:
    placements = application_selectors.placements_for_reports()
    if scope.facilitator_id:
        placements = placements.filter(participant__facilitator_id=scope.facilitator_id)
    if scope.employer_id:
        placements = placements.filter(employer_id=scope.employer_id)
    return placements


def _days(later, earlier) -> ExpressionWrapper:
    return ExpressionWrapper(later - earlier, output_field=DurationField())


def _median(queryset: QuerySet, field_name: str, count: int):
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


def _money(value) -> Decimal:
    return Decimal(value or 0).quantize(Decimal("0.01"), ROUND_HALF_UP)


# --- 1. People served -------------------------------------------------------------------


def _served(period: Period) -> Q:
    """Enrolled on or before the period's end and not gone (left the program or back in
    custody) before it began."""
    return Q(created_at__date__lte=period.end) & ~Q(
        status__in=STATUS_LEFT, status_changed_on__lt=period.start
    )


def people_served(*, period: Period, scope: Scope = PROGRAM) -> Figure:
    served = _served(period)
    totals = _people(scope).aggregate(
        enrolled=Count("pk", filter=served),
        active=Count("pk", filter=served & Q(status__in=STATUS_ACTIVE)),
        new=Count("pk", filter=Q(created_at__date__range=(period.start, period.end))),
        pre_release=Count("pk", filter=served & Q(release_date__gt=period.end)),
    )
    return Figure(
        key="people_served",
        title=_("People served"),
        value=totals["enrolled"],
        of=totals["enrolled"],
        definition=_(
            "Enrolled: people enrolled by the end of the period who had not left the "
            "program or returned to custody before it began. Active: of them, those whose "
            "status is active or placed today. New: enrolled during the period. "
            "Pre-release: enrolled and still inside at the end of the period."
        ),
        measures=(
            Measure("enrolled", _("Enrolled"), totals["enrolled"]),
            Measure("active", _("Active"), totals["active"]),
            Measure("new", _("New this period"), totals["new"]),
            Measure("pre_release", _("Pre-release"), totals["pre_release"]),
        ),
    )


# --- 2. Placements ----------------------------------------------------------------------


def placements_made(*, period: Period, scope: Scope = PROGRAM) -> Figure:
    started = _placements(scope).filter(start_date__range=(period.start, period.end))
    unsubsidized = Q(subsidized=False)
    totals = started.aggregate(
        count=Count("pk"),
        subsidized_jobs=Count("pk", filter=Q(subsidized=True)),
        unsubsidized_jobs=Count("pk", filter=unsubsidized),
        people=Count("participant", filter=unsubsidized, distinct=True),
        wage_low=Min("hourly_wage", filter=unsubsidized),
        wage_high=Max("hourly_wage", filter=unsubsidized),
        full_time=Count("pk", filter=unsubsidized & Q(hours_per_week__gte=rules.FULL_TIME_HOURS)),
    )
    served = _people(scope).filter(_served(period)).count()
    median = _median(started.filter(unsubsidized), "hourly_wage", totals["unsubsidized_jobs"])
    return Figure(
        key="placements",
        title=_("Placements"),
        value=totals["count"],
        of=totals["count"],
        definition=_(
            "Jobs that started in the period. People placed: people with an unsubsidized "
            "job that started in the period; placement rate: people placed out of people "
            "enrolled. Subsidized jobs (the program's transitional jobs) are counted apart "
            "and not as placements in the other figures. Starting wage and full-time share "
            "(35 hours a week or more) of the unsubsidized jobs."
        ),
        measures=(
            Measure("count", _("Jobs started"), totals["count"]),
            Measure("unsubsidized", _("Unsubsidized"), totals["unsubsidized_jobs"]),
            Measure("subsidized", _("Subsidized (transitional)"), totals["subsidized_jobs"]),
            Measure("people_placed", _("People placed"), totals["people"]),
            Measure("placement_rate", _("Placement rate"), Rate(totals["people"], served), "rate"),
            Measure(
                "median_starting_wage",
                _("Median starting wage"),
                _money(median) if median is not None else None,
                "money",
            ),
            Measure("lowest_starting_wage", _("Lowest starting wage"), totals["wage_low"], "money"),
            Measure(
                "highest_starting_wage", _("Highest starting wage"), totals["wage_high"], "money"
            ),
            Measure(
                "full_time_share",
                _("Full-time share"),
                Rate(totals["full_time"], totals["unsubsidized_jobs"]),
                "rate",
            ),
        ),
    )


# --- 3. Days from release to first job --------------------------------------------------


def _first_job_after_release() -> Subquery:
    return Subquery(
        _placements(PROGRAM)
        .filter(
            participant=OuterRef("pk"), subsidized=False, start_date__gte=OuterRef("release_date")
        )
        .order_by("start_date")
        .values("start_date")[:1],
        output_field=DateField(),
    )


def release_to_first_job(*, period: Period, scope: Scope = PROGRAM) -> Figure:
    people = (
        _people(scope)
        .filter(release_date__isnull=False)
        .annotate(first_job=_first_job_after_release())
        .filter(first_job__range=(period.start, period.end))
        .annotate(days_to_job=_days(F("first_job"), F("release_date")))
    )
    buckets = {}
    for low, high in DAYS_BUCKETS:
        condition = Q(days_to_job__gte=dt.timedelta(days=low))
        if high is not None:
            condition &= Q(days_to_job__lte=dt.timedelta(days=high))
        buckets[f"days_{low}_{high or 'more'}"] = Count("pk", filter=condition)
    totals = people.aggregate(count=Count("pk"), **buckets)
    median = _median(people, "days_to_job", totals["count"])
    median_days = (
        None if median is None else Decimal(median.days) + (Decimal("0.5") if median.seconds else 0)
    )
    labels = {
        "days_0_7": _("0-7 days"),
        "days_8_30": _("8-30 days"),
        "days_31_90": _("31-90 days"),
        "days_91_180": _("91-180 days"),
        "days_181_more": _("181 days or more"),
    }
    return Figure(
        key="release_to_first_job",
        title=_("Days from release to first job"),
        value=median_days,
        of=totals["count"],
        definition=_(
            "For the people whose first unsubsidized job after their release started in "
            "the period: the days from the release to that job's start, their median and "
            "how many fall in each range."
        ),
        measures=(
            Measure("median_days", _("Median days"), median_days, "days"),
            *(Measure(key, label, totals[key]) for key, label in labels.items()),
        ),
        extra={"distribution": [(labels[key], totals[key]) for key in labels]},
        value_kind="days",
    )


def employed_within_30_days_of_release(
    *, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None
) -> Figure:
    window = dt.timedelta(days=rules.FIRST_JOB_WINDOW_DAYS)
    first, last = period.shifted(rules.FIRST_JOB_WINDOW_DAYS)
    last = min(last, _today(today) - window)
    job_in_window = Exists(
        _placements(PROGRAM).filter(
            participant=OuterRef("pk"),
            subsidized=False,
            start_date__gte=OuterRef("release_date"),
            start_date__lte=OuterRef("release_date") + window,
        )
    )
    totals = (
        _people(scope)
        .filter(release_date__range=(first, last))
        .annotate(employed=job_in_window)
        .aggregate(of=Count("pk"), count=Count("pk", filter=Q(employed=True)))
    )
    rate = Rate(totals["count"], totals["of"])
    return Figure(
        key="employed_within_30_days_of_release",
        title=_("Employed within 30 days of release"),
        value=rate,
        of=rate.of,
        target=rules.target_employed_within_30_days(),
        definition=_(
            "People whose 30th day after release fell in the period (and has passed) who "
            "started an unsubsidized job within 30 days of their release. Missouri Reentry "
            "2030 target: 85 %."
        ),
    )


# --- 4. Still employed 9 months after release; retention after a start ------------------


def _job_held_on(day_expression) -> Q:
    return Q(start_date__lte=day_expression) & (
        Q(separated_on__isnull=True) | Q(separated_on__gte=day_expression)
    )


def employed_at_9_months_after_release(
    *, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None
) -> Figure:
    window = dt.timedelta(days=rules.NINE_MONTHS_DAYS)
    first, last = period.shifted(rules.NINE_MONTHS_DAYS)
    last = min(last, _today(today) - window)
    mark = OuterRef("release_date") + window
    working = Exists(
        _placements(PROGRAM).filter(
            _job_held_on(mark), participant=OuterRef("pk"), subsidized=False
        )
    )
    totals = (
        _people(scope)
        .filter(release_date__range=(first, last))
        .annotate(employed=working)
        .aggregate(of=Count("pk"), count=Count("pk", filter=Q(employed=True)))
    )
    rate = Rate(totals["count"], totals["of"])
    return Figure(
        key="employed_at_9_months_after_release",
        title=_("Still employed 9 months after release"),
        value=rate,
        of=rate.of,
        target=rules.target_employed_at_9_months(),
        definition=_(
            "People whose day 9 months (274 days) after release fell in the period (and "
            "has passed) who held an unsubsidized job, with any employer, on that day. "
            "Missouri Reentry 2030 target: 80 %."
        ),
    )


def _retained(days: int, definition: rules.RetentionDefinition) -> Q:
    checkpoint = dt.timedelta(days=days)
    still_there = (
        Q(separated_on__isnull=True) | Q(separated_on__gte=F("start_date") + checkpoint)
    ) & ~Q(
        Exists(
            application_selectors.placements_for_reports().filter(
                pk=OuterRef("pk"),
                retention_checks__days=days,
                retention_checks__outcome__in=CHECK_NOT_EMPLOYED,
            )
        )
    )
    if definition == rules.RetentionDefinition.SAME_EMPLOYER:
        return still_there
    checkpoint_day = OuterRef("start_date") + checkpoint
    gap = dt.timedelta(days=rules.RETENTION_GAP_DAYS)
    answered_working = Exists(
        application_selectors.placements_for_reports().filter(
            pk=OuterRef("pk"),
            retention_checks__days=days,
            retention_checks__outcome__in=CHECK_EMPLOYED,
        )
    )
    next_job = Exists(
        application_selectors.placements_for_reports().filter(
            Q(separated_on__isnull=True) | Q(separated_on__gte=checkpoint_day),
            participant=OuterRef("participant"),
            subsidized=False,
            start_date__gt=OuterRef("start_date"),
            start_date__lte=OuterRef("separated_on") + gap,
        )
    )
    return still_there | Q(answered_working) | Q(next_job)


def retention(*, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None) -> Figure:
    """One query per checkpoint (30, 90, 180, 365 days)."""
    definition = rules.retention_definition()
    today = _today(today)
    points = []
    for days in rules.retention_checkpoints():
        first, last = period.shifted(days)
        last = min(last, today - dt.timedelta(days=days))
        totals = (
            _placements(scope)
            .filter(subsidized=False, start_date__range=(first, last))
            .aggregate(of=Count("pk"), count=Count("pk", filter=_retained(days, definition)))
        )
        points.append((days, Rate(totals["count"], totals["of"])))
    return Figure(
        key="retention",
        title=_("Retention after a job starts"),
        value=dict(points),
        of=points[0][1].of if points else 0,
        definition=_(
            "Unsubsidized jobs whose checkpoint (30, 90, 180 or 365 days after the start) "
            "fell in the period and has passed, and the share still employed on that day. "
            "Definition used: %(definition)s."
        )
        % {"definition": definition.label},
        measures=tuple(
            Measure(f"retention_{days}_days", _("%(days)s days") % {"days": days}, rate, "rate")
            for days, rate in points
        ),
        extra={"retention_definition": definition},
    )


# --- 5. WIOA-style indicators -----------------------------------------------------------


def _quarters_after_exit(period: Period, quarters: int, today: dt.date) -> list[tuple]:
    """(exit quarter start, exit quarter end, measured quarter start, measured quarter
    end) for each measured quarter (the `quarters`-th after the exit quarter) that ended
    in the period, by today."""
    rows = []
    measured = quarter_start(period.start)
    while measured <= period.end:
        measured_end = quarter_end(measured)
        if period.start <= measured_end <= min(period.end, today):
            exit_start = add_quarters(measured, -quarters)
            rows.append((exit_start, quarter_end(exit_start), measured, measured_end))
        measured = add_quarters(measured, 1)
    return rows


def _employment_after_exit(scope: Scope, quarters: list[tuple]):
    """People who left the program in one of the exit quarters, with the measured
    quarter's first and last day, whether they held an unsubsidized job in it and that
    job's earnings for the quarter (hourly wage x weekly hours x 13)."""
    if not quarters:
        return _people(scope).none()
    first_exit, last_exit = quarters[0][0], quarters[-1][1]
    exit_on = Subquery(
        participant_selectors.participants_for_reports()
        .filter(pk=OuterRef("pk"), program_exits__exited_on__range=(first_exit, last_exit))
        .order_by("-program_exits__exited_on")
        .values("program_exits__exited_on")[:1],
        output_field=DateField(),
    )

    def quarter_bound(index):
        return Case(
            *(When(exit_on__range=(row[0], row[1]), then=Value(row[index])) for row in quarters),
            output_field=DateField(),
        )

    held = (
        _placements(PROGRAM)
        .filter(
            participant=OuterRef("pk"),
            subsidized=False,
            start_date__lte=OuterRef("measured_end"),
        )
        .filter(Q(separated_on__isnull=True) | Q(separated_on__gte=OuterRef("measured_start")))
    )
    earnings = ExpressionWrapper(
        F("hourly_wage") * F("hours_per_week") * rules.WEEKS_IN_A_QUARTER,
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
    return (
        _people(scope)
        .annotate(exit_on=exit_on)
        .filter(exit_on__isnull=False)
        .annotate(measured_start=quarter_bound(2), measured_end=quarter_bound(3))
        .annotate(
            employed=Exists(held),
            earnings=Subquery(
                held.annotate(earnings=earnings).order_by("-start_date").values("earnings")[:1]
            ),
        )
    )


def wioa_indicators(
    *, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None
) -> Figure:
    today = _today(today)
    second = _employment_after_exit(scope, _quarters_after_exit(period, 2, today))
    fourth = _employment_after_exit(scope, _quarters_after_exit(period, 4, today))
    second_totals = second.aggregate(of=Count("pk"), count=Count("pk", filter=Q(employed=True)))
    fourth_totals = fourth.aggregate(of=Count("pk"), count=Count("pk", filter=Q(employed=True)))
    median_earnings = _median(second.filter(employed=True), "earnings", second_totals["count"])
    exit_in_period = Subquery(
        participant_selectors.participants_for_reports()
        .filter(pk=OuterRef("pk"), program_exits__exited_on__range=(period.start, period.end))
        .order_by("-program_exits__exited_on")
        .values("program_exits__exited_on")[:1],
        output_field=DateField(),
    )
    credential = Exists(
        participant_selectors.participants_for_reports().filter(
            pk=OuterRef("pk"),
            documents__kind=DOCUMENT_CERTIFICATE,
            documents__uploaded_at__date__lte=OuterRef("exit_on"),
        )
    )
    credentials = (
        _people(scope)
        .annotate(exit_on=exit_in_period)
        .filter(exit_on__isnull=False)
        .annotate(credential=credential)
        .aggregate(of=Count("pk"), count=Count("pk", filter=Q(credential=True)))
    )
    second_rate = Rate(second_totals["count"], second_totals["of"])
    # A median of fewer than 5 people's earnings could be one person's pay: not shown.
    median_value = None
    if median_earnings is not None and second_totals["count"] >= rules.minimum_cell():
        median_value = _money(median_earnings)
    return Figure(
        key="wioa",
        title=_("Employment after leaving the program"),
        value=second_rate,
        of=second_rate.of,
        definition=_(
            "People who left the program, counted in the period in which the 2nd (or 4th) "
            "calendar quarter after the quarter they left ended: the share who held an "
            "unsubsidized job in that quarter, and the median of their earnings in the 2nd "
            "quarter (hourly wage x weekly hours x 13 weeks; not shown for fewer than 5 "
            "people). Credential attainment: of the people who left the program in the "
            "period, those with a certificate in their file by the day they left."
        ),
        measures=(
            Measure(
                "employment_rate_2nd_quarter", _("Employed in the 2nd quarter"), second_rate, "rate"
            ),
            Measure(
                "employment_rate_4th_quarter",
                _("Employed in the 4th quarter"),
                Rate(fourth_totals["count"], fourth_totals["of"]),
                "rate",
            ),
            Measure(
                "median_earnings_2nd_quarter",
                _("Median earnings in the 2nd quarter"),
                median_value,
                "money",
            ),
            Measure(
                "credential_attainment",
                _("Credential attainment"),
                Rate(credentials["count"], credentials["of"]),
                "rate",
            ),
        ),
    )


# --- 6. Recidivism ----------------------------------------------------------------------


def _returned(window: dt.timedelta, kinds=RECIDIVISM_KINDS) -> Exists:
    return Exists(
        participant_selectors.participants_for_reports().filter(
            pk=OuterRef("pk"),
            custody_events__kind__in=kinds,
            custody_events__occurred_on__gte=OuterRef("release_date"),
            custody_events__occurred_on__lte=OuterRef("release_date") + window,
        )
    )


def recidivism(
    *, period: Period, years: int, scope: Scope = PROGRAM, today: dt.date | None = None
) -> Figure:
    """Returns to incarceration within `years` (1 or 3) of release, in one query."""
    days = 365 * years
    window = dt.timedelta(days=days)
    first, last = period.shifted(days)
    last = min(last, _today(today) - window)
    completer = Exists(
        participant_selectors.participants_for_reports().filter(
            pk=OuterRef("pk"), program_exits__reason=EXIT_COMPLETED
        )
    )
    totals = (
        _people(scope)
        .filter(release_date__range=(first, last))
        .annotate(
            is_returned=_returned(window),
            is_new_offense=_returned(window, (NEW_OFFENSE,)),
            is_technical=_returned(window, (TECHNICAL_VIOLATION,)),
            is_completer=completer,
        )
        .aggregate(
            of=Count("pk"),
            count=Count("pk", filter=Q(is_returned=True)),
            new_offense=Count("pk", filter=Q(is_new_offense=True)),
            technical=Count("pk", filter=Q(is_technical=True)),
            completers=Count("pk", filter=Q(is_completer=True)),
            completers_returned=Count("pk", filter=Q(is_completer=True, is_returned=True)),
        )
    )
    rate = Rate(totals["count"], totals["of"])
    comparison = {
        "missouri": rules.recidivism_comparison_missouri(),
        "missouri_year": rules.recidivism_comparison_missouri_year(),
        "high_risk_3_years": rules.recidivism_comparison_high_risk(),
    }
    return Figure(
        key=f"recidivism_{years}_year{'s' if years > 1 else ''}",
        title=_("Returned to custody within %(years)s year(s) of release") % {"years": years},
        value=rate,
        of=rate.of,
        definition=_(
            "People whose %(years)s-year window after release ended in the period (and "
            "has passed) who returned to prison or jail within it, on a new offense or a "
            "revocation for a technical violation. An arrest without a conviction or "
            "revocation is not counted. Completers: the people who completed the program. "
            "Comparison: Missouri %(missouri)s %% (%(year)s); %(high_risk)s %% predicted "
            "within 3 years for the high-risk group without help."
        )
        % {
            "years": years,
            "missouri": int(comparison["missouri"] * 100),
            "year": comparison["missouri_year"],
            "high_risk": int(comparison["high_risk_3_years"] * 100),
        },
        measures=(
            Measure("rate", _("Everyone"), rate, "rate"),
            Measure(
                "new_offense", _("New offense"), Rate(totals["new_offense"], totals["of"]), "rate"
            ),
            Measure(
                "technical_violation",
                _("Technical violation"),
                Rate(totals["technical"], totals["of"]),
                "rate",
            ),
            Measure(
                "completers",
                _("Completers"),
                Rate(totals["completers_returned"], totals["completers"]),
                "rate",
            ),
        ),
        extra={"comparison": comparison},
    )


# --- 7. Cost savings --------------------------------------------------------------------


def cost_savings(*, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None) -> Figure:
    """Person-years kept out of prison in the period x savings per person-year - the
    period's share of the operating cost, in one query."""
    last = min(period.end, _today(today))
    day_after = last + dt.timedelta(days=1)
    first_return = Subquery(
        participant_selectors.participants_for_reports()
        .filter(
            pk=OuterRef("pk"),
            custody_events__kind__in=RECIDIVISM_KINDS,
            custody_events__occurred_on__gte=OuterRef("release_date"),
        )
        .order_by("custody_events__occurred_on")
        .values("custody_events__occurred_on")[:1],
        output_field=DateField(),
    )
    totals = (
        _people(scope)
        .filter(release_date__isnull=False, release_date__lte=last)
        .annotate(
            out_from=Greatest(
                Value(period.start),
                F("release_date"),
                TruncDate("created_at"),
                output_field=DateField(),
            ),
            out_until=Least(
                Value(day_after), Coalesce(first_return, Value(day_after)), output_field=DateField()
            ),
        )
        .filter(out_until__gt=F("out_from"))
        .annotate(days_out=_days(F("out_until"), F("out_from")))
        .aggregate(people=Count("pk"), days=Sum("days_out"))
    )
    days = totals["days"].days if totals["days"] else 0
    person_years = (Decimal(days) / rules.DAYS_IN_A_YEAR).quantize(Decimal("0.01"), ROUND_HALF_UP)
    operating_cost = rules.operating_cost_for_days(period.days)
    net = rules.cost_savings_for_person_years(
        person_years=person_years, operating_cost=operating_cost
    )
    per_year = rules.savings_per_person_year()
    return Figure(
        key="cost_savings",
        title=_("Cost savings to the state"),
        value=net,
        value_kind="money",
        of=totals["people"],
        definition=_(
            "Person-years kept out: for each participant, the days in the period (up to "
            "today) after their release, or their enrolment if later, before any return "
            "to custody, added up and divided by 365. Savings: person-years x "
            "$%(per_year)s - the program's operating cost for the period (the yearly cost "
            "x the period's days / 365)."
        )
        % {"per_year": f"{per_year:,.2f}"},
        measures=(
            Measure(
                "person_years_kept_out", _("Person-years kept out"), person_years, "person_years"
            ),
            Measure("savings_per_person_year", _("Savings per person-year"), per_year, "money"),
            Measure("operating_cost", _("Operating cost for the period"), operating_cost, "money"),
            Measure("net", _("Net savings"), net, "money"),
        ),
    )


# --- 8. Transitional jobs ---------------------------------------------------------------


def transitional_jobs(*, period: Period, scope: Scope = PROGRAM) -> Figure:
    entries = transitional_selectors.time_entries_for_reports().filter(
        work_date__range=(period.start, period.end)
    )
    stubs = transitional_selectors.pay_stubs_for_reports().filter(
        run__period__pay_date__range=(period.start, period.end)
    )
    ratings = transitional_selectors.ratings_for_reports().filter(
        work_date__range=(period.start, period.end)
    )
    if scope.facilitator_id:
        entries = entries.filter(participant__facilitator_id=scope.facilitator_id)
        stubs = stubs.filter(participant__facilitator_id=scope.facilitator_id)
        ratings = ratings.filter(participant__facilitator_id=scope.facilitator_id)
    work = entries.aggregate(people=Count("participant", distinct=True), hours=Sum("hours"))
    gross = stubs.aggregate(gross=Sum("gross"))["gross"]

    def edge(aggregate):
        return Subquery(
            ratings.filter(participant=OuterRef("participant"))
            .values("participant")
            .annotate(day=aggregate("work_date"))
            .values("day")[:1],
            output_field=DateField(),
        )

    score = sum(
        (F(name) for name in transitional_selectors.REPORT_RATING_DIMENSIONS[1:]),
        F(transitional_selectors.REPORT_RATING_DIMENSIONS[0]),
    )
    week = dt.timedelta(days=6)
    averages = (
        ratings.annotate(first_day=edge(Min), last_day=edge(Max))
        .annotate(
            score=Cast(score, DecimalField(max_digits=6, decimal_places=2)),
            since_first=_days(F("work_date"), F("first_day")),
            before_last=_days(F("last_day"), F("work_date")),
        )
        .aggregate(
            first=Avg("score", filter=Q(since_first__lte=week)),
            latest=Avg("score", filter=Q(before_last__lte=week)),
            rated=Count("participant", distinct=True),
        )
    )
    dimensions = len(transitional_selectors.REPORT_RATING_DIMENSIONS)

    def rating(value):
        if value is None:
            return None
        return (Decimal(value) / dimensions).quantize(Decimal("0.01"), ROUND_HALF_UP)

    return Figure(
        key="transitional_jobs",
        title=_("Transitional jobs"),
        value=work["people"],
        of=work["people"],
        definition=_(
            "People who worked a crew shift in the period, their hours, the gross pay of "
            "the approved payroll runs paid in the period, and the average work-readiness "
            "rating (1 to 5, the mean of the five dimensions) in each person's first week "
            "of ratings in the period and in their latest week."
        ),
        measures=(
            Measure("people", _("People"), work["people"]),
            Measure("hours", _("Hours worked"), work["hours"] or Decimal("0"), "hours"),
            Measure("gross_pay", _("Gross pay"), _money(gross), "money"),
            Measure("people_rated", _("People rated"), averages["rated"]),
            Measure(
                "rating_first_week", _("Rating, first week"), rating(averages["first"]), "rating"
            ),
            Measure(
                "rating_latest_week", _("Rating, latest week"), rating(averages["latest"]), "rating"
            ),
        ),
    )


# --- 9. Employers -----------------------------------------------------------------------


def employers_results(
    *, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None
) -> Figure:
    today = _today(today)
    employers = employer_selectors.employers_for_reports()
    jobs = employer_selectors.jobs_for_reports()
    if scope.employer_id:
        employers = employers.filter(pk=scope.employer_id)
        jobs = jobs.filter(employer_id=scope.employer_id)
    approved = employer_selectors.APPROVED_EMPLOYER_STATUS
    employer_totals = employers.aggregate(
        active=Count("pk", filter=Q(status=approved)),
        new=Count(
            "pk",
            filter=Q(status=approved, vetted_at__date__range=(period.start, period.end)),
        ),
    )
    jobs_posted = jobs.filter(published_at__date__range=(period.start, period.end)).count()
    hires = application_selectors.placements_with_credit_estimate(
        _placements(scope).filter(
            employer__isnull=False, start_date__range=(period.start, period.end)
        )
    )
    eligible = Q(wotc__record_eligible=True, wotc__ineligible_reason="")
    deadline = dt.timedelta(days=28)
    hire_totals = hires.annotate(
        filing_delay=_days(F("wotc__submitted_on"), F("start_date"))
    ).aggregate(
        hires=Count("pk"),
        hiring_employers=Count("employer", distinct=True),
        credits=Sum("credit_estimate"),
        pending=Count("pk", filter=eligible & Q(credit_pending=True)),
        due=Count("pk", filter=eligible & Q(start_date__lte=today - deadline)),
        on_time=Count(
            "pk",
            filter=eligible & Q(start_date__lte=today - deadline, filing_delay__lte=deadline),
        ),
    )
    bonds = (
        _placements(scope)
        .filter(
            bonding_requests__status=BOND_ISSUED,
            bonding_requests__coverage_starts_on__range=(period.start, period.end),
        )
        .count()
    )
    per_employer = None
    if hire_totals["hiring_employers"]:
        per_employer = (Decimal(hire_totals["hires"]) / hire_totals["hiring_employers"]).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )
    return Figure(
        key="employers",
        title=_("Employers"),
        value=employer_totals["active"],
        of=employer_totals["active"],
        definition=_(
            "Active fair-chance employers: approved employers today; new: approved in the "
            "period. Jobs posted: published in the period. Hires: jobs at a portal "
            "employer that started in the period, and hires per hiring employer. Tax "
            "credits estimated: the Work Opportunity Tax Credit of the eligible hires, "
            "by the rules on the hire's page (hires after the credit's end date are "
            "pending reauthorization). Form 8850 filed on time: within 28 days of the "
            "start, of the eligible hires whose deadline has passed. Bonds issued: "
            "coverage starting in the period."
        ),
        measures=(
            Measure(
                "active_employers", _("Active fair-chance employers"), employer_totals["active"]
            ),
            Measure("new_employers", _("New this period"), employer_totals["new"]),
            Measure("jobs_posted", _("Jobs posted"), jobs_posted),
            Measure("hires", _("Hires"), hire_totals["hires"]),
            Measure("hires_per_employer", _("Hires per hiring employer"), per_employer, "number"),
            Measure(
                "tax_credits_estimated",
                _("Tax credits estimated"),
                _money(hire_totals["credits"]),
                "money",
            ),
            Measure(
                "tax_credits_pending", _("Hires pending reauthorization"), hire_totals["pending"]
            ),
            Measure(
                "form_8850_on_time",
                _("Form 8850 filed on time"),
                Rate(hire_totals["on_time"], hire_totals["due"]),
                "rate",
            ),
            Measure("bonds_issued", _("Bonds issued"), bonds),
        ),
    )
