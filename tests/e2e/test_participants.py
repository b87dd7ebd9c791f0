"""Participants in a real browser: staff intake on a phone, a résumé built and its PDF
downloaded; the participant claims an invitation, resolves a staff comment and gets the
PDF. Every page visited is checked with axe."""

import re

import pytest
from playwright.sync_api import Page, expect

from .axe import assert_no_axe_violations
from .conftest import sign_in as sign_in_with_second_factor

pytestmark = pytest.mark.usefixtures("demo_data")

PHONE = {"width": 375, "height": 740}


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    sign_in_with_second_factor(page, base, username, password)
    expect(page).to_have_url(f"{base}/dashboard/")


def fits_the_screen(page: Page) -> None:
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, f"page is {scroll_width}px wide on a phone"


def intake_on_a_phone(page: Page, base: str) -> None:
    page.set_viewport_size(PHONE)
    page.get_by_role("link", name="New participant").first.click()
    expect(page.get_by_text("Step 1 of 4")).to_be_visible()
    assert_no_axe_violations(page)
    fits_the_screen(page)
    page.get_by_label("First name").fill("Tanya")
    page.get_by_label("Last name").fill("Brooks")
    page.get_by_label("Date of birth").fill("1990-05-17")
    page.get_by_label("Phone").fill("816-555-0161")
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_text("Step 2 of 4")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("ZIP code").fill("64106")
    page.get_by_label("Bus").check()
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_text("Step 3 of 4")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Jobs wanted").fill("cook, dishwasher")
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_text("Step 4 of 4")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save the participant").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tanya Brooks")
    assert_no_axe_violations(page)
    fits_the_screen(page)


def test_staff_intake_resume_and_pdf_then_the_participant_claims(
    page: Page, live_server, demo_password, browser
):
    base = live_server.url
    sign_in(page, base, "facilitator", demo_password)
    intake_on_a_phone(page, base)
    participant_url = page.url

    # A résumé, built with the participant.
    page.get_by_role("link", name="Start a résumé").click()
    assert_no_axe_violations(page)
    page.get_by_label("Name of this résumé").fill("Kitchen")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Résumé: Kitchen")
    # One section per page, each saved on its own, then on to the next.
    expect(page.get_by_text("Section 1 of 7")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Contact is saved, as version 2.")).to_be_visible()
    page.get_by_role("textbox", name="Summary").fill("Fast, careful prep cook.")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Summary is saved, as version 3.")).to_be_visible()
    expect(page.get_by_text("Section 3 of 7")).to_be_visible()
    page.locator("#id_experience-0-title").fill("Kitchen worker")
    page.locator("#id_experience-0-employer").fill("State of Missouri")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Experience is saved, as version 4.")).to_be_visible()
    expect(page.get_by_text("3 of 7 done")).to_be_visible()
    assert_no_axe_violations(page)
    page.locator("#id_section").select_option("experience")
    page.get_by_role("textbox", name="Comment").fill("Say how many meals a day you made.")
    page.get_by_role("button", name="Add the comment").click()
    expect(page.get_by_text("Say how many meals a day you made.")).to_be_visible()
    resume_url = page.url

    page.get_by_role("link", name="See how it looks").click()
    expect(page.get_by_text("Fast, careful prep cook.")).to_be_visible()
    assert_no_axe_violations(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").click()
    assert download_info.value.suggested_filename.endswith(".pdf")

    # An invitation code for the person, shown once.
    page.goto(participant_url)
    page.get_by_role("button", name="Make an invitation code").click()
    code = page.locator(".invitation-code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{5}-[A-Z0-9]{5}", code)
    assert_no_axe_violations(page)

    # The participant, on their own phone.
    person = browser.new_context(viewport=PHONE).new_page()
    person.goto(f"{base}/claim/")
    assert_no_axe_violations(person)
    person.get_by_label("Invitation code").fill(code)
    person.get_by_label("Choose a username").fill("tanya.b")
    person.get_by_label("Choose a password").fill("my kitchen password 2026")
    person.get_by_label("Type the password again").fill("my kitchen password 2026")
    person.get_by_role("button", name="Make my account").click()
    expect(person.get_by_text("Your account is ready.")).to_be_visible()
    sign_in(person, base, "tanya.b", "my kitchen password 2026")
    assert_no_axe_violations(person)

    person.get_by_role("link", name="Kitchen").first.click()
    # The résumé opens on its first section; the list of sections says where the
    # comment is.
    expect(person.get_by_text("Section 1 of 7")).to_be_visible()
    person.get_by_role("link", name=re.compile(r"^Experience.*1 open comment")).click()
    expect(person).to_have_url(resume_url)
    expect(person.get_by_text("Say how many meals a day you made.")).to_be_visible()
    assert_no_axe_violations(person)
    person.get_by_role("button", name="Mark as done").click()
    expect(person.get_by_text("The comment is marked done.")).to_be_visible()
    expect(person.get_by_role("button", name="Mark as done")).to_have_count(0)
    with person.expect_download() as download_info:
        person.get_by_role("link", name="Download the PDF").click()
    assert download_info.value.suggested_filename.endswith(".pdf")

    for link in ("My profile", "My job club dates", "Change my consents"):
        person.goto(f"{base}/dashboard/")
        person.get_by_role("link", name=link).click()
        expect(person.get_by_role("heading", level=1)).to_be_visible()
        assert_no_axe_violations(person)


def test_staff_caseload_and_job_club_pages(page: Page, live_server, demo_password):
    base = live_server.url
    sign_in(page, base, "facilitator", demo_password)
    page.goto(f"{base}/participants/")
    expect(page.get_by_role("link", name="Rosa Hernández")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Pat Participant").click()
    # The curfew, in the one time format ("10 p.m." in English).
    expect(page.get_by_text("10 p.m.").first).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(f"{base}/job-club/")
    assert_no_axe_violations(page)
    page.locator("table a").first.click()
    page.set_viewport_size(PHONE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Attendance")
    assert_no_axe_violations(page)
    page.get_by_role("group", name="Pat Participant").get_by_label("Present").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance is saved.")).to_be_visible()


def test_participant_sees_who_read_their_information(page: Page, live_server, demo_password):
    base = live_server.url
    sign_in(page, base, "participant", demo_password)
    page.get_by_role("link", name="My profile").click()
    page.get_by_role("link", name="Who read my information").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who read my information")
    assert_no_axe_violations(page)
