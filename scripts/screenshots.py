"""Screenshots of each role's main page for the README, at a phone and a desktop width.

    make run                 # in one terminal (http://127.0.0.1:8000, the demo data)
    make screenshots         # in another: refreshes docs/screenshots/*.png

    .venv/bin/python scripts/screenshots.py --serve --port 8123
                             # or start a fresh demo server of its own (a new SQLite file
                             # in a temporary folder, seed_demo, runserver), then stop it

It signs in as each demo login through the real sign-in pages (the password, and for
staff and admins the code an authenticator app would show, from the demo TOTP secret
that `seed_demo` prints), opens the page and saves its first screen as a PNG reduced to
a 256-colour palette, so each file stays small (well under 200 KB). Playwright drives
Debian's chromium (`shutil.which("chromium")`); it never downloads a browser.
"""

import argparse
import base64
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django_otp.oath import totp
from PIL import Image
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PASSWORD = os.environ.get("DEMO_PASSWORD", "second-chance-demo")
# The fixed demo secret `seed_demo` gives admin and facilitator under `make run` (DEBUG on,
# DEMO_TOTP_SECRET unset): portal/core/demo.py, DEMO_TOTP_SECRET_FOR_DEBUG.
TOTP_SECRET = os.environ.get("DEMO_TOTP_SECRET") or "SECONDCHANCEJOBSPORTALDEMO234567"
WIDTHS = {"phone": (360, 780), "desktop": (1280, 800)}
BIGGEST_FILE = 200_000


@dataclass(frozen=True)
class Shot:
    name: str  # file name: docs/screenshots/<name>-<phone|desktop>.png
    username: str | None  # None: not signed in
    path: str
    scroll_to: str = ""  # a CSS selector to bring to the top first (past a long form)


SHOTS = [
    Shot("job-search", None, "/jobs/"),
    Shot("participant-dashboard", "participant", "/dashboard/"),
    Shot("employer-dashboard", "employer", "/dashboard/"),
    Shot("staff-dashboard", "facilitator", "/dashboard/"),
    Shot("admin-dashboard", "admin", "/dashboard/"),
    # The report's figures and charts, not its filter form.
    Shot("admin-reports", "admin", "/reports/", scroll_to="section.panel"),
]


def totp_code() -> str:
    return f"{totp(base64.b32decode(TOTP_SECRET), step=30, digits=6):06d}"


def sign_in(page: Page, base: str, username: str) -> None:
    """The password, then, when the portal asks for it, the authenticator code."""
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()
    if "/two-factor/code/" in page.url:
        page.get_by_label("Code from your app").fill(totp_code())
        page.get_by_role("button", name="Check the code").click()
        page.wait_for_load_state()
    if "/accounts/login/" in page.url or "/two-factor/" in page.url:
        raise SystemExit(f"{username} could not sign in (still on {page.url}).")


def save_small_png(raw: bytes, path: Path) -> int:
    """The screenshot as a palette PNG (256 colours, optimised): UI screens keep crisp
    text at a fraction of the size of a true-colour PNG."""
    image = Image.open(io.BytesIO(raw)).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(
        path, format="PNG", optimize=True
    )
    return path.stat().st_size


def take(base: str, out: Path) -> list[Path]:
    """Every shot at every width; one browser context per person, so each signs in once
    (a TOTP code is accepted once, and admin has two pages)."""
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("Debian's chromium is needed: apt-get install chromium.")
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for username in dict.fromkeys(shot.username for shot in SHOTS):
            context = browser.new_context(locale="en-US", device_scale_factor=1)
            page = context.new_page()
            if username:
                sign_in(page, base, username)
            for shot in (shot for shot in SHOTS if shot.username == username):
                for width_name, (width, height) in WIDTHS.items():
                    page.set_viewport_size({"width": width, "height": height})
                    page.goto(f"{base}{shot.path}")
                    page.wait_for_load_state("networkidle")
                    if shot.scroll_to:
                        page.locator(shot.scroll_to).first.evaluate("e => e.scrollIntoView()")
                    path = out / f"{shot.name}-{width_name}.png"
                    size = save_small_png(page.screenshot(type="png"), path)
                    flag = "  (over 200 KB)" if size > BIGGEST_FILE else ""
                    print(f"{path}  {size // 1024} KB{flag}")
                    saved.append(path)
            context.close()
        browser.close()
    return saved


def wait_until_up(base: str, *, seconds: int = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5):  # noqa: S310 (local)
                return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"No server answered at {base} within {seconds} s.")


def serve(port: int, folder: Path) -> subprocess.Popen:
    """What `make run` does, on a fresh SQLite file in `folder` and on `port`."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)  # manage.py's default: portal.settings.local
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["compiletranslations"], ["migrate", "--noinput", "-v", "0"], ["seed_demo"]):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
    return subprocess.Popen(  # noqa: S603 (our own command line)
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base-url", default=os.environ.get("SCREENSHOTS_BASE_URL", ""))
    parser.add_argument("--serve", action="store_true", help="start a fresh demo server")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--out", type=Path, default=OUT)
    options = parser.parse_args()
    base = (options.base_url or f"http://127.0.0.1:{options.port}").rstrip("/")
    if not options.serve:
        wait_until_up(base, seconds=5)
        take(base, options.out)
        return
    with tempfile.TemporaryDirectory(prefix="screenshots-") as folder:
        server = serve(options.port, Path(folder))
        try:
            wait_until_up(base)
            take(base, options.out)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
