"""Demo data of the placements app for `manage.py seed_demo`: each area in turn (fairs
and applications need the employers' and participants' demo rows, which run first)."""

from placements.demos import applications, fairs, matching, transitional


def seed(*, stdout, scale: str = "small") -> None:
    for area in (fairs, applications, transitional, matching):
        area.seed(stdout=stdout, scale=scale)
