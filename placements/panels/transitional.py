"""Dashboard panels of the transitional area."""

from portal.core.panels import Panel


def panels(request) -> list[Panel]:
    return []
