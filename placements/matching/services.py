"""Writes of the matching area: run the engine and store what it found.

- `matches_recompute_for(participant=...)`: one person, fast enough for a request (the
  pages call it when the stored matches are older than the person's last change or
  than `rules.matching_max_age()`; staff press "Refresh matches").
- `matches_recompute_all()`: the nightly run over every active participant, in
  batches, with the open jobs indexed once (`matches_nightly` is its task).

No signal keeps results fresh (jobseekers never imports placements): the nightly run
catches new jobs, the pages catch changes of the person.

One module at ~500 lines: the request path and the nightly run share the index and the
row writers; the nightly run's worker processes (`_run_in_workers`, `_worker`,
`_Progress`) are the first to move to `services/nightly.py` when it grows.
"""

import json
import multiprocessing
import queue
import resource
import sys
import time as clock
from contextlib import nullcontext
from datetime import date, datetime
from decimal import Decimal

from django.core.cache import cache
from django.db import connection, connections, transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus

from jobseekers.models import Participant
from placements.matching import job_index, rules, selectors
from placements.matching.engine import JobIndex, LiveJobIndex, Ranking, rank_jobs, rank_jobs_batch
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
_RUN_COLUMNS = (
    "participant_id",
    "computed_at",
    "jobs_considered",
    "jobs_eligible",
    "excluded_by_rule",
    "notices",
    "readiness",
    "available_from",
)
# One encoder for every row: `json.dumps` with an option builds a new one per call.
_to_json = json.JSONEncoder(ensure_ascii=False).encode


def _insert_rows(model, columns: tuple[str, ...], rows: list[tuple]) -> int:
    """Insert rows in bulk (COPY on PostgreSQL, executemany on SQLite): the nightly run
    writes a million matches, and model instances or a round trip a row would cost more
    than the matching itself. Values are already adapted for the database."""
    if not rows:
        return 0
    operations = connection.ops
    table = operations.quote_name(model._meta.db_table)
    names = ", ".join(operations.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: the bulk path of PostgreSQL (table and columns from the model).
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            # Table and column names come from the model; every value is a parameter.
            sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608
            cursor.executemany(sql, rows)
    return len(rows)


def _result_rows(rankings: list[Ranking], moment) -> list[tuple]:
    adapt_date = connection.ops.adapt_datefield_value
    return [
        (
            ranking.participant_id,
            match.job_id,
            rank,
            max(0, min(100, match.score)),
            _to_json(match.reasons),
            _to_json(match.cautions),
            adapt_date(match.available_from),
            moment,
        )
        for ranking in rankings
        for rank, match in enumerate(ranking.matches, start=1)
    ]


def _run_rows(rankings: list[Ranking], moment) -> list[tuple]:
    adapt_date = connection.ops.adapt_datefield_value
    adapt_decimal = connection.ops.adapt_decimalfield_value
    rows = []
    for ranking in rankings:
        readiness = ranking.readiness
        rows.append(
            (
                ranking.participant_id,
                moment,
                ranking.considered,
                ranking.eligible,
                _to_json(ranking.excluded),
                _to_json(ranking.notices),
                # The engine keeps 0-1; store the 1-5 average staff know.
                None
                if readiness is None
                else adapt_decimal(Decimal(str(round(1 + 4 * readiness, 2))), 3, 2),
                adapt_date(ranking.matches[0].available_from if ranking.matches else None),
            )
        )
    return rows


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
        moment = connection.ops.adapt_datetimefield_value(computed_at)
        _insert_rows(MatchRun, _RUN_COLUMNS, _run_rows(rankings, moment))
        return _insert_rows(MatchResult, _RESULT_COLUMNS, _result_rows(rankings, moment))


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


def _peak_memory_mib(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory so far of this process (or of its largest finished child
    process, RUSAGE_CHILDREN); Linux reports KiB, macOS bytes."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


PROGRESS_EVERY_SECONDS = 5
# People per batch of the nightly run: one read of their profiles, one ranking pass,
# one write transaction. Big enough that the per-statement costs stay small, small
# enough that a batch takes a few seconds even on a busy machine.
NIGHTLY_BATCH = 500


class _Progress:
    """The nightly run's progress lines: done, share, seconds, estimate, peak memory;
    at most every PROGRESS_EVERY_SECONDS and after the last batch."""

    def __init__(self, stdout, *, total: int, started: float):
        self.stdout, self.total, self.started = stdout, total, started
        self.done, self.last_line = 0, clock.perf_counter()
        self.worker_peak_mib = 0.0

    def add(self, people: int, *, worker_peak_mib: float = 0.0) -> None:
        self.done += people
        self.worker_peak_mib = max(self.worker_peak_mib, worker_peak_mib)
        self.tick(force=self.done >= self.total)

    def peak_mib(self) -> float:
        return max(_peak_memory_mib(), self.worker_peak_mib)

    def tick(self, *, force: bool = False) -> None:
        now = clock.perf_counter()
        if self.stdout is None or not (force or now - self.last_line >= PROGRESS_EVERY_SECONDS):
            return
        self.last_line, seconds = now, now - self.started
        left = seconds / self.done * (self.total - self.done) if self.done else 0
        self.stdout.write(
            f"Matched {self.done:,} of {self.total:,} ({self.done / self.total:.0%}) in "
            f"{seconds:.0f} s, about {left:.0f} s left; peak memory {self.peak_mib():.0f} MiB"
        )
        if hasattr(self.stdout, "flush"):
            self.stdout.flush()  # a log file sees each line when it is written


def _match_batch(*, index: JobIndex, participant_ids: list[int], today: date) -> int:
    """Rank and store one batch of the nightly run (`rank_jobs_batch`: the rankings of
    `rank_jobs`, for a fraction of the work). Returns the matches stored."""
    profiles = selectors.participant_profiles(participant_ids=participant_ids, today=today)
    rankings = rank_jobs_batch(
        index,
        profiles,
        today=today,
        weights=rules.matching_weights(),
        limits=rules.matching_limits(),
        limit=rules.matching_results_per_participant(),
    )
    return matches_store(rankings=rankings, computed_at=timezone.now())


def matches_recompute_all(
    *,
    batch_size: int = NIGHTLY_BATCH,
    participant_ids=None,
    stdout=None,
    index=None,
    workers: int = 1,
    rollback: bool = False,
) -> dict:
    """The nightly run: every active participant (or `participant_ids`) against every
    open job, indexed once (built now and stored for the pages, unless `index` is
    given), in batches of `batch_size` people (each batch: six reads, one ranking of
    them all, and one write transaction that replaces their matches set-based, COPY on
    PostgreSQL). With `workers` > 1 the batches are shared by that many worker
    processes (forked, so they start with the index; PostgreSQL only), as several
    `db_worker`s share `matches_nightly`'s chunks. `rollback`: leave the stored matches
    as they were (benchmarks). Writes a progress line to `stdout` with the peak memory
    every `PROGRESS_EVERY_SECONDS` and after the last batch. Returns counts, wall and
    CPU seconds (the workers' included) and the peak memory of the largest process."""
    started = clock.perf_counter()
    cpu_started = _cpu_seconds()
    index = index if index is not None else open_jobs_index(fresh=True)
    ids = list(
        participant_ids if participant_ids is not None else selectors.active_participant_ids()
    )
    workers = max(1, min(workers, -(-len(ids) // batch_size)))
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        # Workers need a database other processes reach, and cannot join a transaction
        # open here: one process then.
        workers = 1
    if stdout is not None:
        stdout.write(
            f"Indexed {len(index):,} open jobs in {clock.perf_counter() - started:.1f} s; "
            f"matching {len(ids):,} participants"
            + (f" in {workers} worker processes." if workers > 1 else ".")
        )
    progress = _Progress(stdout, total=len(ids), started=started)
    batches = [ids[start : start + batch_size] for start in range(0, len(ids), batch_size)]
    today = timezone.localdate()
    if workers > 1:
        stored = _run_in_workers(
            index=index,
            batches=batches,
            workers=workers,
            today=today,
            rollback=rollback,
            progress=progress,
        )
    else:
        stored = 0
        with transaction.atomic() if rollback else nullcontext():
            _check_constraints_now(rollback)
            for batch in batches:
                stored += _match_batch(index=index, participant_ids=batch, today=today)
                progress.add(len(batch))
            if rollback:
                transaction.set_rollback(True)
    if not ids:
        progress.tick(force=True)
    return {
        "participants": len(ids),
        "jobs": len(index),
        "matches": stored,
        "workers": workers,
        "seconds": round(clock.perf_counter() - started, 1),
        "cpu_seconds": round(_cpu_seconds() - cpu_started, 1),
        "peak_memory_mib": round(progress.peak_mib()),
    }


def _check_constraints_now(rollback: bool) -> None:
    """In a run that will be rolled back, check the foreign keys as each row is written
    rather than at a commit that never comes, so that it costs what a real run costs."""
    if rollback and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _run_in_workers(
    *, index, batches: list[list[int]], workers: int, today: date, rollback: bool, progress
) -> int:
    """Share `batches` among `workers` forked processes (each with its own database
    connection, taking the next batch when done with one) and report their progress
    here. Raises RuntimeError when a worker fails; the batches it stored stay stored
    (each batch is its own transaction, as with db_workers)."""
    # A forked child must not share the parent's connection: close it, each side
    # opens its own.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    todo, reports = context.Queue(), context.Queue()
    for batch in batches:
        todo.put(batch)
    for _number in range(workers):
        todo.put(None)
    processes = [
        context.Process(target=_worker, args=(index, todo, reports, today, rollback), daemon=True)
        for _number in range(workers)
    ]
    for process in processes:
        process.start()
    stored, finished = 0, 0
    try:
        while finished < workers:
            try:
                kind, people, matches, peak = reports.get(timeout=1.0)
            except queue.Empty:
                if any(process.exitcode not in (None, 0) for process in processes):
                    raise RuntimeError("A matching worker process stopped unexpectedly.") from None
                progress.tick()
                continue
            if kind == "error":
                raise RuntimeError(f"A matching worker failed: {people}")
            if kind == "done":
                finished += 1
            else:
                stored += matches
                progress.add(people, worker_peak_mib=peak)
    finally:
        for process in processes:
            if finished < workers:
                process.terminate()
            process.join()
    return stored


def _worker(index, todo, reports, today: date, rollback: bool) -> None:
    """One worker process of `_run_in_workers`: batches from `todo` until None."""
    try:
        with transaction.atomic() if rollback else nullcontext():
            _check_constraints_now(rollback)
            while (batch := todo.get()) is not None:
                stored = _match_batch(index=index, participant_ids=batch, today=today)
                reports.put(("batch", len(batch), stored, _peak_memory_mib()))
            if rollback:
                transaction.set_rollback(True)
        reports.put(("done", 0, 0, _peak_memory_mib()))
    except Exception as error:  # the parent reports it and stops the run
        reports.put(("error", repr(error), 0, 0.0))
    finally:
        connections.close_all()


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
    # When the stored matches are fresh (most visits) the open jobs are not counted: the
    # last change's moment is enough to tell (`jobs_last_changed`, index steps).
    if selectors.matches_are_stale(
        participant=participant,
        run=run,
        max_age=rules.matching_max_age(),
        jobs_changed_at=selectors.jobs_last_changed(),
    ):
        index = current_job_index(signature=selectors.open_jobs_signature())
        if index is not None:
            run = matches_recompute_for(participant=participant, index=index)
    return run, selectors.matches_of(participant=participant)
