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
- on the phone, the site header is at most 15 % of the screen's height (96 px).

All problems are collected and listed at the end; the number of pages per role is printed.
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
HEADER_MAX = round(PHONE["height"] * 0.15)  # 96 px
# Enough for every route a role reaches (about 40 for staff) with room to grow; a bound so
# a link loop or a generated list cannot make the run endless.
MAX_PAGES = 90
# Form result pages per role, on top of the pages.
MAX_FORMS = 40

# The axe rules whose answer depends on the width: the size and spacing of targets, and
# which regions scroll.
LAYOUT_RULES = ["target-size", "scrollable-region-focusable"]

# The staff pages and forms the facilitator's crawl checked, which the admin's crawl (the
# same pages with a longer menu, checked on its first page) walks through without checking
# again: in a run of both, only the admin's own pages are checked twice as long.
CHECKED_AS_STAFF: dict[str, set[str]] = {"routes": set(), "forms": set()}

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
    scrollWidth: root.scrollWidth,
    width,
    sticksOut: sticksOut.slice(0, 5),
    cutOff: cutOff.slice(0, 5),
    headerHeight: header ? Math.round(header.getBoundingClientRect().height) : 0,
  };
}
"""

# Every same-origin link on the page, and every form a person can submit.
LINKS = """
() => [...document.querySelectorAll('a[href]')]
  .filter(a => !a.hasAttribute('download') && a.origin === location.origin)
  .map(a => a.href.split('#')[0])
"""


@dataclass
class Crawl:
    role: str
    base: str
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
    """Check the page as it is at both sizes, adding what is wrong to the crawl's list.

    axe runs all its WCAG rules at the phone size. At the laptop size it runs them all on
    the role's first page (the wide menu, the same on every page) and, on the others, only
    the rules whose answer depends on the layout: the rest (contrast, names, labels,
    structure) read the same markup and colours at any width, and running them twice
    would double the crawl's time."""
    for viewport in (PHONE, LAPTOP):
        page.set_viewport_size(viewport)
        size = f"{viewport['width']}x{viewport['height']}"
        where = f"[{crawl.role} {size}] {what} ({page.url.removeprefix(crawl.base)})"
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
        every_rule = viewport is PHONE or crawl.pages <= 1
        violations = axe_violations(page, rules=None if every_rule else LAYOUT_RULES)
        if violations:
            crawl.problems.append(f"{where}: axe\n{format_violations(violations)}")


def visit(crawl: Crawl, page: Page, url: str) -> bool:
    """Open a page; False (and a problem noted) when it is not a page that shows."""
    try:
        response = page.goto(url)
    except PlaywrightError as error:  # a download, or a navigation the page interrupts
        if "Download is starting" not in str(error):
            crawl.problems.append(f"[{crawl.role}] {url}: {error.message.splitlines()[0]}")
        return False
    if response is None or "text/html" not in response.headers.get("content-type", ""):
        return False
    if response.status >= 400:
        crawl.problems.append(f"[{crawl.role}] {url}: HTTP {response.status} from a link")
    return True


def submit_forms_with_bad_input(crawl: Crawl, page: Page, url: str) -> None:
    """Submit each new kind of form on the page once with its required fields left empty
    (or, for a search, as it is) and check the page that comes back."""
    count = page.locator("main form").count()
    for index in range(count):
        if crawl.forms >= MAX_FORMS:
            return
        if index and page.url.split("#")[0] != url:
            visit(crawl, page, url)
        form = page.locator("main form").nth(index)
        if not form.is_visible():
            continue
        method = (form.get_attribute("method") or "get").lower()
        action = form.evaluate("f => new URL(f.action, location.href).pathname")
        action_route = route_of(action)
        if action_route is None:
            continue
        emptied = form.evaluate(
            """f => {
              const fields = [...f.elements].filter(e => e.required && !e.disabled &&
                ['text', 'textarea', 'email', 'number', 'date', 'time', 'tel', 'url',
                 'password', 'search', 'checkbox', 'datetime-local'].includes(e.type));
              for (const e of fields) {
                if (e.type === 'checkbox') e.checked = false; else e.value = '';
              }
              f.noValidate = true;
              return fields.length;
            }"""
        )
        # A POST form is sent only when a required field is left empty: the server refuses
        # it and nothing changes. A GET form (a search, a filter) is sent as it is.
        if method == "post" and not emptied:
            continue
        key = f"{method} {action_route}"
        if key in crawl.seen_forms or key in crawl.checked_before["forms"]:
            continue
        crawl.seen_forms.add(key)
        button = form.locator("button:not([type=button]):not([type=reset]), input[type=submit]")
        if not button.count() or not button.first.is_visible():
            continue
        try:
            with page.expect_navigation():
                button.first.click()
        except PlaywrightError:
            continue
        crawl.forms += 1
        check(crawl, page, f"result of the form to {action}")


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


@pytest.mark.parametrize("role", ROLES)
def test_every_page_fits_a_phone_and_passes_axe(role, browser, live_server, demo_password, capsys):
    started = time.monotonic()
    base = live_server.url
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
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
    else:
        if role == "admin":
            crawl.checked_before = CHECKED_AS_STAFF
        sign_in(page, base, role, demo_password)
        assert page.url == f"{base}/dashboard/", f"{role} did not reach the dashboard"
        # Signed in, Wagtail pages are the same as for anyone: the crawl stays in the app.
        crawl_from(crawl, page, f"{base}/dashboard/", follow_cms=False)
    context.close()
    if role == "facilitator":
        CHECKED_AS_STAFF["routes"] |= crawl.checked_routes - {"dashboard/"}
        CHECKED_AS_STAFF["forms"] |= crawl.seen_forms
    with capsys.disabled():
        print(
            f"\ncrawl: {role}: {crawl.pages} pages and {crawl.forms} form results, "
            f"each at 320x640 and 1280x800, in {time.monotonic() - started:.0f} s"
            + (
                f" ({crawl.walked_through} more walked through, checked as facilitator)"
                if crawl.walked_through
                else ""
            )
        )
    assert crawl.pages > 3, f"{role}: the crawl found only {crawl.pages} pages"
    if crawl.problems:
        pytest.fail(
            f"{len(crawl.problems)} problem(s) on {role}'s pages:\n" + "\n".join(crawl.problems),
            pytrace=False,
        )
