"""Transitional jobs in a real browser: the supervisor records yesterday's crew day on a
phone and approves it (a shift is approved only once it has ended); the program admin adds
yesterday's daily pay period, runs, reviews and approves payroll (a run covers only days
that have ended) and exports the CSV; the participant sees the pay stub. Every page is
checked with axe."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import formats, timezone
from playwright.sync_api import Page, expect

from .axe import assert_no_axe_violations
from .test_participants import PHONE, fits_the_screen, sign_in

pytestmark = pytest.mark.usefixtures("demo_data")


def test_crew_day_to_payroll_to_pay_stub(page: Page, live_server, demo_password, browser):
    base = live_server.url
    today = timezone.localdate().isoformat()
    # The work day: yesterday, a day that has ended (the demo leaves it empty).
    work_day = (timezone.localdate() - timedelta(days=1)).isoformat()

    # The supervisor, on a phone, at the riverfront crew.
    page.set_viewport_size(PHONE)
    sign_in(page, base, "facilitator", demo_password)
    page.get_by_role("link", name="Riverfront cleanup crew").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Crew sheet")
    page.goto(f"{page.url.split('?')[0]}?day={work_day}")
    assert_no_axe_violations(page)
    fits_the_screen(page)
    pat = page.locator("fieldset", has_text="Pat Participant")
    # A clock-out before the clock-in: the message is at the top and next to Pat's row.
    pat.get_by_label("Clock out").fill("07:00")
    page.get_by_role("button", name="Save the crew day").click()
    expect(page.get_by_role("heading", name="Nothing was saved")).to_be_visible()
    pat = page.locator("fieldset", has_text="Pat Participant")
    expect(pat.locator(".errorlist").first).to_contain_text("clock-out time is before")
    assert_no_axe_violations(page)
    fits_the_screen(page)
    pat.get_by_label("Effort").select_option("5")
    pat.get_by_label("Clock out").fill("16:30")
    page.get_by_role("button", name="Save the crew day").click()
    expect(page.get_by_text("Saved 2 shifts.")).to_be_visible()
    assert_no_axe_violations(page)
    fits_the_screen(page)
    page.get_by_role("button", name="Approve the day").click()
    expect(page.get_by_text("Approved 2 shifts.")).to_be_visible()
    assert_no_axe_violations(page)

    # The program admin runs yesterday's daily payroll, paid today.
    admin = browser.new_context().new_page()
    sign_in(admin, base, "admin", demo_password)
    admin.goto(f"{base}/transitional/sites/")
    admin.locator("table a").first.click()
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Crew assignment")
    assert_no_axe_violations(admin)
    admin.goto(f"{base}/transitional/payroll/")
    assert_no_axe_violations(admin)
    admin.get_by_label("Pay schedule").select_option("daily")
    admin.get_by_label("First day").fill(work_day)
    admin.get_by_label("Last day").fill(work_day)
    admin.get_by_label("Pay date").fill(today)
    admin.get_by_role("button", name="Add the pay period").click()
    expect(admin.get_by_text("The pay period is added.")).to_be_visible()
    # The button names its period's first day in the one date format ("Dec. 2, 2026").
    shown_day = formats.date_format(timezone.localdate() - timedelta(days=1), "DATE_FORMAT")
    admin.get_by_role("button", name=f"Run payroll {shown_day}").click()
    expect(admin.get_by_text("The payroll run is ready for review.")).to_be_visible()
    assert_no_axe_violations(admin)
    # 8 h 30 min - 30 min break = 8 hours at $15.50, and 7.5 hours for the other.
    expect(admin.get_by_role("cell", name="$124.00")).to_be_visible()
    admin.get_by_role("button", name="Mark as reviewed").click()
    admin.get_by_role("button", name="Approve and lock").click()
    expect(admin.get_by_text("The run is approved and locked.")).to_be_visible()
    assert_no_axe_violations(admin)
    with admin.expect_download() as download_info:
        admin.get_by_role("button", name="Export CSV for the payroll processor").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    rows = Path(download.path()).read_text().splitlines()
    assert rows[0].startswith("run_id,pay_date,period_start,period_end,participant_id")
    assert any("Participant,Pat,8.00,0.00,15.50,124.00" in row for row in rows)
    admin.reload()
    expect(admin.get_by_text(re.compile("Exported on"))).to_be_visible()
    assert_no_axe_violations(admin)
    # The file again, by a plain link: the same rows, and the run stays exported once.
    with admin.expect_download() as again_info:
        admin.get_by_role("link", name="Download the exported CSV again").click()
    assert Path(again_info.value.path()).read_text().splitlines() == rows

    # Pat sees the new stub, on a phone too.
    person = browser.new_context(viewport=PHONE).new_page()
    sign_in(person, base, "participant", demo_password)
    expect(person.get_by_text("Latest pay stub: $124.00")).to_be_visible()
    assert_no_axe_violations(person)
    person.get_by_role("link", name=re.compile("Latest pay stub")).click()
    expect(person.get_by_role("heading", level=1)).to_have_text("Pay stub")
    expect(person.get_by_text("$124.00").first).to_be_visible()
    assert_no_axe_violations(person)
    fits_the_screen(person)
    with person.expect_download() as pdf_info:
        person.get_by_role("link", name="Download the PDF").click()
    assert pdf_info.value.suggested_filename.endswith(".pdf")
    for url in ("/transitional/my/hours/", "/transitional/my/ratings/", "/transitional/my/pay/"):
        person.goto(f"{base}{url}")
        assert_no_axe_violations(person)
        fits_the_screen(person)
