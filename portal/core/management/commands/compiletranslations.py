"""`manage.py compiletranslations`: build the .mo catalogues from the committed .po files
(`make run` and `make test` call it; see `portal.core.i18n`)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.core.i18n import compile_catalogues


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/*.po into its .mo when the .po is newer."

    def handle(self, *args, **options):
        compiled = compile_catalogues(settings.LOCALE_PATHS)
        self.stdout.write(f"Translations: {compiled} catalogue(s) compiled.")
