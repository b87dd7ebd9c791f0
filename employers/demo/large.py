"""Statewide demo volumes for `seed_demo --scale large` (DESIGN.md: 1,000 employers,
20,000 open jobs across Missouri and Kansas City, Kansas), made with bulk_create in
seconds; the matching benchmark calls `seed_large` too."""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from employers.models import (
    BOOTH_HOLDS_PLACE,
    BoothStatus,
    Employer,
    FairBooth,
    FairKind,
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
from portal.core.models import Skill

LARGE_EIN_PREFIX = "45-"
# Booths of the facility fair left free by the statewide employers (the demo employer's).
DEMO_BOOTHS_KEPT_FREE = 1
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
        # Booths for one employer in twenty, but never the whole fair: the places left
        # keep one free for the demo employer's booth (placements/fairs/demo.py books it
        # after this runs), so the large seed works on a fresh database.
        held = FairBooth.objects.filter(fair=facility_fair, status__in=BOOTH_HOLDS_PLACE).count()
        room = max(0, facility_fair.employer_capacity - held - DEMO_BOOTHS_KEPT_FREE)
        FairBooth.objects.bulk_create(
            FairBooth(
                fair=facility_fair,
                employer=employer,
                fee=Decimal("0.00"),
                status=BoothStatus.CONFIRMED,
                confirmed_at=now,
            )
            for employer in made[::20][:room]
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
