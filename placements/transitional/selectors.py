"""Reads of the transitional-jobs area, scoped to the user: someone else's object is not
in the queryset, so it is a 404.

| who                  | sites, assignments, entries, ratings     | periods, runs | pay stubs |
|----------------------|------------------------------------------|---------------|-----------|
| participant          | own (read only)                          | no            | own       |
| staff                | sites they supervise, and their caseload | no            | caseload  |
| program admin        | all                                      | all           | all       |
| employer, anyone     | nothing (404)                            | nothing       | nothing   |

`readiness_summaries` is the contract the matching engine reads.

One module at ~570 lines: every read of the area is scoped by the same table above, so
they stay together; payroll reads are the first to move out when it grows.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404

from jobseekers.models import Participant
from placements.transitional import rules
from placements.transitional.models import (
    RATING_DIMENSIONS,
    AssignmentStatus,
    DailyRating,
    PayPeriod,
    PayrollRun,
    PayrollRunStatus,
    PayStub,
    TimeEntry,
    TimeEntryMonth,
    WorkAssignment,
    WorkSite,
)
from portal.core.models import Role, User
from portal.core.permissions import has_role, is_program_admin, is_staff_member

TWO_PLACES = Decimal("0.01")
TREND_WINDOW = 5


def participant_of(user: User) -> Participant | None:
    """The participant record behind a participant's login, or None."""
    if not has_role(user, Role.PARTICIPANT):
        return None
    return Participant.objects.filter(user=user).first()


def _people_scope(user: User, *, site_field: str) -> Q | None:
    """The Q that limits rows to what `user` may read; None means everything; a Q
    matching nothing for outsiders."""
    if is_program_admin(user):
        return None
    if is_staff_member(user):
        return Q(**{f"{site_field}__supervisors": user}) | Q(participant__facilitator=user)
    if has_role(user, Role.PARTICIPANT):
        return Q(participant__user=user)
    return Q(pk__in=[])


def worksites_visible_to(*, user: User) -> QuerySet[WorkSite]:
    base = WorkSite.objects.prefetch_related("supervisors").order_by("name")
    if is_program_admin(user):
        return base
    if is_staff_member(user):
        return base.filter(supervisors=user)
    if has_role(user, Role.PARTICIPANT):
        return base.filter(assignments__participant__user=user).distinct()
    return base.none()


def worksites_supervised_by(*, user: User) -> QuerySet[WorkSite]:
    """The sites whose crew sheet `user` keeps (admins: every active site)."""
    if is_program_admin(user):
        return WorkSite.objects.filter(is_active=True).order_by("name")
    if is_staff_member(user):
        return WorkSite.objects.filter(is_active=True, supervisors=user).order_by("name")
    return WorkSite.objects.none()


def worksite_get_supervised(*, user: User, worksite_id: int) -> WorkSite:
    return get_object_or_404(worksites_supervised_by(user=user), pk=worksite_id)


def assignments_visible_to(*, user: User) -> QuerySet[WorkAssignment]:
    base = WorkAssignment.objects.select_related("participant", "worksite")
    scope = _people_scope(user, site_field="worksite")
    return base if scope is None else base.filter(scope).distinct()


def assignment_get_managed(*, user: User, assignment_id: int) -> WorkAssignment:
    """An assignment `user` may end or change: program admins any, supervisors those at
    their sites. Anyone else (and anything else) is a 404."""
    if is_program_admin(user):
        sites = WorkSite.objects.all()
    elif is_staff_member(user):
        sites = WorkSite.objects.filter(supervisors=user)
    else:
        raise Http404
    return get_object_or_404(
        WorkAssignment.objects.select_related("participant", "worksite"),
        pk=assignment_id,
        worksite__in=sites,
    )


def time_entries_visible_to(*, user: User) -> QuerySet[TimeEntry]:
    """Shifts with the run paying them (`paid_run_id`, `paid_locked`: claims.py)."""
    base = TimeEntry.objects.with_payment().select_related("participant", "worksite", "approved_by")
    scope = _people_scope(user, site_field="worksite")
    return base if scope is None else base.filter(scope).distinct()


def ratings_visible_to(*, user: User) -> QuerySet[DailyRating]:
    base = DailyRating.objects.select_related("participant", "worksite")
    scope = _people_scope(user, site_field="worksite")
    return base if scope is None else base.filter(scope).distinct()


def pay_periods_visible_to(*, user: User) -> QuerySet[PayPeriod]:
    if not is_program_admin(user):
        return PayPeriod.objects.none()
    return PayPeriod.objects.select_related("payroll_run").order_by("-starts_on", "schedule")


def payroll_runs_visible_to(*, user: User) -> QuerySet[PayrollRun]:
    if not is_program_admin(user):
        return PayrollRun.objects.none()
    return PayrollRun.objects.select_related("period", "approved_by", "exported_by").annotate(
        stub_count=Count("stubs")
    )


def payroll_run_get(*, user: User, run_id: int) -> PayrollRun:
    return get_object_or_404(payroll_runs_visible_to(user=user), pk=run_id)


def pay_stubs_visible_to(*, user: User) -> QuerySet[PayStub]:
    base = PayStub.objects.select_related("participant", "run", "run__period")
    if is_program_admin(user):
        return base
    if is_staff_member(user):
        # Staff see the stubs of their caseload once the run is approved.
        return base.filter(
            participant__facilitator=user,
            run__status__in=[PayrollRunStatus.APPROVED, PayrollRunStatus.EXPORTED],
        )
    if has_role(user, Role.PARTICIPANT):
        # A participant sees a stub once it is final (approved), never a draft.
        return base.filter(
            participant__user=user,
            run__status__in=[PayrollRunStatus.APPROVED, PayrollRunStatus.EXPORTED],
        )
    return base.none()


def pay_stub_get(*, user: User, stub_id: int) -> PayStub:
    return get_object_or_404(
        pay_stubs_visible_to(user=user).prefetch_related("adjustments"), pk=stub_id
    )


def stub_entries(*, stub: PayStub) -> QuerySet[TimeEntry]:
    """The shifts a stub pays."""
    return (
        TimeEntry.objects.paid_by(stub.run_id)
        .filter(participant_id=stub.participant_id)
        .select_related("worksite")
    )


# --- The crew sheet ---------------------------------------------------------------------


@dataclass(frozen=True)
class CrewMember:
    assignment: WorkAssignment
    entries: tuple
    rating: DailyRating | None

    @property
    def participant(self):
        return self.assignment.participant

    @property
    def hours(self) -> Decimal:
        return sum((entry.hours for entry in self.entries), Decimal(0))

    @property
    def approved(self) -> bool:
        return bool(self.entries) and all(entry.approved_by_id for entry in self.entries)


def crew_for_day(*, worksite: WorkSite, work_date: date) -> list[CrewMember]:
    """Everyone assigned to the site on the day, with their shifts and rating (3
    queries)."""
    assignments = list(
        WorkAssignment.objects.filter(worksite=worksite, starts_on__lte=work_date)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=work_date))
        .select_related("participant")
        .order_by("participant__last_name", "participant__first_name")
    )
    ids = [assignment.participant_id for assignment in assignments]
    entries = defaultdict(list)
    for entry in TimeEntry.objects.filter(participant_id__in=ids, work_date=work_date):
        entries[entry.participant_id].append(entry)
    ratings = {
        rating.participant_id: rating
        for rating in DailyRating.objects.filter(participant_id__in=ids, work_date=work_date)
    }
    return [
        CrewMember(
            assignment=assignment,
            entries=tuple(entries.get(assignment.participant_id, [])),
            rating=ratings.get(assignment.participant_id),
        )
        for assignment in assignments
    ]


def crews_today(*, user: User, today: date) -> list[dict]:
    """Staff dashboard: the sites `user` supervises with today's crew size, shifts
    recorded and shifts awaiting approval (2 queries)."""
    sites = list(
        worksites_supervised_by(user=user).annotate(
            crew=Count(
                "assignments",
                filter=Q(assignments__starts_on__lte=today)
                & (Q(assignments__ends_on__isnull=True) | Q(assignments__ends_on__gte=today))
                & Q(assignments__status=AssignmentStatus.ACTIVE),
                distinct=True,
            )
        )[:20]
    )
    counts = {
        row["worksite_id"]: row
        for row in TimeEntry.objects.filter(worksite__in=sites, work_date=today)
        .values("worksite_id")
        .annotate(recorded=Count("id"), waiting=Count("id", filter=Q(approved_by__isnull=True)))
    }
    return [
        {
            "site": site,
            "crew": site.crew,
            "recorded": counts.get(site.pk, {}).get("recorded", 0),
            "waiting": counts.get(site.pk, {}).get("waiting", 0),
        }
        for site in sites
    ]


# --- Payroll review ---------------------------------------------------------------------


@dataclass(frozen=True)
class Anomaly:
    kind: str
    participant_id: int
    participant_name: str
    work_date: date | None
    detail: str


def payroll_run_anomalies(*, run: PayrollRun) -> list[Anomaly]:
    """What to look at before approving (5 queries whatever the run's size): days over
    the anomaly threshold, shifts without a rating, shifts not approved by a
    supervisor, rate changes inside the period, and shifts recorded after the run was
    built (recalculate to include them)."""
    from django.utils.translation import gettext as _

    entries = TimeEntry.objects.paid_by(run.pk)
    found: list[Anomaly] = []
    limit = rules.anomaly_hours_per_day()
    long_days = (
        entries.values("participant_id", "participant__first_name", "participant__last_name")
        .annotate(day=F("work_date"), total=Sum("hours"))
        .filter(total__gt=limit)
        .order_by("work_date", "participant_id")
    )
    for row in long_days:
        found.append(
            Anomaly(
                "long_day",
                row["participant_id"],
                f"{row['participant__first_name']} {row['participant__last_name']}",
                row["day"],
                _("%(hours)s hours in one day (more than %(limit)s)")
                % {"hours": row["total"], "limit": limit},
            )
        )
    unrated = (
        entries.annotate(
            rated=Exists(
                DailyRating.objects.filter(
                    participant_id=OuterRef("participant_id"), work_date=OuterRef("work_date")
                )
            )
        )
        .filter(rated=False)
        .select_related("participant")
        .order_by("work_date", "participant_id")
    )
    for entry in unrated:
        found.append(
            Anomaly(
                "missing_rating",
                entry.participant_id,
                entry.participant.display_name,
                entry.work_date,
                _("No work-readiness rating for this day"),
            )
        )
    for entry in (
        entries.filter(approved_by__isnull=True)
        .select_related("participant")
        .order_by("work_date", "participant_id")
    ):
        found.append(
            Anomaly(
                "not_approved",
                entry.participant_id,
                entry.participant.display_name,
                entry.work_date,
                _("The supervisor has not approved this shift"),
            )
        )
    for stub in run.stubs.filter(rate_changed=True).select_related("participant"):
        found.append(
            Anomaly(
                "rate_change",
                stub.participant_id,
                stub.participant.display_name,
                None,
                _("The hourly rate changed during the period"),
            )
        )
    if not run.is_locked:
        late = (
            TimeEntry.objects.unpaid()
            .filter(
                assignment__pay_schedule=run.period.schedule,
                work_date__lte=run.period.ends_on,
            )
            .select_related("participant")
            .order_by("work_date", "participant_id")
        )
        for entry in late:
            found.append(
                Anomaly(
                    "not_in_run",
                    entry.participant_id,
                    entry.participant.display_name,
                    entry.work_date,
                    _("Recorded after this run was built: recalculate to include it"),
                )
            )
    return found


def payroll_runs_waiting(*, user: User) -> QuerySet[PayrollRun]:
    """Runs not yet approved, and periods that ended without a run, for the admin
    dashboard."""
    return payroll_runs_visible_to(user=user).filter(
        status__in=[PayrollRunStatus.DRAFT, PayrollRunStatus.REVIEWED]
    )


def periods_without_run(*, user: User, today: date) -> QuerySet[PayPeriod]:
    return pay_periods_visible_to(user=user).filter(ends_on__lte=today, payroll_run__isnull=True)


# --- A participant's own pages ----------------------------------------------------------


@dataclass(frozen=True)
class HoursSummary:
    this_week: Decimal
    this_year: Decimal
    latest_stub: PayStub | None


def my_hours_summary(*, participant: Participant, today: date) -> HoursSummary:
    """The participant dashboard panel: hours this workweek and this year, and the
    latest final pay stub (2 queries)."""
    from placements.transitional.pricing import workweek_start

    week = workweek_start(today, first_weekday=rules.workweek_first_weekday())
    totals = TimeEntry.objects.filter(participant=participant).aggregate(
        week=Sum("hours", filter=Q(work_date__gte=week, work_date__lte=today)),
        year=Sum("hours", filter=Q(work_date__year=today.year)),
    )
    latest = (
        PayStub.objects.filter(
            participant=participant,
            run__status__in=[PayrollRunStatus.APPROVED, PayrollRunStatus.EXPORTED],
        )
        .select_related("run__period")
        .order_by("-run__period__pay_date", "-id")
        .first()
    )
    return HoursSummary(
        this_week=Decimal(totals["week"] or 0).quantize(TWO_PLACES),
        this_year=Decimal(totals["year"] or 0).quantize(TWO_PLACES),
        latest_stub=latest,
    )


# --- Readiness summaries (the contract matching relies on) ------------------------------


@dataclass(frozen=True)
class ReadinessSummary:
    """A participant's work readiness from the daily ratings.

    `average`: mean of the five dimensions over all rated days (1-5, two places);
    `days_rated`: days with a rating; `days_worked`: days with at least one shift;
    `trend`: "up", "down" or "steady": the mean of the last 5 rated days against the
    mean of the 5 before them (to two places; "steady" when equal or when there are
    no earlier days to compare with)."""

    average: Decimal
    days_rated: int
    days_worked: int
    trend: str


def _day_total():
    total = F(RATING_DIMENSIONS[0])
    for name in RATING_DIMENSIONS[1:]:
        total = total + F(name)
    return total


def _mean(totals: list[int]) -> Decimal:
    return (Decimal(sum(totals)) / (5 * len(totals))).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def readiness_summaries(*, participant_ids) -> dict[int, ReadinessSummary]:
    """Readiness of each participant in `participant_ids` with at least one rating (ids
    without ratings are absent). Three queries whatever the number of ids: the sums
    per person, the last 10 rated days per person (a window), the days worked."""
    ids = list(dict.fromkeys(int(pk) for pk in participant_ids))
    if not ids:
        return {}
    ratings = DailyRating.objects.filter(participant_id__in=ids)
    sums = {
        row["participant_id"]: (row["points"], row["days"])
        for row in ratings.values("participant_id")
        .annotate(points=Sum(_day_total()), days=Count("id"))
        .order_by()
    }
    if not sums:
        return {}
    recent = defaultdict(list)
    latest_rows = (
        ratings.annotate(
            day_total=_day_total(),
            position=Window(
                RowNumber(), partition_by=[F("participant_id")], order_by=F("work_date").desc()
            ),
        )
        .filter(position__lte=2 * TREND_WINDOW)
        .order_by("participant_id", "position")
        .values_list("participant_id", "day_total")
    )
    for participant_id, day_total in latest_rows:
        recent[participant_id].append(day_total)
    worked = dict(
        TimeEntry.objects.filter(participant_id__in=ids)
        .values("participant_id")
        .annotate(days=Count("work_date", distinct=True))
        .order_by()
        .values_list("participant_id", "days")
    )
    summaries = {}
    for participant_id, (points, days) in sums.items():
        last = recent[participant_id][:TREND_WINDOW]
        before = recent[participant_id][TREND_WINDOW : 2 * TREND_WINDOW]
        trend = "steady"
        if last and before:
            difference = _mean(last) - _mean(before)
            trend = "up" if difference > 0 else "down" if difference < 0 else "steady"
        summaries[participant_id] = ReadinessSummary(
            average=(Decimal(points) / (5 * days)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP),
            days_rated=days,
            days_worked=worked.get(participant_id, 0),
            trend=trend,
        )
    return summaries


# --- Reports ----------------------------------------------------------------------------
# Unscoped on purpose: the outcomes area aggregates these into program figures and decides
# who may see them; no row leaves it.


def time_entries_for_reports() -> QuerySet[TimeEntry]:
    """Every crew shift, for the transitional-jobs figures (people, hours)."""
    return TimeEntry.objects.order_by()


def _month_after(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def work_totals_for_reports(*, start: date, end: date, people: Q | None = None) -> dict:
    """The people who worked a crew shift from `start` to `end` (both included) and
    their hours: `{"people": int, "hours": Decimal | None}`, the same numbers as counting
    and summing the shifts. `people` narrows them (a filter on `participant__...`).

    The months the period covers whole are read from the monthly sums (TimeEntryMonth,
    exact by construction), only the days of a month the period cuts from the shifts: a
    year is about 12 rows a person instead of about 250. One query whatever the period
    and the data."""
    people = people or Q()
    # [whole_from, whole_until): the first day of the first whole month and the day
    # after the last one; empty when the period covers no whole month.
    whole_from = start if start.day == 1 else _month_after(start)
    day_after = end + timedelta(days=1)
    whole_until = max(whole_from, day_after if day_after.day == 1 else end.replace(day=1))
    months = TimeEntryMonth.objects.filter(
        people, month__gte=whole_from, month__lt=whole_until
    ).values_list("participant_id", "hours")
    # The cut days before and after the whole months (two ranges of the day index).
    days = TimeEntry.objects.filter(
        Q(work_date__gte=start, work_date__lt=min(whole_from, day_after))
        | Q(work_date__gte=whole_until, work_date__lte=end),
        people,
    ).values_list("participant_id", "hours")
    # Both as one list of (person, hours) rows, summed per person, then the people
    # counted (each once, whether in a whole month, a cut day or both) and their hours
    # added. The ORM has no aggregate over a UNION: the two querysets' own SQL (with
    # their filters and joins) is wrapped here.
    months_sql, months_params = months.order_by().query.sql_with_params()
    days_sql, days_params = days.order_by().query.sql_with_params()
    # Only the ORM's own SQL is pasted in; every value stays a parameter.
    worked = f"{months_sql} UNION ALL {days_sql}"
    statement = (
        "SELECT COUNT(*), SUM(person_hours) FROM (SELECT participant_id, SUM(hours) AS"  # noqa: S608
        f" person_hours FROM ({worked}) AS worked GROUP BY participant_id) AS per_person"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, (*months_params, *days_params))
        people_count, hours = cursor.fetchone()
    return {
        "people": people_count,
        "hours": None if hours is None else Decimal(str(hours)).quantize(TWO_PLACES),
    }


def ratings_for_reports() -> QuerySet[DailyRating]:
    """Every work-readiness rating, for the first-week and latest-week averages."""
    return DailyRating.objects.order_by()


def pay_stubs_for_reports() -> QuerySet[PayStub]:
    """Pay stubs of approved (or exported) payroll runs: the gross pay that was paid."""
    return PayStub.objects.filter(
        run__status__in=(PayrollRunStatus.APPROVED, PayrollRunStatus.EXPORTED)
    ).order_by()


REPORT_RATING_DIMENSIONS = RATING_DIMENSIONS
