"""Send the applications area's reminders: `--interviews` (daily: tomorrow's interviews,
by email and text), `--check-ins` (daily: a text to people whose retention check came
due) and/or `--retention` (weekly: retention checks due or overdue). None: all three."""

from django.core.management.base import BaseCommand

from placements.applications.services import (
    interview_reminders_send,
    retention_check_in_texts_send,
    retention_digest_send,
)


class Command(BaseCommand):
    help = "Email interview reminders (daily) and the retention checks digest (weekly)."

    def add_arguments(self, parser):
        parser.add_argument("--interviews", action="store_true", help="Tomorrow's interviews.")
        parser.add_argument("--retention", action="store_true", help="Retention checks digest.")
        parser.add_argument(
            "--check-ins", action="store_true", help="Texts about retention checks due."
        )

    def handle(self, *args, **options):
        both = not (options["interviews"] or options["retention"] or options["check_ins"])
        if options["interviews"] or both:
            self.stdout.write(f"Interview reminders: {interview_reminders_send()}")
        if options["retention"] or both:
            self.stdout.write(f"Retention digests: {retention_digest_send()}")
        if options["check_ins"] or both:
            self.stdout.write(f"Retention check-in texts: {retention_check_in_texts_send()}")
