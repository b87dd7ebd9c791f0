"""`manage.py seed_demo`: demo data for `make run` and the benchmarks.

Each app that has demo data keeps it in its own `demo.py` with a
`seed(*, stdout, scale)` function; this command runs them in INSTALLED_APPS order, so a
lower layer never imports a higher one.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from portal.core.demo import Progress, logins_summary
from portal.core.discovery import portal_app_modules


class Command(BaseCommand):
    help = "Create the demo logins and each app's demo data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["small", "large"],
            default="small",
            help="small: a handful of rows to click through; large: statewide volumes.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (never on a real program's database).",
        )

    def handle(self, *args, scale, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo makes logins with a known password, so it refuses to run with "
                "DEBUG off. Use --force only on a database that holds no real people."
            )
        if scale == "large":
            self._seed_large()
        else:
            for module in portal_app_modules("demo"):
                module.seed(stdout=self.stdout, scale=scale)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        logins_summary(stdout=self.stdout)

    def _seed_large(self) -> None:
        """Statewide volumes (minutes): every line of the apps' builders is a progress
        line with the seconds since the start, and the whole database is analyzed at
        the end (the builders analyze their own tables as they go)."""
        progress = Progress(self.stdout)
        for module in portal_app_modules("demo"):
            progress(f"{module.__name__} ...")
            module.seed(stdout=_ProgressOut(progress), scale="large")
        if connection.vendor == "postgresql":
            progress("ANALYZE (planner statistics for every table)")
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        progress("Statewide demo data done.")


class _ProgressOut:
    """A stdout for the apps' builders that stamps each line with the elapsed time."""

    def __init__(self, progress: Progress):
        self.progress = progress

    def write(self, text: str) -> None:
        self.progress(text.rstrip("\n"))
