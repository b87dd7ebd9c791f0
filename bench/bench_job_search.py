"""Public job search at statewide size (the data of `seed_demo --scale large`: 20,000
open jobs), on the page `/jobs/` and on the API `/api/v1/jobs/`, the first page and a
keyword + ZIP + 10-mile radius search, each against a bare view (same middleware, no
template or DRF, no query) in the same rounds, with the query count of one request.
Also the API stack alone: `/api/v1/me/` with a token against the bare JSON view.

Goal (issue 15): the page and the API within 5x their bare view.
"""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.common import get_ok
from bench.harness import NO_GOAL, Measure, measure, ratio_goal
from portal.core.models import User
from portal.core.services import api_token_create

SEARCH = {"q": "forklift", "zip": "64106", "radius": 10, "sort": "distance"}
ROUNDS = 20


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def run() -> list[Measure]:
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

        call()  # warm (templates, ZIP table) before counting
        results.append(
            measure(
                name=name,
                subject=(f"GET {url}" + (" ?q=forklift&zip=64106&radius=10" if data else ""), call),
                baseline=baseline,
                goal=ratio_goal(5),
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
