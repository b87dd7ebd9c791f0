"""The program's core loop in a real browser: staff apply with a participant → the
employer schedules and holds an interview → sees the record summary only after it →
conditional offer → hired → the placement appears with its retention checks and Form
8850 deadline → staff record the 30-day check. Each page is checked with axe; the
participant sees the application on their dashboard."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from employers.models import EmployerMembership, JobStatus
from placements.models import Application, Interview

from .axe import assert_no_axe_violations
from .conftest import sign_in as sign_in_with_second_factor

pytestmark = pytest.mark.usefixtures("demo_data")

PHONE = {"width": 375, "height": 740}


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    sign_in_with_second_factor(page, base, username, password)
    expect(page).to_have_url(f"{base}/dashboard/")


def test_the_whole_loop(page: Page, live_server, demo_password, browser):
    base = live_server.url
    employer = EmployerMembership.objects.get(user__username="employer").employer
    job = employer.jobs.filter(status=JobStatus.OPEN).order_by("id")[1]

    # Staff apply with DeShawn (a felony, released this month; he shares his record summary).
    sign_in(page, base, "facilitator", demo_password)
    assert_no_axe_violations(page)
    page.goto(f"{base}/jobs/{job.pk}/")
    page.get_by_role("link", name="Apply with a participant").click()
    assert_no_axe_violations(page)
    page.get_by_label("Who is applying?").select_option(label="DeShawn Williams")
    page.get_by_role("button", name="Next").click()
    assert_no_axe_violations(page)
    page.locator("input[name=resume_version]").first.check()
    page.get_by_label("I agree that this employer sees my profile and this résumé.").check()
    page.get_by_label("The participant agreed to apply to this job.").check()
    # The shift ends at 11 p.m., inside DeShawn's 9 p.m. curfew (issue 14): the page says
    # so, and staff apply only with a confirmation and a note.
    expect(page.get_by_text("part of the shift falls in the curfew")).to_be_visible()
    page.get_by_label("I checked with the participant that this job can work anyway").check()
    page.get_by_label("Why applying is all right anyway").fill("His officer allows work to 11.")
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_text("The application is sent.")).to_be_visible()
    assert_no_axe_violations(page)
    application = Application.objects.get(job=job, participant__first_name="DeShawn")
    application_url = f"{base}/applications/{application.pk}/"
    record_url = f"{application_url}record/"

    # The employer, on a phone: no record before the interview, not even a hint.
    boss = browser.new_context(viewport=PHONE).new_page()
    sign_in(boss, base, "employer", demo_password)
    expect(boss.get_by_role("table", name="Applicants per job")).to_be_visible()
    assert_no_axe_violations(boss)
    boss.goto(application_url)
    assert_no_axe_violations(boss)
    expect(boss.get_by_role("link", name="Record summary")).to_have_count(0)
    assert boss.goto(record_url).status == 404
    boss.goto(application_url)
    boss.get_by_role("button", name="Start reviewing").click()
    expect(boss.get_by_text("Being reviewed", exact=True)).to_be_visible()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    boss.get_by_label("Date").fill(tomorrow)
    boss.get_by_label("Time").fill("10:00")
    boss.get_by_label("How").select_option(label="Phone")
    boss.get_by_label("Address or phone number").fill("816-555-0100")
    boss.get_by_role("button", name="Save the interview").click()
    expect(boss.get_by_text("Interview scheduled", exact=True)).to_be_visible()
    assert_no_axe_violations(boss)
    assert boss.goto(record_url).status == 404
    boss.goto(application_url)
    # Tomorrow's interview cannot be marked as held today.
    boss.get_by_role("button", name="The interview took place").click()
    expect(boss.get_by_text("once it has started")).to_be_visible()
    assert boss.goto(record_url).status == 404
    # Test setup: the interview's time comes.
    Interview.objects.filter(application=application).update(
        starts_at=timezone.now() - timedelta(hours=1)
    )
    boss.goto(application_url)
    boss.get_by_role("button", name="The interview took place").click()

    # After the interview the record summary opens: kinds of offense and dates only.
    boss.get_by_role("link", name="Record summary").click()
    expect(boss.get_by_role("cell", name="Felony").first).to_be_visible()
    expect(boss.get_by_text("Weapons offense")).to_be_visible()
    assert_no_axe_violations(boss)
    boss.goto(application_url)
    boss.get_by_role("button", name="Make a conditional offer").click()
    expect(boss.get_by_text("Conditional offer", exact=True)).to_be_visible()

    # The application went out 40 days ago, so a start 31 days ago is possible.
    Application.objects.filter(pk=application.pk).update(
        created_at=timezone.now() - timedelta(days=40)
    )
    start = timezone.localdate() - timedelta(days=31)
    boss.get_by_label("First day of work").fill(start.isoformat())
    boss.get_by_role("button", name="Record the hire").click()
    expect(boss.get_by_text("Hired", exact=True)).to_be_visible()
    boss.get_by_role("link", name="Starts on").click()
    expect(boss.get_by_role("heading", name="What you may claim for this hire")).to_be_visible()
    expect(boss.get_by_text("Form 8850 must reach the state by")).to_be_visible()
    expect(boss.get_by_role("link", name="How the tax credit and bonding work")).to_be_visible()
    assert_no_axe_violations(boss)
    placement_url = boss.url
    boss.get_by_role("button", name="Ask for the bond").click()
    expect(boss.get_by_text("Saved.")).to_be_visible()

    # Staff find the due 30-day check on their dashboard and record it.
    page.goto(f"{base}/dashboard/")
    page.get_by_role("link", name="DeShawn Williams: 30-day check").click()
    expect(page.get_by_text("Retention checks")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("What is the person doing now?").select_option(
        label="Working for the same employer"
    )
    page.get_by_label("How do you know?").select_option(label="Pay stub")
    page.get_by_role("button", name="Record the 30-day check").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    expect(page.get_by_text("Working for the same employer (Pay stub)")).to_be_visible()
    assert_no_axe_violations(page)

    # Staff record the bonding agency's answer; the employer sees the bond number.
    page.get_by_label("Bond issued").check()
    page.get_by_label("Bond number (if issued)").fill("FBP-2026-17")
    page.get_by_role("button", name="Record the answer").click()
    expect(page.get_by_text("Bond number FBP-2026-17.")).to_be_visible()
    assert_no_axe_violations(page)
    boss.goto(placement_url)
    expect(boss.get_by_text("Bond number FBP-2026-17.")).to_be_visible()
    expect(boss.get_by_role("button", name="Record the answer")).to_have_count(0)

    # The demo participant sees an application and what happens next.
    person = browser.new_context(viewport=PHONE).new_page()
    sign_in(person, base, "participant", demo_password)
    expect(person.get_by_role("heading", name="My applications")).to_be_visible()
    expect(person.get_by_text("Go to your interview.")).to_be_visible()
    assert_no_axe_violations(person)
