"""Telling the layers above that jobs changed, without importing them (DESIGN.md:
`employers` never imports `placements`).

A higher layer registers a listener once (`placements` does, in its AppConfig, to keep
the stored matching index up to date); the job and employer services call
`jobs_changed(...)` after a job opens, changes or closes, or an employer's policy or
vetting status changes, and the listeners run once the change is committed. Listeners
must be quick (queue a task): they run at the end of the request that made the change.
The job search's shared results (employers/search_cache.py) are dropped first.
"""

from collections.abc import Callable, Iterable

from django.db import transaction

from employers.search_cache import job_search_outdate

JobsListener = Callable[[list[int]], None]
_listeners: list[JobsListener] = []


def on_jobs_changed(listener: JobsListener) -> None:
    """Register `listener(job_ids)` to run after jobs changed (once per listener)."""
    if listener not in _listeners:
        _listeners.append(listener)


def jobs_changed(*, job_ids: Iterable[int]) -> None:
    """Call the listeners with these job ids once the current transaction commits (at
    once outside one); nothing is told of a change that is rolled back."""
    ids = list(job_ids)

    def notify():
        # The job search's shared results first: they are this app's own, and a
        # listener's error must not leave them showing the old jobs.
        job_search_outdate()
        for listener in list(_listeners):
            listener(ids)

    transaction.on_commit(notify)
