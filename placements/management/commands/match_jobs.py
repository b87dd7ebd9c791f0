"""`manage.py match_jobs`: run once a night (cron or a scheduler) to recompute every
active participant's matches. It enqueues the task, which queues the participants in
chunks, so every db_worker takes a share in production; `--now` runs it all in this
process (`--workers 2`: in two worker processes, as two db_workers would share it),
printing a progress line every few seconds, the counts, wall and CPU time and the peak
memory."""

from django.core.management.base import BaseCommand

from placements.matching.services import (
    NIGHTLY_BATCH,
    matches_nightly,
    matches_recompute_all,
)


class Command(BaseCommand):
    help = "Recompute the job matches of every active participant (run nightly)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run here instead of queueing.")
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="With --now: share the batches among this many worker processes.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=NIGHTLY_BATCH,
            help="With --now: people per batch (one read, one ranking, one write).",
        )

    def handle(self, *args, now, workers, batch_size, **options):
        if now:
            result = matches_recompute_all(
                stdout=self.stdout, workers=workers, batch_size=max(1, batch_size)
            )
            self.stdout.write(
                f"Matched {result['participants']:,} participants against {result['jobs']:,} "
                f"open jobs: {result['matches']:,} matches in {result['seconds']} s "
                f"({result['cpu_seconds']} s of CPU, {result['workers']} worker process"
                f"{'es' if result['workers'] > 1 else ''}); peak memory "
                f"{result['peak_memory_mib']} MiB."
            )
            return
        result = matches_nightly.enqueue()
        self.stdout.write(f"Matching queued ({result.id}).")
