"""Signed-in pages at statewide size (the data of `seed_demo --scale large`, matches
stored): each role's dashboard, and a participant's "Jobs for you" right after a job
changed (warm process), and in a fresh process (cold), each against a bare page in the
same rounds, with query counts.

Goals (issue 15): dashboards within 10x a bare view, whatever the number of stored
matches. A person's panels are kept 30 seconds per session (portal/core/panels.py), so
each dashboard is measured twice: as a reload finds it (kept: the goal's row), and with
its panels built (the first visit in 30 seconds, after the person's own change, or
Refresh: an info row, the cost of every panel's reads). The first request after a job
change never rebuilds the matching index inside the request (judged as: within 1
second), and a cold process serves a participant's matches within 1 second.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.common import get_ok, signed_in
from bench.harness import Measure, measure, ratio_goal, time_goal
from employers.models import JobPosting, JobStatus
from employers.services.jobs import job_close
from jobseekers.selectors import participant_for_user_account
from placements.matching.models import MatchRun
from portal.core.models import User

ROUNDS = 10
COLD_ROUNDS = 5
ROOT = Path(__file__).resolve().parent.parent


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def _cold(url: str, username: str | None) -> float:
    """Milliseconds of the first request in a fresh process (bench/cold.py)."""
    command = [sys.executable, "-m", "bench.cold", url, *([username] if username else [])]
    done = subprocess.run(  # noqa: S603 (our own module, fixed arguments)
        command, cwd=ROOT, env=os.environ.copy(), capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        raise AssertionError(f"cold {url}: {done.stderr[-2000:]}")
    return float(done.stdout.strip().splitlines()[-1])


def run() -> list[Measure]:
    bare_client = Client()
    bare = ("bare Django page (same middleware)", lambda: get_ok(bare_client, "/bench/bare-html/"))
    results = []
    for role in ("admin", "facilitator", "employer", "participant"):
        client = signed_in(role)

        def dashboard(client=client):
            get_ok(client, "/dashboard/")

        if role == "admin":
            # Not a goal of the issue: the part of every dashboard that is no panel's (the
            # session, user and second-factor reads, the base template), to read the
            # dashboards' ratios against.
            def floor(client=client):
                get_ok(client, "/bench/signed-in-floor/")

            floor()
            results.append(
                measure(
                    name="Signed-in page floor (base template, admin)",
                    subject=("GET a signed-in page with no content", floor),
                    baseline=bare,
                    rounds=ROUNDS,
                    queries=_queries(floor),
                )
            )

        dashboard()
        results.append(
            measure(
                name=f"Dashboard: {role}",
                subject=(f"GET /dashboard/ as {role} (panels kept)", dashboard),
                baseline=bare,
                goal=ratio_goal(10),
                rounds=ROUNDS,
                queries=_queries(dashboard),
            )
        )

        def built(client=client):
            get_ok(client, "/dashboard/", {"refresh": "1"})

        results.append(
            measure(
                name=f"Dashboard: {role}, panels built",
                subject=(f"GET /dashboard/?refresh=1 as {role}", built),
                baseline=bare,
                rounds=ROUNDS,
                queries=_queries(built),
            )
        )

    participant = signed_in("participant")
    employer_user = User.objects.get(username="employer")
    job = JobPosting.objects.filter(
        employer__memberships__user=employer_user, status=JobStatus.OPEN
    ).first()

    pat = participant_for_user_account(user=User.objects.get(username="participant"))

    def after_job_change() -> float:
        # The change and the request in one savepoint rolled back: every round starts
        # from the same data, and the request sees the change (the same connection).
        # The participant has no stored run (a newcomer, or a run gone stale): the page
        # must rank them against the changed jobs, which rebuilt the whole matching
        # index inside the request before issue 15.
        with transaction.atomic():
            job_close(job=job, actor=employer_user)
            MatchRun.objects.filter(participant=pat).delete()
            started = time.perf_counter()
            get_ok(participant, "/my/jobs-for-you/")
            elapsed = (time.perf_counter() - started) * 1000
            transaction.set_rollback(True)
        return elapsed

    get_ok(participant, "/my/jobs-for-you/")
    results.append(
        measure(
            name="Jobs for you, first request after a job change",
            subject=("GET /my/jobs-for-you/ after job_close, no stored run", after_job_change),
            baseline=bare,
            goal=time_goal(1000),
            rounds=ROUNDS,
            warmup=1,
        )
    )
    results.append(
        measure(
            name="Jobs for you, cold process",
            subject=(
                "fresh process: first GET /my/jobs-for-you/",
                lambda: _cold("/my/jobs-for-you/", "participant"),
            ),
            baseline=(
                "fresh process: first GET of a bare JSON view",
                lambda: _cold("/bench/bare-json/", None),
            ),
            goal=time_goal(1000),
            rounds=COLD_ROUNDS,
            warmup=0,
        )
    )
    return results
