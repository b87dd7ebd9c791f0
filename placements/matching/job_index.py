"""The open jobs as an engine index, stored where every app server finds it, kept up to
date without ever rebuilding it inside a page request.

- `job_index_build()` reads every open job and stores the index in the cache (Redis in
  production, DESIGN.md: nothing a second server needs lives only in process memory).
  The nightly run and the `job_index_refresh` task (enqueued when an employer's job
  opens, changes or closes, see `placements.apps`) call it, never a page.
- `live_job_index()` is what a page uses: the stored index with the changes since it
  was built applied (`engine.LiveJobIndex`: the jobs closed or changed since are
  withdrawn, the new or changed ones indexed on their own, a few at a time). It returns
  None when nothing is stored or too much has changed; the page then shows the stored
  matches and the task catches up.

A process keeps the last index it loaded (and its live version) in memory as a speed-up
only: a small cache key says whether it is still the stored one.
"""

import pickle
import threading
import uuid
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.utils import timezone

from placements.matching import rules, selectors
from placements.matching.engine import JobIndex, LiveJobIndex

INDEX_KEY = "placements:matching:job-index"
TOKEN_KEY = "placements:matching:job-index-token"  # noqa: S105 (a cache key)
# Changes saved just before a build started may commit after it read the jobs: they
# are applied again as changes, which costs nothing when they were already in.
CLOCK_MARGIN = timedelta(seconds=60)

_LOCK = threading.Lock()
# This process's copy of the stored index and its live version (a speed-up only).
PROCESS_MEMO: dict = {}


@dataclass
class StoredIndex:
    index: JobIndex
    # Changes after this moment are not in the index.
    as_of: datetime
    signature: tuple
    token: str


def job_index_build() -> StoredIndex:
    """Index every open job now and store it for every process (a background task or
    the nightly run: 10 s at statewide size)."""
    as_of = timezone.now() - CLOCK_MARGIN
    signature = selectors.open_jobs_signature()
    index = JobIndex(selectors.open_job_profiles())
    stored = StoredIndex(index=index, as_of=as_of, signature=signature, token=uuid.uuid4().hex)
    # Compressed pickle: about a tenth of the size, and a cold process loads it in
    # a fraction of a second.
    payload = zlib.compress(pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL), 1)
    cache.set_many({INDEX_KEY: payload, TOKEN_KEY: stored.token}, timeout=None)
    with _LOCK:
        PROCESS_MEMO.clear()
        PROCESS_MEMO["stored"] = stored
    return stored


def stored_job_index() -> StoredIndex | None:
    """The stored index (from this process's memory while it is the stored one)."""
    token = cache.get(TOKEN_KEY)
    if token is None:
        return None
    with _LOCK:
        memo = PROCESS_MEMO.get("stored")
    if memo is not None and memo.token == token:
        return memo
    payload = cache.get(INDEX_KEY)
    if payload is None:
        return None
    stored = pickle.loads(zlib.decompress(payload))  # noqa: S301 (our own cache entry)
    with _LOCK:
        PROCESS_MEMO.clear()
        PROCESS_MEMO["stored"] = stored
    return stored


def job_index_forget() -> None:
    """Drop the stored index (tests, or after a change of the engine's layout)."""
    cache.delete_many([INDEX_KEY, TOKEN_KEY])
    with _LOCK:
        PROCESS_MEMO.clear()


def live_job_index(*, signature: tuple | None = None) -> LiveJobIndex | None:
    """The stored index with the changes since it was built applied (a few queries and
    an index of the changed jobs only), or None when nothing is stored or more than
    `rules.matching_max_live_changes()` jobs changed."""
    stored = stored_job_index()
    if stored is None:
        return None
    signature = signature or selectors.open_jobs_signature()
    key = (stored.token, signature)
    with _LOCK:
        if PROCESS_MEMO.get("live_key") == key:
            return PROCESS_MEMO["live"]
    if signature == stored.signature:
        live = LiveJobIndex(stored.index)
    else:
        open_ids = set(selectors.open_job_ids())
        changed = set(selectors.open_jobs_changed_since(stored.as_of))
        indexed = set(stored.index.ids.tolist())
        added = (open_ids - indexed) | changed
        if len(added) > rules.matching_max_live_changes():
            return None
        withdrawn = (indexed - open_ids) | (indexed & changed)
        live = LiveJobIndex(
            stored.index,
            withdrawn_ids=withdrawn,
            added=selectors.open_job_profiles(job_ids=added) if added else (),
        )
    with _LOCK:
        if PROCESS_MEMO.get("stored") is stored:
            PROCESS_MEMO.update(live_key=key, live=live)
    return live
