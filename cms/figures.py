"""The home page's live figures and upcoming fairs, read from the domain apps' selectors
(cms is the top layer, so it may read every app; it never writes).

A figure whose app has no selector yet is None, and the home page leaves it out rather
than showing a made-up number. Not wired yet: people hired this year (placements).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cms.models.resources import Resource
from employers import selectors as employer_selectors

UPCOMING_FAIRS_ON_HOME = 3


@dataclass(frozen=True)
class Figure:
    label: str
    value: int


@dataclass(frozen=True)
class HomeFigures:
    open_jobs: int | None = None
    approved_employers: int | None = None
    upcoming_fairs: int | None = None
    placements_this_year: int | None = None
    help_resources: int | None = None

    def available(self) -> list[Figure]:
        """The figures that exist, in the order the home page shows them."""
        labelled = [
            (self.open_jobs, _("open jobs")),
            (self.approved_employers, _("fair-chance employers")),
            (self.upcoming_fairs, _("upcoming hiring fairs")),
            (self.placements_this_year, _("people hired this year")),
            (self.help_resources, _("places to get help")),
        ]
        return [
            Figure(label=str(label), value=value) for value, label in labelled if value is not None
        ]


def home_figures() -> HomeFigures:
    """One query per figure."""
    return HomeFigures(
        open_jobs=employer_selectors.open_jobs_count(),
        approved_employers=employer_selectors.approved_employers_count(),
        upcoming_fairs=employer_selectors.fairs_public_upcoming().count(),
        help_resources=Resource.objects.count(),
    )


def upcoming_fairs() -> list:
    """The next hiring fairs anyone may see, soonest first."""
    return employer_selectors.upcoming_fairs(UPCOMING_FAIRS_ON_HOME)
