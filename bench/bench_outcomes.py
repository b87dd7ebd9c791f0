"""The outcomes report at statewide size (`python -m bench outcomes`), on the data of
`seed_demo --scale large` (60,000 participants on file, their custody events and exits,
26,000 placements with their retention checks, 1,000,000 crew shifts): the whole report
(every figure) against one `COUNT(*)` over the same tables in the same rounds (the floor
of any report that reads them), with its query count; then, as info rows, the staff page
`/reports/` and the API `GET /api/v1/reports/outcomes/` (each builds the report twice:
the period and the previous one), and each figure alone, to see which one costs what.

Goal (issue 13): the report under 1 second on PostgreSQL.
"""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.common import get_ok, signed_in
from bench.harness import Measure, measure, time_goal
from placements.outcomes import report
from placements.outcomes.periods import Period
from placements.outcomes.selectors import PROGRAM

ROUNDS = 5
FIGURE_ROUNDS = 5


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def run() -> list[Measure]:
    today = timezone.localdate()
    period = Period(start=today - dt.timedelta(days=365), end=today)

    def whole():
        report.outcomes_report(period=period, today=today)

    def count_all():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT (SELECT COUNT(*) FROM jobseekers_participant),"
                " (SELECT COUNT(*) FROM placements_placement),"
                " (SELECT COUNT(*) FROM placements_timeentry)"
            )
            cursor.fetchone()

    baseline = ("one COUNT(*) over participants, placements, shifts", count_all)
    whole()
    results = [
        measure(
            name="Outcomes report, every figure, last 12 months",
            subject=("outcomes_report", whole),
            baseline=baseline,
            goal=time_goal(1000),
            rounds=ROUNDS,
            warmup=1,
            queries=_queries(whole),
        )
    ]

    admin = signed_in("admin")
    filters = {"start": period.start.isoformat(), "end": period.end.isoformat()}
    for name, url in (
        ("Outcomes page with the previous period", "/reports/"),
        ("Outcomes API with the previous period", "/api/v1/reports/outcomes/"),
    ):

        def page(url=url):
            get_ok(admin, url, filters)

        page()
        results.append(
            measure(
                name=name,
                subject=(f"GET {url} as admin, last 12 months", page),
                baseline=baseline,
                rounds=ROUNDS,
                warmup=1,
                queries=_queries(page),
            )
        )

    # Each figure alone: info rows, so that a slow one shows which.
    for key, builder in report.FIGURE_BUILDERS:

        def figure(builder=builder):
            builder(period=period, scope=PROGRAM, today=today)

        results.append(
            measure(
                name=f"  figure {key}",
                subject=(key, figure),
                baseline=None,
                rounds=FIGURE_ROUNDS,
                warmup=1,
                queries=_queries(figure),
            )
        )
    return results
