"""Dashboard panels of the fairs area."""

from portal.core.panels import Panel


def panels(request) -> list[Panel]:
    return []
