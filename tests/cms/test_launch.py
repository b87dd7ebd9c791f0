import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from cms.models import (
    HomePage,
    IncentivePage,
    StandardPage,
    StoryPage,
)
from portal.core.geo import zip_location
from portal.core.models import HelpKind, PartnerOrganisation

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_cms_setup_builds_the_launch_tree_once(db):
    first = run("cms_setup")
    pages = Page.objects.count()
    second = run("cms_setup")
    assert "(10 launch pages added, 11 translated into Spanish)" in first
    assert "(0 launch pages added, 0 translated into Spanish)" in second
    assert Page.objects.count() == pages
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    assert set(
        IncentivePage.objects.filter(locale__language_code="en").values_list("slug", flat=True)
    ) == {
        "work-opportunity-tax-credit",
        "federal-bonding-program",
        "fair-chance-hiring-guide",
        "what-the-program-does-for-you",
    }
    assert set(
        StandardPage.objects.filter(locale__language_code="es").values_list("slug", flat=True)
    ) == {
        "about",
        "privacy",
        "contact",
    }


def test_cms_setup_never_overwrites_an_editors_change(db):
    run("cms_setup")
    page = IncentivePage.objects.get(slug="federal-bonding-program", locale__language_code="en")
    page.title = "Free bonds for new hires"
    page.save_revision().publish()
    run("cms_setup")
    assert page.get_latest_revision_as_object().title == ("Free bonds for new hires")


def test_seed_demo_builds_stories_and_30_resources_around_kansas_city(db):
    run("seed_demo", "--force")
    counts = (Page.objects.count(), PartnerOrganisation.objects.count(), StoryPage.objects.count())
    run("seed_demo", "--force")
    assert (
        Page.objects.count(),
        PartnerOrganisation.objects.count(),
        StoryPage.objects.count(),
    ) == counts
    assert counts[1] >= 30 and counts[2] >= 3
    assert set(PartnerOrganisation.objects.values_list("category", flat=True)) == set(
        HelpKind.values
    )
    for resource in PartnerOrganisation.objects.exclude(zip_code=""):
        resource.full_clean()
        assert zip_location(resource.zip_code).state in {"MO", "KS"}


def test_cms_setup_indexes_organisations_saved_without_signals(db):
    """The migration that moved the organisations from cms.Resource wrote rows without
    the index signals: cms_setup puts them in the search index."""
    from cms.launch import ensure_partner_organisations_indexed
    from cms.selectors import resources_matching

    PartnerOrganisation.objects.bulk_create(
        [
            PartnerOrganisation(
                name="Quiet Harbor Shelter",
                category=HelpKind.HOUSING,
                description="Beds for people coming home.",
                phone="(816) 555-0100",
            )
        ]
    )
    assert resources_matching(query="Harbor") == []
    ensure_partner_organisations_indexed()
    assert [m.resource.name for m in resources_matching(query="Harbor")] == ["Quiet Harbor Shelter"]
