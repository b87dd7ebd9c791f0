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
import threading
import time as clock
from datetime import date, datetime
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

from jobseekers.models import Participant
from placements.matching import rules, selectors
from placements.matching.engine import JobIndex, Ranking, rank_jobs
from placements.matching.models import MatchResult, MatchRun
from portal.core.audit import audit_record
from portal.core.models import User

# The open jobs as an engine index, kept per process and rebuilt when the jobs or their
# employers' policies change (one aggregate query tells) or after a few minutes. Only a
# speed-up: any app server rebuilds it from the database.
_INDEX_LOCK = threading.Lock()
_INDEX_CACHE: dict = {}
INDEX_MAX_SECONDS = 600


def open_jobs_index(*, fresh: bool = False) -> JobIndex:
    """The engine's index of every open job, cached while nothing changed."""
    signature = selectors.open_jobs_signature()
    with _INDEX_LOCK:
        cached = _INDEX_CACHE.get("index")
        if (
            not fresh
            and cached is not None
            and _INDEX_CACHE.get("signature") == signature
            and clock.monotonic() - _INDEX_CACHE.get("built", 0) < INDEX_MAX_SECONDS
        ):
            return cached
    index = JobIndex(selectors.open_job_profiles())
    with _INDEX_LOCK:
        _INDEX_CACHE.update(index=index, signature=signature, built=clock.monotonic())
    return index


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


def matches_recompute_for(*, participant: Participant) -> MatchRun:
    """Rank the open jobs for one person now and store the result (the page's on-demand
    refresh). Returns the new run."""
    rankings = matches_rank(participant_ids=[participant.pk])
    with transaction.atomic():
        matches_store(rankings=rankings, computed_at=timezone.now())
        return MatchRun.objects.get(participant=participant)


def matches_refresh(*, participant: Participant, actor: User) -> MatchRun:
    """Staff's "Refresh matches" button: recompute now and leave an audit event (the
    caller has checked the participant is on the actor's caseload)."""
    with transaction.atomic():
        run = matches_recompute_for(participant=participant)
        audit_record(
            actor=actor,
            action="matching.refreshed",
            target=participant,
            details={"matches": MatchResult.objects.filter(participant=participant).count()},
        )
    return run


def matches_recompute_all(*, batch_size: int = 1000, participant_ids=None, stdout=None) -> dict:
    """The nightly run: every active participant (or `participant_ids`) against every
    open job, indexed once, in batches of `batch_size` people (each batch: six reads and
    one write transaction). Returns counts and timings."""
    started = clock.perf_counter()
    index = open_jobs_index(fresh=True)
    ids = list(
        participant_ids if participant_ids is not None else selectors.active_participant_ids()
    )
    today = timezone.localdate()
    stored = 0
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        rankings = matches_rank(participant_ids=batch, index=index, today=today)
        stored += matches_store(rankings=rankings, computed_at=timezone.now())
        if stdout is not None:
            stdout.write(f"Matched {min(start + batch_size, len(ids))} of {len(ids)}")
    return {
        "participants": len(ids),
        "jobs": len(index),
        "matches": stored,
        "seconds": round(clock.perf_counter() - started, 1),
    }


@task()
def matches_nightly() -> dict:
    """Nightly (from cron through `manage.py match_jobs`, or a scheduler enqueueing this
    task): recompute the matches of every active participant."""
    return matches_recompute_all()


def matches_for_page(*, participant: Participant) -> tuple[MatchRun | None, list[MatchResult]]:
    """What the participant's matches page and endpoint show: the stored run and
    results, recomputed first when stale (`selectors.matches_are_stale`)."""
    run = selectors.match_run_of(participant=participant)
    if selectors.matches_are_stale(
        participant=participant, run=run, max_age=rules.matching_max_age()
    ):
        run = matches_recompute_for(participant=participant)
    return run, selectors.matches_of(participant=participant)
