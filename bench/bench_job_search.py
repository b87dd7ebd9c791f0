"""The public job search API with 20,000 open jobs (DESIGN.md's statewide scale) against
a bare Django JSON view: GET /api/v1/jobs/ first page, and a keyword + ZIP radius search.

The jobs are made with bulk_create, spread over Kansas City metro ZIPs, shifts and wages.
Anonymous calls are throttled at 60 a minute, so the benchmark calls with a signed-in
participant's token (1,200 a minute), which sees the same public search.
"""

import datetime as dt
import random
from decimal import Decimal

from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone

from bench.harness import Comparison, compare
from employers.models import Employer, HiringPolicy, JobPosting, JobStatus, VettingStatus
from employers.services.jobs import shift_period_of
from portal.core.geo import zip_location
from portal.core.models import Role, User
from portal.core.services import api_token_create

JOBS = 20_000
ZIPS = ["64106", "64108", "64111", "64120", "64126", "64130", "66101", "66105", "64050", "64118"]
TITLES = ["Line cook", "Warehouse associate", "Forklift operator", "Janitor", "Welder helper"]
WORDS = [
    "kitchen",
    "pallets",
    "cleaning",
    "welding",
    "customers",
    "shipping",
    "orders",
    "training",
    "safety",
    "team",
]


def _seed() -> None:
    rng = random.Random(42)
    employers = Employer.objects.bulk_create(
        Employer(
            legal_name=f"Bench employer {index} LLC",
            display_name=f"Bench employer {index}",
            ein=f"43-{2000000 + index:07d}",
            street="1 Main St",
            city="Kansas City",
            state="MO",
            zip_code="64106",
            industry="warehouse",
            employee_count=50,
            phone="816-555-0100",
            status=VettingStatus.APPROVED,
        )
        for index in range(200)
    )
    HiringPolicy.objects.bulk_create(HiringPolicy(employer=employer) for employer in employers)
    locations = {code: zip_location(code) for code in ZIPS}
    now = timezone.now()
    expires = timezone.localdate() + dt.timedelta(days=60)
    jobs = []
    for index in range(JOBS):
        code = rng.choice(ZIPS)
        start = dt.time(rng.choice([6, 7, 14, 16, 22, 23]))
        low = Decimal(rng.randint(1500, 2200)) / 100
        jobs.append(
            JobPosting(
                employer=employers[index % len(employers)],
                title=f"{rng.choice(TITLES)} {index}",
                description=" ".join(rng.sample(WORDS, 5)),
                zip_code=code,
                city="Kansas City",
                state=locations[code].state,
                latitude=locations[code].latitude + rng.uniform(-0.02, 0.02),
                longitude=locations[code].longitude + rng.uniform(-0.02, 0.02),
                transit_accessible=rng.random() < 0.6,
                shift_days="mon,tue,wed,thu,fri",
                shift_start=start,
                shift_end=dt.time((start.hour + 8) % 24),
                shift_period=shift_period_of(start),
                works_weekends=False,
                hours_per_week=40,
                employment_type="full_time",
                wage_min=low,
                wage_max=low + Decimal("2.00"),
                expires_on=expires,
                status=JobStatus.OPEN,
                published_at=now - dt.timedelta(minutes=index),
            )
        )
    JobPosting.objects.bulk_create(jobs, batch_size=2000)
    if connection.vendor == "postgresql":
        # A fresh bulk load has no planner statistics and no visibility map yet; in
        # production autovacuum (which also runs after large inserts since PostgreSQL 13)
        # has made both, and the search's page count relies on the visibility map for an
        # index-only scan.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def run() -> list[Comparison]:
    _seed()
    user = User.objects.create(username="bench-search", role=Role.PARTICIPANT)
    api = Client(HTTP_AUTHORIZATION=f"Token {api_token_create(user=user, name='bench').raw}")
    bare = Client()

    def first_page():
        assert api.get("/api/v1/jobs/").status_code == 200

    def filtered():
        response = api.get(
            "/api/v1/jobs/", {"q": "kitchen", "zip": "64106", "radius": 10, "sort": "distance"}
        )
        assert response.status_code == 200, response.content[:500]

    def call_bare():
        assert bare.get("/bench/bare-json/").status_code == 200

    with override_settings(ROOT_URLCONF="bench.urls"):
        return [
            compare(
                name=f"Job search, {JOBS:,} open jobs",
                subject=("GET /api/v1/jobs/ (first page, newest)", first_page),
                baseline=("bare Django JSON view", call_bare),
                rounds=50,
                warmup=5,
            ),
            compare(
                name=f"Job search with filters, {JOBS:,} open jobs",
                subject=("GET /api/v1/jobs/?q=kitchen&zip=64106&radius=10", filtered),
                baseline=("bare Django JSON view", call_bare),
                rounds=20,
                warmup=3,
            ),
        ]
