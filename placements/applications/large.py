"""Statewide applications for `seed_demo --scale large` (DESIGN.md: 200,000), written
with COPY: the statewide participants who have a résumé apply to statewide jobs, each
application in a plausible stage, sent with version 1 of the résumé."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from employers.demo import LARGE_EIN_PREFIX
from employers.models import JobPosting
from jobseekers.demo.large import LARGE_EMAIL_DOMAIN
from jobseekers.models import ResumeVersion
from placements.applications.models import Application, ApplicationStatus, DeclineReason
from portal.core.demo import analyze, copy_rows

LARGE_APPLICATIONS = 200_000
S = ApplicationStatus
# Stages, weighted: most applications are waiting or were not chosen.
STAGES = (
    [S.SUBMITTED] * 30
    + [S.REVIEWING] * 20
    + [S.INTERVIEW_SCHEDULED] * 5
    + [S.INTERVIEWED] * 5
    + [S.CONDITIONAL_OFFER] * 2
    + [S.HIRED] * 3
    + [S.DECLINED] * 25
    + [S.WITHDRAWN] * 10
)
FIELDS = [
    "participant_id",
    "job_id",
    "employer_id",
    "resume_version_id",
    "consents_at_application",
    "status",
    "status_changed_at",
    "decline_reason",
    "cover_note",
    "fit_conflicts",
    "fit_note",
    "participant_agreed_at",
    "offered_on",
    "created_at",
]


def seed_large(*, stdout, applications: int = LARGE_APPLICATIONS, seed: int = 11) -> None:
    """`applications` applications from the statewide participants with a résumé to the
    statewide jobs (each person to distinct jobs). Skipped when already there."""
    large = Application.objects.filter(job__employer__ein__startswith=LARGE_EIN_PREFIX)
    if large.exists():
        stdout.write("Statewide applications already there.")
        return
    senders = list(
        ResumeVersion.objects.filter(
            number=1, resume__participant__email__endswith=LARGE_EMAIL_DOMAIN
        )
        .order_by("id")
        .values_list("resume__participant_id", "id")
    )
    jobs = list(
        JobPosting.objects.filter(employer__ein__startswith=LARGE_EIN_PREFIX)
        .order_by("id")
        .values_list("id", "employer_id")
    )
    if not senders or not jobs:
        return
    rng = random.Random(seed)  # noqa: S311 (demo data, not secrets)
    now = timezone.now()
    each, extra = divmod(applications, len(senders))

    def rows():
        for number, (participant_id, version_id) in enumerate(senders):
            count = min(len(jobs), each + (number < extra))
            for job_id, employer_id in rng.sample(jobs, count):
                sent = now - timedelta(minutes=rng.randint(60, 60 * 24 * 120))
                stage = rng.choice(STAGES)
                changed = sent + (now - sent) * rng.random() * 0.5
                yield (
                    participant_id,
                    job_id,
                    employer_id,
                    version_id,
                    "[]",
                    stage,
                    changed,
                    DeclineReason.NOT_SELECTED if stage == S.DECLINED else "",
                    "",
                    "[]",
                    "",
                    sent,
                    changed.date() if stage in (S.CONDITIONAL_OFFER, S.HIRED) else None,
                    sent,
                )

    with transaction.atomic():
        written = copy_rows(Application, FIELDS, rows())
    analyze(Application)
    stdout.write(f"Statewide demo: {written:,} applications from {len(senders):,} people.")
