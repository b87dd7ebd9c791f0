"""The nightly matching at statewide size (`python -m bench nightly`): top 20 for every
active participant (50,000 with `seed_demo --scale large`) against every open job
(20,000), stored, in a fresh process (cold: the index is built from the database), with
a progress line every few seconds and the peak memory of the largest process. The
batches are shared by BENCH_NIGHTLY_WORKERS worker processes (default 2, as two
db_workers would share `matches_nightly`'s chunks; 1: all in the one process). Each
worker's writes are rolled back at its end, so the stored matches stay as seeded.

One run, not five: a run takes minutes on this machine and the goal is absolute. The
load average before and after and the CPU seconds (all processes) are printed with it,
since on a shared machine the wall time depends on what else runs.
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
import json, os, sys, time, warnings
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
warnings.filterwarnings("ignore", message="No directory at")
import django
django.setup()
from placements.matching import services

class Out:
    def write(self, text):
        print(f"  … nightly: {text}", flush=True)

load_before = os.getloadavg()[0]
started = time.perf_counter()
result = services.matches_recompute_all(
    stdout=Out(), workers=int(os.environ.get("BENCH_NIGHTLY_WORKERS", "2")), rollback=True
)
result["wall_ms"] = (time.perf_counter() - started) * 1000
result["load"] = (load_before, os.getloadavg()[0])
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
            f"{result['workers']} worker process(es), {result['cpu_seconds']} s of CPU "
            f"in all; peak memory (max RSS of the largest process) "
            f"{result['peak_memory_mib']} MiB; load average {result['load'][0]:.1f} "
            f"before, {result['load'][1]:.1f} after; one run"
        ],
    )
    report(nightly)
    return [nightly]
