"""A hiring fair's day in a real browser: a participant RSVPs and opts in to share their
profile, the employer with a confirmed booth sees them and offers an interview time,
staff book it for the participant, then check them in at the door on a phone. Every
page is checked with axe."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from employers.models import EmployerMembership
from portal.core.models import User
from tests.factories.employers import FairFactory
from tests.factories.fairs import ConfirmedBoothFactory

from .axe import assert_no_axe_violations
from .conftest import sign_in as sign_in_with_second_factor

pytestmark = pytest.mark.usefixtures("demo_data")

PHONE = {"width": 375, "height": 740}
TITLE = "Job club hiring day"


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    sign_in_with_second_factor(page, base, username, password)
    expect(page).to_have_url(f"{base}/dashboard/")


def sign_out(page: Page) -> None:
    # On a phone the sign-out button sits in the header's "Menu" disclosure.
    menu = page.locator(".site-menu > summary")
    if menu.is_visible():
        menu.click()
    page.get_by_role("button", name="Sign out").click()


def check(page: Page, heading: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    assert_no_axe_violations(page)


def fits_the_screen(page: Page) -> None:
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, f"page is {scroll_width}px wide on a phone"


@pytest.fixture
def fair_today():
    """A fair happening today (RSVPs still open) where the demo employer has a
    confirmed booth."""
    now = timezone.now()
    fair = FairFactory(
        title=TITLE,
        starts_at=now - dt.timedelta(minutes=30),
        ends_at=now + dt.timedelta(hours=4),
        registration_deadline=now + dt.timedelta(hours=2),
    )
    employer = EmployerMembership.objects.get(user__username="employer").employer
    ConfirmedBoothFactory(fair=fair, employer=employer)
    # The facilitator works this fair: the check-in list is for the staff working it.
    fair.staff_working.add(User.objects.get(username="facilitator"))
    return fair


def test_rsvp_opt_in_slot_booked_by_staff_and_check_in_on_a_phone(
    page: Page, live_server, demo_password, fair_today
):
    base = live_server.url

    # The participant RSVPs and shares their profile.
    sign_in(page, base, "participant", demo_password)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Hiring fairs", exact=True).click()
    page.get_by_role("link", name=TITLE).click()
    check(page, TITLE)
    page.get_by_role("link", name="RSVP, share my profile and book an interview").click()
    check(page, "RSVP to this hiring fair")
    page.get_by_label("Share my profile and résumé with the employers at this fair").check()
    page.get_by_role("button", name="RSVP", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("The RSVP is saved")
    check(page, TITLE)
    expect(page.get_by_text("Yes: they see the name")).to_be_visible()
    page.get_by_role("link", name="My dashboard").click()
    expect(page.get_by_role("heading", name="My hiring fairs")).to_be_visible()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    assert_no_axe_violations(page)
    sign_out(page)

    # The employer with a confirmed booth sees Pat and offers an interview time.
    sign_in(page, base, "employer", demo_password)
    page.get_by_role("link", name="Hiring fairs", exact=True).click()
    page.get_by_role("link", name=TITLE).click()
    check(page, TITLE)
    page.get_by_role("link", name="Attendees and interviews").click()
    check(page, "Attendees and interviews")
    expect(page.get_by_role("rowheader", name="Pat Participant")).to_be_visible()
    resume_link = page.get_by_role("link", name=re.compile("See the résumé"))
    if resume_link.count():
        resume_link.click()
        check(page, "Pat")
        page.get_by_role("link", name="Back to the attendees").click()
    starts = timezone.localtime(timezone.now() + dt.timedelta(hours=1))
    page.get_by_label("Starts").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Length (minutes)").fill("20")
    page.get_by_label("In person").check()
    page.get_by_label("Table or room, or video link").fill("Table 3")
    page.get_by_role("button", name="Offer this time").click()
    expect(page.get_by_role("status")).to_contain_text("The interview time is offered")
    expect(page.get_by_text("Free.")).to_be_visible()
    assert_no_axe_violations(page)
    sign_out(page)

    # Staff book the time for Pat (on their caseload), then check Pat in on a phone.
    sign_in(page, base, "facilitator", demo_password)
    page.get_by_role("link", name="Manage hiring fairs").click()
    page.get_by_role("link", name=TITLE).click()
    check(page, TITLE)
    page.get_by_role("link", name="RSVP for a participant").click()
    check(page, "RSVP for a participant")
    page.go_back()
    page.get_by_role("link", name="RSVP list and check-in").click()
    check(page, "Check-in")
    page.get_by_role("link", name="Pat Participant").click()
    check(page, TITLE)
    page.get_by_role("button", name=re.compile("^Book")).click()
    expect(page.get_by_role("status")).to_contain_text("The interview is booked")
    expect(page.get_by_text("Table 3")).to_be_visible()
    assert_no_axe_violations(page)

    page.set_viewport_size(PHONE)
    page.get_by_role("link", name="RSVP list and check-in").click()
    check(page, "Check-in")
    fits_the_screen(page)
    # Chromium puts a space before the visually hidden ": Pat Participant".
    page.get_by_role("button", name=re.compile(r"^Check in\s*: Pat Participant")).click()
    expect(page.get_by_role("status").first).to_contain_text("Pat Participant is checked in")
    expect(page.get_by_text("1 of 1 checked in")).to_be_visible()
    assert_no_axe_violations(page)
    fits_the_screen(page)
    sign_out(page)

    # Pat sees the booked interview on the dashboard.
    sign_in(page, base, "participant", demo_password)
    expect(page.get_by_role("heading", name="Interviews at hiring fairs")).to_be_visible()
    expect(page.get_by_text("In person (Job club hiring day)")).to_be_visible()
