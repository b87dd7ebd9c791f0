"""The dashboard each role lands on is built from panels the apps contribute.

An app adds panels with a `dashboard.py` holding `panels(request) -> list[Panel]`; it
returns only the panels the signed-in user may see, with their data read through the
app's selectors.
"""

from dataclasses import dataclass, field
from typing import Any

from portal.core.discovery import portal_app_modules


@dataclass(frozen=True)
class Panel:
    """One box on a dashboard: `template` renders with `panel` in its context."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


def dashboard_panels(request) -> list[Panel]:
    panels: list[Panel] = []
    for module in portal_app_modules("dashboard"):
        panels.extend(module.panels(request))
    return sorted(panels, key=lambda panel: panel.order)
