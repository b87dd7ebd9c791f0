"""Dashboard panels of the applications area."""

from portal.core.panels import Panel


def panels(request) -> list[Panel]:
    return []
