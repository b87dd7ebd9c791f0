"""`make bench`: run every `bench/bench_*.py` on the statewide data and end with one table.

Run it on a PostgreSQL database made by `manage.py seed_demo --scale large` (matches
stored), named by DATABASE_URL:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_large make bench
    python -m bench job_search dashboards    # only the modules whose names contain a word
    BENCH_SKIP=nightly make bench            # all but the (minutes long) nightly run

Each module has `run() -> list[Measure]` and runs alone too. Every module's writes
(sessions, tokens, audit rows, the payroll benchmark's own people, the nightly run's
matches) happen in a transaction rolled back after it, so the database stays as seeded.
"""

import importlib
import os
import pkgutil
import sys
import time
import traceback
import warnings
from pathlib import Path


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    # STATIC_ROOT is only filled by collectstatic in production.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.db import connection, transaction
    from django.utils import timezone

    from bench.common import STATEWIDE, data_size
    from bench.harness import table

    names = sorted(
        module.name
        for module in pkgutil.iter_modules([str(Path(__file__).parent)])
        if module.name.startswith("bench_")
    )
    only = sys.argv[1:]
    if only:
        names = [name for name in names if any(word in name for word in only)]
    skip = [word for word in os.environ.get("BENCH_SKIP", "").split(",") if word]
    names = [name for name in names if not any(word in name for word in skip)]

    size = data_size()
    print(
        f"Database: {connection.vendor} ({connection.settings_dict['NAME']}), "
        + ", ".join(f"{count:,} {what}" for what, count in size.items()),
        flush=True,
    )
    if any(size[what] < wanted for what, wanted in STATEWIDE.items()):
        print(
            "WARNING: not the statewide data (`manage.py seed_demo --scale large`): the "
            "figures below do not answer issue 15's goals.",
            flush=True,
        )
    measures, failed = [], []
    started = time.perf_counter()
    for name in names:
        print(f"\n== {name} ({time.perf_counter() - started:.0f} s so far)", flush=True)
        try:
            module = importlib.import_module(f"bench.{name}")
            with transaction.atomic():
                measures += module.run()
                transaction.set_rollback(True)
        except Exception:
            traceback.print_exc()
            failed.append(name)
    print(
        f"\nIssue 15 goals, {timezone.localdate():%Y-%m-%d}, "
        f"{time.perf_counter() - started:.0f} s (value and baseline: medians):\n"
    )
    print(table(measures))
    if failed:
        print(f"\nFAILED (see above): {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
