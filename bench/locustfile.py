"""The simulated users of `make loadtest` (bench/loadtest.py starts the servers and runs
locust headless with this file): visitors searching jobs, participants, facilitators,
employers and admins on their dashboards, each waiting about a second between pages.

The demo logins sign in once per role before the timed run (bench/loadtest.py: through
the real pages, password, then for staff and admins the code from their authenticator,
the demo TOTP secret of `seed_demo`), and the simulated users of a role share that
session: an authenticator code is accepted once, so 50 users cannot each sign in with it
in the same 30 seconds.
Users are spread over the app servers named in LOADTEST_HOSTS (what a load balancer
does), and every user also calls /healthz, the baseline of each page.
"""

import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, events, task

HOSTS = os.environ.get("LOADTEST_HOSTS", "http://127.0.0.1:8101").split(",")
SEARCHES = [
    {"q": "forklift", "zip": "64106", "radius": "10"},
    {"q": "cook", "zip": "64111", "radius": "10"},
    {"q": "warehouse", "zip": "64130", "radius": "25"},
    {"zip": "64120", "radius": "10", "shift": "day"},
]
SESSIONS: dict[str, dict] = {}
JOB_IDS: list[int] = []


def _pick(items):
    return random.choice(items)


@events.test_start.add_listener
def _prepare(environment, **_kwargs):
    """The sessions and job ids bench/loadtest.py prepared before the timed run."""
    prepared = json.loads(Path(os.environ["LOADTEST_PREPARED"]).read_text())
    SESSIONS.update(prepared["sessions"])
    JOB_IDS.extend(prepared["job_ids"])


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
