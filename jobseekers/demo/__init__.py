"""Demo participants for `manage.py seed_demo`, on the demo facilitator's caseload, in
varied situations: pre-release, on parole with a 10 pm curfew, no car, Spanish-speaking,
placed, and a few people released one to three years ago with returns to custody and
exits from the program (`history.py`), and a few referrals to partner organisations
(`referrals.py`). The demo login "participant" is linked to Pat, who has an employment
plan and supports (`supports.py`).
Idempotent: rows are found by natural keys and history rows (consents, versions, custody
events, exits) are added only once.

`--scale large` adds statewide volumes (DESIGN.md: 50,000 participants on file) with
bulk_create: 100 facilitators, participants across Missouri with supervision terms,
records, skills and résumés; the matching benchmark calls `seed_large` too."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from portal.core.models import User

from .. import rules
from ..models import (
    Consent,
    JobClubSession,
    Participant,
    RecordEntry,
    Resume,
    ResumeComment,
    ResumeVersion,
    SupervisionTerms,
)
from ..services import resume_snapshot
from .history import seed_history
from .large import LARGE_ACTIVE, LARGE_PARTICIPANTS, seed_large
from .people import DEMO_PLACE, PEOPLE
from .referrals import seed_referrals
from .supports import seed_supports_and_plans
from .texts import seed_texts

__all__ = ["seed", "seed_large"]


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
    seed_history(facilitator=facilitator, today=today)
    seed_supports_and_plans(facilitator=facilitator, today=today)
    seed_referrals(
        facilitator=facilitator, today=today, follow_up_days=rules.referral_follow_up_days()
    )
    seed_texts(facilitator=facilitator)
    stdout.write(f"Demo participants: {len(PEOPLE)} on the facilitator's caseload")
    if scale == "large":
        seed_large(stdout=stdout, participants=LARGE_PARTICIPANTS, active=LARGE_ACTIVE)
