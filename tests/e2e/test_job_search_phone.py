"""Job search on a small phone (320 by 640): one search field and a "Filters" disclosure,
so the first job is on the first screen; the filters work with JavaScript off and keep
their GET names; each page checked with axe."""

import re

import pytest
from playwright.sync_api import Page, expect

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.usefixtures("demo_data")

PHONE = {"width": 320, "height": 640}


def test_the_first_job_is_on_the_first_screen_of_a_small_phone(page: Page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/jobs/")

    first = page.locator(".job-card").first
    expect(first).to_be_visible()
    box = first.bounding_box()
    assert box["y"] + 60 <= PHONE["height"], f"the first job starts {box['y']}px down"
    # The filters wait behind a closed disclosure; the keywords field is out front.
    expect(page.get_by_label("Keywords")).to_be_visible()
    expect(page.get_by_label("Near ZIP code")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_axe_violations(page)


def test_the_filters_work_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/jobs/")

    page.get_by_text("Filters", exact=True).click()
    page.get_by_label("Shift").select_option("night")
    page.get_by_role("button", name="Show jobs").click()

    expect(page).to_have_url(re.compile(r"[?&]shift=night(&|$)"))
    # Closed again, the disclosure says a filter is on, and the results still come first.
    expect(page.locator(".search-filters > summary")).to_contain_text("1 on")
    expect(page.get_by_label("Shift")).to_be_hidden()
    cards = page.locator(".job-card")
    for index in range(cards.count()):
        expect(cards.nth(index)).to_contain_text("Night shift")
    # axe runs inside the page, so not here, with JavaScript off: the other tests check it.
    context.close()


def test_a_bad_filter_opens_the_filters_with_the_message_next_to_it(page: Page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/jobs/?radius=0&zip=64108")

    expect(page.get_by_role("alert")).to_contain_text("Within (miles)")
    radius = page.get_by_label("Within (miles)")
    expect(radius).to_be_visible()
    expect(page.locator(".field--error")).to_contain_text("greater than or equal to 1")
    assert_no_axe_violations(page)
