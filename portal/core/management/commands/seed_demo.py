"""`manage.py seed_demo`: demo data for `make run` and the benchmarks.

Each app that has demo data keeps it in its own `demo.py` with a
`seed(*, stdout, scale)` function; this command runs them in INSTALLED_APPS order, so a
lower layer never imports a higher one.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


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
        for app_config in apps.get_app_configs():
            # Only the portal's own apps: a third-party app's "demo" module is not ours to run.
            if not app_config.path.startswith(str(settings.BASE_DIR)):
                continue
            module_name = f"{app_config.name}.demo"
            if find_spec(module_name) is None:
                continue
            import_module(module_name).seed(stdout=self.stdout, scale=scale)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
