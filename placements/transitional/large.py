"""Statewide transitional-job shifts for `seed_demo --scale large` (DESIGN.md: 1,000,000
time entries), written with COPY: 5,000 statewide participants on 50 work crews, each
with 200 weekday shifts of 8 hours; those older than two weeks are approved."""

from datetime import date, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jobseekers.demo.large import LARGE_EMAIL_DOMAIN
from jobseekers.models import Participant
from placements.transitional.models import (
    PaySchedule,
    TimeEntry,
    TimeEntryMonth,
    WorkAssignment,
    WorkSite,
)
from portal.core.demo import analyze, copy_rows
from portal.core.models import User

LARGE_CREW = 5_000
LARGE_SHIFTS_EACH = 200
LARGE_SITES = 50
SITE_PREFIX = "Statewide crew site"
FIELDS = [
    "participant_id",
    "assignment_id",
    "worksite_id",
    "work_date",
    "clock_in",
    "clock_out",
    "crosses_midnight",
    "break_minutes",
    "hours",
    "hourly_rate",
    "approved_by_id",
    "approved_at",
    "locked",
    "created_at",
]


def _weekdays_back(last: date, count: int) -> list[date]:
    days, day = [], last
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day -= timedelta(days=1)
    return sorted(days)


def seed_large(
    *,
    stdout,
    crew: int = LARGE_CREW,
    shifts_each: int = LARGE_SHIFTS_EACH,
    sites: int = LARGE_SITES,
) -> None:
    """`crew` statewide participants with `shifts_each` weekday shifts each, up to the day
    before yesterday. Skipped when already there."""
    if WorkSite.objects.filter(name__startswith=SITE_PREFIX).exists():
        stdout.write("Statewide work crews already there.")
        return
    people = list(
        Participant.objects.filter(email__endswith=LARGE_EMAIL_DOMAIN)
        .order_by("id")
        .values_list("id", flat=True)[:crew]
    )
    if not people:
        return
    supervisor = User.objects.filter(username="facilitator").first()
    today = timezone.localdate()
    days = _weekdays_back(today - timedelta(days=2), shifts_each)
    approved_until = today - timedelta(days=14)
    now = timezone.now()
    rate = Decimal("16.00")
    with transaction.atomic():
        made = WorkSite.objects.bulk_create(
            WorkSite(name=f"{SITE_PREFIX} {number}", address=f"{number} Main St", crew_capacity=150)
            for number in range(1, sites + 1)
        )
        assignments = WorkAssignment.objects.bulk_create(
            (
                WorkAssignment(
                    participant_id=person,
                    worksite=made[number % len(made)],
                    starts_on=days[0],
                    hourly_rate=rate,
                    pay_schedule=PaySchedule.WEEKLY,
                )
                for number, person in enumerate(people)
            ),
            batch_size=5000,
        )

        def rows():
            for assignment in assignments:
                for day in days:
                    approved = day <= approved_until
                    yield (
                        assignment.participant_id,
                        assignment.pk,
                        assignment.worksite_id,
                        day,
                        time(8),
                        time(16, 30),
                        False,
                        30,
                        Decimal("8.00"),
                        rate,
                        supervisor.pk if approved and supervisor else None,
                        now if approved else None,
                        False,
                        now,
                    )

        written = copy_rows(TimeEntry, FIELDS, rows())
    # TimeEntryMonth: the monthly sums the COPY just added up (its trigger).
    analyze(WorkSite, WorkAssignment, TimeEntry, TimeEntryMonth)
    stdout.write(f"Statewide demo: {written:,} crew shifts for {len(people):,} people.")
