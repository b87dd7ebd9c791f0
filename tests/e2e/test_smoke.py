"""Smoke tests in a real browser: the public pages, signing in as each role, the language
switcher and the phone layout, each page checked with axe (WCAG 2.1 A and AA)."""

import pytest
from playwright.sync_api import Page, expect

from .axe import assert_no_axe_violations
from .conftest import sign_in as sign_in_with_second_factor

pytestmark = pytest.mark.usefixtures("demo_data")

PHONE = {"width": 375, "height": 740}


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    sign_in_with_second_factor(page, base, username, password)


def test_home_page(page: Page, live_server):
    # The stylesheet must load (axe's contrast check means little without it), and the
    # Content-Security-Policy must not block anything of the portal's own.
    # (Chromium's own /favicon.ico request is not a page response, so it is not counted.)
    failed, csp_errors = [], []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    page.on(
        "console",
        lambda m: "Content Security Policy" in m.text and csp_errors.append(m.text),
    )

    page.goto(f"{live_server.url}/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Second Chance Jobs Portal")
    assert page.evaluate("[...document.styleSheets].some(s => s.cssRules.length > 0)")
    assert failed == []
    assert csp_errors == []
    assert_no_axe_violations(page)


def test_login_page(page: Page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    ("username", "first_name", "role_label"),
    [
        ("admin", "Alex", "Program admin"),
        ("facilitator", "Fran", "Staff"),
        ("employer", "Erin", "Employer"),
        ("participant", "Pat", "Participant"),
    ],
)
def test_sign_in_lands_on_dashboard(
    page: Page, live_server, demo_password, username, first_name, role_label
):
    sign_in(page, live_server.url, username, demo_password)

    expect(page).to_have_url(f"{live_server.url}/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, {first_name}")
    expect(page.locator(".role-badge")).to_have_text(role_label)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert_no_axe_violations(page)


def test_wrong_password_shows_error(page: Page, live_server):
    sign_in(page, live_server.url, "participant", "not-the-password")

    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("alert")).to_contain_text("Please enter a correct username")
    # The form stays, with the username kept, ready for another try.
    expect(page.get_by_label("Username")).to_have_value("participant")
    expect(page.get_by_label("Password")).to_be_visible()
    assert_no_axe_violations(page)


def test_language_switcher(page: Page, live_server):
    page.goto(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("button", name="Español").click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("link", name="Iniciar sesión", exact=True)).to_be_visible()
    assert_no_axe_violations(page)


def test_home_page_fits_a_phone(page: Page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, (
        f"horizontal scroll on a {PHONE['width']}px phone: page is {scroll_width}px wide"
    )


NARROW_PHONE = {"width": 320, "height": 640}


@pytest.mark.parametrize("username", ["admin", "facilitator", "employer", "participant"])
def test_each_dashboard_fits_a_320px_phone_under_a_compact_header(
    page: Page, live_server, demo_password, username
):
    page.set_viewport_size(NARROW_PHONE)
    sign_in(page, live_server.url, username, demo_password)
    expect(page).to_have_url(f"{live_server.url}/dashboard/")

    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 0.15 * NARROW_PHONE["height"], f"header {header['height']}px"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= NARROW_PHONE["width"], f"page is {scroll_width}px wide"
    # The counts come first, each card a link to its list.
    expect(page.locator(".figure-card a").first).to_be_visible()
    assert_no_axe_violations(page)

    # The menu opens without JavaScript and holds the way out.
    page.get_by_text("Menu", exact=True).click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert_no_axe_violations(page)
