"""The matching engine at statewide size (`python -m bench matching`), on the data of
`seed_demo --scale large` (20,000 open jobs, 50,000 active participants):

1. warm: one participant against every open job (`rank_jobs`: rules, score, reasons,
   top 20) against the real floor of any ranking: gathering that person's precomputed
   scores over the open jobs and taking the top 20 (numpy), no rule evaluated;
2. the naive way (a Python loop calling rapidfuzz per pair) on the FULL job set, for a
   few people, each timed beside `rank_jobs` for the same person: the speed-up, measured
   and not extrapolated;
3. cold: a fresh process building the open-jobs index from the database and ranking
   one participant, against a fresh process doing one query.

The nightly run for everyone is `bench_nightly`; the participant's page is in
`bench_dashboards`.
"""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
from django.utils import timezone
from rapidfuzz import fuzz

from bench.harness import NO_GOAL, Measure, measure
from placements.matching import selectors, services
from placements.matching.engine import (
    curfew_conflict_exact,
    full_years_between,
    normalize_term,
    rank_jobs,
)
from placements.matching.profiles import JobProfile, ParticipantProfile
from portal.core.geo import miles_between

SAMPLE_PEOPLE = 40
NAIVE_PEOPLE = 5
ROOT = Path(__file__).resolve().parent.parent
COLD_SCRIPT = """
import os, sys, time, warnings
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
warnings.filterwarnings("ignore", message="No directory at")
import django
django.setup()
from placements.matching import services
from jobseekers.models import Participant
started = time.perf_counter()
if sys.argv[1] == "rank":
    services.matches_rank(participant_ids=[int(sys.argv[2])])
else:
    Participant.objects.filter(pk=int(sys.argv[2])).exists()
print((time.perf_counter() - started) * 1000)
"""


def _naive_rank(jobs: list[JobProfile], profile: ParticipantProfile, today: date) -> list:
    """The same ranking the obvious way: every pair in Python, rapidfuzz per term pair."""
    scored = []
    terms = [normalize_term(text) for _kind, text in profile.terms]
    for job in jobs:
        broken = False
        for conviction in profile.convictions:
            years = job.lookback_years.get(conviction.category, 0)
            clear = full_years_between(conviction.counted_from, today)
            broken |= years is None or clear < years
        broken |= profile.supervision_type == "parole" and not job.accepts_parole
        broken |= profile.supervision_type == "probation" and not job.accepts_probation
        broken |= curfew_conflict_exact(job, profile)
        broken |= profile.travel_limit == "state" and job.state != profile.state
        broken |= profile.travel_limit == "county" and job.county != profile.county
        broken |= job.requires_drivers_license and not profile.has_drivers_license
        for required in job.certifications_required:
            broken |= not any(
                fuzz.token_set_ratio(term, normalize_term(required)) >= 85 for term in terms
            )
        miles = (
            miles_between(profile.latitude, profile.longitude, job.latitude, job.longitude)
            if profile.latitude is not None
            else 0.0
        )
        broken |= "car" not in profile.transport and not job.transit_accessible and miles > 1.5
        if broken:
            continue
        job_terms = [normalize_term(text) for text in (job.title, *job.skills)]
        similarity = max(
            (fuzz.token_set_ratio(a, b) for a in terms for b in job_terms), default=0.0
        )
        wage = float(job.wage_max)
        score = 45 * similarity / 100 + 15 * max(0.0, 1 - miles / 30) + 15 * min(wage / 25, 1)
        scored.append((score, job.id))
    scored.sort(reverse=True)
    return scored[:20]


def _cold(what: str, participant_id: int) -> float:
    done = subprocess.run(  # noqa: S603 (our own script, fixed arguments)
        [sys.executable, "-c", COLD_SCRIPT, what, str(participant_id)],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        raise AssertionError(f"cold {what}: {done.stderr[-2000:]}")
    return float(done.stdout.strip().splitlines()[-1])


def run() -> list[Measure]:
    today = timezone.localdate()
    index = services.open_jobs_index(fresh=True)
    active_ids = list(selectors.active_participant_ids())
    sample_ids = active_ids[:: max(1, len(active_ids) // SAMPLE_PEOPLE)][:SAMPLE_PEOPLE]
    profiles = selectors.participant_profiles(participant_ids=sample_ids, today=today)
    weights, limits = services.rules.matching_weights(), services.rules.matching_limits()
    # The floor: each sampled person's score for every open job, computed beforehand.
    scores = np.random.default_rng(15).random((len(profiles), len(index)), dtype=np.float32)
    every_job = np.arange(len(index))
    turn = {"engine": 0, "floor": 0}

    def engine():
        profile = profiles[turn["engine"] % len(profiles)]
        turn["engine"] += 1
        rank_jobs(index, profile, today=today, weights=weights, limits=limits, limit=20)

    def floor():
        row = scores[turn["floor"] % len(profiles)]
        turn["floor"] += 1
        gathered = row[every_job]
        top = np.argpartition(-gathered, 19)[:20]
        top[np.argsort(-gathered[top])]

    results = [
        measure(
            name=f"Matching, one participant x {len(index):,} open jobs (warm)",
            subject=("rank_jobs (rules, score, reasons, top 20)", engine),
            baseline=("floor: gather precomputed scores + top 20", floor),
            rounds=len(profiles) * 2,
            warmup=3,
        )
    ]
    naive_people = profiles[:NAIVE_PEOPLE]
    turn_naive = {"naive": 0, "engine": 0}

    def naive():
        _naive_rank(index.jobs, naive_people[turn_naive["naive"] % NAIVE_PEOPLE], today)
        turn_naive["naive"] += 1

    def engine_same():
        profile = naive_people[turn_naive["engine"] % NAIVE_PEOPLE]
        turn_naive["engine"] += 1
        rank_jobs(index, profile, today=today, weights=weights, limits=limits, limit=20)

    speedup = measure(
        name=f"Matching, naive Python loop on all {len(index):,} jobs",
        subject=("naive loop (rapidfuzz per pair), per participant", naive),
        baseline=("rank_jobs, same participant", engine_same),
        rounds=NAIVE_PEOPLE,
        warmup=0,
    )
    speedup.notes.append(f"speed-up of rank_jobs over the naive loop: {speedup.ratio:,.0f}x")
    results.append(speedup)
    person = sample_ids[0]
    results.append(
        measure(
            name="Matching, cold process (index from the database + one ranking)",
            subject=(
                "fresh process: open_jobs_index + matches_rank",
                lambda: _cold("rank", person),
            ),
            baseline=("fresh process: one query", lambda: _cold("query", person)),
            goal=NO_GOAL,
            rounds=5,
            warmup=0,
        )
    )
    return results
