"""Writes of the matching area: run the engine and store what it found.

- `matches_recompute_for(participant=...)`: one person, fast enough for a request (the
  pages call it when the stored matches are older than the person's last change or
  than `rules.matching_max_age()`; staff press "Refresh matches").
- `matches_recompute_all()`: the nightly run over every active participant, in
  batches, with the open jobs indexed once (`matches_nightly` is its task).

No signal keeps results fresh (jobseekers never imports placements): the nightly run
catches new jobs, the pages catch changes of the person.
"""

import json
import resource
import sys
import time as clock
from datetime import date, datetime
from decimal import Decimal

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus

from jobseekers.models import Participant
from placements.matching import job_index, rules, selectors
from placements.matching.engine import JobIndex, LiveJobIndex, Ranking, rank_jobs
from placements.matching.exceptions import MatchingNotReadyError
from placements.matching.models import MatchResult, MatchRun
from portal.core.audit import audit_record
from portal.core.models import User

# Kept for callers that clear it between runs (tests, bench): this process's copy of
# the stored index, a speed-up only (`job_index` keeps the index in the cache).
_INDEX_CACHE = job_index.PROCESS_MEMO
# While a rebuild is queued, further job changes do not queue another one.
REBUILD_PENDING_KEY = "placements:matching:job-index-rebuild-pending"
REBUILD_PENDING_SECONDS = 600


def open_jobs_index(*, fresh: bool = False) -> JobIndex | LiveJobIndex:
    """The engine's index of every open job. `fresh`: build it now and store it for
    every process (background work only: 10 s at statewide size). Otherwise the stored
    index with the changes since applied; when nothing is stored yet, the rebuild task
    is asked for, and built here only if tasks run immediately (tests, `make run`)."""
    if fresh:
        return job_index.job_index_build().index
    live = current_job_index()
    if live is None:
        raise MatchingNotReadyError()
    return live


def current_job_index(*, signature: tuple | None = None) -> LiveJobIndex | None:
    """What a page ranks against: the stored index with the changes since applied
    (`job_index.live_job_index`), never a rebuild here. None when there is none yet or
    too much changed: the rebuild is queued, and the page shows the stored matches."""
    live = job_index.live_job_index(signature=signature)
    if live is None:
        job_index_refresh_soon()
        # Tasks that run immediately (tests, `make run`) have stored it by now.
        live = job_index.live_job_index(signature=signature)
    return live


def job_index_refresh_soon(job_ids=None) -> None:
    """Queue one background rebuild of the stored index (jobs opened, changed or
    closed: `employers.hooks` calls this after the change commits). Pages do not wait
    for it: they apply the changes themselves until it has run."""
    if cache.add(REBUILD_PENDING_KEY, True, timeout=REBUILD_PENDING_SECONDS):
        job_index_refresh.enqueue()


@task()
def job_index_refresh() -> dict:
    """Rebuild the stored index of open jobs (queued by `job_index_refresh_soon`)."""
    cache.delete(REBUILD_PENDING_KEY)
    stored = job_index.job_index_build()
    return {"jobs": len(stored.index)}


_RESULT_COLUMNS = (
    "participant_id",
    "job_id",
    "rank",
    "score",
    "reasons",
    "cautions",
    "available_from",
    "computed_at",
)


def _insert_results(rankings: list[Ranking], computed_at: datetime) -> int:
    """Insert the matches of these rankings in bulk (COPY on PostgreSQL, executemany on
    SQLite): the nightly run writes a million rows, and model instances or a round trip
    a row would cost more than the matching itself."""
    operations = connection.ops
    moment = operations.adapt_datetimefield_value(computed_at)
    rows = [
        (
            ranking.participant_id,
            match.job_id,
            rank,
            max(0, min(100, match.score)),
            json.dumps(match.reasons, ensure_ascii=False),
            json.dumps(match.cautions, ensure_ascii=False),
            operations.adapt_datefield_value(match.available_from),
            moment,
        )
        for ranking in rankings
        for rank, match in enumerate(ranking.matches, start=1)
    ]
    if not rows:
        return 0
    table = operations.quote_name(MatchResult._meta.db_table)
    columns = ", ".join(operations.quote_name(column) for column in _RESULT_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: the bulk path of PostgreSQL (table and columns from the model).
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(_RESULT_COLUMNS))
            # Table and column names come from the model; every value is a parameter.
            sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
            cursor.executemany(sql, rows)
    return len(rows)


def _run(ranking: Ranking, participant_id: int, computed_at: datetime) -> MatchRun:
    readiness = ranking.readiness
    return MatchRun(
        participant_id=participant_id,
        computed_at=computed_at,
        jobs_considered=ranking.considered,
        jobs_eligible=ranking.eligible,
        excluded_by_rule=ranking.excluded,
        notices=ranking.notices,
        # The engine keeps 0-1; store the 1-5 average staff know.
        readiness=None if readiness is None else Decimal(str(round(1 + 4 * readiness, 2))),
        available_from=ranking.matches[0].available_from if ranking.matches else None,
    )


def matches_store(*, rankings: list[Ranking], computed_at: datetime) -> int:
    """Replace the stored matches and runs of the ranked participants (one transaction,
    a fixed number of statements per batch). Returns the number of matches stored."""
    ids = [ranking.participant_id for ranking in rankings]
    with transaction.atomic():
        # Two recomputes of one person at once (two page loads, a page during the nightly
        # batch) would both insert the one-to-one run: the second waits here, then
        # replaces the first one's rows instead of failing on them.
        list(
            Participant.objects.select_for_update()
            .filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        MatchResult.objects.filter(participant_id__in=ids).delete()
        MatchRun.objects.filter(participant_id__in=ids).delete()
        MatchRun.objects.bulk_create(
            [_run(ranking, ranking.participant_id, computed_at) for ranking in rankings]
        )
        return _insert_results(rankings, computed_at)


def matches_rank(
    *, participant_ids, index: JobIndex | None = None, today: date | None = None
) -> list[Ranking]:
    """Rank the open jobs for these participants without storing anything."""
    today = today or timezone.localdate()
    index = index if index is not None else open_jobs_index()
    weights, limits = rules.matching_weights(), rules.matching_limits()
    keep = rules.matching_results_per_participant()
    return [
        rank_jobs(index, profile, today=today, weights=weights, limits=limits, limit=keep)
        for profile in selectors.participant_profiles(participant_ids=participant_ids, today=today)
    ]


def matches_recompute_for(
    *, participant: Participant, index: JobIndex | LiveJobIndex | None = None
) -> MatchRun:
    """Rank the open jobs for one person now and store the result (the page's on-demand
    refresh), against the stored index with the changes since applied: never a rebuild
    of the index. Returns the new run; raises MatchingNotReadyError while no index is
    stored yet."""
    rankings = matches_rank(participant_ids=[participant.pk], index=index)
    with transaction.atomic():
        matches_store(rankings=rankings, computed_at=timezone.now())
        return MatchRun.objects.get(participant=participant)


def matches_refresh(*, participant: Participant, actor: User) -> MatchRun:
    """Staff's "Refresh matches" button: recompute now and leave an audit event (the
    caller has checked the participant is on the actor's caseload). Raises
    MatchingNotReadyError while the index of open jobs is being built."""
    with transaction.atomic():
        run = matches_recompute_for(participant=participant)
        audit_record(
            actor=actor,
            action="matching.refreshed",
            target=participant,
            details={"matches": MatchResult.objects.filter(participant=participant).count()},
        )
    return run


def _peak_memory_mib() -> float:
    """This process's peak resident memory so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


PROGRESS_EVERY_SECONDS = 5


def matches_recompute_all(
    *, batch_size: int = 200, participant_ids=None, stdout=None, index=None
) -> dict:
    """The nightly run: every active participant (or `participant_ids`) against every
    open job, indexed once (built now and stored for the pages, unless `index` is
    given), in batches of `batch_size` people (each batch: six reads and one write
    transaction that replaces their matches set-based, COPY on PostgreSQL). Writes a
    progress line to `stdout` with the peak memory every `PROGRESS_EVERY_SECONDS` (a
    batch takes about a second, several on a busy machine) and after the last batch.
    Returns counts, timings and the peak memory."""
    started = clock.perf_counter()
    cpu_started = clock.process_time()
    index = index if index is not None else open_jobs_index(fresh=True)
    ids = list(
        participant_ids if participant_ids is not None else selectors.active_participant_ids()
    )
    if stdout is not None:
        stdout.write(
            f"Indexed {len(index):,} open jobs in {clock.perf_counter() - started:.1f} s; "
            f"matching {len(ids):,} participants."
        )
    today = timezone.localdate()
    stored = 0
    last_line = clock.perf_counter()
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        rankings = matches_rank(participant_ids=batch, index=index, today=today)
        stored += matches_store(rankings=rankings, computed_at=timezone.now())
        done = min(start + batch_size, len(ids))
        if stdout is not None and (
            done == len(ids) or clock.perf_counter() - last_line >= PROGRESS_EVERY_SECONDS
        ):
            last_line, seconds = clock.perf_counter(), clock.perf_counter() - started
            left = seconds / done * (len(ids) - done)
            stdout.write(
                f"Matched {done:,} of {len(ids):,} ({done / len(ids):.0%}) in {seconds:.0f} s, "
                f"about {left:.0f} s left; peak memory {_peak_memory_mib():.0f} MiB"
            )
            if hasattr(stdout, "flush"):
                stdout.flush()  # a log file sees each line when it is written
    return {
        "participants": len(ids),
        "jobs": len(index),
        "matches": stored,
        "seconds": round(clock.perf_counter() - started, 1),
        "cpu_seconds": round(clock.process_time() - cpu_started, 1),
        "peak_memory_mib": round(_peak_memory_mib()),
    }


@task()
def matches_nightly() -> dict:
    """Nightly (from cron through `manage.py match_jobs`, or a scheduler enqueueing this
    task): index the open jobs once and store the index, then queue the active
    participants in chunks (`matches_nightly_chunk`), so that every task worker takes
    a share. Where tasks run immediately the chunks run here, one after the other."""
    stored = job_index.job_index_build()
    ids = list(selectors.active_participant_ids())
    size = rules.matching_nightly_chunk()
    chunks = [
        matches_nightly_chunk.enqueue(participant_ids=ids[start : start + size])
        for start in range(0, len(ids), size)
    ]
    return {
        "participants": len(ids),
        "jobs": len(stored.index),
        "chunks": len(chunks),
        # Known here only for the chunks already done (tasks run immediately).
        "matches": sum(
            chunk.return_value["matches"]
            for chunk in chunks
            if chunk.status == TaskResultStatus.SUCCESSFUL
        ),
    }


@task()
def matches_nightly_chunk(*, participant_ids: list[int]) -> dict:
    """One chunk of the nightly run, on any task worker: the index stored by
    `matches_nightly` (loaded from the cache, not rebuilt), these participants ranked
    and their matches replaced."""
    stored = job_index.stored_job_index()
    index = stored.index if stored is not None else open_jobs_index(fresh=True)
    return matches_recompute_all(participant_ids=participant_ids, index=index)


def matches_for_page(*, participant: Participant) -> tuple[MatchRun | None, list[MatchResult]]:
    """What the participant's matches page and endpoint show: the stored run and
    results, recomputed first when stale (`selectors.matches_are_stale`: the person or
    a job changed since, or the run is old) against the stored index with the changes
    applied. While no index is stored (it is being built in the background), the last
    stored results are shown."""
    run = selectors.match_run_of(participant=participant)
    signature = selectors.open_jobs_signature()
    if selectors.matches_are_stale(
        participant=participant,
        run=run,
        max_age=rules.matching_max_age(),
        jobs_changed_at=selectors.jobs_changed_at(signature),
    ):
        index = current_job_index(signature=signature)
        if index is not None:
            run = matches_recompute_for(participant=participant, index=index)
    return run, selectors.matches_of(participant=participant)
