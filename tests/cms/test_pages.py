from datetime import date
from decimal import Decimal

import pytest
from django.test import override_settings
from wagtail.rich_text import RichText

from cms.models import HomePage, StoryPage
from employers.selectors import approved_employers_count
from placements.applications import rules
from portal.core.models import HelpKind
from tests.factories.cms import ImageFactory, ResourceFactory
from tests.factories.employers import FairFactory, JobFactory

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize(
    ("url", "heading", "expected"),
    [
        ("/", "Second Chance Jobs Portal", "Learn about hiring incentives"),
        ("/hiring-incentives/", "Hiring incentives", "Federal Bonding Program"),
        (
            "/hiring-incentives/work-opportunity-tax-credit/",
            "Work Opportunity Tax Credit",
            "It has lapsed since then",
        ),
        ("/hiring-incentives/federal-bonding-program/", "Federal Bonding Program", "$5,000"),
        (
            "/hiring-incentives/fair-chance-hiring-guide/",
            "Fair-chance hiring guide",
            "pre-adverse action notice",
        ),
        (
            "/hiring-incentives/what-the-program-does-for-you/",
            "What the program does for you",
            "Retention follow-up",
        ),
        ("/find-help/", "Find help near you", "Find help"),
        ("/stories/", "Stories and news", "No stories yet."),
        ("/about/", "About the program", "$18,000"),
        ("/privacy/", "Privacy notice", "Who can see it"),
        ("/contact/", "Contact us", "job club desk"),
    ],
)
def test_every_launch_page_renders_with_one_heading(client, site_tree, url, heading, expected):
    response = client.get(url)
    assert response.status_code == 200
    body = text_of(response)
    assert body.count("<h1") == 1
    assert f">{heading}</h1>" in body
    assert expected in body


def test_the_tax_credit_page_states_its_lapse_plainly(client, tax_credit_page):
    body = text_of(client.get(tax_credit_page.url))
    assert "Pending reauthorization" in body
    assert "since Jan. 1, 2026" in body
    assert "started work by December 31, 2025" in body
    assert "https://www.irs.gov/" in body


def test_a_story_renders_with_its_image_author_and_date(client, story_index):
    story = story_index.add_child(
        instance=StoryPage(
            title="Back at work",
            slug="back-at-work",
            author="Dana Reyes",
            date=date(2026, 5, 4),
            summary="Dana found a job in two weeks.",
            image=ImageFactory(),
            image_alt_text="Dana at the warehouse door",
            body=[
                ("heading", {"text": "The first day", "level": "h2"}),
                ("paragraph", RichText("<p>She was early.</p>")),
                ("quote", {"quote": "I was ready.", "attribution": "Dana"}),
                (
                    "faq",
                    {"question": "How long did it take?", "answer": RichText("<p>2 weeks</p>")},
                ),
                (
                    "call_to_action",
                    {
                        "text": "Find help",
                        "description": "",
                        "page": None,
                        "url": "https://example.org/",
                    },
                ),
            ],
        )
    )
    body = text_of(client.get(story.url))
    assert "By Dana Reyes, May 4, 2026" in body
    assert 'alt="Dana at the warehouse door"' in body
    assert "<h2>The first day</h2>" in body
    assert "<summary>How long did it take?</summary>" in body
    assert 'href="https://example.org/">Find help</a>' in body
    index_body = text_of(client.get(story_index.url))
    assert "Back at work" in index_body
    home_body = text_of(client.get("/"))
    assert "Featured story" in home_body and "Back at work" in home_body


def test_the_image_block_renders_its_alt_text(client, site_tree):
    from cms.models import StandardPage

    page = site_tree.add_child(
        instance=StandardPage(
            title="Gallery",
            slug="gallery",
            body=[
                (
                    "image",
                    {"image": ImageFactory(), "alt_text": "A crew painting", "caption": "Spring"},
                )
            ],
        )
    )
    body = text_of(client.get(page.url))
    assert 'alt="A crew painting"' in body
    assert "<figcaption>Spring</figcaption>" in body


# --- The tax-credit estimator -------------------------------------------------------------


@pytest.mark.parametrize("hours", [119, 120, 399, 400])
def test_the_estimator_agrees_with_the_rules_code(client, tax_credit_page, hours):
    response = client.get(
        tax_credit_page.url, {"hours": hours, "wages": "7000", "start_date": "2025-06-02"}
    )
    expected = rules.wotc_credit(hours=hours, wages=Decimal("7000"))
    body = text_of(response)
    assert f"Estimated credit: ${expected:,.2f}" in body
    assert "Status: active for this start date." in body


def test_the_estimator_gives_no_credit_under_120_hours(client, tax_credit_page):
    body = text_of(client.get(tax_credit_page.url, {"hours": "119", "wages": "7000"}))
    assert "Estimated credit: $0.00" in body
    assert "must work at least 120 hours" in body


def test_the_estimator_shows_the_status_caveat_for_hires_after_the_end_date(
    client, tax_credit_page
):
    body = text_of(
        client.get(
            tax_credit_page.url, {"hours": "400", "wages": "9000", "start_date": "2026-02-02"}
        )
    )
    assert "Estimated credit: $2,400.00" in body
    assert "Status: pending reauthorization." in body
    assert "File IRS Form 8850 with the state by March 2, 2026" in body


def test_the_estimator_follows_the_end_date_setting(client, tax_credit_page):
    with override_settings(PORTAL_WOTC_END_DATE="2027-12-31"):
        body = text_of(
            client.get(
                tax_credit_page.url, {"hours": "400", "wages": "9000", "start_date": "2026-02-02"}
            )
        )
    assert "Status: active for this start date." in body


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"hours": "-5", "wages": "1000"}, "greater than or equal to 0"),
        ({"hours": "9000", "wages": "1000"}, "less than or equal to 8784"),
        ({"hours": "lots", "wages": "1000"}, "Enter a number."),
        ({"hours": "400", "wages": ""}, "This field is required."),
        ({"hours": "400", "wages": "1000", "start_date": "tomorrow"}, "Enter a valid date."),
    ],
)
def test_the_estimator_refuses_bad_input_with_a_clear_message(
    client, tax_credit_page, params, message
):
    body = text_of(client.get(tax_credit_page.url, params))
    assert "Please fix the problems below" in body
    assert message in body
    assert "Estimated credit" not in body


def test_the_estimator_is_a_plain_form_on_the_page(client, tax_credit_page):
    body = text_of(client.get(tax_credit_page.url))
    assert 'action="#estimator-heading"' in body
    assert 'name="hours"' in body and 'name="wages"' in body
    assert "Estimated credit" not in body


def test_other_incentives_have_no_estimator(client, site_tree):
    body = text_of(client.get("/hiring-incentives/federal-bonding-program/"))
    assert 'name="hours"' not in body


# --- The resource directory -----------------------------------------------------------------


@pytest.fixture
def kansas_city_resources(db):
    return {
        "downtown": ResourceFactory(
            name="Downtown Shelter", zip_code="64106", category=HelpKind.HOUSING
        ),
        "independence": ResourceFactory(
            name="Independence Housing", zip_code="64050", category=HelpKind.HOUSING
        ),
        "pantry": ResourceFactory(
            name="Westside Pantry",
            zip_code="64108",
            category=HelpKind.FOOD,
            description="Groceries every Tuesday.",
        ),
        "st_louis": ResourceFactory(
            name="St. Louis Beds", zip_code="63101", category=HelpKind.HOUSING
        ),
        "hotline": ResourceFactory(
            name="Help Line", address="", zip_code="", category=HelpKind.HOUSING
        ),
    }


def names_in(response) -> list[str]:
    return [match.resource.name for match in response.context["matches"]]


def test_the_directory_lists_everything_by_name(client, directory_page, kansas_city_resources):
    response = client.get(directory_page.url)
    assert names_in(response) == sorted(r.name for r in kansas_city_resources.values())


def test_filter_by_category(client, directory_page, kansas_city_resources):
    response = client.get(directory_page.url, {"category": "food"})
    assert names_in(response) == ["Westside Pantry"]
    assert "1 place found" in text_of(response)


def test_near_a_zip_lists_nearest_first_within_the_distance(
    client, directory_page, kansas_city_resources
):
    response = client.get(
        directory_page.url, {"category": "housing", "zip_code": "64106", "miles": "25"}
    )
    assert names_in(response) == ["Downtown Shelter", "Independence Housing"]
    assert "0.0 miles away" in text_of(response)


def test_near_a_zip_without_a_distance_sorts_and_keeps_hotlines_last(
    client, directory_page, kansas_city_resources
):
    response = client.get(directory_page.url, {"category": "housing", "zip_code": "64106"})
    assert names_in(response) == [
        "Downtown Shelter",
        "Independence Housing",
        "St. Louis Beds",
        "Help Line",
    ]


def test_search_words(client, directory_page, kansas_city_resources):
    response = client.get(directory_page.url, {"q": "groceries"})
    assert names_in(response) == ["Westside Pantry"]


@pytest.mark.parametrize("odd", ['"', "&|!", "(((", "' OR 1=1 --", ":*", "\\"])
def test_odd_search_text_is_safe(client, directory_page, kansas_city_resources, odd):
    response = client.get(directory_page.url, {"q": odd})
    assert response.status_code == 200
    response = client.get("/search/", {"q": odd})
    assert response.status_code == 200


def test_a_bad_zip_is_explained_and_nothing_is_listed(
    client, directory_page, kansas_city_resources
):
    response = client.get(directory_page.url, {"zip_code": "00000"})
    body = text_of(response)
    assert "This is not a known US ZIP code." in body
    assert names_in(response) == []


@pytest.mark.parametrize("rows", [1, 30])
def test_directory_query_budget(client, directory_page, django_assert_max_num_queries, rows):
    ResourceFactory.create_batch(rows)
    with django_assert_max_num_queries(12):
        response = client.get(directory_page.url, {"zip_code": "64106", "q": "meals"})
    assert len(response.context["matches"]) == rows


def test_the_printable_list_keeps_the_filters(client, directory_page, kansas_city_resources):
    response = client.get(
        directory_page.url + "print/", {"category": "housing", "zip_code": "64106", "miles": "5"}
    )
    body = text_of(response)
    assert response.status_code == 200
    assert '<th scope="col">Phone</th>' in body
    assert "Downtown Shelter" in body
    assert "Independence Housing" not in body
    assert "Call before you go" in body
    link = text_of(client.get(directory_page.url, {"category": "housing"}))
    assert 'href="/find-help/print/?category=housing"' in link


@pytest.mark.parametrize("rows", [1, 30])
def test_printable_list_query_budget(client, directory_page, django_assert_max_num_queries, rows):
    ResourceFactory.create_batch(rows)
    with django_assert_max_num_queries(10):
        response = client.get(directory_page.url + "print/")
    assert len(response.context["matches"]) == rows


# --- Site search, home page, unknown pages ----------------------------------------------------


def test_site_search_finds_pages_and_resources(client, site_tree, kansas_city_resources):
    response = client.get("/search/", {"q": "bonding"})
    assert [page.title for page in response.context["results"].pages] == ["Federal Bonding Program"]
    response = client.get("/search/", {"q": "groceries"})
    assert [r.name for r in response.context["results"].resources] == ["Westside Pantry"]
    assert "No pages match." in text_of(response)


def test_an_empty_search_asks_for_words(client, site_tree):
    body = text_of(client.get("/search/", {"q": ""}))
    assert "Type a few words to search for." in body


def test_an_unknown_page_is_a_friendly_404(client, site_tree):
    response = client.get("/hiring-incentives/no-such-thing/")
    assert response.status_code == 404
    assert "<h1" in text_of(response)


def test_home_figures_come_from_the_selectors_and_show_only_what_exists(client, site_tree):
    ResourceFactory.create_batch(3)
    JobFactory.create_batch(2)
    fair = FairFactory(title="Downtown hiring fair")
    body = text_of(client.get("/"))
    assert "3</span> places to get help" in body
    assert "2</span> open jobs" in body
    assert f"{approved_employers_count()}</span> fair-chance employers" in body
    assert "1</span> upcoming hiring fairs" in body
    assert f'href="/fairs/{fair.pk}/">Downtown hiring fair</a>' in body
    # No placement yet this year: the figure says so rather than disappearing.
    assert "0</span> people hired this year" in body


def test_the_home_page_without_fairs_leaves_the_section_out(client, site_tree):
    body = text_of(client.get("/"))
    assert "0</span> open jobs" in body
    assert "Upcoming hiring fairs" not in body


@pytest.mark.parametrize("rows", [1, 30])
def test_home_page_query_budget(client, site_tree, django_assert_max_num_queries, rows):
    ResourceFactory.create_batch(rows)
    JobFactory.create_batch(rows)
    FairFactory.create_batch(rows)
    with django_assert_max_num_queries(16):
        response = client.get("/")
    assert response.status_code == 200
    assert len(response.context["upcoming_fairs"]) == min(rows, 3)
    assert isinstance(response.context["page"], HomePage)


def test_home_page_uses_the_editors_audience_texts(client, site_tree):
    site_tree.employers_text = "Hire from a pool of prepared people."
    site_tree.save_revision().publish()
    assert "Hire from a pool of prepared people." in text_of(client.get("/"))


def test_search_keeps_the_words_and_drops_operators():
    from cms.selectors import search_words

    assert search_words('"food" & |bank!  (near) ') == "food bank near"
    assert search_words("comida en español") == "comida en español"
    assert len(search_words("a" * 500)) == 200


def test_the_help_list_address_leads_to_the_printable_list_with_its_filters(client, directory_page):
    response = client.get(
        "/help-list/", {"zip_code": "64106", "miles": "10", "category": "", "other": "x"}
    )
    assert response.status_code == 302
    assert response.url == f"{directory_page.url}print/?zip_code=64106&miles=10"
    assert client.get(response.url).status_code == 200


def test_staff_can_print_help_near_a_participants_zip_from_their_page(
    client, site_tree, staff_user
):
    from tests.factories.jobseekers import ParticipantFactory

    person = ParticipantFactory(facilitator=staff_user, zip_code="64127")
    client.force_login(staff_user)
    page = client.get(f"/participants/{person.pk}/")
    assert page.status_code == 200
    assert "/help-list/?zip_code=64127&amp;miles=10" in page.text
    assert "Print a list of help near this ZIP code" in page.text
