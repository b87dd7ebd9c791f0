"""`make bench`: run every `bench/bench_*.py` and print its comparisons.

Each module has `run() -> list[Comparison]`. They run against a throwaway test database
made from the settings' DATABASE_URL (use PostgreSQL, the production database:
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal make bench`).
"""

import importlib
import os
import pkgutil
import sys
import warnings
from pathlib import Path


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    # STATIC_ROOT is only filled by collectstatic in production.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    names = sorted(
        module.name
        for module in pkgutil.iter_modules([str(Path(__file__).parent)])
        if module.name.startswith("bench_")
    )
    only = sys.argv[1:]
    if only:
        names = [name for name in names if any(word in name for word in only)]

    setup_test_environment()
    original_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    try:
        for name in names:
            for comparison in importlib.import_module(f"bench.{name}").run():
                print("\n".join(comparison.lines()))
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)
        teardown_test_environment()
    return 0


if __name__ == "__main__":
    sys.exit(main())
