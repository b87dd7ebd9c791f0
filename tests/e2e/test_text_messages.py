"""Text messages in a real browser on a 320 px phone: the facilitator opens a new reply
from the dashboard and reads the message log; the participant turns texts off and on, in
English and Spanish. Every page is checked with axe."""

import pytest
from playwright.sync_api import Page, expect

from .axe import assert_no_axe_violations
from .conftest import sign_in

pytestmark = pytest.mark.usefixtures("demo_data")

SMALL_PHONE = {"width": 320, "height": 640}


def fits_the_screen(page: Page) -> None:
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, f"page is {scroll_width}px wide on a 320 px phone"


def test_the_facilitator_reads_a_reply_on_a_phone(page: Page, live_server, demo_password):
    page.set_viewport_size(SMALL_PHONE)
    sign_in(page, live_server.url, "facilitator", demo_password)
    page.get_by_role("link", name="New text reply from Pat Participant").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Text messages: Pat Participant")
    expect(page.get_by_text("Bus was late")).to_be_visible()
    assert_no_axe_violations(page)
    fits_the_screen(page)
    page.get_by_role("button", name="Mark the replies as read").click()
    expect(page.get_by_text("The replies are marked as read.")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_participant_turns_texts_off_and_on_in_both_languages(
    page: Page, live_server, demo_password
):
    page.set_viewport_size(SMALL_PHONE)
    sign_in(page, live_server.url, "participant", demo_password)
    page.goto(f"{live_server.url}/my/consents/")
    expect(page.get_by_role("heading", name="Text messages")).to_be_visible()
    assert_no_axe_violations(page)
    fits_the_screen(page)
    texts_button = page.locator("form:has(input[value='text_messages']) button")
    expect(texts_button).to_contain_text("Withdraw")
    texts_button.click()
    expect(page.get_by_text("The consent is withdrawn.")).to_be_visible()
    expect(texts_button).to_contain_text("Give")
    texts_button.click()
    expect(page.get_by_text("The consent is recorded.")).to_be_visible()

    page.context.add_cookies([{"name": "django_language", "value": "es", "url": live_server.url}])
    page.goto(f"{live_server.url}/my/consents/")
    expect(page.get_by_role("heading", name="Mensajes de texto")).to_be_visible()
    assert_no_axe_violations(page)
    fits_the_screen(page)
