"""The nightly matching at statewide size (`python -m bench nightly`): top 20 for every
active participant (50,000 with `seed_demo --scale large`) against every open job
(20,000), stored, in a fresh process (cold: the index is built from the database), with
a progress line per batch and the process's peak memory. The stored matches are rolled
back at the end.

One run, not five: a run takes minutes on this machine and the goal is absolute.
Goal (issue 15): within 5 minutes. Skip it with BENCH_SKIP=nightly.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.harness import Measure, progress, report, time_goal

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = """
import json, os, resource, sys, time, warnings
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
warnings.filterwarnings("ignore", message="No directory at")
import django
django.setup()
from django.db import transaction
from placements.matching import services

class Out:
    def write(self, text):
        print(f"  … nightly: {text}", flush=True)

started = time.perf_counter()
with transaction.atomic():
    result = services.matches_recompute_all(stdout=Out())
    transaction.set_rollback(True)
result["wall_ms"] = (time.perf_counter() - started) * 1000
result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
with open(sys.argv[1], "w") as out:
    json.dump(result, out)
"""


def run() -> list[Measure]:
    progress("nightly: a fresh process matches every active participant (minutes)")
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(  # noqa: S603 (our own script, fixed arguments)
            [sys.executable, "-c", SCRIPT, out.name],
            cwd=ROOT,
            env=os.environ.copy(),
            check=True,
            timeout=1800,
        )
        result = json.loads(Path(out.name).read_text())
    nightly = Measure(
        name=(f"Nightly matching, {result['participants']:,} people x {result['jobs']:,} jobs"),
        subject_label="matches_recompute_all in a fresh process",
        baseline_label="",
        subject_ms=[result["wall_ms"]],
        baseline_ms=[],
        goal=time_goal(5 * 60 * 1000),
        notes=[
            f"{result['matches']:,} matches stored (rolled back); "
            f"peak memory (max RSS) {result['peak_rss_mib']:.0f} MiB; one run"
        ],
    )
    report(nightly)
    return [nightly]
