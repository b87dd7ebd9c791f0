"""Public job search at statewide size (the data of `seed_demo --scale large`: 20,000
open jobs), on the page `/jobs/` and on the API `/api/v1/jobs/`, the first page and a
keyword + ZIP + 10-mile radius search, each against a bare view (same middleware, no
template or DRF, no query) in the same rounds, with the query count of one request.
Also the API stack alone: `/api/v1/me/` with a token against the bare JSON view.

Goal (issue 15): the page and the API within 5x their bare view.

Visitors share a search's results from the cache until a job changes
(employers/search_cache.py), so each search is measured twice: as most requests find
it (shared, from the cache) and as the first request after a job change finds it (the
version stamp renewed before each timed request, untimed: the whole search and
rendering). The cache is Redis as in production when it answers (bench/settings.py),
said in the output.
"""

import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.common import get_ok
from bench.harness import NO_GOAL, Measure, measure, progress, ratio_goal
from employers.search_cache import job_search_outdate
from portal.core.models import User
from portal.core.services import api_token_create

SEARCH = {"q": "forklift", "zip": "64106", "radius": 10, "sort": "distance"}
ROUNDS = 20


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def run() -> list[Measure]:
    from django.conf import settings

    progress(f"cache: {settings.CACHES['default']['BACKEND']} (bench/settings.py)")
    return _run()


def _run() -> list[Measure]:
    anonymous = Client()
    participant = User.objects.get(username="participant")
    api = Client(HTTP_AUTHORIZATION=f"Token {api_token_create(user=participant, name='bench').raw}")
    bare_html = (
        "bare Django page (same middleware)",
        lambda: get_ok(anonymous, "/bench/bare-html/"),
    )
    bare_json = ("bare Django JSON view", lambda: get_ok(anonymous, "/bench/bare-json/"))
    cases = [
        ("Job search page /jobs/, first page", anonymous, "/jobs/", None, bare_html),
        ("Job search page /jobs/, keyword + ZIP + 10 mi", anonymous, "/jobs/", SEARCH, bare_html),
        ("Job search API, first page", anonymous, "/api/v1/jobs/", None, bare_json),
        ("Job search API, keyword + ZIP + 10 mi", anonymous, "/api/v1/jobs/", SEARCH, bare_json),
    ]
    results = []
    for name, client, url, data, baseline in cases:

        def call(client=client, url=url, data=data):
            get_ok(client, url, data)

        def after_a_change(call=call) -> float:
            job_search_outdate()  # what a job change does (untimed)
            start = time.perf_counter()
            call()
            return (time.perf_counter() - start) * 1000

        label = f"GET {url}" + (" ?q=forklift&zip=64106&radius=10" if data else "")
        call()  # warm (templates, ZIP table, the shared result) before counting
        results.append(
            measure(
                name=f"{name} (shared)",
                subject=(f"{label}, shared", call),
                baseline=baseline,
                goal=ratio_goal(5),
                rounds=ROUNDS,
                queries=_queries(call),
            )
        )
        job_search_outdate()
        results.append(
            measure(
                name=f"{name}, after a job change",
                subject=(f"{label}, first after a change", after_a_change),
                baseline=baseline,
                goal=NO_GOAL,
                rounds=ROUNDS,
                queries=_queries(call),
            )
        )

    def me():
        get_ok(api, "/api/v1/me/")

    results.append(
        measure(
            name="API stack: /api/v1/me/ with a token",
            subject=("GET /api/v1/me/ (token, DRF, throttle, serializer)", me),
            baseline=bare_json,
            goal=NO_GOAL,
            rounds=ROUNDS,
            queries=_queries(me),
        )
    )
    return results
