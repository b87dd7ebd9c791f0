"""The simulated users of `make loadtest` (bench/loadtest.py starts the servers and runs
locust headless with this file): visitors searching jobs, participants, facilitators,
employers and admins on their dashboards, each waiting about a second between pages.

The demo logins sign in once per role at the start, through the real pages (password,
then for staff and admins the code from their authenticator: the demo TOTP secret of
`seed_demo`), and the simulated users of a role share that session: an authenticator
code is accepted once, so 50 users cannot each sign in with it in the same 30 seconds.
Users are spread over the app servers named in LOADTEST_HOSTS (what a load balancer
does), and every user also calls /healthz, the baseline of each page.
"""

import base64
import os
import random
import re
import time

import requests
from django_otp.oath import totp
from locust import HttpUser, between, events, task

HOSTS = os.environ.get("LOADTEST_HOSTS", "http://127.0.0.1:8101").split(",")
PASSWORD = os.environ.get("DEMO_PASSWORD", "second-chance-demo")
TOTP_SECRET = os.environ.get("DEMO_TOTP_SECRET") or "SECONDCHANCEJOBSPORTALDEMO234567"
SEARCHES = [
    {"q": "forklift", "zip": "64106", "radius": "10"},
    {"q": "cook", "zip": "64111", "radius": "10"},
    {"q": "warehouse", "zip": "64130", "radius": "25"},
    {"zip": "64120", "radius": "10", "shift": "day"},
]
SESSIONS: dict[str, dict] = {}
JOB_IDS: list[int] = []
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _pick(items):
    return random.choice(items)


def _code() -> str:
    key = base64.b32decode(TOTP_SECRET)
    return f"{totp(key, step=30, digits=6):06d}"


def _sign_in(host: str, username: str) -> dict:
    """Sign in through the pages; returns the session's cookies."""
    browser = requests.Session()
    page = browser.get(f"{host}/accounts/login/", timeout=30)
    token = CSRF.search(page.text).group(1)
    answer = browser.post(
        f"{host}/accounts/login/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{host}/accounts/login/"},
        timeout=30,
    )
    if "/two-factor/code/" in answer.url:
        for _attempt in range(3):
            token = CSRF.search(answer.text).group(1)
            answer = browser.post(
                answer.url,
                data={"code": _code(), "csrfmiddlewaretoken": token},
                headers={"Referer": answer.url},
                timeout=30,
            )
            if "/two-factor/code/" not in answer.url:
                break
            time.sleep(31)  # that code was used already: the next one
    check = browser.get(f"{host}/dashboard/", timeout=30, allow_redirects=False)
    if check.status_code != 200:
        raise RuntimeError(f"{username} could not sign in: /dashboard/ {check.status_code}")
    return browser.cookies.get_dict()


@events.test_start.add_listener
def _prepare(environment, **_kwargs):
    host = HOSTS[0]
    for username in ("participant", "facilitator", "employer", "admin"):
        SESSIONS[username] = _sign_in(host, username)
    listing = requests.get(f"{host}/api/v1/jobs/", timeout=30).json()
    JOB_IDS.extend(job["id"] for job in listing.get("results", listing)[:50])


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(0.5, 1.5)  # about a second of think time
    role: str | None = None

    def on_start(self):
        self.client.base_url = _pick(HOSTS)
        if self.role:
            self.client.cookies.update(SESSIONS[self.role])

    @task(2)
    def healthz(self):
        self.client.get("/healthz", name="/healthz (baseline)")


class Visitor(PortalUser):
    """Someone looking for work, not signed in."""

    weight = 25

    @task(2)
    def home(self):
        self.client.get("/", name="/ (home)")

    @task(4)
    def search_first_page(self):
        self.client.get("/jobs/", name="/jobs/ first page")

    @task(4)
    def search(self):
        self.client.get("/jobs/", params=_pick(SEARCHES), name="/jobs/ keyword+ZIP+radius")

    @task(3)
    def job_page(self):
        if JOB_IDS:
            self.client.get(f"/jobs/{_pick(JOB_IDS)}/", name="/jobs/[id]")

    @task(1)
    def api_search(self):
        self.client.get("/api/v1/jobs/", params=_pick(SEARCHES), name="/api/v1/jobs/ search")


class Participant(PortalUser):
    weight = 10
    role = "participant"

    @task(3)
    def dashboard(self):
        self.client.get("/dashboard/", name="/dashboard/ participant")

    @task(2)
    def matches(self):
        self.client.get("/my/jobs-for-you/", name="/my/jobs-for-you/")

    @task(1)
    def search(self):
        self.client.get("/jobs/", params=_pick(SEARCHES), name="/jobs/ keyword+ZIP+radius")


class Facilitator(PortalUser):
    weight = 7
    role = "facilitator"

    @task(4)
    def dashboard(self):
        self.client.get("/dashboard/", name="/dashboard/ facilitator")


class Employer(PortalUser):
    weight = 5
    role = "employer"

    @task(3)
    def dashboard(self):
        self.client.get("/dashboard/", name="/dashboard/ employer")

    @task(1)
    def jobs(self):
        self.client.get("/employer/jobs/", name="/employer/jobs/")


class Admin(PortalUser):
    weight = 3
    role = "admin"

    @task(4)
    def dashboard(self):
        self.client.get("/dashboard/", name="/dashboard/ admin")
