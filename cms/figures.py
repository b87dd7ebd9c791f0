"""The home page's live figures and upcoming fairs, read from the domain apps' selectors
(cms is the top layer, so it may read every app; it never writes).

A figure whose app has no selector yet is None, and the home page leaves it out rather
than showing a made-up number.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from employers import selectors as employer_selectors
from employers.rules import job_search_cache_seconds
from employers.search_cache import job_search_cached
from placements.applications import selectors as placement_selectors
from portal.core.selectors import partner_organisations

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


def counts_in_one_query(querysets: list[QuerySet]) -> list[int]:
    """The row count of each queryset, read in one SQL statement (one scalar subquery per
    queryset), so the home page's figures cost one query however many there are."""
    parts, params = [], []
    for index, queryset in enumerate(querysets):
        sql, query_params = queryset.order_by().query.sql_with_params()
        # The SQL comes from the ORM's compiler; every value stays a separate parameter.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) counted_{index})")  # noqa: S608
        params.extend(query_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return [int(value) for value in cursor.fetchone()]


def home_figures() -> HomeFigures:
    """Every figure, shared by every visitor from the cache the job search keeps
    (`employers.search_cache`): counting 20,000 open jobs and 1,000 employers cost most
    of the home page at statewide size. A job or employer change shows at once (the
    search's version stamp); a new placement, fair or partner within
    PORTAL_JOB_SEARCH_CACHE_SECONDS (5 minutes)."""
    if job_search_cache_seconds() <= 0:
        return _counted_home_figures()
    return job_search_cached(kind="home-figures", key="", build=_counted_home_figures)


def _counted_home_figures() -> HomeFigures:
    """Every figure from its app's selector, counted in one query."""
    open_jobs, employers, fairs, hired, resources = counts_in_one_query(
        [
            employer_selectors.open_jobs_public().values("pk"),
            employer_selectors.employers_public().values("pk"),
            employer_selectors.fairs_public_upcoming().values("pk"),
            placement_selectors.placements_this_year(),
            partner_organisations().values("pk"),
        ]
    )
    return HomeFigures(
        open_jobs=open_jobs,
        approved_employers=employers,
        upcoming_fairs=fairs,
        placements_this_year=hired,
        help_resources=resources,
    )


def upcoming_fairs() -> list:
    """The next hiring fairs anyone may see, soonest first."""
    return employer_selectors.upcoming_fairs(UPCOMING_FAIRS_ON_HOME)
