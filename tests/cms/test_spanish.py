"""The content in Spanish: the same addresses, served in the visitor's language."""

import pytest
from django.conf import settings

from cms.models import IncentivePage, StoryPage
from placements.applications import rules

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    return client


SPANISH_PAGES = [
    ("/", "Portal de Empleo Segunda Oportunidad", "Second Chance Jobs Portal</h1>"),
    ("/hiring-incentives/", "Incentivos para contratar", "Hiring incentives</h1>"),
    (
        "/hiring-incentives/work-opportunity-tax-credit/",
        "Desde entonces está vencido",
        "It has lapsed since then",
    ),
    (
        "/hiring-incentives/federal-bonding-program/",
        "Programa Federal de Fianzas",
        "Free insurance",
    ),
    (
        "/hiring-incentives/fair-chance-hiring-guide/",
        "aviso previo a la acción adversa",
        "pre-adverse",
    ),
    ("/find-help/", "Encuentre ayuda cerca de usted", "Find help near you</h1>"),
    ("/stories/", "Historias y noticias", "Stories and news</h1>"),
    ("/about/", "Sobre el programa", "About the program"),
    ("/privacy/", "Aviso de privacidad", "Privacy notice"),
    ("/contact/", "Contáctenos", "Contact us"),
]


def test_spanish_pages_render_spanish_text_at_the_same_address(spanish_client, bilingual_site_tree):
    # One test for all pages: translating the tree is the slow part.
    for url, spanish, english in SPANISH_PAGES:
        body = spanish_client.get(url).content.decode()
        assert spanish in body, url
        assert english not in body, url
        assert '<html lang="es">' in body, url


def test_english_visitors_still_read_english(client, bilingual_site_tree):
    body = client.get("/about/").content.decode()
    assert "About the program" in body
    assert "Sobre el programa" not in body


def test_the_language_switcher_keeps_the_page(client, bilingual_site_tree):
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/privacy/"})
    assert response.status_code == 302
    assert response.url == "/privacy/"
    assert "Aviso de privacidad" in client.get(response.url).content.decode()


def test_the_spanish_estimator_computes_with_the_same_rules(spanish_client, bilingual_site_tree):
    page = IncentivePage.objects.get(slug="work-opportunity-tax-credit", locale__language_code="es")
    assert page.show_tax_credit_estimator
    response = spanish_client.get(page.url, {"hours": "250", "wages": "5000"})
    assert response.context["estimate"].credit == rules.wotc_credit(hours=250, wages="5000")


def test_the_demo_stories_read_in_spanish_at_the_same_address(spanish_client, bilingual_site_tree):
    import io

    from django.core.management import call_command

    call_command("seed_demo", "--force", stdout=io.StringIO())
    story = StoryPage.objects.get(slug="hiring-fair-inside-the-walls", locale__language_code="es")
    assert story.alias_of_id is None
    body = spanish_client.get("/stories/hiring-fair-inside-the-walls/").content.decode()
    assert "Feria de empleo dentro de la prisión" in body
    assert "Hiring fair inside the walls" not in body
    listing = spanish_client.get("/stories/").content.decode()
    assert "Historias y noticias" in listing
    assert "Una panadería que da segundas oportunidades" in listing
    spanish_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = spanish_client.get("/stories/hiring-fair-inside-the-walls/").content.decode()
    assert "Hiring fair inside the walls" in english


def test_pages_written_only_in_english_are_reachable_in_spanish_through_an_alias(
    spanish_client, bilingual_site_tree
):
    from cms.launch import ensure_spanish_translations
    from cms.models import HomePage, StoryIndexPage

    home = HomePage.objects.get(locale__language_code="en")
    index = StoryIndexPage.objects.child_of(home).first()
    index.add_child(
        instance=StoryPage(
            slug="new-crew", title="A new crew", summary="Six people.", author="Staff"
        )
    )
    ensure_spanish_translations(home)
    story = StoryPage.objects.get(slug="new-crew", locale__language_code="es")
    assert story.alias_of_id is not None
    assert "A new crew" in spanish_client.get("/stories/new-crew/").content.decode()
