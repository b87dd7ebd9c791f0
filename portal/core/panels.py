"""The dashboard each role lands on is built from panels the apps contribute.

An app adds panels with a `dashboard.py` holding `panels(request) -> list[Panel]`; it
returns only the panels the signed-in user may see, with their data read through the
app's selectors. A panel may also bring headline figures (`Figure`): the dashboard shows
every panel's figures together as cards at the top, each opening the list it counts.
"""

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from portal.core.discovery import portal_app_modules


@dataclass(frozen=True)
class Figure:
    """One card at the top of a dashboard: `number` and its `label` (already in the
    reader's language and plural: "3 interviews this week"), the `url` of the list it
    counts; `tone` (success, warning, danger) and a `badge` ("2 overdue") flag what needs
    attention."""

    number: int
    label: str
    url: str
    tone: str = ""
    badge: str = ""
    badge_tone: str = "danger"
    # When the number was counted, for a count kept a short time (`counted_recently`):
    # the dashboard then says "as of" that time under the cards.
    counted_at: datetime | None = None


@dataclass(frozen=True)
class Panel:
    """One box on a dashboard: `template` renders with `panel` in its context. A `top`
    panel (the participant's one next step) comes first, above the figures."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100
    figures: tuple[Figure, ...] = ()
    top: bool = False


def dashboard_panels(request) -> list[Panel]:
    panels: list[Panel] = []
    for module in portal_app_modules("dashboard"):
        panels.extend(module.panels(request))
    return sorted(panels, key=lambda panel: panel.order)


def dashboard_figures(panels: list[Panel]) -> list[Figure]:
    """The panels' figures, in the panels' order."""
    return [figure for panel in panels for figure in panel.figures]


def figures_counted_at(figures: list[Figure]) -> datetime | None:
    """The oldest moment a kept count was made (None when every figure is live)."""
    moments = [figure.counted_at for figure in figures if figure.counted_at is not None]
    return min(moments) if moments else None


_COUNTS_KEY = "dashboard-counts:{name}"


def counted_recently(*, name: str, count: Callable[[], Any]) -> tuple[Any, datetime]:
    """Whole-program counts for the admin's dashboard (every open application, every
    participant, a year's release rates), made by `count()` and kept in the cache for
    `PORTAL_DASHBOARD_COUNTS_SECONDS` under `name`, shared by every admin: counting them
    costs as much as the data is large, and a minute-old program total is good enough to
    decide what to open. Returns the counts and when they were made (the page says "as
    of"). A service that changes one of them calls `recount(name=...)` so that the next
    dashboard counts again."""
    key = _COUNTS_KEY.format(name=name)
    kept = cache.get(key)
    if kept is None:
        kept = (count(), timezone.now())
        cache.set(key, kept, settings.PORTAL_DASHBOARD_COUNTS_SECONDS)
    return kept


def recount(*, name: str) -> None:
    """Forget the kept counts `name`: the next dashboard counts them again."""
    cache.delete(_COUNTS_KEY.format(name=name))


# --- Each person's dashboard, kept a short time -------------------------------------------
#
# A dashboard reads 15 to 30 things (every panel's slice, the counts, the Reentry 2030
# rates) and costs tens of milliseconds to build, yet people reload it all day: after
# each task they come back to it. The panels' HTML is kept for `PORTAL_DASHBOARD_SECONDS`
# per signed-in session and language (never shared between sessions: signing in again,
# or out everywhere, starts afresh), and built again at once when the person changed
# something themselves (any successful POST, PUT, PATCH or DELETE of theirs moves their
# "changed" stamp, `dashboard_changed_by`), or asks for it (the page's Refresh link).
# What others change shows within the keeping time; the page says when it was built.
# No panel holds a form or a CSRF token (tests/core/test_dashboard_kept_pages.py checks), so
# kept HTML never carries a stale token.

_PAGE_KEY = "dashboard-page:{user}:{session}:{language}"
_CHANGED_KEY = "dashboard-changed:{user}"


@dataclass(frozen=True)
class KeptDashboard:
    html: str
    built_at: datetime
    stamp: str


def _page_key(request, language: str) -> str:
    session = hashlib.sha256((request.session.session_key or "").encode()).hexdigest()[:24]
    return _PAGE_KEY.format(user=request.user.pk, session=session, language=language)


def kept_dashboard(request, *, language: str, build: Callable[[], str]) -> KeptDashboard:
    """The person's dashboard panels as HTML: kept (one cache round trip) when built
    less than `PORTAL_DASHBOARD_SECONDS` ago in this session and language and nothing
    of theirs changed since; else `build()` now (also when the request says `refresh`)."""
    seconds = settings.PORTAL_DASHBOARD_SECONDS
    if seconds <= 0 or not request.session.session_key:
        return KeptDashboard(html=build(), built_at=timezone.now(), stamp="")
    page_key = _page_key(request, language)
    changed_key = _CHANGED_KEY.format(user=request.user.pk)
    found = cache.get_many([page_key, changed_key])
    stamp = found.get(changed_key, "")
    kept = found.get(page_key)
    if kept is not None and kept.stamp == stamp and "refresh" not in request.GET:
        return kept
    kept = KeptDashboard(html=build(), built_at=timezone.now(), stamp=stamp)
    cache.set(page_key, kept, seconds)
    return kept


def dashboard_changed_by(user) -> None:
    """`user` changed something: their next dashboard is built afresh, in every session."""
    if settings.PORTAL_DASHBOARD_SECONDS > 0:
        # Kept longer than any page: a page built before the change can never outlive it.
        timeout = 2 * settings.PORTAL_DASHBOARD_SECONDS
        cache.set(_CHANGED_KEY.format(user=user.pk), secrets.token_hex(8), timeout)
