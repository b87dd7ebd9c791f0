"""Two-factor sign-in in a real browser: staff sign in with a code, a participant sets it
up on a phone; each page checked with axe and for a 320 px screen."""

import re
import time

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from portal.core.mfa.services import secret_from_base32

from .axe import assert_no_axe_violations
from .conftest import sign_in
from .test_participants import fits_the_screen

pytestmark = pytest.mark.usefixtures("demo_data")

NARROW_PHONE = {"width": 320, "height": 640}


def test_staff_sign_in_asks_for_the_code_after_the_password(page: Page, live_server, demo_password):
    page.set_viewport_size(NARROW_PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("facilitator")
    page.get_by_label("Password").fill(demo_password)
    page.get_by_role("button", name="Sign in", exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/account/two-factor/code/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    code = page.get_by_label("Code from your app")
    expect(code).to_have_attribute("autocomplete", "one-time-code")
    expect(code).to_have_attribute("inputmode", "numeric")
    assert_no_axe_violations(page)
    fits_the_screen(page)

    # A wrong code keeps the person on the page with the error tied to the field.
    code.fill("000000")
    page.get_by_role("button", name="Check the code").click()
    # The summary at the top links to the field; the message itself is said once, at the
    # field, and read out with it.
    expect(page.get_by_role("alert")).to_contain_text("Code from your app")
    expect(code).to_have_accessible_description(re.compile("That code is not right"))
    expect(page.get_by_text("That code is not right")).to_have_count(1)
    assert_no_axe_violations(page)

    time.sleep(1.1)  # django-otp's wait after a wrong code
    sign_in(page, live_server.url, "facilitator", demo_password)
    expect(page).to_have_url(f"{live_server.url}/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Fran")


def test_a_participant_sets_it_up_on_a_phone(page: Page, live_server, demo_password):
    page.set_viewport_size(NARROW_PHONE)
    sign_in(page, live_server.url, "participant", demo_password)
    page.goto(f"{live_server.url}/account/")
    page.get_by_role("link", name="Two-factor sign-in").click()
    page.get_by_role("link", name="Set up two-factor sign-in").click()

    expect(page.get_by_role("img", name="QR code to add the portal")).to_be_visible()
    assert_no_axe_violations(page)
    fits_the_screen(page)
    secret = page.locator("#secret").inner_text().replace(" ", "")
    totp = TOTP(bytes.fromhex(secret_from_base32(secret)))
    page.get_by_label("Code the app shows").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    expect(page.get_by_role("link", name="Download the codes as a text file")).to_be_visible()
    assert_no_axe_violations(page)
    fits_the_screen(page)
