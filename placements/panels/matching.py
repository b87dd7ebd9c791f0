"""Dashboard panels of the matching area."""

from portal.core.panels import Panel


def panels(request) -> list[Panel]:
    return []
