"""A participant's whole plan in a real browser on a 320 px phone: the facilitator assesses a
need, follows its one-click "Refer" link, makes a referral with consent, records a bus pass
against a budget, sets a goal and sees the follow-ups on the dashboard; then the participant
marks their goal done and reads their referrals and supports, in English and Spanish.
Every page visited is checked with axe and for fitting the screen."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from .axe import assert_no_axe_violations
from .conftest import sign_in as sign_in_with_second_factor

pytestmark = pytest.mark.usefixtures("demo_data")

PHONE = {"width": 320, "height": 700}
PARTNER = "Adult Learning Center (GED)"
GOAL = "Call the GED class about the next start"
BUDGET = re.compile(r"Reentry supports fund: \$([\d,]+\.\d\d) left of \$5,000\.00")


# The innermost elements that stick out to the right (clipped or not), named in a failure.
WIDEST_ELEMENTS = """() => {
  const wide = [...document.body.querySelectorAll("*")].filter(
    (el) => el.getBoundingClientRect().right > window.innerWidth + 0.5
  );
  const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
  innermost.sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right);
  return innermost.slice(0, 5).map((el) => {
    const classes = typeof el.className === "string" ? el.className.trim().split(/ +/) : [];
    const name = [el.tagName.toLowerCase(), ...classes.filter(Boolean)].join(".");
    const right = Math.round(el.getBoundingClientRect().right);
    return `${name}${el.id ? "#" + el.id : ""} (${right}px): ${el.textContent.trim().slice(0, 40)}`;
  });
}"""


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    sign_in_with_second_factor(page, base, username, password)
    expect(page).to_have_url(f"{base}/dashboard/")


def fits_the_screen(page: Page) -> None:
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    if scroll_width > inner_width:
        wide = page.evaluate(WIDEST_ELEMENTS)
        raise AssertionError(
            f"{page.url} is {scroll_width}px wide on a 320 px phone; too wide: {wide}"
        )


def checked(page: Page) -> None:
    assert_no_axe_violations(page)
    fits_the_screen(page)


def budget_left(page: Page) -> Decimal:
    text = page.get_by_role("listitem").filter(has_text="Reentry supports fund").inner_text()
    match = BUDGET.search(text)
    assert match, text
    return Decimal(match.group(1).replace(",", ""))


def staff_runs_the_plan(page: Page, base: str) -> None:
    page.goto(f"{base}/participants/")
    checked(page)
    page.get_by_role("link", name="Pat Participant").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pat Participant")
    checked(page)
    participant_url = page.url

    # The needs assessment: education is needed, which offers a referral in one click.
    page.get_by_role("link", name="Employment plan: needs and goals").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Employment plan")
    checked(page)
    page.get_by_text("Assess the needs").click()
    checked(page)
    page.get_by_role("group", name="Education").get_by_label("Needs it").check()
    page.get_by_role("button", name="Save the needs").click()
    expect(page.get_by_text("The needs are saved.")).to_be_visible()
    checked(page)
    # The need's name is visually hidden text, so the link says which need it refers for.
    page.get_by_role("link", name=re.compile(r"^Refer\W+Education$")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Make a referral")
    expect(page.get_by_label("Need")).to_have_value("education")
    checked(page)
    page.get_by_label("Partner organisation").select_option(label=f"{PARTNER}: Education (64106)")
    page.get_by_label("The person agrees that we give this partner their name and phone").check()
    page.get_by_role("button", name="Make the referral").click()
    expect(page.get_by_text("The referral is made.")).to_be_visible()
    expect(page).to_have_url(f"{participant_url}#referrals")
    referrals = page.locator("#referrals")
    expect(referrals.get_by_role("row").filter(has_text=PARTNER)).to_contain_text("Education")
    checked(page)

    # A bus pass from the supports fund: what is left goes down by $45.
    page.get_by_role("link", name="Supports: record one, see what was given").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supports")
    checked(page)
    left_before = budget_left(page)
    page.get_by_label("What was given").select_option(label="Bus pass")
    page.get_by_label("Amount in dollars").fill("45")
    page.get_by_label("Funding source").select_option(index=1)
    page.get_by_role("button", name="Record the support").click()
    expect(page.get_by_text("The support is recorded.")).to_be_visible()
    assert budget_left(page) == left_before - Decimal("45.00")
    checked(page)

    # A goal of the participant's own, with a due date.
    page.get_by_role("link", name="Employment plan").click()
    due = timezone.localdate() + timedelta(days=14)
    page.get_by_role("textbox", name=re.compile(r"^Goal\b")).fill(GOAL)
    page.get_by_label("Due on").fill(due.isoformat())
    page.get_by_role("button", name="Add the goal").click()
    expect(page.get_by_text("The goal is added.")).to_be_visible()
    expect(page.locator("#goals").get_by_text(GOAL, exact=True)).to_be_visible()
    checked(page)

    # The referral follow-ups come due on the facilitator's dashboard.
    page.goto(f"{base}/dashboard/")
    panel = page.locator("section", has=page.get_by_role("heading", name="Referral follow-ups due"))
    expect(panel.get_by_role("link", name=re.compile("Pat Participant")).first).to_be_visible()
    checked(page)


def participant_sees_their_plan(page: Page, base: str) -> None:
    checked(page)
    page.get_by_role("link", name="My plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My plan")
    checked(page)
    mark_done = page.get_by_role("button", name=re.compile(rf"^Mark as done\W+{GOAL}$"))
    mark_done.click()
    expect(page.get_by_text("The goal is updated.")).to_be_visible()
    expect(mark_done).to_have_count(0)
    checked(page)

    page.goto(f"{base}/dashboard/")
    page.get_by_role("link", name="My referrals").click()
    referral = page.locator("article").filter(
        has=page.get_by_role("heading", name=PARTNER, exact=True)
    )
    expect(referral).to_contain_text("1211 McGee St")
    expect(referral).to_contain_text("Mon-Thu 9-8")
    checked(page)

    page.goto(f"{base}/dashboard/")
    page.get_by_role("link", name="Supports I received").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supports I received")
    expect(page.get_by_role("row").filter(has_text="Bus pass").first).to_contain_text("$45.00")
    checked(page)

    page.get_by_role("button", name="Español").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Apoyos que recibí")
    checked(page)
    page.goto(f"{base}/my/plan/")
    expect(page.get_by_role("heading", name="Mis metas")).to_be_visible()
    checked(page)


def test_staff_run_a_plan_on_a_phone_and_the_participant_follows_it(
    page: Page, live_server, demo_password, browser
):
    base = live_server.url
    page.set_viewport_size(PHONE)
    sign_in(page, base, "facilitator", demo_password)
    staff_runs_the_plan(page, base)

    person = browser.new_context(viewport=PHONE).new_page()
    sign_in(person, base, "participant", demo_password)
    participant_sees_their_plan(person, base)
