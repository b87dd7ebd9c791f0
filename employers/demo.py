"""Demo employers, jobs and fairs for `manage.py seed_demo` (idempotent: rows are found
by a natural key and only created when missing).

`--scale large` adds statewide volumes on top of the small set (DESIGN.md: 1,000
employers, 20,000 open jobs across Missouri and Kansas City, Kansas), made with
bulk_create in seconds; the matching benchmark calls `seed_large` too.
"""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from employers.models import (
    BoothStatus,
    Employer,
    EmployerMembership,
    FairBooth,
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
from portal.core.demo import STATEWIDE_DEMO_ZIPS
from portal.core.geo import zip_location
from portal.core.models import Skill, User

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
            "vetting_note": "Please add your hiring policy for theft offenses."
            if status == C
            else "",
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
            },
        )


# --- Statewide volumes (--scale large) ----------------------------------------------------

LARGE_EIN_PREFIX = "45-"
# The program's ZIP codes and Kansas City, Kansas, across the state line.
LARGE_ZIPS = [*STATEWIDE_DEMO_ZIPS, "66101", "66103", "66105"]
# title, industry, skill slugs, required certifications, lowest wage, needs a licence
LARGE_KINDS = [
    (
        "Forklift operator",
        "warehouse",
        ["forklift-operation", "warehouse-work"],
        "Forklift certification",
        18,
        False,
    ),
    (
        "Warehouse associate",
        "warehouse",
        ["warehouse-work", "loading-and-unloading"],
        "",
        16,
        False,
    ),
    ("Order picker", "warehouse", ["warehouse-work", "stocking"], "", 16, False),
    ("Dock loader", "warehouse", ["loading-and-unloading", "moving-and-hauling"], "", 16, False),
    ("Line cook", "food_service", ["food-preparation"], "", 15, False),
    (
        "Prep cook",
        "food_service",
        ["food-preparation", "food-handler-certification"],
        "",
        14,
        False,
    ),
    ("Dishwasher", "food_service", ["dishwashing"], "", 13, False),
    ("Cashier", "retail", ["customer-service"], "", 13, False),
    ("Grocery stocker", "retail", ["stocking", "customer-service"], "", 14, False),
    ("Janitor", "cleaning", ["janitorial-work"], "", 14, False),
    ("Hotel housekeeper", "hospitality", ["janitorial-work"], "", 14, False),
    ("Landscaping crew member", "construction", ["landscaping"], "", 15, False),
    (
        "Construction laborer",
        "construction",
        ["construction-labor", "osha-10-safety"],
        "",
        18,
        False,
    ),
    ("Carpenter helper", "construction", ["carpentry", "construction-labor"], "", 17, False),
    ("Painter", "construction", ["painting"], "", 17, False),
    ("Roofer", "construction", ["roofing"], "", 19, False),
    ("Flagger", "construction", ["flagging"], "Flagger certification", 17, False),
    ("Welder", "manufacturing", ["welding"], "Welding certification", 21, False),
    ("Welder helper", "manufacturing", ["welding", "assembly-line-work"], "", 17, False),
    ("Machine operator", "manufacturing", ["machine-operation"], "", 18, False),
    ("Assembler", "manufacturing", ["assembly-line-work"], "", 16, False),
    ("Truck driver (CDL A)", "transport", ["commercial-driving-cdl"], "CDL Class A", 24, True),
    ("Delivery driver", "transport", ["delivery-driving"], "", 16, True),
    ("Auto mechanic helper", "other", ["auto-repair"], "", 16, False),
    ("HVAC helper", "construction", ["hvac"], "", 18, False),
    ("Plumber's helper", "construction", ["plumbing"], "", 18, False),
    ("Electrician's helper", "construction", ["electrical-work"], "", 18, False),
    ("Recycling sorter", "cleaning", ["recycling-and-sorting"], "", 14, False),
    ("Data entry clerk", "other", ["basic-computer-use"], "", 15, False),
    ("Barber", "other", ["barbering"], "Barber license", 16, False),
]
LARGE_SHIFTS = [
    ((7, 0), (15, 30)),
    ((6, 0), (14, 30)),
    ((8, 0), (16, 30)),
    ((15, 0), (23, 30)),
    ((14, 0), (22, 0)),
    ((23, 0), (7, 30)),
    ((22, 0), (6, 30)),
]
LARGE_DAYS = ["mon,tue,wed,thu,fri", "mon,tue,wed,thu,fri", "wed,thu,fri,sat,sun", "sat,sun"]


def seed_large(*, stdout, employers: int = 1_000, jobs: int = 20_000, seed: int = 42) -> None:
    """Statewide volumes: `employers` approved employers (some with policies that limit
    offense categories or parole), `jobs` open jobs across the state, and booths at the
    facility fair for one employer in twenty. Skipped when already there."""
    if Employer.objects.filter(ein__startswith=LARGE_EIN_PREFIX).count() >= employers:
        stdout.write("Statewide employers and jobs already there.")
        return
    rng = random.Random(seed)  # noqa: S311 (demo data, not secrets)
    with transaction.atomic():
        _large_rows(rng, employers=employers, jobs=jobs)
    stdout.write(f"Statewide demo: {employers} employers, {jobs} open jobs.")


def _large_rows(rng: random.Random, *, employers: int, jobs: int) -> None:
    locations = {code: zip_location(code) for code in LARGE_ZIPS}
    now, today = timezone.now(), timezone.localdate()
    made = Employer.objects.bulk_create(
        Employer(
            legal_name=f"Statewide Employer {number} LLC",
            display_name=f"Statewide Employer {number}",
            ein=f"{LARGE_EIN_PREFIX}{number:07d}",
            street=f"{100 + number} Main St",
            city=locations[code].city.title(),
            state=locations[code].state,
            zip_code=code,
            industry=rng.choice(LARGE_KINDS)[1],
            employee_count=rng.randint(6, 900),
            phone="816-555-0100",
            status=VettingStatus.APPROVED,
            vetted_at=now,
        )
        for number, code in enumerate(rng.choice(LARGE_ZIPS) for _ in range(employers))
    )
    policies = HiringPolicy.objects.bulk_create(
        HiringPolicy(
            employer=employer,
            accepts_parole=rng.random() > 0.1,
            accepts_probation=rng.random() > 0.05,
            pledge_signer="Demo Owner",
            pledge_accepted_at=now,
        )
        for employer in made
    )
    rules = []
    for policy in policies:
        for category, decision, years, share in (
            ("theft_fraud", PolicyDecision.NOT_WITHIN_YEARS, 7, 0.2),
            ("violent", PolicyDecision.NEVER, None, 0.1),
            ("drug", PolicyDecision.NOT_WITHIN_YEARS, 5, 0.1),
        ):
            if rng.random() < share:
                rules.append(
                    OffenseRule(policy=policy, category=category, decision=decision, years=years)
                )
    OffenseRule.objects.bulk_create(rules)
    facility_fair = HiringFair.objects.filter(kind=FairKind.FACILITY).first()
    if facility_fair is not None:
        FairBooth.objects.bulk_create(
            FairBooth(
                fair=facility_fair,
                employer=employer,
                fee=Decimal("0.00"),
                status=BoothStatus.CONFIRMED,
                confirmed_at=now,
            )
            for employer in made[::20]
        )
    skills = dict(Skill.objects.values_list("slug", "pk"))
    postings, kinds = [], []
    for number in range(jobs):
        kind = rng.choice(LARGE_KINDS)
        title, _industry, _skills, required, wage, licence = kind
        code = rng.choice(LARGE_ZIPS)
        (start_hour, start_minute), (end_hour, end_minute) = rng.choice(LARGE_SHIFTS)
        start, end = dt.time(start_hour, start_minute), dt.time(end_hour, end_minute)
        days = rng.choice(LARGE_DAYS)
        low = Decimal(wage) + Decimal(rng.randint(0, 300)) / 100
        postings.append(
            JobPosting(
                employer=made[number % len(made)],
                title=title,
                description=f"{title}. We train you and judge each person on their skills.",
                certifications_required=required,
                zip_code=code,
                city=locations[code].city.title(),
                state=locations[code].state,
                latitude=locations[code].latitude + rng.uniform(-0.03, 0.03),
                longitude=locations[code].longitude + rng.uniform(-0.03, 0.03),
                transit_accessible=rng.random() < 0.6,
                remote=title == "Data entry clerk" and rng.random() < 0.5,
                shift_days=days,
                shift_start=start,
                shift_end=end,
                shift_period=shift_period_of(start),
                works_weekends=bool(WEEKEND & set(days.split(","))),
                hours_per_week=40 if days.count(",") >= 4 else 16,
                employment_type="full_time" if days.count(",") >= 4 else "part_time",
                wage_min=low,
                wage_max=low + Decimal(rng.randint(50, 400)) / 100,
                openings=rng.randint(1, 5),
                requires_drivers_license=licence,
                expires_on=today + dt.timedelta(days=rng.randint(7, 120)),
                status=JobStatus.OPEN,
                published_at=now - dt.timedelta(minutes=number),
            )
        )
        kinds.append(kind)
    postings = JobPosting.objects.bulk_create(postings, batch_size=2000)
    JobPosting.skills.through.objects.bulk_create(
        (
            JobPosting.skills.through(jobposting_id=posting.pk, skill_id=skills[slug])
            for posting, kind in zip(postings, kinds, strict=True)
            for slug in kind[2]
            if slug in skills
        ),
        batch_size=5000,
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
