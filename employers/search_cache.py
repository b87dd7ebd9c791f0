"""The public job search's results, shared for a short time and dropped at once when
anything a search shows changes (issue 15).

Most visitors run the same few searches (the first page, a city's ZIP), and rendering a
page of 20 results with its filter form cost 20 to 50 times Django's least answer, the
queries over 20,000 jobs aside. The search's output depends only on its query string,
the reader's language and the open jobs, so it is kept in the cache with a *version
stamp* of the open jobs:

- the stamp is one cache key holding a random token; `job_search_outdate()` writes a new
  one, and every entry written under another token is a miss from then on (it expires
  by itself later);
- `employers.hooks.jobs_changed` (a job opens, changes or closes, an employer's policy or
  vetting changes) and `employer_update` (a new name) call it once their change is
  committed, before they answer, so a job closed is gone from the next search;
- an entry stores the token read *before* its queries ran, and one read fetches the
  token and the entry together: a change committed while a result was being built
  leaves that result under the old token, never served;
- each process keeps a copy of the entries it used (bounded, in memory), so that a
  search asked again costs one read of the token; the copy too is used only under the
  current token.

Anything else that changes jobs without those services (a shell, a bulk load) shows
within PORTAL_JOB_SEARCH_CACHE_SECONDS (5 minutes), when the entries expire; 0 turns
the cache off.
"""

import hashlib
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.http import QueryDict

from employers.rules import job_search_cache_seconds

VERSION_KEY = "job-search:version"
# Only searches made of the search's own parameters are shared (a query string with
# anything else, or a very long one, is answered without the cache), so that made-up
# parameters cannot fill the cache.
SEARCH_PARAMETERS = frozenset(
    {"q", "zip", "radius", "shift", "transit", "min_wage", "type", "sort", "page", "page_size"}
)
MAX_QUERY_LENGTH = 400

Result = TypeVar("Result")


def job_search_outdate() -> None:
    """Every stored search result is out of date from now on (a new version stamp).
    Call it once a change a search shows is committed."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def job_search_shareable(query: QueryDict) -> bool:
    """Whether a search with this query string may be answered from the cache."""
    return (
        job_search_cache_seconds() > 0
        and set(query) <= SEARCH_PARAMETERS
        and len(query.urlencode()) <= MAX_QUERY_LENGTH
    )


def job_search_cached(*, kind: str, key: str, build: Callable[[], Result]) -> Result:
    """The result stored for (`kind`, `key`) under the current version stamp, or
    `build()`'s, then stored. `key` must name everything the result depends on besides
    the open jobs (the query string, the language, the address). An exception from
    `build` (a bad value, a page past the end) is raised and nothing is stored.

    One round trip to the shared cache: the stamp alone when this process holds the
    entry already (entries are tens of kilobytes of HTML), the stamp and the entry
    together otherwise."""
    entry_key = f"job-search:{kind}:" + hashlib.sha256(key.encode()).hexdigest()
    held = _process_copies.get(entry_key)
    if held is not None:
        version = cache.get(VERSION_KEY)
        if held[0] == version:
            return held[1]
        stored = None
    else:
        found = cache.get_many([VERSION_KEY, entry_key])
        version, stored = found.get(VERSION_KEY), found.get(entry_key)
    if version is None:
        # No stamp yet (or evicted): start one; another process may have just done so.
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    elif stored is not None and stored[0] == version:
        _process_copies.set(entry_key, stored, job_search_cache_seconds())
        return stored[1]
    result = build()
    cache.set(entry_key, (version, result), job_search_cache_seconds())
    _process_copies.set(entry_key, (version, result), job_search_cache_seconds())
    return result


# This process's copies of the entries it read or built, checked against the shared
# stamp before use: a copy of a shared value, never needed by another server.
_process_copies = LocMemCache(
    "job-search-process-copies", {"TIMEOUT": 300, "OPTIONS": {"MAX_ENTRIES": 300}}
)
