"""Matching in a real browser: a participant opens "Jobs for you" on a phone, reads why
each job fits and goes to the job; staff read a participant's matches with the jobs
each rule left out, refresh them, and open a job's candidates. Each page with axe."""

import re

import pytest
from playwright.sync_api import Page, expect

from jobseekers.models import Participant
from placements.matching import services

from .axe import assert_no_axe_violations
from .test_participants import fits_the_screen, sign_in

pytestmark = pytest.mark.usefixtures("demo_data")


def test_participant_reads_jobs_for_you_on_a_phone(browser, live_server, demo_password):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    sign_in(page, live_server.url, "participant", demo_password)
    expect(page.get_by_role("heading", name="Top jobs for you")).to_be_visible()
    page.get_by_role("link", name="All jobs for you").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jobs for you")
    expect(page.get_by_text("Your certificate “Forklift operator” matches").first).to_be_visible()
    expect(page.get_by_text("before your 10 p.m. curfew").first).to_be_visible()
    fits_the_screen(page)
    assert_no_axe_violations(page)
    # A job applied to shows where it stands instead of Apply (issue 14); either way the
    # card links to the job.
    page.get_by_role("link", name=re.compile(r"^See the job")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Forklift operator")
    context.close()


def test_staff_see_matches_refresh_and_candidates(page: Page, live_server, demo_password):
    services._INDEX_CACHE.clear()
    pat = Participant.objects.get(user__username="participant")
    sign_in(page, live_server.url, "facilitator", demo_password)
    page.goto(f"{live_server.url}/participants/{pat.pk}/matches/")
    expect(page.get_by_role("heading", name="Jobs left out, by rule")).to_be_visible()
    expect(page.get_by_role("row", name="Shift hours fall in the curfew")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Refresh matches").click()
    expect(page.get_by_text("Matches are up to date.")).to_be_visible()
    page.get_by_role("link", name="Other candidates for this job").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Candidates for")
    expect(page.get_by_role("link", name="Pat Participant")).to_be_visible()
    page.get_by_label("Available").select_option("pre_release")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("No one matches this job yet.")).to_be_visible()
    assert_no_axe_violations(page)
