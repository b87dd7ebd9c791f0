"""The look that holds the portal together, in a real browser: the desktop header fits
one row at the common laptop widths in both languages, and the participant's one next
step is the first thing on their dashboard; each page checked with axe."""

import pytest
from playwright.sync_api import Page, expect

from .axe import assert_no_axe_violations
from .conftest import sign_in

pytestmark = pytest.mark.usefixtures("demo_data")

ONE_ROW = 60  # px: one row of 44 px controls and the header's padding


@pytest.mark.parametrize("width", [1024, 1152, 1280])
def test_the_desktop_header_fits_one_row_in_english_and_spanish(
    page: Page, live_server, demo_password, width
):
    page.set_viewport_size({"width": width, "height": 800})
    # The admin has the longest menu.
    sign_in(page, live_server.url, "admin", demo_password)
    for language in ("English", "Español"):
        if language == "Español":
            page.get_by_role("button", name="Español").first.click()
            page.wait_for_load_state()
        nav = page.locator(".site-nav--wide")
        expect(nav).to_be_visible()
        header = page.locator(".site-header").bounding_box()
        assert header["height"] <= ONE_ROW, f"{language} at {width}px: {header['height']}px"
        tops = {
            round(box["y"])
            for box in nav.locator("li").evaluate_all(
                "items => items.map(item => item.getBoundingClientRect().toJSON())"
            )
        }
        assert len(tops) == 1, f"{language} at {width}px: the menu wraps"
    assert_no_axe_violations(page)


def test_the_participants_next_step_comes_first(page: Page, live_server, demo_password):
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, live_server.url, "participant", demo_password)
    next_step = page.locator(".panel--next")
    expect(next_step).to_be_visible()
    # One tap away: its button is on the first screen.
    button = next_step.locator("a.button").first
    expect(button).to_be_in_viewport()
    assert_no_axe_violations(page)
