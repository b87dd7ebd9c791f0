"""Demo employers, jobs and fairs for `manage.py seed_demo` (idempotent: rows are found
by a natural key and only created when missing).

`--scale large` adds statewide volumes on top of the small set (`employers.demo.large`).
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from employers.demo.large import LARGE_EIN_PREFIX, seed_large
from employers.models import (
    Employer,
    EmployerMembership,
    FairKind,
    FairStatus,
    HiringFair,
    HiringPolicy,
    JobPosting,
    JobStatus,
    OffenseRule,
    PolicyDecision,
    VettingStatus,
)
from employers.services.jobs import WEEKEND, shift_period_of
from portal.core.geo import zip_location
from portal.core.models import Skill, User

__all__ = ["LARGE_EIN_PREFIX", "seed", "seed_large"]

A, P, C = VettingStatus.APPROVED, VettingStatus.PENDING, VettingStatus.CHANGES_REQUESTED
NOTE = "Please add your hiring policy for theft offenses."
# display name, EIN, industry, street, ZIP, state, employees, status
EMPLOYERS = [
    (
        "Second Chance Demo Kitchens",
        "43-1000001",
        "food_service",
        "1600 Genessee St",
        "64102",
        "MO",
        45,
        A,
    ),
    ("KC Logistics Partners", "43-1000002", "warehouse", "7800 E 12th St", "64126", "MO", 220, A),
    ("Heartland Builders", "43-1000003", "construction", "3700 Broadway", "64111", "MO", 80, A),
    (
        "Wyandotte Metal Works",
        "48-1000004",
        "manufacturing",
        "600 Kansas Ave",
        "66105",
        "KS",
        130,
        A,
    ),
    ("Riverfront Recycling", "43-1000005", "cleaning", "1200 Front St", "64120", "MO", 25, P),
    ("Westport Hotel Group", "43-1000006", "hospitality", "4000 Mill St", "64111", "MO", 300, C),
]

# employer index, title, ZIP, days, start, end, wage min, max, type, transit, skills
JOBS = [
    (
        0,
        "Line cook",
        "64102",
        "mon,tue,wed,thu,fri",
        (7, 0),
        (15, 0),
        "16.00",
        "18.50",
        "full_time",
        True,
        ["food-preparation"],
    ),
    (
        0,
        "Dishwasher",
        "64108",
        "fri,sat,sun",
        (16, 0),
        (23, 0),
        "15.00",
        "16.00",
        "part_time",
        True,
        [],
    ),
    (
        0,
        "Prep cook, early mornings",
        "64111",
        "mon,wed,fri,sat",
        (5, 0),
        (11, 0),
        "16.50",
        "17.50",
        "part_time",
        True,
        [],
    ),
    (
        1,
        "Warehouse associate",
        "64126",
        "mon,tue,wed,thu,fri",
        (22, 0),
        (6, 30),
        "18.00",
        "20.00",
        "full_time",
        True,
        ["forklift-operation"],
    ),
    (
        1,
        "Forklift operator",
        "64120",
        "sat,sun",
        (6, 0),
        (18, 0),
        "19.50",
        "22.00",
        "part_time",
        False,
        ["forklift-operation"],
    ),
    (
        1,
        "Forklift operator, day shift",
        "64126",
        "mon,tue,wed,thu,fri",
        (7, 0),
        (15, 30),
        "18.50",
        "21.00",
        "full_time",
        True,
        ["forklift-operation", "warehouse-work"],
    ),
    (
        1,
        "Order picker",
        "64050",
        "mon,tue,wed,thu",
        (14, 0),
        (22, 30),
        "17.00",
        "18.00",
        "full_time",
        True,
        [],
    ),
    (
        2,
        "Construction laborer",
        "64130",
        "mon,tue,wed,thu,fri",
        (6, 30),
        (15, 0),
        "19.00",
        "23.00",
        "full_time",
        False,
        [],
    ),
    (
        2,
        "Flagger",
        "64063",
        "mon,tue,wed,thu,fri",
        (7, 0),
        (15, 30),
        "17.50",
        "19.00",
        "temporary",
        False,
        [],
    ),
    (
        2,
        "Drywall helper",
        "66215",
        "mon,tue,wed,thu,fri,sat",
        (7, 0),
        (16, 0),
        "18.00",
        "21.00",
        "seasonal",
        False,
        [],
    ),
    (
        3,
        "Welder helper",
        "66105",
        "mon,tue,wed,thu,fri",
        (15, 0),
        (23, 30),
        "18.50",
        "21.00",
        "full_time",
        True,
        [],
    ),
    (
        3,
        "Machine operator, nights",
        "66101",
        "sun,mon,tue,wed",
        (23, 0),
        (7, 0),
        "19.00",
        "22.50",
        "full_time",
        True,
        [],
    ),
    (
        3,
        "Shipping clerk",
        "66103",
        "mon,tue,wed,thu,fri",
        (8, 0),
        (16, 30),
        "16.50",
        "18.00",
        "full_time",
        True,
        [],
    ),
]


def _employer(index: int, row) -> Employer:
    name, ein, industry, street, zip_code, state, employees, status = row
    location = zip_location(zip_code)
    employer, created = Employer.objects.get_or_create(
        ein=ein,
        defaults={
            "legal_name": f"{name} LLC",
            "display_name": name,
            "industry": industry,
            "street": street,
            "city": location.city.title() if location else "Kansas City",
            "state": state,
            "zip_code": zip_code,
            "employee_count": employees,
            "phone": f"816-555-01{index:02d}",
            "website": "",
            "status": status,
            "vetted_at": timezone.now() if status != P else None,
            "vetting_note": NOTE if status == C else "",
        },
    )
    policy, _ = HiringPolicy.objects.get_or_create(
        employer=employer,
        defaults={"pledge_signer": "Demo Owner", "pledge_accepted_at": timezone.now()},
    )
    if created and index == 1:
        OffenseRule.objects.create(
            policy=policy,
            category="theft_fraud",
            decision=PolicyDecision.NOT_WITHIN_YEARS,
            years=7,
            reason="insurance",
        )
    if created and index == 3:
        OffenseRule.objects.create(
            policy=policy, category="sex_offense", decision=PolicyDecision.NEVER, reason="law"
        )
    return employer


def _job(employers: list[Employer], row) -> None:
    index, title, zip_code, days, start, end, low, high, kind, transit, skills = row
    location = zip_location(zip_code)
    start_time, end_time = dt.time(*start), dt.time(*end)
    job, created = JobPosting.objects.get_or_create(
        employer=employers[index],
        title=title,
        defaults={
            "description": (
                f"{title} at {employers[index].display_name}. No experience needed: we train "
                "you on the job. We hire people with a record and judge each person on their "
                "skills."
            ),
            "zip_code": zip_code,
            "city": location.city.title(),
            "state": location.state,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "transit_accessible": transit,
            "shift_days": days,
            "shift_start": start_time,
            "shift_end": end_time,
            "shift_period": shift_period_of(start_time),
            "works_weekends": bool(WEEKEND & set(days.split(","))),
            "hours_per_week": 40 if kind == "full_time" else 24,
            "employment_type": kind,
            "wage_min": Decimal(low),
            "wage_max": Decimal(high),
            "openings": 2,
            "expires_on": timezone.localdate() + dt.timedelta(days=60),
            "status": JobStatus.OPEN,
            "published_at": timezone.now(),
        },
    )
    if created and skills:
        job.skills.set(Skill.objects.filter(slug__in=skills))


def _fairs() -> None:
    soon = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    for title, kind, venue, days_ahead, fee, booths in [
        (
            "Kansas City Second Chance Hiring Fair",
            FairKind.COMMUNITY,
            "Kansas City Public Library, Central Branch, 14 W 10th St, Kansas City, MO 64105",
            21,
            Decimal("150.00"),
            20,
        ),
        (
            "Pre-release hiring fair at Western Missouri Correctional Center",
            FairKind.FACILITY,
            "Western Missouri Correctional Center, 609 E Pence Rd, Cameron, MO 64429",
            35,
            Decimal("0.00"),
            12,
        ),
    ]:
        starts = soon + dt.timedelta(days=days_ahead)
        HiringFair.objects.get_or_create(
            title=title,
            defaults={
                "kind": kind,
                "venue": venue,
                "starts_at": starts,
                "ends_at": starts + dt.timedelta(hours=4),
                "registration_deadline": starts - dt.timedelta(days=5),
                "employer_capacity": booths,
                "participant_capacity": 150,
                "booth_fee": fee,
                "status": FairStatus.PUBLISHED,
                "description": (
                    "Meet fair-chance employers ready to hire. Bring your résumé; job club "
                    "staff can print one for you."
                ),
                "description_es": (
                    "Conozca a empleadores que dan segundas oportunidades y quieren contratar. "
                    "Traiga su currículum; el personal del club de empleo puede imprimirle uno."
                ),
            },
        )


@transaction.atomic
def seed(*, stdout, scale: str = "small") -> None:
    """Approved and pending employers, jobs across shifts and Kansas City metro ZIPs, two
    fairs (one inside a facility); the demo user "employer" owns the first employer."""
    employers = [_employer(index, row) for index, row in enumerate(EMPLOYERS)]
    for row in JOBS:
        _job(employers, row)
    _fairs()
    demo_user = User.objects.filter(username="employer").first()
    if demo_user is not None:
        EmployerMembership.objects.get_or_create(
            user=demo_user, defaults={"employer": employers[0], "is_owner": True}
        )
    stdout.write(
        f"Employers: {len(employers)} ({sum(e.status == A for e in employers)} approved), "
        f"{len(JOBS)} jobs, 2 hiring fairs."
    )
    if scale == "large":
        seed_large(stdout=stdout)
