"""A payroll run for 5,000 participants x 14 days of shifts (70,000 time entries) against
a single SQL aggregate over the same entries (hours per person), and the run's query
count at 500 and at 5,000 participants, which must be the same: on PostgreSQL the run
claims its shifts in one row (no write to the 70,000 shifts: claims.py), prices them
(overtime per workweek, to the cent) and writes the stubs in one statement.

Each timed run is rolled back, so every round builds the same run from the same unpaid
shifts. The data is made with bulk_create (inside the benchmark's transaction, rolled back
at the end), in 2024: before the statewide demo's own crew shifts. The pay period covers
the 14 days on the weekly schedule (made directly: the service caps a weekly period at 7
days).

Goal (issue 15): the run within 3x the aggregate.
"""

import datetime as dt
import random
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from bench.harness import Measure, measure, progress, ratio_goal
from jobseekers.models import Participant
from placements.models import PayPeriod, PaySchedule, TimeEntry, WorkAssignment, WorkSite
from placements.transitional.services import payroll_run_create
from portal.core.models import Role, User

PEOPLE = 5_000
SMALL = 500
DAYS = 14
START = dt.date(2024, 3, 4)  # a Monday, before every demo shift (a run needs a past period)


def _seed(people: int, *, offset: int) -> None:
    rng = random.Random(7 + offset)
    sites = WorkSite.objects.bulk_create(
        WorkSite(name=f"Bench site {offset}-{index}", address="1 Main St", crew_capacity=200)
        for index in range(max(1, people // 100))
    )
    participants = Participant.objects.bulk_create(
        (
            Participant(
                first_name=f"Person{offset + index}",
                last_name="Bench",
                date_of_birth=dt.date(1990, 1, 1) + dt.timedelta(days=index % 3000),
            )
            for index in range(people)
        ),
        batch_size=2000,
    )
    assignments = WorkAssignment.objects.bulk_create(
        (
            WorkAssignment(
                participant=participant,
                worksite=sites[index % len(sites)],
                starts_on=START,
                hourly_rate=Decimal(rng.randint(1500, 2200)) / 100,
                pay_schedule=PaySchedule.WEEKLY,
            )
            for index, participant in enumerate(participants)
        ),
        batch_size=2000,
    )
    TimeEntry.objects.bulk_create(
        (
            TimeEntry(
                participant_id=assignment.participant_id,
                assignment=assignment,
                worksite_id=assignment.worksite_id,
                work_date=START + dt.timedelta(days=day),
                # Quarter hours from 6 to 10: some people pass 40 hours in a workweek.
                hours=Decimal(rng.randint(24, 40)) / 4,
                hourly_rate=assignment.hourly_rate,
            )
            for assignment in assignments
            for day in range(DAYS)
        ),
        batch_size=5000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _period(label: int) -> PayPeriod:
    start = START + dt.timedelta(days=365 * label)
    return PayPeriod.objects.create(
        schedule=PaySchedule.WEEKLY,
        starts_on=start,
        ends_on=start + dt.timedelta(days=DAYS - 1),
        pay_date=start + dt.timedelta(days=DAYS + 1),
    )


def _run_and_roll_back(admin: User, period: PayPeriod) -> tuple[int, int, Decimal]:
    """(queries, stubs, total) of one payroll run, rolled back afterwards."""
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        run = payroll_run_create(actor=admin, period=period)
        stubs = run.stubs.count()
        total = run.total_gross
        transaction.set_rollback(True)
    return len(queries), stubs, total


def run() -> list[Measure]:
    admin = User.objects.create(username="bench-payroll", role=Role.ADMIN)
    # A small program first, to count its queries; then its shifts are removed and the
    # full program is built.
    _seed(SMALL, offset=0)
    period = _period(0)
    progress(f"payroll: {SMALL} participants seeded, counting queries")
    _run_and_roll_back(admin, period)  # warm caches (content types) before counting
    small_queries, small_stubs, _total = _run_and_roll_back(admin, period)
    TimeEntry.objects.filter(work_date__gte=START).delete()
    _seed(PEOPLE, offset=SMALL)
    progress(f"payroll: {PEOPLE:,} participants x {DAYS} days seeded")
    large_queries, large_stubs, total = _run_and_roll_back(admin, period)
    print(
        f"Payroll run queries: {small_queries} for {small_stubs:,} participants, "
        f"{large_queries} for {large_stubs:,} participants "
        f"({large_stubs * DAYS:,} time entries, total gross ${total:,})"
    )
    assert small_queries == large_queries, "the query count grows with the participants"
    assert large_stubs == PEOPLE

    entries = TimeEntry.objects.filter(work_date__range=(period.starts_on, period.ends_on))

    def payroll():
        _run_and_roll_back(admin, period)

    def aggregate():
        list(entries.values("participant_id").annotate(hours=Sum("hours")).order_by())

    return [
        measure(
            name=f"Payroll run, {PEOPLE:,} participants x {DAYS} days",
            subject=("payroll_run_create (rolled back)", payroll),
            baseline=("one SQL aggregate: hours per participant", aggregate),
            goal=ratio_goal(3),
            rounds=5,
            warmup=1,
            queries=large_queries,
        )
    ]
