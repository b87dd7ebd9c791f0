"""Text-message work for a scheduler (cron, or a task scheduler enqueuing the tasks in
`jobseekers.tasks`): `--due` (every few minutes: texts kept for the morning, retries) and
`--job-club` and `--referrals` (daily: tomorrow's job club, referral follow-ups due).
None: all three."""

from django.core.management.base import BaseCommand

from jobseekers.services import (
    job_club_text_reminders_send,
    referral_follow_up_texts_send,
    text_messages_send_due,
)


class Command(BaseCommand):
    help = (
        "Send queued texts whose time has come (--due), tomorrow's job club texts "
        "(--job-club) and referral follow-up texts (--referrals)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--due", action="store_true", help="Queued texts now due.")
        parser.add_argument("--job-club", action="store_true", help="Tomorrow's job club.")
        parser.add_argument(
            "--referrals", action="store_true", help="Referral follow-ups due today."
        )

    def handle(self, *args, **options):
        every = not (options["due"] or options["job_club"] or options["referrals"])
        if options["job_club"] or every:
            self.stdout.write(f"Job club texts queued: {job_club_text_reminders_send()}")
        if options["referrals"] or every:
            self.stdout.write(f"Referral texts queued: {referral_follow_up_texts_send()}")
        if options["due"] or every:
            self.stdout.write(f"Queued texts tried: {text_messages_send_due()}")
