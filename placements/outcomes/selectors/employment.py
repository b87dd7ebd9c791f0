"""Outcome figures 4-5: still employed 9 months after release, retention after a start,
and the WIOA-style indicators after exit."""

import datetime as dt

from django.db.models import (
    Case,
    Count,
    DateField,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from jobseekers import selectors as participant_selectors
from placements.applications import selectors as application_selectors
from placements.outcomes import rules
from placements.outcomes.periods import Period, add_quarters, quarter_end, quarter_start
from placements.outcomes.selectors.base import (
    CHECK_EMPLOYED,
    CHECK_NOT_EMPLOYED,
    DOCUMENT_CERTIFICATE,
    PROGRAM,
    Figure,
    Measure,
    Rate,
    Scope,
    median_of,
    money,
    people_in,
    people_with_a_job,
    placements_in,
    today_or,
)

# --- 4. Still employed 9 months after release; retention after a start ------------------


def _job_held_on(day_expression, prefix: str = "") -> Q:
    """A job (its fields through `prefix`) held on the day `day_expression`."""
    return Q(**{f"{prefix}start_date__lte": day_expression}) & (
        Q(**{f"{prefix}separated_on__isnull": True})
        | Q(**{f"{prefix}separated_on__gte": day_expression})
    )


def _released_for_9_months(period: Period, scope: Scope, today: dt.date | None) -> QuerySet:
    """The people whose day 9 months after release fell in the period, by today."""
    first, last = period.shifted(rules.NINE_MONTHS_DAYS)
    last = min(last, today_or(today) - dt.timedelta(days=rules.NINE_MONTHS_DAYS))
    return people_in(scope).filter(release_date__range=(first, last))


def employed_at_9_months_people(
    *, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None
) -> QuerySet:
    """The people the 9-month figure counts (its "of"), each annotated `counted`: True
    for those who held an unsubsidized job on the day 9 months after release."""
    mark = OuterRef("release_date") + dt.timedelta(days=rules.NINE_MONTHS_DAYS)
    working = Exists(
        placements_in(PROGRAM).filter(
            _job_held_on(mark), participant=OuterRef("pk"), subsidized=False
        )
    )
    return _released_for_9_months(period, scope, today).annotate(counted=working)


def employed_at_9_months_after_release(
    *, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None
) -> Figure:
    # The same people and test as `employed_at_9_months_people`, in one join.
    mark = F("release_date") + dt.timedelta(days=rules.NINE_MONTHS_DAYS)
    totals = people_with_a_job(
        _released_for_9_months(period, scope, today),
        _job_held_on(mark, "placements__") & Q(placements__subsidized=False),
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


def _next_job(days: int, prefix: str = "") -> Exists:
    """Another unsubsidized job of the person that started after this one (read through
    `prefix`, e.g. "placement__"), within 4 weeks of its end, and held on the
    checkpoint day: "any employer with no gap over 4 weeks"."""
    checkpoint_day = OuterRef(f"{prefix}start_date") + dt.timedelta(days=days)
    gap = dt.timedelta(days=rules.RETENTION_GAP_DAYS)
    return Exists(
        application_selectors.placements_for_reports().filter(
            Q(separated_on__isnull=True) | Q(separated_on__gte=checkpoint_day),
            participant=OuterRef(f"{prefix}participant"),
            subsidized=False,
            start_date__gt=OuterRef(f"{prefix}start_date"),
            start_date__lte=OuterRef(f"{prefix}separated_on") + gap,
        )
    )


def _retained(days: int, definition: rules.RetentionDefinition) -> Q:
    checkpoint = dt.timedelta(days=days)
    still_there = (
        Q(separated_on__isnull=True) | Q(separated_on__gte=F("start_date") + checkpoint)
    ) & ~Q(
        # The job's own check (one probe of its (placement, days) key), not a join of
        # the job to itself and its checks.
        Exists(
            application_selectors.retention_checks_for_reports().filter(
                placement=OuterRef("pk"), days=days, outcome__in=CHECK_NOT_EMPLOYED
            )
        )
    )
    if definition == rules.RetentionDefinition.SAME_EMPLOYER:
        return still_there
    answered_working = Exists(
        application_selectors.retention_checks_for_reports().filter(
            placement=OuterRef("pk"), days=days, outcome__in=CHECK_EMPLOYED
        )
    )
    return still_there | Q(answered_working) | Q(_next_job(days))


def _checkpoint_range(period: Period, days: int, today: dt.date) -> tuple[dt.date, dt.date]:
    """The start dates of the jobs whose `days` checkpoint fell in the period by today."""
    first, last = period.shifted(days)
    return first, min(last, today - dt.timedelta(days=days))


def retention_people(
    *, period: Period, days: int, scope: Scope = PROGRAM, today: dt.date | None = None
) -> QuerySet:
    """The people with an unsubsidized job whose `days` checkpoint the retention figure
    counts, each annotated `counted`: True for those still employed on that day (in one
    of those jobs, by the definition in use)."""
    due = placements_in(scope).filter(
        participant=OuterRef("pk"),
        subsidized=False,
        start_date__range=_checkpoint_range(period, days, today_or(today)),
    )
    retained = _retained(days, rules.retention_definition())
    return people_in(scope).filter(Exists(due)).annotate(counted=Exists(due.filter(retained)))


def retention(*, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None) -> Figure:
    """The four checkpoints (30, 90, 180, 365 days) in two queries, counted as the jobs
    due minus those lost: a job is lost on its checkpoint if it ended before it, or if
    its check that day says the person was not working there (`_retained`; under "any
    employer", unless that check or a next job says they were working). Jobs that ended
    early are few and found on the jobs; jobs with a "not working" check are found from
    those checks (a few thousand), so no job is probed for its check. The same numbers as
    counting `_retained` over the jobs (retention_people)."""
    definition = rules.retention_definition()
    any_employer = definition != rules.RetentionDefinition.SAME_EMPLOYER
    today = today_or(today)
    checkpoints = tuple(rules.retention_checkpoints())
    ranges = {days: _checkpoint_range(period, days, today) for days in checkpoints}
    earliest = min((first for first, _last in ranges.values()), default=period.start)
    latest = max((last for _first, last in ranges.values()), default=period.end)
    jobs = placements_in(scope).filter(subsidized=False, start_date__range=(earliest, latest))

    def ended_early(days: int, prefix: str = "") -> Q:
        checkpoint = F(f"{prefix}start_date") + dt.timedelta(days=days)
        return Q(**{f"{prefix}separated_on__lt": checkpoint})

    def lost_early(days: int) -> Q:
        lost = Q(start_date__range=ranges[days]) & ended_early(days)
        if any_employer:
            answered_working = Exists(
                application_selectors.retention_checks_for_reports().filter(
                    placement=OuterRef("pk"), days=days, outcome__in=CHECK_EMPLOYED
                )
            )
            lost &= ~Q(answered_working) & ~Q(_next_job(days))
        return lost

    def lost_on_check(days: int) -> Q:
        # A "not working" check of a job that had not ended before its checkpoint (one
        # check per job and checkpoint: counting checks counts jobs).
        lost = Q(days=days, placement__start_date__range=ranges[days]) & ~ended_early(
            days, "placement__"
        )
        if any_employer:
            lost &= ~Q(outcome__in=CHECK_EMPLOYED) & ~Q(_next_job(days, "placement__"))
        return lost

    if not checkpoints:
        return _retention_figure([], definition)
    due = jobs.aggregate(
        **{
            f"of_{days}": Count("pk", filter=Q(start_date__range=ranges[days]))
            for days in checkpoints
        },
        **{f"lost_{days}": Count("pk", filter=lost_early(days)) for days in checkpoints},
    )
    checked = (
        application_selectors.retention_checks_for_reports()
        .filter(
            outcome__in=CHECK_NOT_EMPLOYED,
            days__in=checkpoints,
            placement__in=jobs.values("pk"),
        )
        .aggregate(
            **{f"lost_{days}": Count("pk", filter=lost_on_check(days)) for days in checkpoints}
        )
    )
    points = []
    for days in checkpoints:
        of = due[f"of_{days}"] or 0
        kept = of - (due[f"lost_{days}"] or 0) - (checked[f"lost_{days}"] or 0)
        points.append((days, Rate(kept, of)))
    return _retention_figure(points, definition)


def _retention_figure(points: list[tuple[int, Rate]], definition) -> Figure:
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


def _exits_in(scope: Scope) -> QuerySet:
    """Program exits of the people in `scope` (the exit-side twin of `placements_in`)."""
    exits = participant_selectors.program_exits_for_reports().filter(
        scope.people_filter("participant__")
    )
    if scope.employer_id:
        exits = exits.filter(
            Exists(
                placements_in(PROGRAM).filter(
                    participant=OuterRef("participant"), employer_id=scope.employer_id
                )
            )
        )
    return exits


def _last_exits(scope: Scope, first: dt.date, last: dt.date) -> QuerySet:
    """Each person's latest exit between `first` and `last` (one row a person: a later
    exit in the range, or a second one the same day with a higher id, rules a row out).
    The figures after exit are counted over these rows, so that the exit day is a column
    the per-person lookups read, not a subquery they repeat."""
    in_range = participant_selectors.program_exits_for_reports().filter(
        exited_on__range=(first, last)
    )
    later = in_range.filter(participant=OuterRef("participant")).filter(
        Q(exited_on__gt=OuterRef("exited_on"))
        | Q(exited_on=OuterRef("exited_on"), pk__gt=OuterRef("pk"))
    )
    return _exits_in(scope).filter(exited_on__range=(first, last)).exclude(Exists(later))


def _employment_after_exit(scope: Scope, quarters: list[tuple]) -> QuerySet:
    """One row per person who left the program in one of the exit quarters (their
    latest exit there), with the measured quarter's first and last day, whether they
    held an unsubsidized job in it and that job's earnings for the quarter (hourly wage
    x weekly hours x 13, from its latest answered retention check by the quarter's end
    that recorded them, else its start). Rows of program exits: `participant` is the
    person."""
    money_field = DecimalField(max_digits=14, decimal_places=2)
    if not quarters:
        # No quarter after an exit has passed yet (e.g. this year to date): nobody is
        # counted, with the same columns as below for the figure's aggregates.
        return (
            participant_selectors.program_exits_for_reports()
            .none()
            .annotate(employed=Value(False), earnings=Value(None, output_field=money_field))
        )

    def quarter_bound(index):
        return Case(
            *(When(exited_on__range=(row[0], row[1]), then=Value(row[index])) for row in quarters),
            output_field=DateField(),
        )

    held = (
        placements_in(PROGRAM)
        .filter(
            participant=OuterRef("participant"),
            subsidized=False,
            start_date__lte=OuterRef("measured_end"),
        )
        .filter(Q(separated_on__isnull=True) | Q(separated_on__gte=OuterRef("measured_start")))
    )
    # What the person earned a week: from the job's latest answered retention check by
    # the quarter's end that says they were working, with hours and wage recorded (issue
    # "Outcomes": the quarterly measures use the checks' earnings), else the job's
    # starting wage x hours.
    checked = (
        application_selectors.retention_checks_for_reports()
        .filter(
            placement=OuterRef("pk"),
            outcome__in=CHECK_EMPLOYED,
            due_on__lte=OuterRef(OuterRef("measured_end")),
            hours_per_week__isnull=False,
            hourly_wage__isnull=False,
        )
        .annotate(
            weekly=ExpressionWrapper(
                F("hourly_wage") * F("hours_per_week"), output_field=money_field
            )
        )
        .order_by("-due_on")
        .values("weekly")[:1]
    )
    earnings = ExpressionWrapper(
        Coalesce(
            Subquery(checked, output_field=money_field),
            ExpressionWrapper(F("hourly_wage") * F("hours_per_week"), output_field=money_field),
        )
        * rules.WEEKS_IN_A_QUARTER,
        output_field=money_field,
    )
    return (
        _last_exits(scope, quarters[0][0], quarters[-1][1])
        .annotate(measured_start=quarter_bound(2), measured_end=quarter_bound(3))
        .annotate(
            employed=Exists(held),
            earnings=Subquery(
                held.annotate(earnings=earnings)
                .order_by("-start_date", "-pk")
                .values("earnings")[:1]
            ),
        )
    )


def _people_of(scope: Scope, exits: QuerySet, counted: Q) -> QuerySet:
    """The people of `exits` (rows of program exits, one a person), each annotated
    `counted`: whether their row meets `counted`."""
    return (
        people_in(scope)
        .filter(pk__in=exits.values("participant"))
        .annotate(counted=Exists(exits.filter(counted, participant=OuterRef("pk"))))
    )


def wioa_people(
    *, period: Period, quarters: int, scope: Scope = PROGRAM, today: dt.date | None = None
) -> QuerySet:
    """The people the WIOA employment rate in the `quarters`-th (2nd or 4th) quarter
    after exit counts, each annotated `counted`: True for those who held an
    unsubsidized job in that quarter."""
    quarter_rows = _quarters_after_exit(period, quarters, today_or(today))
    return _people_of(scope, _employment_after_exit(scope, quarter_rows), Q(employed=True))


def _credentials(scope: Scope, period: Period) -> QuerySet:
    """The people who left the program in the period (their latest exit in it, one row
    a person), each annotated `credential`: a certificate in their file by that day."""
    credential = participant_selectors.participants_for_reports().filter(
        pk=OuterRef("participant"),
        documents__kind=DOCUMENT_CERTIFICATE,
        documents__uploaded_at__date__lte=OuterRef("exited_on"),
    )
    return _last_exits(scope, period.start, period.end).annotate(credential=Exists(credential))


def credential_people(
    *, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None
) -> QuerySet:
    """The people who left the program in the period (credential attainment's "of"),
    each annotated `counted`: True for those with a certificate in their file by the day
    they left."""
    return _people_of(scope, _credentials(scope, period), Q(credential=True))


def wioa_indicators(
    *, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None
) -> Figure:
    today = today_or(today)
    second = _employment_after_exit(scope, _quarters_after_exit(period, 2, today))
    fourth = _employment_after_exit(scope, _quarters_after_exit(period, 4, today))
    second_totals = second.aggregate(of=Count("pk"), count=Count("pk", filter=Q(employed=True)))
    fourth_totals = fourth.aggregate(of=Count("pk"), count=Count("pk", filter=Q(employed=True)))
    median_earnings = median_of(second.filter(employed=True), "earnings", second_totals["count"])
    credentials = _credentials(scope, period).aggregate(
        of=Count("pk"), count=Count("pk", filter=Q(credential=True))
    )
    second_rate = Rate(second_totals["count"], second_totals["of"])
    # A median of fewer than 5 people's earnings could be one person's pay: not shown.
    median_value = None
    if median_earnings is not None and second_totals["count"] >= rules.minimum_cell():
        median_value = money(median_earnings)
    return Figure(
        key="wioa",
        title=_("Employment after leaving the program"),
        value=second_rate,
        of=second_rate.of,
        definition=_(
            "People who left the program, counted in the period in which the 2nd (or 4th) "
            "calendar quarter after the quarter they left ended: the share who held an "
            "unsubsidized job in that quarter, and the median of their earnings in the 2nd "
            "quarter (hourly wage x weekly hours x 13 weeks, from the job's latest "
            "retention check by the quarter's end that recorded them, else from the job's "
            "start; not shown for fewer than 5 people). Credential attainment: of the "
            "people who left the program in the period, those with a certificate in their "
            "file by the day they left."
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
