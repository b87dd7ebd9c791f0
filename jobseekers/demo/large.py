"""Statewide volumes for `seed_demo --scale large` and the matching benchmark
(DESIGN.md: 50,000 participants on file), made with bulk_create: facilitators,
participants across Missouri with supervision terms, records, skills and résumés."""

import random
from datetime import date, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from portal.core.demo import STATEWIDE_DEMO_ZIPS, analyze
from portal.core.models import Role, Skill, User

from ..models import (
    CustodyEvent,
    Participant,
    ProgramExit,
    RecordEntry,
    Resume,
    ResumeVersion,
    SupervisionTerms,
)

LARGE_EMAIL_DOMAIN = "@large-demo.invalid"
# `seed_demo --scale large`: 50,000 active participants (DESIGN.md; the nightly matching
# is sized by them) and 10,000 more who were placed or left the program.
LARGE_ACTIVE = 50_000
LARGE_PARTICIPANTS = 60_000
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


def seed_large(
    *,
    stdout,
    participants: int = 50_000,
    facilitators: int = 100,
    seed: int = 7,
    active: int | None = None,
):
    """Statewide volumes: `facilitators` staff logins (no usable password) and
    `participants` people on their caseloads. With `active`, exactly that many of them
    are active (the rest placed or exited, and they alone return to custody); without
    it, about 17 in 20 are drawn active. Skipped when already there."""
    existing = Participant.objects.filter(email__endswith=LARGE_EMAIL_DOMAIN).count()
    if existing >= participants:
        stdout.write("Statewide participants already there.")
        return
    rng = random.Random(seed)  # noqa: S311 (demo data, not secrets)
    with transaction.atomic():
        staff = _large_facilitators(facilitators)
        _large_participants(rng, participants=participants, staff=staff, active=active)
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


def _statuses(rng: random.Random, *, participants: int, active: int | None) -> list[str]:
    if active is None:
        return [
            rng.choice(["active"] * 17 + ["placed"] * 2 + ["exited"]) for _ in range(participants)
        ]
    active = min(active, participants)
    statuses = ["active"] * active + [
        rng.choice(["placed", "placed", "exited"]) for _ in range(participants - active)
    ]
    rng.shuffle(statuses)
    return statuses


def _large_participants(
    rng: random.Random, *, participants: int, staff: list[User], active: int | None
) -> None:
    today = timezone.localdate()
    skills = dict(Skill.objects.values_list("slug", "pk"))
    statuses = _statuses(rng, participants=participants, active=active)
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
                status=statuses[number],
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
                    experience=[_experience(path[2])],
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
    resumes = Resume.objects.bulk_create(resumes, batch_size=2000)
    # Version 1 of each résumé: what applications are sent with.
    ResumeVersion.objects.bulk_create(
        (
            ResumeVersion(
                resume=resume,
                number=1,
                content={
                    "title": resume.title,
                    "experience": resume.experience,
                    "certifications": resume.certifications,
                    "skills": resume.skills,
                },
            )
            for resume in resumes
        ),
        batch_size=2000,
    )
    history_rng = random.Random(rng.random())  # noqa: S311 (demo data, not secrets)
    _large_custody_and_exits(
        history_rng, people=people, today=today, keep_active=active is not None
    )
    analyze(
        User,
        Participant,
        Participant.skills.through,
        SupervisionTerms,
        RecordEntry,
        Resume,
        ResumeVersion,
        CustodyEvent,
        ProgramExit,
    )


# Shares of released people with a custody event, by kind (sparse: the program reports
# few returns) and the exit reasons of people whose status says they left.
LARGE_RETURN_SHARE = 0.06
LARGE_ARREST_SHARE = 0.02
LARGE_EXIT_REASONS = ["completed"] * 4 + ["withdrew", "lost_contact", "lost_contact", "transferred"]


def _large_custody_and_exits(
    rng: random.Random, *, people: list, today: date, keep_active: bool = False
) -> None:
    """Custody events and program exits for the statewide volumes, consistent with each
    person's status: an exit row for everyone "exited", a return for some released
    people (their status becomes "returned to custody" unless they left), an arrest
    without conviction for a few more. Its own random generator, so the rows made
    before it stay those the matching benchmark has always used. With `keep_active`, an
    active person's event is an arrest without conviction (they stay active)."""
    events, exits, returned = [], [], []
    for person in people:
        released = person.release_date
        days_out = (today - released).days
        if person.status == "exited":
            # Someone still inside may leave the program too (a transfer, a withdrawal).
            earliest = released if days_out > 0 else today - timedelta(days=90)
            exits.append(
                ProgramExit(
                    participant=person,
                    exited_on=earliest + timedelta(days=rng.randint(0, (today - earliest).days)),
                    reason=rng.choice(LARGE_EXIT_REASONS),
                    recorded_by_id=person.facilitator_id,
                )
            )
        if days_out < 30:
            continue
        draw = rng.random()
        if draw < LARGE_RETURN_SHARE + LARGE_ARREST_SHARE:
            kind = (
                rng.choice(["new_offense", "technical_violation"])
                if draw < LARGE_RETURN_SHARE
                else "arrest_no_conviction"
            )
            if keep_active and person.status == "active":
                kind = "arrest_no_conviction"
            occurred = released + timedelta(days=rng.randint(30, days_out))
            events.append(
                CustodyEvent(
                    participant=person,
                    occurred_on=occurred,
                    kind=kind,
                    source=rng.choice(["Department of Corrections", "Probation officer"]),
                    recorded_by_id=person.facilitator_id,
                )
            )
            if kind != "arrest_no_conviction" and person.status != "exited":
                person.status = "returned_to_custody"
                person.status_changed_on = occurred
                person.custody_return_type = kind
                returned.append(person)
    CustodyEvent.objects.bulk_create(events, batch_size=2000)
    ProgramExit.objects.bulk_create(exits, batch_size=2000)
    Participant.objects.bulk_update(
        returned, ["status", "status_changed_on", "custody_return_type"], batch_size=2000
    )
