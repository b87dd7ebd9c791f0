"""Employer journeys in a real browser: sign-up to a public job, and a paid booth with
the offline provider confirmed by staff. Every new page is checked with axe."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from .axe import assert_no_axe_violations
from .conftest import sign_in as sign_in_with_second_factor

pytestmark = pytest.mark.usefixtures("demo_data")

NEW_PASSWORD = "a long enough password 9"


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    sign_in_with_second_factor(page, base, username, password)
    expect(page).to_have_url(f"{base}/dashboard/")


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def check(page: Page, heading: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    assert_no_axe_violations(page)


def test_sign_up_vetting_job_moderation_to_public_search(page: Page, live_server, demo_password):
    base = live_server.url
    page.goto(f"{base}/")
    page.get_by_role("link", name="Employers", exact=True).click()
    check(page, "Fair-chance employers")
    page.get_by_role("link", name="Sign up your organization").click()
    check(page, "Sign up your organization")
    fields = {
        "Legal name of the organization": "Union Station Catering LLC",
        "Name job seekers see": "Union Station Catering",
        "EIN (Employer Identification Number)": "43-5550001",
        "Street address": "30 W Pershing Rd",
        "City": "Kansas City",
        "ZIP code": "64108",
        "Number of employees": "35",
        "Phone": "816-555-0177",
        "Your first name": "Uma",
        "Your last name": "Union",
        "Your email": "uma@union.example.org",
        "Choose a username": "uma",
        "Choose a password": NEW_PASSWORD,
    }
    for label, value in fields.items():
        page.get_by_label(label).fill(value)
    page.get_by_label("Industry").select_option("food_service")
    page.get_by_role("button", name="Sign up").click()
    check(page, "Check your email")

    link = re.search(r"http://\S+/employers/verify/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    expect(page.get_by_role("status")).to_contain_text("Your email is confirmed")
    sign_in(page, base, "uma", NEW_PASSWORD)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Fair-chance hiring policy").click()
    check(page, "Fair-chance hiring policy")
    page.get_by_role("link", name="My dashboard").click()
    page.get_by_role("link", name="Organization and members").click()
    check(page, "Union Station Catering")
    expect(page.get_by_text("Waiting for review")).to_be_visible()
    sign_out(page)

    sign_in(page, base, "facilitator", demo_password)
    page.get_by_role("link", name=re.compile("Employer vetting")).click()
    check(page, "Employer vetting")
    page.get_by_role("link", name="Union Station Catering").first.click()
    check(page, "Union Station Catering")
    page.get_by_label("Note to the employer").fill("Welcome to the program.")
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("status")).to_contain_text("Decision saved")
    sign_out(page)

    sign_in(page, base, "uma", NEW_PASSWORD)
    expect(page.get_by_text("Welcome to the program.")).to_be_visible()
    page.get_by_role("link", name="Your jobs").click()
    check(page, "Your jobs")
    page.get_by_role("link", name="Post a job").click()
    check(page, "Post a job")
    page.get_by_label("Job title").fill("Banquet server")
    page.get_by_label("Description").fill("Serve guests at events. We train you.")
    page.get_by_label("ZIP code of the workplace").fill("64108")
    page.get_by_label("On a bus line").check()
    page.get_by_label("Friday").check()
    page.get_by_label("Saturday").check()
    page.get_by_label("Shift starts").fill("16:00")
    page.get_by_label("Shift ends").fill("23:00")
    page.get_by_label("Hours per week").fill("20")
    page.get_by_label("Type of job").select_option("part_time")
    page.get_by_label("Lowest hourly wage ($)").fill("16.00")
    page.get_by_label("Highest hourly wage ($)").fill("18.00")
    expires = timezone.localdate() + dt.timedelta(days=30)
    page.get_by_label("Closes on").fill(expires.isoformat())
    page.get_by_role("button", name="Save the job").click()
    expect(page.get_by_role("status")).to_contain_text("The job is saved")
    page.get_by_role("button", name=re.compile("Publish")).click()
    expect(page.get_by_role("status")).to_contain_text("Sent to program staff")
    sign_out(page)

    sign_in(page, base, "facilitator", demo_password)
    page.get_by_role("link", name=re.compile("Jobs to review")).click()
    check(page, "Jobs to review")
    page.get_by_role("link", name="Banquet server").click()
    check(page, "Banquet server")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status")).to_contain_text("The job is published")
    sign_out(page)

    page.get_by_role("link", name="Jobs", exact=True).click()
    check(page, "Find a job")
    page.get_by_label("Keywords").fill("banquet")
    page.get_by_text("Filters", exact=True).click()
    page.get_by_label("Near ZIP code").fill("64106")
    page.get_by_label("Within (miles)").fill("10")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 job found")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Banquet server").click()
    check(page, "Banquet server")
    expect(page.get_by_text("Union Station Catering")).to_be_visible()


def test_paid_booth_with_offline_payment_confirmed_by_staff(page: Page, live_server, demo_password):
    base = live_server.url
    sign_in(page, base, "employer", demo_password)
    page.get_by_role("link", name="Hiring fairs", exact=True).click()
    check(page, "Hiring fairs")
    page.get_by_role("link", name="Kansas City Second Chance Hiring Fair").click()
    check(page, "Kansas City Second Chance Hiring Fair")
    expect(page.get_by_text("pay the fee by invoice or check")).to_be_visible()
    page.get_by_role("button", name="Book a booth").click()
    check(page, "Your booth at")
    expect(page.locator(".booth-status")).to_have_text("Waiting for payment")
    reference = re.search(r"booth:\d+", page.content()).group(0)
    sign_out(page)

    sign_in(page, base, "facilitator", demo_password)
    page.get_by_role("link", name="Manage hiring fairs").click()
    check(page, "Manage hiring fairs")
    page.get_by_role("link", name="Kansas City Second Chance Hiring Fair").click()
    check(page, "Kansas City Second Chance Hiring Fair")
    page.get_by_label(re.compile("Invoice or check number for")).fill("CHK-2041")
    page.get_by_role("button", name="Confirm payment").click()
    expect(page.get_by_role("status")).to_contain_text("The payment is confirmed")
    expect(page.get_by_text("CHK-2041")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(f"{base}/payments/")
    check(page, "Payments")
    expect(page.get_by_text(reference)).to_be_visible()
    sign_out(page)

    sign_in(page, base, "employer", demo_password)
    page.get_by_role("link", name="Kansas City Second Chance Hiring Fair").click()
    check(page, "Your booth at")
    expect(page.locator(".booth-status")).to_have_text("Confirmed")
