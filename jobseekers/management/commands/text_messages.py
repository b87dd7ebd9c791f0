"""Text-message work for a scheduler (cron, or a task scheduler enqueuing the tasks in
`jobseekers.tasks`): `--due` (every few minutes: texts kept for the morning, retries) and
`--job-club` (daily: tomorrow's job club). None: both."""

from django.core.management.base import BaseCommand

from jobseekers.services import job_club_text_reminders_send, text_messages_send_due


class Command(BaseCommand):
    help = "Send queued texts whose time has come (--due) and tomorrow's job club texts."

    def add_arguments(self, parser):
        parser.add_argument("--due", action="store_true", help="Queued texts now due.")
        parser.add_argument("--job-club", action="store_true", help="Tomorrow's job club.")

    def handle(self, *args, **options):
        both = not (options["due"] or options["job_club"])
        if options["job_club"] or both:
            self.stdout.write(f"Job club texts queued: {job_club_text_reminders_send()}")
        if options["due"] or both:
            self.stdout.write(f"Queued texts tried: {text_messages_send_due()}")
