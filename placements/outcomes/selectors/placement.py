"""Outcome figures 1-3: people served, placements, days from release to first job."""

import datetime as dt
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils.translation import gettext as _

from placements.outcomes import rules
from placements.outcomes.periods import Period
from placements.outcomes.selectors.base import (
    DAYS_BUCKETS,
    PROGRAM,
    STATUS_ACTIVE,
    STATUS_LEFT,
    Figure,
    Measure,
    Rate,
    Scope,
    day_starts,
    days_between,
    median_of,
    money,
    people_in,
    people_with_a_job,
    placements_in,
    remember_number,
    shared_number,
    today_or,
)

# --- 1. People served -------------------------------------------------------------------


def _enrolled_between(start: dt.date | None, end: dt.date) -> Q:
    condition = Q(created_at__lt=day_starts(end + dt.timedelta(days=1)))
    if start is not None:
        condition &= Q(created_at__gte=day_starts(start))
    return condition


def _served(period: Period) -> Q:
    """Enrolled on or before the period's end and not gone (left the program or back in
    custody) before it began."""
    return _enrolled_between(None, period.end) & ~Q(
        status__in=STATUS_LEFT, status_changed_on__lt=period.start
    )


def people_served(*, period: Period, scope: Scope = PROGRAM) -> Figure:
    served = _served(period)
    totals = people_in(scope).aggregate(
        enrolled=Count("pk", filter=served),
        active=Count("pk", filter=served & Q(status__in=STATUS_ACTIVE)),
        new=Count("pk", filter=_enrolled_between(period.start, period.end)),
        pre_release=Count("pk", filter=served & Q(release_date__gt=period.end)),
    )
    remember_number(("served", period, scope), totals["enrolled"])
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


def people_served_people(
    *, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None
) -> QuerySet:
    """The people figure 1 counts as enrolled, each annotated `counted`: True for those
    whose status is active or placed today."""
    return (
        people_in(scope)
        .filter(_served(period))
        .annotate(
            counted=ExpressionWrapper(Q(status__in=STATUS_ACTIVE), output_field=BooleanField())
        )
    )


# --- 2. Placements ----------------------------------------------------------------------


def placements_made(*, period: Period, scope: Scope = PROGRAM) -> Figure:
    started = placements_in(scope).filter(start_date__range=(period.start, period.end))
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
    # Figure 1's "enrolled", counted once in a report (`shared_number`).
    served = shared_number(
        ("served", period, scope), lambda: people_in(scope).filter(_served(period)).count()
    )
    median = median_of(started.filter(unsubsidized), "hourly_wage", totals["unsubsidized_jobs"])
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
                money(median) if median is not None else None,
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


def placed_people(
    *, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None
) -> QuerySet:
    """The people with a job (subsidized or not) that started in the period, each
    annotated `counted`: True for those with an unsubsidized one (figure 2's "people
    placed")."""
    started = placements_in(scope).filter(
        participant=OuterRef("pk"), start_date__range=(period.start, period.end)
    )
    return (
        people_in(scope)
        .filter(Exists(started))
        .annotate(counted=Exists(started.filter(subsidized=False)))
    )


# --- 3. Days from release to first job --------------------------------------------------


def release_to_first_job(*, period: Period, scope: Scope = PROGRAM) -> Figure:
    # A person's first job after release started in the period: an unsubsidized job
    # that started in the period, on or after the release, with no other unsubsidized
    # job between the release and it (nor one the same day with a lower id, so that
    # each person is one row). Only the period's jobs are read, each with one probe of
    # the person's earlier jobs, instead of grouping every person with all their jobs.
    release = F("participant__release_date")
    earlier = placements_in(PROGRAM).filter(
        Q(start_date__lt=OuterRef("start_date"))
        | Q(start_date=OuterRef("start_date"), pk__lt=OuterRef("pk")),
        participant=OuterRef("participant"),
        subsidized=False,
        start_date__gte=OuterRef("participant__release_date"),
    )
    first_jobs = placements_in(PROGRAM).filter(
        scope.people_filter("participant__"),
        subsidized=False,
        start_date__range=(period.start, period.end),
        participant__release_date__isnull=False,
        start_date__gte=release,
    )
    if scope.employer_id:
        # As `people_in`: the people with a job at the employer (their first job may
        # be elsewhere).
        first_jobs = first_jobs.filter(
            Exists(
                placements_in(PROGRAM).filter(
                    participant=OuterRef("participant"), employer_id=scope.employer_id
                )
            )
        )
    # How many people took each number of days (one row a distinct number, however many
    # people): the count, the ranges and the median are read from it.
    days_counts = [
        (days_to_job.days, people)
        for days_to_job, people in first_jobs.exclude(Exists(earlier))
        .annotate(days_to_job=days_between(F("start_date"), release))
        .values("days_to_job")
        .annotate(people=Count("pk"))
        .order_by("days_to_job")
        .values_list("days_to_job", "people")
    ]
    totals = {"count": sum(people for _days, people in days_counts)}
    for low, high in DAYS_BUCKETS:
        totals[f"days_{low}_{high or 'more'}"] = sum(
            people for days, people in days_counts if days >= low and (high is None or days <= high)
        )
    median_days = _median_of_counts(days_counts, totals["count"])
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


def _median_of_counts(value_counts: list[tuple[int, int]], count: int) -> Decimal | None:
    """The median of `count` whole numbers given as (value, how many) in value order:
    the middle one, or the mean of the two middle ones (a half)."""
    if not count:
        return None
    middle, seen = [], 0
    for value, people in value_counts:
        for position in ((count - 1) // 2, count // 2):
            if seen <= position < seen + people:
                middle.append(value)
        seen += people
    return Decimal(sum(middle)) / 2


def employed_within_30_days_people(
    *, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None
) -> QuerySet:
    """The people the 30-day figure counts (its "of"), each annotated `counted`: True for
    those who started an unsubsidized job within 30 days of release."""
    job_in_window = Exists(
        placements_in(PROGRAM).filter(
            _started_within_30_days(OuterRef("release_date")), participant=OuterRef("pk")
        )
    )
    return _released_for_30_days(period, scope, today).annotate(counted=job_in_window)


def _released_for_30_days(period: Period, scope: Scope, today: dt.date | None) -> QuerySet:
    """The people whose 30th day after release fell in the period, by today."""
    first, last = period.shifted(rules.FIRST_JOB_WINDOW_DAYS)
    last = min(last, today_or(today) - dt.timedelta(days=rules.FIRST_JOB_WINDOW_DAYS))
    return people_in(scope).filter(release_date__range=(first, last))


def _started_within_30_days(release, prefix: str = "") -> Q:
    """An unsubsidized job (its fields through `prefix`) that started within 30 days of
    `release` (the person's release date)."""
    window = dt.timedelta(days=rules.FIRST_JOB_WINDOW_DAYS)
    return Q(
        **{
            f"{prefix}subsidized": False,
            f"{prefix}start_date__gte": release,
            f"{prefix}start_date__lte": release + window,
        }
    )


def employed_within_30_days_of_release(
    *, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None
) -> Figure:
    # The same people and test as `employed_within_30_days_people`, in one join.
    totals = people_with_a_job(
        _released_for_30_days(period, scope, today),
        _started_within_30_days(F("release_date"), "placements__"),
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
