"""Demo participants for `manage.py seed_demo`, on the demo facilitator's caseload, in
varied situations: pre-release, on parole with a 10 pm curfew, no car, Spanish-speaking,
placed. The demo login "participant" is linked to Pat. Idempotent: rows are found by
natural keys and history rows (consents, versions) are added only once.

`--scale large` adds statewide volumes (DESIGN.md: 50,000 participants on file) with
bulk_create: 100 facilitators, participants across Missouri with supervision terms,
records, skills and résumés; the matching benchmark calls `seed_large` too."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from portal.core.demo import STATEWIDE_DEMO_ZIPS
from portal.core.models import Role, Skill, User

from .models import (
    Consent,
    ConsentKind,
    JobClubSession,
    Participant,
    RecordEntry,
    Resume,
    ResumeComment,
    ResumeVersion,
    SupervisionTerms,
)
from .services import resume_snapshot

DEMO_PLACE = "Job club room, 3200 Wayne Ave, Kansas City, MO"

# first, last, birth, profile, supervision, convictions, consents, résumé
PEOPLE = [
    {
        "key": ("Pat", "Participant", date(1988, 6, 14)),
        "login": "participant",
        "profile": {
            "phone": "+18165550140",
            "zip_code": "64127",
            "housing": "family",
            "release_days_ago": 75,
            "facility": "Western Missouri Correctional Center",
            "risk_level": "high",
            "programs": ["job_club", "transitional_jobs"],
            "has_state_id": True,
            "has_social_security_card": True,
            "transport": ["bus"],
            "desired_job_titles": ["Warehouse associate", "Forklift operator"],
            "preferred_shifts": ["day", "evening"],
            "wage_floor": Decimal("16.00"),
        },
        "supervision": {
            "supervision_type": "parole",
            "officer_name": "Officer Dana Reyes",
            "officer_phone": "+18165550199",
            "curfew_start": time(22, 0),
            "curfew_end": time(6, 0),
            "travel_limit": "state",
            "standing_meetings": "Every other Tuesday, 9 am, district office",
            "ends_in_days": 600,
        },
        "record": [("drug", "felony", 1400, 75, "Possession with intent to distribute")],
        "consents": [ConsentKind.SHARE_PROFILE_WITH_APPLIED_EMPLOYERS],
        "resume": {
            "title": "Warehouse",
            "summary": "Dependable worker with three years of warehouse work and a forklift "
            "certificate. Ready for day and evening shifts.",
            "experience": [
                {
                    "kind": "facility_work",
                    "title": "Warehouse clerk",
                    "employer": "State of Missouri",
                    "start": "2021",
                    "end": "2024",
                    "details": "Received, stored and shipped supplies for 1,200 people; "
                    "kept inventory counts accurate.",
                },
                {
                    "kind": "transitional_job",
                    "title": "Crew member",
                    "employer": "Second Chance work crew",
                    "start": "2026",
                    "end": "now",
                    "details": "Grounds and building cleanup; on time every day.",
                },
            ],
            "education": [{"kind": "ged", "school": "", "year": "2019", "details": ""}],
            "certifications": [{"name": "Forklift operator", "year": "2023"}],
            "skills": "Forklift, pallet jack, inventory counts, teamwork",
            "comment": ("summary", "Add that you trained two new crew members."),
        },
    },
    {
        "key": ("Marcus", "Johnson", date(1993, 2, 3)),
        "profile": {
            "phone": "",
            "zip_code": "64130",
            "housing": "halfway_house",
            "release_days_ago": -40,  # pre-release: out in 40 days
            "facility": "Algoa Correctional Center",
            "risk_level": "very_high",
            "programs": ["job_club", "cbt_group"],
            "transport": [],
            "desired_job_titles": ["Line cook"],
            "preferred_shifts": ["day"],
        },
        "supervision": {"supervision_type": "parole", "travel_limit": "county"},
        "record": [("theft_fraud", "felony", 2000, None, "")],
        "consents": [],
        "resume": None,
    },
    {
        "key": ("Rosa", "Hernández", date(1985, 11, 22)),
        "profile": {
            "phone": "+18165550177",
            "zip_code": "64108",
            "preferred_language": "es",
            "housing": "own",
            "release_days_ago": 400,
            "risk_level": "moderate",
            "programs": ["job_club", "mentoring"],
            "has_state_id": True,
            "has_birth_certificate": True,
            "transport": ["bus", "rides"],
            "desired_job_titles": ["Housekeeper", "Prep cook"],
            "preferred_shifts": ["day", "weekend"],
        },
        "supervision": {
            "supervision_type": "probation",
            "officer_name": "Officer Luis Ortega",
            "officer_phone": "+18165550155",
            "travel_limit": "none",
            "ends_in_days": 200,
        },
        "record": [("dui", "misdemeanor", 900, 500, "")],
        "consents": [
            ConsentKind.SHARE_PROFILE_WITH_APPLIED_EMPLOYERS,
            ConsentKind.SHARE_RECORD_SUMMARY,
            ConsentKind.SHARE_PROFILE_WITH_FAIR_EMPLOYERS,
        ],
        "resume": {
            "title": "Cocina",
            "summary": "Cocinera con experiencia en cocina de institución. Lista para "
            "turnos de mañana y fines de semana.",
            "experience": [
                {
                    "kind": "facility_work",
                    "title": "Kitchen worker",
                    "employer": "State of Missouri",
                    "start": "2022",
                    "end": "2024",
                    "details": "Prepared meals for 800 people; kept the kitchen clean.",
                }
            ],
            "education": [],
            "certifications": [{"name": "ServSafe Food Handler", "year": "2024"}],
            "skills": "Food prep, cleaning, Spanish and English",
            "comment": None,
        },
    },
    {
        "key": ("DeShawn", "Williams", date(1999, 8, 9)),
        "profile": {
            "phone": "+18165550133",
            "zip_code": "64128",
            "housing": "shelter",
            "release_days_ago": 20,
            "risk_level": "high",
            "programs": ["job_club", "housing"],
            "has_social_security_card": True,
            "transport": ["bike"],
            "desired_job_titles": ["Landscaping", "Mover"],
            "preferred_shifts": ["day"],
        },
        "supervision": {
            "supervision_type": "parole",
            "officer_name": "Officer Dana Reyes",
            "curfew_start": time(21, 0),
            "curfew_end": time(7, 0),
            "travel_limit": "county",
            "electronic_monitoring": True,
            "standing_meetings": "Mondays 8 am check-in",
            "ends_in_days": 900,
        },
        "record": [("weapons", "felony", 1800, 20, ""), ("drug", "misdemeanor", 2500, None, "")],
        "consents": [ConsentKind.SHARE_PROFILE_WITH_FAIR_EMPLOYERS],
        "resume": None,
    },
]


def _participant(spec, facilitator, today) -> Participant:
    first, last, born = spec["key"]
    profile = dict(spec["profile"])
    days = profile.pop("release_days_ago")
    profile["release_date"] = today - timedelta(days=days)
    login = User.objects.filter(username=spec.get("login")).first() if spec.get("login") else None
    participant, _created = Participant.objects.update_or_create(
        first_name=first,
        last_name=last,
        date_of_birth=born,
        defaults={**profile, "facilitator": facilitator, "user": login},
    )
    return participant


def _supervision(participant, values, today) -> None:
    values = dict(values)
    ends = values.pop("ends_in_days", None)
    values["ends_on"] = today + timedelta(days=ends) if ends else None
    SupervisionTerms.objects.update_or_create(participant=participant, defaults=values)


def _record(participant, entries, today, facilitator) -> None:
    for category, level, convicted_ago, released_ago, description in entries:
        RecordEntry.objects.get_or_create(
            participant=participant,
            offense_category=category,
            level=level,
            defaults={
                "convicted_on": today - timedelta(days=convicted_ago),
                "released_on": today - timedelta(days=released_ago)
                if released_ago is not None
                else None,
                "description": description,
                "created_by": facilitator,
            },
        )


def _resume(participant, spec, facilitator) -> None:
    spec = dict(spec)
    comment = spec.pop("comment")
    resume, _created = Resume.objects.get_or_create(
        participant=participant,
        title=spec.pop("title"),
        defaults={
            **spec,
            "contact_phone": participant.phone,
            "contact_city": "Kansas City, MO",
        },
    )
    if not resume.versions.exists():
        ResumeVersion.objects.create(
            resume=resume, number=1, content=resume_snapshot(resume), created_by=facilitator
        )
    if comment:
        ResumeComment.objects.get_or_create(
            resume=resume, section=comment[0], text=comment[1], defaults={"author": facilitator}
        )


def _job_club(facilitator, today) -> None:
    if JobClubSession.objects.filter(place=DEMO_PLACE, starts_at__gte=timezone.now()).exists():
        return
    for days, topic in ((-7, "resume"), (2, "interview"), (9, "workplace")):
        day = today + timedelta(days=days)
        JobClubSession.objects.get_or_create(
            place=DEMO_PLACE,
            topic=topic,
            starts_at=timezone.make_aware(datetime.combine(day, time(10, 0))),
            defaults={"facilitator": facilitator, "capacity": 15},
        )


# --- Statewide volumes (--scale large) ----------------------------------------------------

LARGE_EMAIL_DOMAIN = "@large-demo.invalid"
# Staff logins made in bulk cannot sign in (no password to guess); set one in the admin.
UNUSABLE_PASSWORD = make_password(None)
# The program's ZIP codes, and one unknown to the ZIP table (the matching must cope).
LARGE_ZIPS = [*STATEWIDE_DEMO_ZIPS, "00000"]
FIRST_NAMES = [
    "James",
    "Maria",
    "Robert",
    "Linda",
    "Michael",
    "Patricia",
    "David",
    "Jennifer",
    "William",
    "Elizabeth",
    "Marcus",
    "Rosa",
    "DeShawn",
    "Keisha",
    "Tyrone",
    "Carlos",
    "Ashley",
    "Brandon",
    "Latoya",
    "Jose",
    "Angela",
    "Terrence",
    "Crystal",
]
LAST_NAMES = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
]
# (job title wanted, skill slugs, résumé experience title, certification or "")
LARGE_PATHS = [
    (
        "Forklift operator",
        ["forklift-operation", "warehouse-work"],
        "Warehouse clerk",
        "Forklift certification",
    ),
    ("Warehouse associate", ["warehouse-work", "loading-and-unloading"], "Warehouse worker", ""),
    ("Line cook", ["food-preparation"], "Kitchen worker", "ServSafe Food Handler"),
    ("Prep cook", ["food-preparation", "dishwashing"], "Kitchen helper", ""),
    ("Janitor", ["janitorial-work"], "Custodian", ""),
    ("Construction laborer", ["construction-labor"], "Construction laborer", "OSHA 10"),
    ("Welder", ["welding"], "Welding shop helper", "Welding certification"),
    ("Machine operator", ["machine-operation", "assembly-line-work"], "Assembly line worker", ""),
    ("Landscaping crew member", ["landscaping"], "Grounds crew", ""),
    ("Cashier", ["customer-service"], "Cashier", ""),
    ("Truck driver", ["commercial-driving-cdl"], "Delivery driver", "CDL Class A"),
    ("Data entry clerk", ["basic-computer-use"], "Clerk", ""),
    ("Barber", ["barbering"], "Barber", "Barber license"),
    ("Recycling sorter", ["recycling-and-sorting"], "Recycling sorter", ""),
]
CATEGORIES = ["drug"] * 4 + ["theft_fraud"] * 3 + ["violent"] * 2 + ["weapons", "dui", "other"]


def seed_large(*, stdout, participants: int = 50_000, facilitators: int = 100, seed: int = 7):
    """Statewide volumes: `facilitators` staff logins (no usable password) and
    `participants` people on their caseloads. Skipped when already there."""
    existing = Participant.objects.filter(email__endswith=LARGE_EMAIL_DOMAIN).count()
    if existing >= participants:
        stdout.write("Statewide participants already there.")
        return
    rng = random.Random(seed)  # noqa: S311 (demo data, not secrets)
    with transaction.atomic():
        staff = _large_facilitators(facilitators)
        _large_participants(rng, participants=participants, staff=staff)
    stdout.write(f"Statewide demo: {participants} participants, {len(staff)} facilitators.")


def _experience(title: str) -> dict:
    return {
        "kind": "facility_work",
        "title": title,
        "employer": "",
        "start": "2021",
        "end": "2024",
        "details": "",
    }


def _large_facilitators(count: int) -> list[User]:
    names = [f"facilitator{number:03d}" for number in range(1, count + 1)]
    known = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    User.objects.bulk_create(
        User(
            username=name,
            role=Role.STAFF,
            password=UNUSABLE_PASSWORD,
            email=f"{name}@demo.invalid",
        )
        for name in names
        if name not in known
    )
    return list(User.objects.filter(username__in=names))


def _large_participants(rng: random.Random, *, participants: int, staff: list[User]) -> None:
    today = timezone.localdate()
    skills = dict(Skill.objects.values_list("slug", "pk"))
    people, paths = [], []
    for number in range(participants):
        path = rng.choice(LARGE_PATHS)
        released = today - timedelta(days=rng.randint(-120, 1000))  # one in ten still inside
        transport = rng.choice([["car"], ["bus"], ["bus"], ["bus", "rides"], ["bike"], []])
        people.append(
            Participant(
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                date_of_birth=date(1960, 1, 1) + timedelta(days=rng.randint(0, 15000)),
                email=f"participant{number}{LARGE_EMAIL_DOMAIN}",
                zip_code=rng.choice(LARGE_ZIPS) if rng.random() > 0.02 else "",
                release_date=released,
                facility="Algoa Correctional Center" if released > today else "",
                transport=transport,
                desired_job_titles=[path[0]],
                preferred_shifts=rng.choice([[], ["day"], ["day", "evening"], ["night"]]),
                wage_floor=Decimal(rng.randint(13, 18)) if rng.random() < 0.5 else None,
                facilitator=staff[number % len(staff)],
                status=rng.choice(["active"] * 17 + ["placed"] * 2 + ["exited"]),
            )
        )
        paths.append(path)
    people = Participant.objects.bulk_create(people, batch_size=2000)
    Participant.skills.through.objects.bulk_create(
        (
            Participant.skills.through(participant_id=person.pk, skill_id=skills[slug])
            for person, path in zip(people, paths, strict=True)
            for slug in path[1]
            if slug in skills and rng.random() < 0.8
        ),
        batch_size=5000,
    )
    terms, record, resumes = [], [], []
    for person, path in zip(people, paths, strict=True):
        if rng.random() < 0.6:
            curfew = rng.choice([None, None, (time(22), time(6)), (time(21), time(7))])
            terms.append(
                SupervisionTerms(
                    participant=person,
                    supervision_type=rng.choice(["parole", "parole", "probation"]),
                    curfew_start=curfew[0] if curfew else None,
                    curfew_end=curfew[1] if curfew else None,
                    travel_limit=rng.choice(["none", "county", "state", "state"]),
                    ends_on=today + timedelta(days=rng.randint(30, 1500)),
                )
            )
        for _ in range(rng.choice([0, 1, 1, 1, 2])):
            convicted = person.release_date - timedelta(days=rng.randint(200, 3000))
            record.append(
                RecordEntry(
                    participant=person,
                    offense_category=rng.choice(CATEGORIES),
                    level=rng.choice(["felony", "felony", "misdemeanor"]),
                    convicted_on=convicted,
                    released_on=person.release_date
                    if person.release_date <= today and rng.random() < 0.7
                    else None,
                )
            )
        if rng.random() < 0.4:
            resumes.append(
                Resume(
                    participant=person,
                    title=path[0],
                    experience=[
                        {
                            "kind": "facility_work",
                            "title": path[2],
                            "employer": "",
                            "start": "2021",
                            "end": "2024",
                            "details": "",
                        }
                    ],
                    certifications=[{"name": path[3], "year": "2024"}] if path[3] else [],
                    skills=", ".join(path[1]).replace("-", " "),
                )
            )
    SupervisionTerms.objects.bulk_create(terms, batch_size=2000)
    RecordEntry.objects.bulk_create(
        [
            entry
            for entry in record
            if (entry.released_on or entry.convicted_on) >= entry.convicted_on
        ],
        batch_size=2000,
    )
    Resume.objects.bulk_create(resumes, batch_size=2000)


@transaction.atomic
def seed(*, stdout, scale: str = "small") -> None:
    """Demo participants on the "facilitator" caseload; with `scale="large"` also the
    statewide volumes (`seed_large`)."""
    facilitator = User.objects.filter(username="facilitator").first()
    if facilitator is None:
        return
    today = timezone.localdate()
    for spec in PEOPLE:
        participant = _participant(spec, facilitator, today)
        _supervision(participant, spec["supervision"], today)
        _record(participant, spec["record"], today, facilitator)
        for kind in spec["consents"]:
            if not Consent.objects.filter(participant=participant, kind=kind).exists():
                Consent.objects.create(
                    participant=participant, kind=kind, given=True, recorded_by=facilitator
                )
        if spec["resume"]:
            _resume(participant, spec["resume"], facilitator)
    _job_club(facilitator, today)
    stdout.write(f"Demo participants: {len(PEOPLE)} on the facilitator's caseload")
    if scale == "large":
        seed_large(stdout=stdout)
