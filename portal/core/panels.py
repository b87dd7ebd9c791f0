"""The dashboard each role lands on is built from panels the apps contribute.

An app adds panels with a `dashboard.py` holding `panels(request) -> list[Panel]`; it
returns only the panels the signed-in user may see, with their data read through the
app's selectors. A panel may also bring headline figures (`Figure`): the dashboard shows
every panel's figures together as cards at the top, each opening the list it counts.
"""

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
