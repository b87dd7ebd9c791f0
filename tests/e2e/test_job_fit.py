"""Jobs that don't fit (issue 14), in a real browser: Pat (a 10 p.m. curfew, "may not
leave the state") opens the evening job in Kansas City, Kansas, reads why before any
Apply button, and asks their facilitator; the facilitator sees the question on their
dashboard, opens it and applies with them in one click, confirming it with a note that
stays on the application."""

import re

import pytest
from playwright.sync_api import Page, expect

from employers.models import JobPosting
from jobseekers.models import Participant

from .axe import assert_no_axe_violations
from .conftest import sign_in

pytestmark = pytest.mark.usefixtures("demo_data")


def test_pat_sees_why_asks_staff_and_staff_apply_with_a_note(
    page: Page, live_server, demo_password, browser
):
    base = live_server.url
    job = JobPosting.objects.get(title="Welder helper")
    pat = Participant.objects.get(user__username="participant")

    phone = browser.new_context(viewport={"width": 375, "height": 740}).new_page()
    sign_in(phone, base, "participant", demo_password)
    phone.goto(f"{base}/jobs/{job.pk}/")
    expect(phone.get_by_role("heading", name="This job may not work for you")).to_be_visible()
    expect(phone.get_by_text("part of the shift falls in the curfew")).to_be_visible()
    expect(phone.get_by_text("Kansas City, KS, in another state")).to_be_visible()
    expect(phone.get_by_role("link", name="Apply", exact=True)).to_have_count(0)
    assert_no_axe_violations(phone)
    phone.get_by_role("button", name=re.compile(r"^Ask .+ to look at this job$")).click()
    expect(
        phone.get_by_text(re.compile(r"^We told .+\. They will look at this job"))
    ).to_be_visible()
    # The job page now says when they asked, and offers no second question.
    expect(phone.get_by_text(re.compile(r"You asked .+ on "))).to_be_visible()
    expect(phone.get_by_role("button", name=re.compile(r"^Ask .+"))).to_have_count(0)

    sign_in(page, base, "facilitator", demo_password)
    page.get_by_role("link", name=re.compile(r"^1 asked about a job")).click()
    row = page.get_by_role("row", name=re.compile(pat.display_name))
    expect(row.get_by_text("part of the shift falls in the curfew")).to_be_visible()
    assert_no_axe_violations(page)
    row.get_by_role("link", name="Apply with them").click()
    assert page.url.endswith(f"/jobs/{job.pk}/apply/?participant={pat.pk}")
    expect(page.get_by_text("part of the shift falls in the curfew")).to_be_visible()
    assert_no_axe_violations(page)
    page.locator("input[name=resume_version]").first.check()
    page.get_by_label("I agree that this employer sees my profile and this résumé.").check()
    page.get_by_label("The participant agreed to apply to this job.").check()
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_text("Tick the box to confirm you checked it with them.")).to_be_visible()
    page.get_by_label("I checked with the participant that this job can work anyway").check()
    page.get_by_label("Why applying is all right anyway").fill(
        "Officer Reyes allows work in Kansas; the employer moves the shift to end at 8 p.m."
    )
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_text("The application is sent.")).to_be_visible()
    expect(page.get_by_text("Officer Reyes allows work in Kansas")).to_be_visible()
    assert_no_axe_violations(page)
    # Applying together answered the question: the list is empty again.
    page.goto(f"{base}/applications/questions/")
    expect(page.get_by_text("No open questions.")).to_be_visible()
