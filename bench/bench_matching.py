"""The matching engine at statewide scale (`python -m bench matching`), on the data of
`seed_demo --scale large` (20,000 open jobs, 50,000 participants, built here with the
same builders):

1. one participant against every open job (`rank_jobs`, top 20 with reasons) against
   the bare vectorized arithmetic of the same scoring on prepared arrays (the limit);
2. the same ranking done naively (a Python loop calling rapidfuzz per pair) on a
   sample of jobs, scaled to all of them, against the engine: the speed-up;
3. the nightly batch (top 20 for each active participant, stored) at three sizes, to
   show time growing linearly, with the memory peak of a batch.

Heavy: run it alone, once (the machine's cores are shared). BENCH_MATCHING_SCALE=0.05
runs it on a twentieth of the data, to try the benchmark itself quickly.
"""

import math
import os
import resource
import statistics
import time
import tracemalloc
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db import connection
from django.utils import timezone
from rapidfuzz import fuzz

from bench.harness import Comparison, compare
from employers.demo import LARGE_EIN_PREFIX
from employers.demo import seed_large as seed_large_employers
from employers.models import JobPosting, JobStatus
from jobseekers.demo import seed_large as seed_large_participants
from placements.matching import selectors, services
from placements.matching.engine import (
    MINUTES_PER_DAY,
    OFFENSE_CATEGORIES,
    JobIndex,
    _day_length,
    _minutes,
    curfew_conflict_exact,
    full_years_between,
    normalize_term,
    rank_jobs,
)
from placements.matching.profiles import JobProfile, ParticipantProfile
from portal.core.geo import great_circle_miles, miles_between, sphere_points

SCALE = float(os.environ.get("BENCH_MATCHING_SCALE", "1"))
EMPLOYERS, JOBS, PARTICIPANTS = (round(n * SCALE) for n in (1_000, 20_000, 50_000))
SAMPLE_PEOPLE = 200
NAIVE_JOBS = 400
NIGHTLY_SIZES = tuple(round(n * SCALE) for n in (2_500, 10_000, 50_000))


class _Out:
    def write(self, text):
        print(f"  {text}")


@dataclass
class Report:
    title: str
    rows: list[str]

    def lines(self) -> list[str]:
        return [self.title, *(f"  {row}" for row in self.rows)]


def _seed() -> Report:
    started = time.perf_counter()
    # Other benchmarks of the same run leave their own open jobs: close them, so that
    # this one measures the 20,000 of the statewide demo.
    JobPosting.objects.filter(status=JobStatus.OPEN).exclude(
        employer__ein__startswith=LARGE_EIN_PREFIX
    ).update(status=JobStatus.CLOSED)
    seed_large_employers(stdout=_Out(), employers=EMPLOYERS, jobs=JOBS)
    seed_large_participants(stdout=_Out(), participants=PARTICIPANTS)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return Report(
        "Statewide demo data (seed_demo --scale large builders)",
        [f"built in {time.perf_counter() - started:.1f} s"],
    )


def _bare(index: JobIndex, today: date):
    """Per participant, the prepared inputs of the same arithmetic, and the function
    doing only that arithmetic in numpy (no similarity, no reasons, no Python loop)."""
    wage_shift = np.zeros(len(index.wage_values) * 8)

    def prepare(profile: ParticipantProfile):
        best = np.random.default_rng(profile.id).random(len(index.vocabulary_normalized) + 2)
        origin = sphere_points(profile.latitude or 39.1, profile.longitude or -94.6)
        categories = [
            (OFFENSE_CATEGORIES.index(c.category), full_years_between(c.counted_from, today))
            for c in profile.convictions
        ]
        curfew = (
            (_minutes(profile.curfew_start), _day_length(profile.curfew_start, profile.curfew_end))
            if profile.has_curfew
            else (0, 0)
        )
        return best, origin, categories, curfew

    def arithmetic(best, origin, categories, curfew):
        excluded = np.zeros(len(index), dtype=bool)
        for column, years in categories:
            excluded |= years < index.lookback[:, column]
        excluded |= ~index.accepts_parole
        start, length = curfew
        excluded |= ((start - index.shift_start_minute) % MINUTES_PER_DAY < index.shift_length) | (
            (index.shift_start_minute - start) % MINUTES_PER_DAY < length
        )
        excluded |= index.state_code != 0
        excluded |= index.requires_license
        miles = great_circle_miles(origin, index.points)
        excluded |= ~index.transit & (miles > 1.5)
        title = best[index.combo_title]
        skill = best[index.combo_skill_ids].max(axis=1)
        skills = np.maximum(title, 0.4 * title + 0.6 * skill)[index.combo_of_job]
        total = 45 * skills + 15 * np.clip(1 - miles / 30, 0, 1) + wage_shift[index.wage_shift_key]
        total[excluded] = -1
        return np.argpartition(-total, 19)[:20]

    return prepare, arithmetic


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


def _one_participant(index: JobIndex, profiles: list[ParticipantProfile], today: date):
    people = iter(profiles * 1000)
    prepare, arithmetic = _bare(index, today)
    prepared = [prepare(profile) for profile in profiles]
    inputs = iter(prepared * 1000)
    weights, limits = services.rules.matching_weights(), services.rules.matching_limits()
    engine = compare(
        name=f"One participant against all {len(index):,} open jobs (top 20 with reasons)",
        subject=(
            "rank_jobs (rules, score, reasons)",
            lambda: rank_jobs(
                index, next(people), today=today, weights=weights, limits=limits, limit=20
            ),
        ),
        baseline=(
            "bare numpy arithmetic of the same scoring",
            lambda: arithmetic(*next(inputs)),
        ),
        rounds=400,
        warmup=20,
    )
    sample = index.jobs[:: max(1, len(index) // NAIVE_JOBS)][:NAIVE_JOBS]
    naive_times = []
    for profile in profiles[:20]:
        started = time.perf_counter()
        _naive_rank(sample, profile, today)
        naive_times.append((time.perf_counter() - started) * 1000 * len(index) / len(sample))
    naive = Comparison(
        name=(
            f"Naive ranking (Python loop, rapidfuzz per pair) on {len(sample)} jobs, "
            f"scaled to {len(index):,}"
        ),
        subject_label="naive loop, per participant",
        baseline_label="rank_jobs, per participant",
        subject_ms=statistics.median(naive_times),
        baseline_ms=engine.subject_ms,
        rounds=len(naive_times),
    )
    return engine, naive


def _nightly(active_ids: list[int]) -> Report:
    rows = []
    per_pair = []
    for size in NIGHTLY_SIZES:
        ids = active_ids[:size]
        services._INDEX_CACHE.clear()
        started = time.perf_counter()
        result = services.matches_recompute_all(participant_ids=ids)
        seconds = time.perf_counter() - started
        pairs = len(ids) * result["jobs"]
        per_pair.append(seconds / pairs * 1e9)
        rows.append(
            f"{len(ids):>6,} participants x {result['jobs']:,} jobs: {seconds:7.1f} s "
            f"({seconds / len(ids) * 1000:.2f} ms a participant, {per_pair[-1]:.1f} ns a pair, "
            f"{result['matches']:,} matches stored)"
        )
    tracemalloc.start()
    services.matches_recompute_all(participant_ids=active_ids[:2_000])
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rows.append(
        f"memory: peak {peak / 2**20:.0f} MiB of Python allocations while matching "
        f"2,000 people (batches of 1,000: the peak does not grow with the number of people); "
        f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )
    spread = max(per_pair) / min(per_pair)
    rows.append(
        f"cost a pair from the smallest to the largest run varies by {spread:.2f}x "
        f"(linear growth: about 1x)"
    )
    return Report(
        f"Nightly batch (top 20 for each active participant, stored, {connection.vendor})", rows
    )


def run() -> list:
    reports: list = [_seed()]
    today = timezone.localdate()
    started = time.perf_counter()
    index = services.open_jobs_index(fresh=True)
    reports.append(
        Report(
            "Open-jobs index",
            [f"{len(index):,} jobs read and indexed in {time.perf_counter() - started:.1f} s"],
        )
    )
    active_ids = list(selectors.active_participant_ids())
    sample_ids = active_ids[:: max(1, len(active_ids) // SAMPLE_PEOPLE)][:SAMPLE_PEOPLE]
    profiles = selectors.participant_profiles(participant_ids=sample_ids, today=today)
    engine, naive = _one_participant(index, profiles, today)
    reports += [engine, naive]
    reports.append(
        Report(
            "Goals",
            [
                f"one participant: median {engine.subject_ms:.2f} ms (goal <= 10 ms), "
                f"{engine.ratio:.1f}x the bare arithmetic (goal <= 5x)",
                f"speed-up over the naive loop: {naive.ratio:,.0f}x (goal >= 100x)",
            ],
        )
    )
    reports.append(_nightly(active_ids))
    assert math.isfinite(engine.ratio)
    return reports
