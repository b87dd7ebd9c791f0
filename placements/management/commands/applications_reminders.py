"""Send the applications area's reminder emails: `--interviews` (daily: tomorrow's
interviews) and/or `--retention` (weekly: retention checks due or overdue)."""

from django.core.management.base import BaseCommand

from placements.applications.services import interview_reminders_send, retention_digest_send


class Command(BaseCommand):
    help = "Email interview reminders (daily) and the retention checks digest (weekly)."

    def add_arguments(self, parser):
        parser.add_argument("--interviews", action="store_true", help="Tomorrow's interviews.")
        parser.add_argument("--retention", action="store_true", help="Retention checks digest.")

    def handle(self, *args, **options):
        both = not (options["interviews"] or options["retention"])
        if options["interviews"] or both:
            self.stdout.write(f"Interview reminders: {interview_reminders_send()}")
        if options["retention"] or both:
            self.stdout.write(f"Retention digests: {retention_digest_send()}")
