"""The outcomes report at statewide scale (`python -m bench outcomes`): 50,000
participants released over three years, 20,000 placements with their retention checks,
10,000 program exits, 3,000 custody events and 1,000,000 crew shifts, made with
bulk_create.

1. The whole report (every figure) and each figure alone, each timed beside one
   `COUNT(*)` over the same tables in the same run (the floor of any report that reads
   them), and their ratio; the goal is the whole report under 1 second on PostgreSQL.
2. The report's query count on a twentieth of the data and on all of it: the same, as
   every figure is a fixed number of SQL aggregates.

Heavy: run it alone (the machine's cores are shared). BENCH_OUTCOMES_SCALE=0.02 runs it
on a fiftieth of the data, to try the benchmark itself quickly.
"""

import datetime as dt
import os
import random
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.harness import Comparison, compare
from jobseekers.models import CustodyEvent, Participant, ProgramExit
from placements.models import (
    PaySchedule,
    Placement,
    RetentionCheck,
    TimeEntry,
    WorkAssignment,
    WorkSite,
)
from placements.outcomes import report, selectors
from placements.outcomes.periods import Period

SCALE = float(os.environ.get("BENCH_OUTCOMES_SCALE", "1"))
PEOPLE, PLACEMENTS, EXITS, RETURNS, SHIFTS = (
    round(n * SCALE) for n in (50_000, 20_000, 10_000, 3_000, 1_000_000)
)
CREW = max(1, round(5_000 * SCALE))
TODAY = dt.date(2026, 6, 30)
PERIOD = Period(start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31))
FIRST_RELEASE = dt.date(2023, 1, 1)


def _seed(*, people: int, placements: int, exits: int, returns: int, shifts: int, tag: str):
    rng = random.Random(13)
    participants = Participant.objects.bulk_create(
        (
            Participant(
                first_name=f"Bench{tag}{index}",
                last_name="Outcomes",
                date_of_birth=dt.date(1985, 1, 1) + dt.timedelta(days=index % 5000),
                release_date=FIRST_RELEASE + dt.timedelta(days=rng.randrange(0, 1300)),
            )
            for index in range(people)
        ),
        batch_size=5000,
    )
    jobs = Placement.objects.bulk_create(
        (
            Placement(
                participant=participant,
                employer_name="Bench Foods",
                job_title="Line cook",
                start_date=participant.release_date + dt.timedelta(days=rng.randrange(0, 120)),
                hourly_wage=Decimal(rng.randrange(1500, 2500)) / 100,
                hours_per_week=Decimal(rng.choice((20, 30, 40))),
                subsidized=rng.random() < 0.1,
                separated_on=(
                    participant.release_date + dt.timedelta(days=rng.randrange(150, 600))
                    if rng.random() < 0.4
                    else None
                ),
            )
            for participant in rng.sample(participants, placements)
        ),
        batch_size=5000,
    )
    RetentionCheck.objects.bulk_create(
        (
            RetentionCheck(
                placement=job,
                days=days,
                due_on=job.start_date + dt.timedelta(days=days),
                outcome=rng.choice(("same_employer", "not_working", "")),
            )
            for job in jobs
            for days in (30, 90, 180, 365)
        ),
        batch_size=10000,
    )
    ProgramExit.objects.bulk_create(
        (
            ProgramExit(
                participant=participant,
                exited_on=participant.release_date + dt.timedelta(days=rng.randrange(60, 400)),
                reason=rng.choice(("completed", "withdrew", "lost_contact")),
            )
            for participant in rng.sample(participants, exits)
        ),
        batch_size=5000,
    )
    CustodyEvent.objects.bulk_create(
        (
            CustodyEvent(
                participant=participant,
                occurred_on=participant.release_date + dt.timedelta(days=rng.randrange(30, 900)),
                kind=rng.choice(("new_offense", "technical_violation", "arrest_no_conviction")),
                source="Bench",
            )
            for participant in rng.sample(participants, returns)
        ),
        batch_size=5000,
    )
    site = WorkSite.objects.create(name=f"Bench site {tag}", address="1 Main St")
    assignments = WorkAssignment.objects.bulk_create(
        (
            WorkAssignment(
                participant=participant,
                worksite=site,
                starts_on=dt.date(2025, 1, 1),
                hourly_rate=Decimal("16.00"),
                pay_schedule=PaySchedule.WEEKLY,
            )
            for participant in participants[: min(CREW, people)]
        ),
        batch_size=5000,
    )
    per_person = max(1, shifts // len(assignments))
    batch = []
    for assignment in assignments:
        for day in range(per_person):
            batch.append(
                TimeEntry(
                    participant_id=assignment.participant_id,
                    assignment=assignment,
                    worksite=site,
                    work_date=dt.date(2025, 1, 1) + dt.timedelta(days=day % 540),
                    hours=Decimal("8.00"),
                    hourly_rate=Decimal("16.00"),
                )
            )
        if len(batch) >= 20000:
            TimeEntry.objects.bulk_create(batch, batch_size=20000)
            batch = []
    TimeEntry.objects.bulk_create(batch, batch_size=20000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _count_all() -> None:
    """The baseline: one COUNT(*) over the tables the report reads."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT COUNT(*) FROM jobseekers_participant),"
            " (SELECT COUNT(*) FROM placements_placement),"
            " (SELECT COUNT(*) FROM placements_timeentry)"
        )
        cursor.fetchone()


def _report() -> None:
    report.outcomes_report(period=PERIOD, today=TODAY)


def _queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        _report()
    return len(queries)


FIGURES = {
    "employed within 30 days": lambda: selectors.employed_within_30_days_of_release(
        period=PERIOD, today=TODAY
    ),
    "employed at 9 months": lambda: selectors.employed_at_9_months_after_release(
        period=PERIOD, today=TODAY
    ),
    "recidivism, 1 year": lambda: selectors.recidivism(period=PERIOD, years=1, today=TODAY),
    "people served": lambda: selectors.people_served(period=PERIOD),
    "placements": lambda: selectors.placements_made(period=PERIOD),
    "release to first job": lambda: selectors.release_to_first_job(period=PERIOD),
    "retention 30/90/180/365": lambda: selectors.retention(period=PERIOD, today=TODAY),
    "after exit (WIOA)": lambda: selectors.wioa_indicators(period=PERIOD, today=TODAY),
    "cost savings": lambda: selectors.cost_savings(period=PERIOD, today=TODAY),
    "transitional jobs": lambda: selectors.transitional_jobs(period=PERIOD),
    "employers": lambda: selectors.employers_results(period=PERIOD, today=TODAY),
}


def run() -> list[Comparison]:
    small = {
        "people": PEOPLE // 20,
        "placements": PLACEMENTS // 20,
        "exits": EXITS // 20,
        "returns": RETURNS // 20,
        "shifts": SHIFTS // 20,
    }
    _seed(**small, tag="s")
    _report()  # warm caches before counting
    small_queries = _queries()
    _seed(
        people=PEOPLE - small["people"],
        placements=PLACEMENTS - small["placements"],
        exits=EXITS - small["exits"],
        returns=RETURNS - small["returns"],
        shifts=SHIFTS - small["shifts"],
        tag="l",
    )
    large_queries = _queries()
    print(
        f"Outcomes report queries: {small_queries} with {small['people']:,} participants, "
        f"{large_queries} with {PEOPLE:,} participants ({PLACEMENTS:,} placements, "
        f"{TimeEntry.objects.count():,} crew shifts)"
    )
    assert small_queries == large_queries, "the report's query count grows with the data"

    baseline = ("one COUNT(*) over participants, placements, shifts", _count_all)
    comparisons = [
        compare(
            name=f"Outcomes report, every figure ({PEOPLE:,} participants)",
            subject=(f"outcomes_report ({large_queries} queries)", _report),
            baseline=baseline,
            rounds=3,
            warmup=1,
        )
    ]
    for label, figure in FIGURES.items():
        comparisons.append(
            compare(
                name=f"Figure: {label}",
                subject=(label, figure),
                baseline=baseline,
                rounds=3,
                warmup=1,
            )
        )
    return comparisons
