"""Every page of every role, in a real browser (issue 14, "Proven by tests").

For each role (no one signed in, participant, employer, facilitator, admin) the test signs
in through the real pages, then walks breadth-first through the same-origin links from the
role's start page, one page per route pattern (so /jobs/1/ and /jobs/2/ count once), and
submits each kind of form once with bad input (its required fields left empty, which the
server refuses, so nothing changes) to see the page with the errors. Every page is checked
at a phone's 320 x 640 and a laptop's 1280 x 800:

- nothing wider than the screen (the elements sticking out are named);
- no text cut off (a box that hides its overflow with more text than fits);
- axe with the WCAG 2.0, 2.1 and 2.2 A and AA rules finds nothing;
- on the phone, the site header is at most 15 % of the screen's height (96 px);
- the page says its language (`<html lang>`).

Then the participant and the employer choose Español with the header's language button,
as a person does, and walk their pages again at 320 x 640 (Spanish words are longer: a
phone is where they overflow), with the same checks and `lang="es"`.

One test for every role, so the demo data is seeded once (each test of a live server
flushes and seeds it again) and each role signs in once. All problems are collected and
listed at the end; the number of pages per role is printed, with where the time went.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from .axe import axe_violations, format_violations
from .conftest import sign_in

pytestmark = pytest.mark.usefixtures("demo_data")

PHONE = {"width": 320, "height": 640}
LAPTOP = {"width": 1280, "height": 800}
BOTH_SIZES = (PHONE, LAPTOP)
HEADER_MAX = round(PHONE["height"] * 0.15)  # 96 px
# Enough for every route a role reaches (about 40 for staff) with room to grow; a bound so
# a link loop or a generated list cannot make the run endless.
MAX_PAGES = 90
# Form result pages per role, on top of the pages.
MAX_FORMS = 40

# The axe rules whose answer depends on the width: the size and spacing of targets, and
# which regions scroll.
LAYOUT_RULES = ["target-size", "scrollable-region-focusable"]

# Never followed: signing out, the Wagtail and Django admin, the API, files, webhooks and
# links whose GET does something (e-mail verification, invitations).
SKIP_PREFIXES = (
    "/accounts/logout/",
    "/cms/",
    "/admin/",
    "/django-admin/",
    "/api/",
    "/documents/",
    "/i18n/",
    "/payments/stripe/",
    "/sms/",
    "/healthz",
    "/employers/verify/",
    "/employers/invitations/",
    "/_util/",
)
SKIP_SUFFIXES = (".pdf", ".csv", ".txt", ".zip", "/pdf/", ".svg", ".png", ".jpg")

# What the page looks like, measured in the browser. Elements that are not rendered (inside
# a closed <details>, display: none) and the visually hidden (1 px, for screen readers) are
# left out.
MEASURE = """
() => {
  const root = document.documentElement;
  const width = window.innerWidth;
  const name = el => {
    let text = el.tagName.toLowerCase();
    if (el.id) text += '#' + el.id;
    if (el.classList.length) text += '.' + [...el.classList].join('.');
    const words = (el.innerText || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return words ? `${text} "${words}"` : text;
  };
  const shown = el => el.checkVisibility({visibilityProperty: true});
  const sticksOut = [];
  if (root.scrollWidth > width) {
    for (const el of document.body.querySelectorAll('*')) {
      if (!shown(el)) continue;
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.right <= width + 0.5) continue;
      // Only the outermost element that sticks out, not each of its children.
      const parent = el.parentElement.getBoundingClientRect();
      if (parent.right > width + 0.5 && el.parentElement !== document.body) continue;
      sticksOut.push(`${name(el)} (right edge at ${Math.round(box.right)}px)`);
    }
  }
  const cutOff = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!el.textContent.trim() || !shown(el)) continue;
    if (el.clientWidth <= 1 || el.clientHeight <= 1) continue;  // visually hidden
    const style = getComputedStyle(el);
    const hidesX = ['hidden', 'clip'].includes(style.overflowX);
    const hidesY = ['hidden', 'clip'].includes(style.overflowY);
    // An ellipsis is fine when the whole text is in the title.
    const titled = style.textOverflow === 'ellipsis' && el.title;
    if ((hidesX && !titled && el.scrollWidth > el.clientWidth + 1) ||
        (hidesY && el.scrollHeight > el.clientHeight + 1)) {
      cutOff.push(name(el));
    }
  }
  const header = document.querySelector('.site-header');
  return {
    lang: root.lang,
    scrollWidth: root.scrollWidth,
    width,
    sticksOut: sticksOut.slice(0, 5),
    cutOff: cutOff.slice(0, 5),
    headerHeight: header ? Math.round(header.getBoundingClientRect().height) : 0,
  };
}
"""

# Every same-origin link on the page.
LINKS = """
() => [...document.querySelectorAll('a[href]')]
  .filter(a => !a.hasAttribute('download') && a.origin === location.origin)
  .map(a => a.href.split('#')[0])
"""

# The fields a bad submission leaves empty: the required ones a person types in or ticks.
EMPTIED_TYPES = """['text', 'textarea', 'email', 'number', 'date', 'time', 'tel', 'url',
  'password', 'search', 'checkbox', 'datetime-local']"""

# Each form of the page's main part, read in one call (so a form already sent from another
# page costs no reload): method, action, shown, how many required fields a person fills
# in, and whether it has a submit button that shows.
FORMS = f"""
() => [...document.querySelectorAll('main form')].map(f => {{
  const button = f.querySelector(
    'button:not([type=button]):not([type=reset]), input[type=submit]');
  return {{
    method: (f.getAttribute('method') || 'get').toLowerCase(),
    action: new URL(f.action, location.href).pathname,
    shown: f.checkVisibility({{visibilityProperty: true}}),
    required: [...f.elements].filter(e => e.required && !e.disabled &&
      {EMPTIED_TYPES}.includes(e.type)).length,
    button: !!button && button.checkVisibility({{visibilityProperty: true}}),
  }};
}})
"""
EMPTY_REQUIRED = f"""
f => {{
  for (const e of f.elements) {{
    if (!(e.required && !e.disabled && {EMPTIED_TYPES}.includes(e.type))) continue;
    if (e.type === 'checkbox') e.checked = false; else e.value = '';
  }}
  f.noValidate = true;
}}
"""


@dataclass
class Crawl:
    role: str
    base: str
    # The sizes each page is checked at, and the language the pages must be in.
    sizes: tuple[dict, ...] = BOTH_SIZES
    language: str = "en"
    seen_routes: set[str] = field(default_factory=set)
    checked_routes: set[str] = field(default_factory=set)
    seen_forms: set[str] = field(default_factory=set)
    pages: int = 0
    # Routes and forms another role's crawl has checked in this run: walked, not checked.
    checked_before: dict[str, set[str]] = field(
        default_factory=lambda: {"routes": set(), "forms": set()}
    )
    walked_through: int = 0
    forms: int = 0
    problems: list[str] = field(default_factory=list)
    # Seconds spent loading pages, measuring them and running axe.
    seconds: dict[str, float] = field(
        default_factory=lambda: {"load": 0.0, "measure": 0.0, "axe": 0.0}
    )

    @property
    def label(self) -> str:
        return self.role if self.language == "en" else f"{self.role}, {self.language}"


def route_of(path: str) -> str | None:
    """The URL pattern a path resolves to (one visit per pattern), None when not a page
    to visit. Wagtail pages count by their depth under their first section."""
    if path.startswith(SKIP_PREFIXES) or path.endswith(SKIP_SUFFIXES):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.url_name == "wagtail_serve":
        parts = [part for part in path.split("/") if part]
        return f"cms:/{parts[0] if parts else ''}/{'*/' * max(len(parts) - 1, 0)}"
    return match.route


def check(crawl: Crawl, page: Page, what: str) -> None:
    """Check the page as it is at the crawl's sizes, adding what is wrong to its list.

    axe runs all its WCAG rules at the phone size. At the laptop size it runs them all on
    the role's first page (the wide menu, the same on every page) and, on the others, only
    the rules whose answer depends on the layout: the rest (contrast, names, labels,
    structure) read the same markup and colours at any width, and running them twice
    would double the crawl's time."""
    for viewport in crawl.sizes:
        started = time.monotonic()
        page.set_viewport_size(viewport)
        size = f"{viewport['width']}x{viewport['height']}"
        where = f"[{crawl.label} {size}] {what} ({page.url.removeprefix(crawl.base)})"
        seen = page.evaluate(MEASURE)
        if seen["scrollWidth"] > seen["width"]:
            crawl.problems.append(
                f"{where}: {seen['scrollWidth']}px wide; sticking out: "
                + ("; ".join(seen["sticksOut"]) or "?")
            )
        if seen["cutOff"]:
            crawl.problems.append(f"{where}: text cut off in " + "; ".join(seen["cutOff"]))
        if viewport is PHONE and seen["headerHeight"] > HEADER_MAX:
            crawl.problems.append(
                f"{where}: the header is {seen['headerHeight']}px tall (at most {HEADER_MAX})"
            )
        if seen["lang"].split("-")[0] != crawl.language:
            crawl.problems.append(f'{where}: <html lang="{seen["lang"]}">, not {crawl.language}')
        measured = time.monotonic()
        crawl.seconds["measure"] += measured - started
        every_rule = viewport is PHONE or crawl.pages <= 1
        violations = axe_violations(page, rules=None if every_rule else LAYOUT_RULES)
        crawl.seconds["axe"] += time.monotonic() - measured
        if violations:
            crawl.problems.append(f"{where}: axe\n{format_violations(violations)}")


def visit(crawl: Crawl, page: Page, url: str) -> bool:
    """Open a page; False (and a problem noted) when it is not a page that shows."""
    started = time.monotonic()
    try:
        response = page.goto(url)
    except PlaywrightError as error:  # a download, or a navigation the page interrupts
        if "Download is starting" not in str(error):
            crawl.problems.append(f"[{crawl.label}] {url}: {error.message.splitlines()[0]}")
        return False
    finally:
        crawl.seconds["load"] += time.monotonic() - started
    if response is None or "text/html" not in response.headers.get("content-type", ""):
        return False
    if response.status >= 400:
        crawl.problems.append(f"[{crawl.label}] {url}: HTTP {response.status} from a link")
    return True


def submit_forms_with_bad_input(crawl: Crawl, page: Page, url: str) -> None:
    """Submit each new kind of form on the page once with its required fields left empty
    (or, for a search, as it is) and check the page that comes back. The page is loaded
    again only between two forms it sends."""
    sent_one = False
    for index, form in enumerate(page.evaluate(FORMS)):
        if crawl.forms >= MAX_FORMS:
            return
        if not (form["shown"] and form["button"]):
            continue
        action_route = route_of(form["action"])
        if action_route is None:
            continue
        # A POST form is sent only when a required field is left empty: the server refuses
        # it and nothing changes. A GET form (a search, a filter) is sent as it is.
        if form["method"] == "post" and not form["required"]:
            continue
        key = f"{form['method']} {action_route}"
        if key in crawl.seen_forms or key in crawl.checked_before["forms"]:
            continue
        crawl.seen_forms.add(key)
        if sent_one and not visit(crawl, page, url):
            return
        sent_one = True
        element = page.locator("main form").nth(index)
        element.evaluate(EMPTY_REQUIRED)
        button = element.locator(
            "button:not([type=button]):not([type=reset]), input[type=submit]"
        ).first
        started = time.monotonic()
        try:
            with page.expect_navigation():
                button.click()
        except PlaywrightError:
            continue
        finally:
            crawl.seconds["load"] += time.monotonic() - started
        crawl.forms += 1
        check(crawl, page, f"result of the form to {form['action']}")


def crawl_from(crawl: Crawl, page: Page, start: str, *, follow_cms: bool) -> None:
    queue = deque([start])
    queued = crawl.seen_routes
    queued.add(route_of(urlsplit(start).path))
    while queue and crawl.pages + crawl.walked_through < MAX_PAGES:
        url = queue.popleft()
        if not visit(crawl, page, url):
            continue
        route = route_of(urlsplit(url).path)
        if route in crawl.checked_before["routes"]:
            crawl.walked_through += 1
        else:
            crawl.pages += 1
            crawl.checked_routes.add(route)
            check(crawl, page, "page")
        for link in page.evaluate(LINKS):
            route = route_of(urlsplit(link).path)
            if route is None or route in queued:
                continue
            if route.startswith("cms:") and not follow_cms:
                continue
            queued.add(route)
            queue.append(link)
        submit_forms_with_bad_input(crawl, page, url)


ROLES = ["anonymous", "participant", "employer", "facilitator", "admin"]
# The roles whose pages are also walked in Spanish (staff work in English; the public
# pages' Spanish is Wagtail's translated content, checked in test_content.py).
SPANISH_ROLES = ("participant", "employer")


def crawl_role(role: str, page: Page, base: str, demo_password: str, staff_checked) -> Crawl:
    """The role's English crawl at both sizes, on a page already in its browser context."""
    crawl = Crawl(role=role, base=base)
    if role == "anonymous":
        crawl_from(crawl, page, f"{base}/", follow_cms=True)
        # The sign-in page's error, which the crawl's empty submission does not reach.
        visit(crawl, page, f"{base}/accounts/login/")
        page.get_by_label("Username").fill("nobody")
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Sign in", exact=True).click()
        crawl.forms += 1
        check(crawl, page, "wrong password")
        return crawl
    if role == "admin":
        # The staff pages and forms the facilitator's crawl checked: the admin's crawl
        # (the same pages with a longer menu, checked on its first page) walks through
        # them without checking again.
        crawl.checked_before = staff_checked
    sign_in(page, base, role, demo_password)
    assert page.url == f"{base}/dashboard/", f"{role} did not reach the dashboard"
    # Signed in, Wagtail pages are the same as for anyone: the crawl stays in the app.
    crawl_from(crawl, page, f"{base}/dashboard/", follow_cms=False)
    return crawl


def crawl_in_spanish(role: str, page: Page, base: str) -> Crawl:
    """Choose Español as a person does (the header's language button on the dashboard,
    in the same signed-in browser), then walk the role's pages again on the phone."""
    page.set_viewport_size(LAPTOP)
    page.goto(f"{base}/dashboard/")
    page.locator(".site-header").get_by_role("button", name="Español").first.click()
    page.wait_for_load_state()
    crawl = Crawl(role=role, base=base, sizes=(PHONE,), language="es")
    crawl_from(crawl, page, f"{base}/dashboard/", follow_cms=False)
    return crawl


def report(crawl: Crawl, started: float) -> str:
    sizes = " and ".join(f"{size['width']}x{size['height']}" for size in crawl.sizes)
    spent = ", ".join(f"{what} {seconds:.0f} s" for what, seconds in crawl.seconds.items())
    return (
        f"crawl: {crawl.label}: {crawl.pages} pages and {crawl.forms} form results, "
        f"each at {sizes}, in {time.monotonic() - started:.0f} s ({spent})"
        + (
            f" ({crawl.walked_through} more walked through, checked as facilitator)"
            if crawl.walked_through
            else ""
        )
    )


def test_every_page_fits_a_phone_and_passes_axe(
    browser, live_server, demo_password, capsys, settings
):
    # Dashboards kept as in production, so that their "Updated at ... Refresh" line is
    # checked too (the other tests build them on every visit).
    settings.PORTAL_DASHBOARD_SECONDS = 30
    base = live_server.url
    staff_checked: dict[str, set[str]] = {"routes": set(), "forms": set()}
    problems: list[str] = []
    too_few: list[str] = []
    for role in ROLES:
        context = browser.new_context(viewport=LAPTOP)
        page = context.new_page()
        started = time.monotonic()
        crawls = [crawl_role(role, page, base, demo_password, staff_checked)]
        if role == "facilitator":
            staff_checked["routes"] |= crawls[0].checked_routes - {"dashboard/"}
            staff_checked["forms"] |= crawls[0].seen_forms
        with capsys.disabled():
            print("\n" + report(crawls[0], started))
        if role in SPANISH_ROLES:
            started = time.monotonic()
            crawls.append(crawl_in_spanish(role, page, base))
            with capsys.disabled():
                print("\n" + report(crawls[-1], started))
        context.close()
        for crawl in crawls:
            problems.extend(crawl.problems)
            if crawl.pages <= 3:
                too_few.append(f"{crawl.label}: the crawl found only {crawl.pages} pages")
    assert not too_few, "; ".join(too_few)
    if problems:
        pytest.fail(
            f"{len(problems)} problem(s) on the crawled pages:\n" + "\n".join(problems),
            pytrace=False,
        )
