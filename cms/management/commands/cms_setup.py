"""`manage.py cms_setup`: the content site's launch pages and editors' groups.

Run at every release after `migrate`. Idempotent, and it only adds what is missing: pages
that editors have changed or deleted on purpose are not touched if they exist (a deleted
launch page does come back; unpublish it instead).
"""

from django.core.management.base import BaseCommand

from cms.launch import ensure_launch_content


class Command(BaseCommand):
    help = "Create the content site's launch pages and editors' groups (idempotent)."

    def handle(self, *args, **options):
        ensure_launch_content(stdout=self.stdout)
