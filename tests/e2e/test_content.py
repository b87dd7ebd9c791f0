"""The public website in a real browser: the home page, an employer using the tax-credit
estimator, a family member finding housing help near a ZIP and printing the list, a
story, the plain pages and site search, each checked with axe (WCAG 2.1 A and AA)."""

import pytest
from playwright.sync_api import Page, expect

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.usefixtures("demo_data")


def test_home_page_has_audiences_figures_and_a_story(page: Page, live_server):
    page.goto(f"{live_server.url}/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Second Chance Jobs Portal")
    expect(page.get_by_role("heading", name="For employers")).to_be_visible()
    expect(page.get_by_role("heading", name="The program today")).to_be_visible()
    expect(page.get_by_text("places to get help")).to_be_visible()
    expect(page.get_by_role("heading", name="Featured story")).to_be_visible()
    assert_no_axe_violations(page)


def test_an_employer_reads_the_tax_credit_page_and_estimates_the_credit(page: Page, live_server):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Learn about hiring incentives").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hiring incentives")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Work Opportunity Tax Credit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Work Opportunity Tax Credit")
    expect(page.get_by_text("It has lapsed since then")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Hours the person will work in the first year").fill("400")
    page.get_by_label("Wages in the first year, in dollars").fill("31200")
    page.get_by_label("First day of work").fill("2026-03-02")
    page.get_by_role("button", name="Estimate the credit").click()

    result = page.get_by_role("status")
    expect(result).to_contain_text("Estimated credit: $2,400.00")
    expect(result).to_contain_text("Status: pending reauthorization.")
    assert_no_axe_violations(page)

    # A mistake is explained next to the field.
    page.get_by_label("Hours the person will work in the first year").fill("-3")
    page.get_by_role("button", name="Estimate the credit").click()
    expect(page.get_by_role("alert")).to_contain_text("Please fix the problems below")
    assert_no_axe_violations(page)


def test_the_estimator_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/hiring-incentives/work-opportunity-tax-credit/")
    page.get_by_label("Hours the person will work in the first year").fill("200")
    page.get_by_label("Wages in the first year, in dollars").fill("4000")
    page.get_by_role("button", name="Estimate the credit").click()
    expect(page.get_by_text("Estimated credit: $1,000.00")).to_be_visible()
    context.close()


def test_a_family_member_finds_housing_near_a_zip_and_prints_the_list(page: Page, live_server):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Find help near you").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find help near you")
    assert_no_axe_violations(page)

    page.get_by_label("Kind of help").select_option(label="Housing")
    page.get_by_label("Near ZIP code").fill("64111")
    page.get_by_label("Distance").select_option(label="Within 10 miles")
    page.get_by_role("button", name="Find help").click()

    expect(page.get_by_role("heading", name="Midtown Reentry Housing")).to_be_visible()
    expect(page.get_by_text("miles away").first).to_be_visible()
    expect(page.get_by_role("heading", name="Westside Food Pantry")).to_have_count(0)
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Printable list (one page)").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text("Midtown Reentry Housing")
    expect(table).not_to_contain_text("Westside Food Pantry")
    assert_no_axe_violations(page)
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()


def test_a_bad_zip_is_explained(page: Page, live_server):
    page.goto(f"{live_server.url}/find-help/")
    page.get_by_label("Near ZIP code").fill("00000")
    page.get_by_role("button", name="Find help").click()
    # The summary names the field; the message itself is shown once, next to it.
    expect(page.get_by_role("alert")).to_contain_text("Near ZIP code")
    expect(page.locator(".field--error")).to_contain_text("This is not a known US ZIP code.")
    assert_no_axe_violations(page)


def test_a_story(page: Page, live_server):
    page.goto(f"{live_server.url}/stories/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stories and news")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Hiring fair inside the walls").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hiring fair inside the walls")
    expect(page.get_by_text("By Program staff")).to_be_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/about/", "About the program"),
        ("/privacy/", "Privacy notice"),
        ("/contact/", "Contact us"),
        ("/hiring-incentives/fair-chance-hiring-guide/", "Fair-chance hiring guide"),
        ("/search/?q=housing", "Search the website"),
    ],
)
def test_plain_pages_and_search(page: Page, live_server, path, heading):
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_no_axe_violations(page)


def test_the_language_switcher_keeps_the_page_in_spanish(page: Page, live_server):
    page.goto(f"{live_server.url}/hiring-incentives/work-opportunity-tax-credit/")
    page.get_by_role("button", name="Español").click()

    expect(page).to_have_url(f"{live_server.url}/hiring-incentives/work-opportunity-tax-credit/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Crédito fiscal por oportunidad de trabajo (WOTC)"
    )
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert_no_axe_violations(page)
