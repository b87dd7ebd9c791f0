"""`manage.py expire_jobs`: run once a day (cron or a scheduler) to expire open jobs past
their closing date. It enqueues the task, so a db_worker runs it in production."""

from django.core.management.base import BaseCommand

from employers.tasks import jobs_expire_daily


class Command(BaseCommand):
    help = "Expire open jobs whose closing date has passed (run daily)."

    def handle(self, *args, **options):
        result = jobs_expire_daily.enqueue()
        self.stdout.write(f"Job expiry queued ({result.id}).")
