"""Browser smoke tests: Playwright drives Debian's chromium against `live_server`.

Never a browser downloaded by `playwright install`: the tests launch the `chromium` on
PATH (`apt-get install -y chromium`) and skip, with that hint, when there is none.
"""

import os

# Playwright's sync API runs an asyncio loop in the test's thread, so Django would refuse the
# test's own ORM calls (the demo data) with SynchronousOnlyOperation. The test thread does
# nothing concurrent with them, so allowing it is safe here. Set before Django is used.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page

from tests.e2e.snapshot import DemoSnapshot, install
from tests.factories.mfa import code_for

E2E_DIR = Path(__file__).resolve().parent
CHROMIUM = shutil.which("chromium")

# Without the background-networking flags chromium keeps calling home (updates, sync,
# field trials, QUIC probes) and floods a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _is_e2e(item) -> bool:
    return E2E_DIR in Path(item.path).resolve().parents


def pytest_collection_modifyitems(config, items):
    """Mark every test under tests/e2e as `e2e`, and skip them all without chromium."""
    skip = pytest.mark.skip(reason="Debian chromium not installed: apt-get install -y chromium")
    for item in items:
        if not _is_e2e(item):
            continue
        item.add_marker(pytest.mark.e2e)
        if CHROMIUM is None:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch arguments, pointed at Debian's chromium."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


# The demo staff and admin sign in with a second factor; the browser tests give seed_demo
# a secret (test settings have DEBUG off, so it would otherwise leave them unenrolled).
E2E_TOTP_SECRET = "SECONDCHANCEJOBSPORTALDEMO234567"


_demo = DemoSnapshot()
install(_demo)


@pytest.fixture
def demo_data(transactional_db, live_server, settings):
    """The demo logins and the Wagtail home page. `live_server` uses a transactional
    database that is emptied after each test: the first test seeds it, the later ones get
    the same data back from a snapshot on PostgreSQL (`tests/e2e/snapshot.py`)."""
    settings.DEMO_TOTP_SECRET = E2E_TOTP_SECRET
    _demo.set_up()


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    """Sign in as a person does: the password, then, for an account with a second factor
    (the demo staff and admin), the code their authenticator app would show now, computed
    from the account's own device with django-otp's TOTP."""
    # Django renders the labels with its suffix ("Username:"), so not exact=True.
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()
    if "/account/two-factor/code/" not in page.url:
        return
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    page.get_by_label("Code from your app").fill(code_for(device))
    page.get_by_role("button", name="Check the code").click()
    page.wait_for_load_state()


@pytest.fixture
def demo_password():
    return settings.DEMO_PASSWORD
