"""Reads of the resource directory: the partner organisations (kept in portal.core, read
through its selector) searched with Wagtail's backend. Public: everyone may see them."""

import re
from dataclasses import dataclass

from wagtail.search.backends import get_search_backend

from portal.core.geo import miles_between, zip_location
from portal.core.models import PartnerOrganisation
from portal.core.selectors import partner_organisations

# Search operators differ between backends (SQLite's FTS5 fails on a lone quote), and
# people type words: keep letters, digits and spaces only, and a sensible length.
NOT_A_WORD = re.compile(r"[^\w\s]+")
SEARCH_TEXT_MAX_LENGTH = 200


def search_words(text: str) -> str:
    """The words of what someone typed in a search box, without punctuation."""
    return " ".join(NOT_A_WORD.sub(" ", text or "").split())[:SEARCH_TEXT_MAX_LENGTH]


@dataclass(frozen=True)
class ResourceMatch:
    resource: PartnerOrganisation
    miles: float | None


def resources_matching(
    *, query: str = "", category: str = "", zip_code: str = "", miles: int | None = None
) -> list[ResourceMatch]:
    """Resources matching the words (Wagtail search: PostgreSQL full text on PostgreSQL),
    of one kind of help, and within `miles` of the ZIP code's centre, nearest first when a
    ZIP is given, otherwise by name. A resource with no ZIP (a hotline) is listed only
    when no distance is asked for. Two queries at most, whatever the number of rows."""
    resources = partner_organisations()
    if category:
        resources = resources.filter(category=category)
    query = search_words(query)
    if query:
        results = list(get_search_backend().search(query, resources, operator="and"))
    else:
        results = list(resources)
    origin = zip_location(zip_code) if zip_code else None
    if origin is None:
        return [ResourceMatch(resource=resource, miles=None) for resource in results]
    matches = []
    for resource in results:
        location = resource.location
        distance = (
            miles_between(origin.latitude, origin.longitude, location.latitude, location.longitude)
            if location
            else None
        )
        if miles is not None and (distance is None or distance > miles):
            continue
        matches.append(ResourceMatch(resource=resource, miles=distance))
    return sorted(
        matches,
        key=lambda m: (m.miles is None, m.miles or 0.0, m.resource.name),
    )


SEARCH_RESULTS_LIMIT = 20


@dataclass(frozen=True)
class SiteSearchResults:
    pages: list
    resources: list[PartnerOrganisation]


def site_search(*, query: str) -> SiteSearchResults:
    """Live public pages in the visitor's language and resources matching the words,
    best first."""
    from wagtail.models import Locale, Page

    query = search_words(query)
    if not query:
        return SiteSearchResults(pages=[], resources=[])
    backend = get_search_backend()
    pages_in_language = Page.objects.live().public().filter(locale=Locale.get_active())
    pages = backend.search(query, pages_in_language.specific())
    resources = backend.search(query, partner_organisations())
    return SiteSearchResults(
        pages=list(pages[:SEARCH_RESULTS_LIMIT]),
        resources=list(resources[:SEARCH_RESULTS_LIMIT]),
    )
