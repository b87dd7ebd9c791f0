"""Dashboard panels of the placements app, gathered from its areas."""

from placements.panels import applications, fairs, matching, transitional
from portal.core.panels import Panel


def panels(request) -> list[Panel]:
    return [
        *fairs.panels(request),
        *applications.panels(request),
        *matching.panels(request),
        *transitional.panels(request),
    ]
