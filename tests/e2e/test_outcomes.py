"""The outcomes report in a real browser: the admin reads the Reentry 2030 figures on a
phone (320 px), cuts the program by gender with the plain filter form (no JavaScript),
opens the people behind two figures and the funder summary. Every page is checked with axe."""

import re

import pytest
from playwright.sync_api import Page, expect

from .axe import assert_no_axe_violations
from .test_participants import fits_the_screen, sign_in

pytestmark = pytest.mark.usefixtures("demo_data")

NARROW_PHONE = {"width": 320, "height": 700}


def test_admin_reads_cuts_and_opens_the_people_behind_a_figure(
    page: Page, live_server, demo_password
):
    base = live_server.url
    page.set_viewport_size(NARROW_PHONE)
    sign_in(page, base, "admin", demo_password)
    # On a phone the menu is folded (a <details>): open it, then the report.
    page.locator(".site-menu summary").click()
    page.locator(".site-menu").get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcomes")
    expect(page.get_by_role("heading", name="Missouri Reentry 2030 targets")).to_be_visible()
    expect(page.get_by_text("Compared with the previous period")).to_be_visible()
    assert_no_axe_violations(page)
    fits_the_screen(page)

    # A year of history, women only: the form is a plain GET form.
    page.get_by_label("Year to date").check()
    page.get_by_label("Gender").select_option("woman")
    page.get_by_role("button", name="Show the results").click()
    expect(page).to_have_url(re.compile(r"gender=woman"))
    expect(page.get_by_role("heading", level=2, name="Job club and résumés")).to_be_visible()
    assert_no_axe_violations(page)
    fits_the_screen(page)

    # A bad ZIP area: a message by the field, no report.
    page.get_by_label("Home ZIP code area").fill("64")
    page.get_by_role("button", name="Show the results").click()
    expect(
        page.locator(".errorlist", has_text="Enter the first three digits of a ZIP code")
    ).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Home ZIP code area").fill("")
    page.get_by_role("button", name="Show the results").click()

    page.get_by_role("link", name="The people behind “Employed within 30 days of release”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Employed within 30 days of release")
    expect(page.get_by_text("recorded in each person's access log")).to_be_visible()
    assert_no_axe_violations(page)
    fits_the_screen(page)

    # Every figure that counts people links its list: here the people placed.
    page.get_by_role("link", name="Back to the outcomes").click()
    page.get_by_role(
        "link", name="The people behind “People with a job that started in the period”"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "People with a job that started in the period"
    )
    expect(page.get_by_role("columnheader", name="Placed in an unsubsidized job")).to_be_visible()
    assert_no_axe_violations(page)
    fits_the_screen(page)

    page.get_by_role("link", name="Back to the outcomes").click()
    page.get_by_role("link", name="Funder summary", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Funder summary")
    assert_no_axe_violations(page)
    fits_the_screen(page)
