"""`manage.py match_jobs`: run once a night (cron or a scheduler) to recompute every
active participant's matches. It enqueues the task, which queues the participants in
chunks, so every db_worker takes a share in production; `--now` runs it all in this
process, printing a progress line every few seconds, the counts and the peak memory."""

from django.core.management.base import BaseCommand

from placements.matching.services import matches_nightly, matches_recompute_all


class Command(BaseCommand):
    help = "Recompute the job matches of every active participant (run nightly)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run here instead of queueing.")

    def handle(self, *args, now, **options):
        if now:
            result = matches_recompute_all(stdout=self.stdout)
            self.stdout.write(
                f"Matched {result['participants']:,} participants against {result['jobs']:,} "
                f"open jobs: {result['matches']:,} matches in {result['seconds']} s "
                f"({result['cpu_seconds']} s of CPU); peak memory "
                f"{result['peak_memory_mib']} MiB."
            )
            return
        result = matches_nightly.enqueue()
        self.stdout.write(f"Matching queued ({result.id}).")
