"""The core tasks with JavaScript off (issue 14): a browser that runs no script on the
pages signs in (staff with their second factor), searches for a job, applies, RSVPs to a
hiring fair, takes job club attendance, fills and approves a crew sheet and approves a
payroll run, through the real pages, and sees each result as a person would."""

import datetime as dt

import pytest
from django.utils import formats, timezone
from playwright.sync_api import Browser, Page, expect

from employers.models import EmployerMembership
from jobseekers.models import Participant
from tests.factories.employers import FairFactory, JobFactory

from .conftest import sign_in

pytestmark = pytest.mark.usefixtures("demo_data")

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def no_script(browser: Browser):
    """A new page in a context whose pages run no JavaScript; a function, so a test can
    open one per person."""
    contexts = []

    def open_page(viewport=PHONE) -> Page:
        context = browser.new_context(java_script_enabled=False, viewport=viewport)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def signed_in(page: Page, base: str, username: str, password: str) -> None:
    sign_in(page, base, username, password)
    expect(page).to_have_url(f"{base}/dashboard/")


def test_a_participant_signs_in_searches_applies_and_rsvps(no_script, live_server, demo_password):
    base = live_server.url
    pat = Participant.objects.get(user__username="participant")
    # A day job in Kansas City, Missouri, at the demo employer: it fits Pat's curfew and
    # travel limits, and Pat has not applied to it.
    employer = EmployerMembership.objects.get(user__username="employer").employer
    job = JobFactory(employer=employer, title="Warehouse packer, day shift")
    now = timezone.now()
    fair = FairFactory(
        title="Evening hiring fair",
        starts_at=now + dt.timedelta(days=3),
        ends_at=now + dt.timedelta(days=3, hours=3),
        registration_deadline=now + dt.timedelta(days=2),
    )

    page = no_script()
    signed_in(page, base, "participant", demo_password)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pat")

    # Search.
    page.goto(f"{base}/jobs/")
    page.get_by_label("Keywords").fill("warehouse packer")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name=job.title).first).to_be_visible()

    # Apply.
    page.get_by_role("link", name=job.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(job.title)
    page.get_by_role("link", name="Apply", exact=True).click()
    page.locator("input[name=resume_version]").first.check()
    page.get_by_label("I agree that this employer sees my profile and this résumé.").check()
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_text("The application is sent.")).to_be_visible()
    assert pat.applications.filter(job=job).exists()

    # RSVP.
    page.goto(f"{base}/fairs/{fair.pk}/")
    page.get_by_role("link", name="RSVP", exact=False).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("RSVP to this hiring fair")
    page.get_by_role("button", name="RSVP", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("The RSVP is saved")
    page.goto(f"{base}/dashboard/")
    expect(page.get_by_role("link", name="Evening hiring fair")).to_be_visible()


def test_staff_sign_in_with_a_code_and_take_attendance(no_script, live_server, demo_password):
    base = live_server.url
    page = no_script()
    signed_in(page, base, "facilitator", demo_password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Fran")

    page.goto(f"{base}/job-club/")
    page.locator("table a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Attendance")
    page.get_by_role("group", name="Pat Participant").get_by_label("Present").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance is saved.")).to_be_visible()
    expect(
        page.get_by_role("group", name="Pat Participant").get_by_label("Present")
    ).to_be_checked()


def test_crew_sheet_then_payroll_approved(no_script, live_server, demo_password):
    base = live_server.url
    today = timezone.localdate()
    work_day = (today - dt.timedelta(days=1)).isoformat()

    # The supervisor fills and approves yesterday's crew sheet.
    page = no_script()
    signed_in(page, base, "facilitator", demo_password)
    page.get_by_role("link", name="Riverfront cleanup crew").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Crew sheet")
    page.goto(f"{page.url.split('?')[0]}?day={work_day}")
    pat = page.locator("fieldset", has_text="Pat Participant")
    pat.get_by_label("Effort").select_option("5")
    pat.get_by_label("Clock out").fill("16:30")
    page.get_by_role("button", name="Save the crew day").click()
    expect(page.get_by_text("Saved 2 shifts.")).to_be_visible()
    page.get_by_role("button", name="Approve the day").click()
    expect(page.get_by_text("Approved 2 shifts.")).to_be_visible()

    # The program admin runs, reviews and approves that day's payroll.
    admin = no_script(viewport={"width": 1280, "height": 800})
    signed_in(admin, base, "admin", demo_password)
    admin.goto(f"{base}/transitional/payroll/")
    admin.get_by_label("Pay schedule").select_option("daily")
    admin.get_by_label("First day").fill(work_day)
    admin.get_by_label("Last day").fill(work_day)
    admin.get_by_label("Pay date").fill(today.isoformat())
    admin.get_by_role("button", name="Add the pay period").click()
    expect(admin.get_by_text("The pay period is added.")).to_be_visible()
    shown_day = formats.date_format(today - dt.timedelta(days=1), "DATE_FORMAT")
    admin.get_by_role("button", name=f"Run payroll {shown_day}").click()
    expect(admin.get_by_text("The payroll run is ready for review.")).to_be_visible()
    expect(admin.get_by_role("cell", name="$124.00")).to_be_visible()
    admin.get_by_role("button", name="Mark as reviewed").click()
    admin.get_by_role("button", name="Approve and lock").click()
    expect(admin.get_by_text("The run is approved and locked.")).to_be_visible()
