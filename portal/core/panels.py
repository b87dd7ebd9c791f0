"""The dashboard each role lands on is built from panels the apps contribute.

An app adds panels with a `dashboard.py` holding `panels(request) -> list[Panel]`; it
returns only the panels the signed-in user may see, with their data read through the
app's selectors. A panel may also bring headline figures (`Figure`): the dashboard shows
every panel's figures together as cards at the top, each opening the list it counts.
"""

from dataclasses import dataclass, field
from typing import Any

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
