"""Dashboard panels of the placements app, gathered from its areas."""

from placements.applications import panels as applications
from placements.fairs import panels as fairs
from placements.matching import panels as matching
from placements.outcomes import panels as outcomes
from placements.transitional import panels as transitional
from portal.core.panels import Panel


def panels(request) -> list[Panel]:
    return [
        *fairs.panels(request),
        *applications.panels(request),
        *matching.panels(request),
        *transitional.panels(request),
        *outcomes.panels(request),
    ]
