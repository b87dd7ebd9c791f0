"""Demo data of the transitional area for `manage.py seed_demo` (idempotent): two work
sites supervised by the demo facilitator, the demo participants on their crews (Pat on
the daily-pay crew), rated shifts on past days, and past pay periods with their runs:
two weekly periods (one exported, one approved) and the two weekdays before yesterday of
the daily crew (exported). Every shift and pay period is on a day that has ended (no pay
before the work). Yesterday and today are left empty so the crew sheet can be tried:
yesterday's shifts can be approved and paid at once, today's once they end."""

from datetime import date, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jobseekers.models import Participant
from placements.transitional import services
from placements.transitional.large import seed_large
from placements.transitional.models import (
    RATING_DIMENSIONS,
    DailyRating,
    PayPeriod,
    PaySchedule,
    TimeEntry,
    WorkAssignment,
    WorkSite,
)
from portal.core.models import User

SITES = [
    # name, address, capacity, schedule, rate, crew (first, last)
    (
        "Riverfront cleanup crew",
        "Berkley Riverfront Park, 1300 Riverfront Dr, Kansas City, MO 64120",
        8,
        PaySchedule.DAILY,
        Decimal("15.50"),
        [("Pat", "Participant"), ("DeShawn", "Williams")],
    ),
    (
        "Northland warehouse crew",
        "4300 N Mattox Rd, Kansas City, MO 64150",
        6,
        PaySchedule.WEEKLY,
        Decimal("16.25"),
        [("Marcus", "Johnson"), ("Rosa", "Hernández")],
    ),
]


def _weekdays_before(today: date, count: int) -> list[date]:
    days, day = [], today - timedelta(days=1)
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day -= timedelta(days=1)
    return sorted(days)


def _shift(assignment, day, actor, index) -> None:
    if TimeEntry.objects.filter(participant=assignment.participant, work_date=day).exists():
        return
    late = index % 4 == 0
    TimeEntry.objects.create(
        participant=assignment.participant,
        assignment=assignment,
        worksite=assignment.worksite,
        work_date=day,
        clock_in=time(8, 10 if late else 0),
        clock_out=time(16, 30),
        break_minutes=30,
        hours=Decimal("8.00") if late else Decimal("8.00") + Decimal("0.25") * (index % 2),
        hourly_rate=assignment.hourly_rate,
        entered_by=actor,
        approved_by=actor,
        approved_at=timezone.now(),
    )
    base = 2 + min(index // 3, 3)  # ratings grow over the weeks: a visible "up" trend
    scores = {
        name: min(5, base + (position + index) % 2)
        for position, name in enumerate(RATING_DIMENSIONS)
    }
    DailyRating.objects.get_or_create(
        participant=assignment.participant,
        work_date=day,
        defaults={
            **scores,
            "worksite": assignment.worksite,
            "rated_by": actor,
            "note": "Late, talked about the bus schedule" if late else "",
        },
    )


def _run(period: PayPeriod, admin: User, *, export: bool) -> None:
    if hasattr(period, "payroll_run"):
        return
    run = services.payroll_run_create(actor=admin, period=period)
    services.payroll_run_review(actor=admin, run=run)
    services.payroll_run_approve(actor=admin, run=run)
    if export:
        services.payroll_run_export(actor=admin, run=run)


def seed(*, stdout, scale: str = "small") -> None:
    _seed_demo_crews(stdout=stdout)
    if scale == "large":
        seed_large(stdout=stdout)


@transaction.atomic
def _seed_demo_crews(*, stdout) -> None:
    facilitator = User.objects.filter(username="facilitator").first()
    admin = User.objects.filter(username="admin").first()
    if facilitator is None or admin is None:
        return
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    weeks = [monday - timedelta(days=14), monday - timedelta(days=7)]
    # The weekdays before yesterday: yesterday stays free for a crew day to approve and
    # pay from start to finish (today's shifts cannot be approved before they end).
    daily_days = _weekdays_before(today - timedelta(days=1), 2)
    first_day = min(weeks[0], daily_days[0])
    assignments = {}
    for name, address, capacity, schedule, rate, crew in SITES:
        site, _created = WorkSite.objects.get_or_create(
            name=name, defaults={"address": address, "crew_capacity": capacity}
        )
        site.supervisors.add(facilitator)
        for first, last in crew:
            person = Participant.objects.filter(first_name=first, last_name=last).first()
            if person is None:
                continue
            assignment, _created = WorkAssignment.objects.get_or_create(
                participant=person,
                worksite=site,
                defaults={
                    "starts_on": first_day,
                    "hourly_rate": rate,
                    "pay_schedule": schedule,
                    "created_by": admin,
                },
            )
            assignments.setdefault(schedule, []).append(assignment)
    # Weekly crew: Monday to Friday of the two past weeks, one run each.
    for week_index, start in enumerate(weeks):
        for assignment in assignments.get(PaySchedule.WEEKLY, []):
            for offset in range(5):
                _shift(
                    assignment, start + timedelta(days=offset), facilitator, week_index * 5 + offset
                )
        period, _created = PayPeriod.objects.get_or_create(
            schedule=PaySchedule.WEEKLY,
            starts_on=start,
            defaults={
                "ends_on": start + timedelta(days=6),
                "pay_date": start + timedelta(days=8),
                "created_by": admin,
            },
        )
        _run(period, admin, export=week_index == 0)
    # Daily crew: two past weekdays, each paid the morning after (a run covers only days
    # that have ended).
    for index, day in enumerate(daily_days):
        for assignment in assignments.get(PaySchedule.DAILY, []):
            _shift(assignment, day, facilitator, 6 + index)
        period, _created = PayPeriod.objects.get_or_create(
            schedule=PaySchedule.DAILY,
            starts_on=day,
            defaults={"ends_on": day, "pay_date": day + timedelta(days=1), "created_by": admin},
        )
        _run(period, admin, export=True)
    stdout.write(
        f"Demo work crews: {len(SITES)} sites, "
        f"{sum(len(items) for items in assignments.values())} people, "
        f"{PayPeriod.objects.count()} pay periods with runs"
    )
