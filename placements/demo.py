"""Demo data of the placements app for `manage.py seed_demo`: each area in turn (fairs
and applications need the employers' and participants' demo rows, which run first)."""

from placements.applications import demo as applications
from placements.fairs import demo as fairs
from placements.matching import demo as matching
from placements.transitional import demo as transitional


def seed(*, stdout, scale: str = "small") -> None:
    for area in (fairs, applications, transitional, matching):
        area.seed(stdout=stdout, scale=scale)
