"""Statewide placements for `seed_demo --scale large`, so that the outcomes report and
its benchmark join over realistic volumes: about two in five released participants get
a job (a person's hired statewide application becomes their placement, the rest are
jobs found outside the portal), most within a month of release, one in ten a second
job later, one in ten a transitional (subsidized) job; a job ends at the person's
return to custody or, for some, earlier; each job has its four retention checks (30,
90, 180, 365 days), most of those due answered with the hours and wage. Written with
COPY (a few seconds for 50,000 people); runs after the statewide participants (their
custody events) and applications."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from jobseekers.demo.large import LARGE_EMAIL_DOMAIN
from jobseekers.models import Participant
from placements.applications.models import (
    Application,
    ApplicationStatus,
    Placement,
    RetentionCheck,
    RetentionOutcome,
    RetentionVerification,
    SeparationReason,
)
from portal.core.demo import analyze, copy_rows

PLACED_SHARE = 0.35  # of released people not marked "placed" (all of those get a job)
SECOND_JOB_SHARE = 0.1
SUBSIDIZED_SHARE = 0.1
EARLY_SEPARATION_SHARE = 0.25
CHECK_ANSWERED_SHARE = 0.8
CHECK_DAYS = (30, 90, 180, 365)
OUTSIDE_EMPLOYERS = [
    ("Riverside Foods", "Line cook"),
    ("Show-Me Logistics", "Warehouse associate"),
    ("Gateway Builders", "Construction laborer"),
    ("Ozark Recycling", "Recycling sorter"),
    ("Mid-Rivers Landscaping", "Crew member"),
    ("KC Metro Transit", "Bus cleaner"),
]
PLACEMENT_FIELDS = [
    "participant_id",
    "application_id",
    "employer_id",
    "employer_name",
    "job_title",
    "offered_on",
    "start_date",
    "hourly_wage",
    "hours_per_week",
    "benefits",
    "subsidized",
    "separated_on",
    "separation_reason",
    "created_by_id",
    "created_at",
]
CHECK_FIELDS = [
    "placement_id",
    "days",
    "due_on",
    "outcome",
    "verified_by",
    "note",
    "hours_per_week",
    "hourly_wage",
    "recorded_at",
    "recorded_by_id",
]


def _days_to_job(rng: random.Random) -> int:
    """Days from release to the first job: most within a month (the program's aim)."""
    draw = rng.random()
    if draw < 0.6:
        return rng.randint(2, 30)
    if draw < 0.9:
        return rng.randint(31, 120)
    return rng.randint(121, 400)


def seed_large_placements(*, stdout, seed: int = 13, placed_share: float = PLACED_SHARE) -> None:
    """Placements and retention checks for the statewide participants. Skipped when
    already there."""
    large = Placement.objects.filter(participant__email__endswith=LARGE_EMAIL_DOMAIN)
    if large.exists():
        stdout.write("Statewide placements already there.")
        return
    today = timezone.localdate()
    rng = random.Random(seed)  # noqa: S311 (demo data, not secrets)
    people = list(
        Participant.objects.filter(
            email__endswith=LARGE_EMAIL_DOMAIN, release_date__lt=today - timedelta(days=2)
        )
        .annotate(
            returned_on=Min(
                "custody_events__occurred_on",
                filter=~Q(custody_events__kind="arrest_no_conviction"),
            )
        )
        .order_by("pk")
        .values_list("pk", "release_date", "status", "facilitator_id", "returned_on")
    )
    hired = {}
    for application_id, participant_id, employer_id, title, offered_on in (
        Application.objects.filter(
            status=ApplicationStatus.HIRED, participant__email__endswith=LARGE_EMAIL_DOMAIN
        )
        .order_by("pk")
        .values_list("pk", "participant_id", "employer_id", "job__title", "offered_on")
    ):
        hired.setdefault(participant_id, (application_id, employer_id, title, offered_on))
    employer_names = dict(
        Application.objects.filter(pk__in=[row[0] for row in hired.values()]).values_list(
            "pk", "employer__display_name"
        )
    )
    now = timezone.now()

    def job(person, start: date, *, application=None, subsidized=False):
        participant_id, _released, _status, facilitator_id, returned_on = person
        if application:
            application_id, employer_id, title, offered_on = application
            name = employer_names.get(application_id, "")
        else:
            application_id, employer_id, offered_on = None, None, None
            name, title = rng.choice(OUTSIDE_EMPLOYERS)
        separated_on, reason = None, ""
        if returned_on and returned_on > start:
            separated_on, reason = returned_on, SeparationReason.RETURNED_TO_CUSTODY
        elif rng.random() < EARLY_SEPARATION_SHARE and (today - start).days > 14:
            separated_on = start + timedelta(days=rng.randint(7, (today - start).days))
            reason = rng.choice(
                [SeparationReason.QUIT, SeparationReason.DISMISSED, SeparationReason.LAID_OFF]
            )
        return (
            participant_id,
            application_id,
            employer_id,
            name or "Fair-chance employer",
            title or "Associate",
            offered_on or start - timedelta(days=rng.randint(2, 10)),
            start,
            Decimal(rng.randint(1300, 2200)) / 100,
            Decimal(rng.choice([40, 40, 40, 32, 24, 20])),
            "",
            subsidized,
            separated_on,
            reason,
            facilitator_id,
            now,
        )

    def rows():
        for person in people:
            participant_id, released, status, _facilitator, returned_on = person
            application = hired.get(participant_id)
            if not application and status != "placed" and rng.random() >= placed_share:
                continue
            start = released + timedelta(days=_days_to_job(rng))
            if application and application[3]:
                start = max(start, application[3] + timedelta(days=rng.randint(3, 14)))
            start = min(start, today)
            if returned_on and start >= returned_on:
                continue  # back inside before any job
            subsidized = not application and rng.random() < SUBSIDIZED_SHARE
            yield job(person, start, application=application, subsidized=subsidized)
            later = start + timedelta(days=rng.randint(60, 300))
            second = rng.random() < SECOND_JOB_SHARE and later < today
            if second and (not returned_on or later < returned_on):
                yield job(person, later)

    with transaction.atomic():
        written = copy_rows(Placement, PLACEMENT_FIELDS, rows())
        # Read before the COPY starts: the connection cannot query while it copies.
        made = list(
            large.order_by("pk").values_list(
                "pk", "start_date", "separated_on", "hourly_wage", "created_by_id"
            )
        )
        checks = copy_rows(RetentionCheck, CHECK_FIELDS, _checks(rng, made, today=today))
    analyze(Placement, RetentionCheck)
    stdout.write(f"Statewide demo: {written:,} placements, {checks:,} retention checks.")


def _checks(rng: random.Random, placements: list[tuple], *, today: date):
    """The four checks of each placement (id, start, separation, wage, staff); most of
    those due are answered: still there, with another employer, or not working, with
    the hours and wage of those working."""
    verifications = list(RetentionVerification.values)
    for placement_id, start, separated_on, wage, staff_id in placements:
        for days in CHECK_DAYS:
            due = start + timedelta(days=days)
            answer = due <= today and rng.random() < CHECK_ANSWERED_SHARE
            outcome, hours, paid, recorded_at, verified = "", None, None, None, ""
            if answer:
                if separated_on is None or separated_on >= due:
                    outcome, hours, paid = RetentionOutcome.SAME_EMPLOYER, 40, wage
                elif rng.random() < 0.4:
                    outcome = RetentionOutcome.OTHER_EMPLOYER
                    hours, paid = rng.choice([24, 32, 40]), Decimal(rng.randint(1300, 2000)) / 100
                else:
                    outcome = RetentionOutcome.NOT_WORKING
                recorded_day = min(due + timedelta(days=rng.randint(0, 10)), today)
                recorded_at = timezone.make_aware(
                    timezone.datetime.combine(recorded_day, timezone.datetime.min.time())
                )
                verified = rng.choice(verifications)
            yield (
                placement_id,
                days,
                due,
                outcome,
                verified,
                "",
                None if hours is None else Decimal(hours),
                paid,
                recorded_at,
                staff_id if answer else None,
            )
