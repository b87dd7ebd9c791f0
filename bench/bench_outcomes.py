"""The outcomes report at statewide size (`python -m bench outcomes`), on the data of
`seed_demo --scale large` (60,000 participants on file, their custody events and exits,
1,000,000 crew shifts): the whole report (every figure) against one `COUNT(*)` over the
same tables in the same rounds (the floor of any report that reads them), with its
query count. Not in issue 15's table: reported, not judged.
"""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.harness import Measure, measure
from placements.outcomes import report
from placements.outcomes.periods import Period


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

    whole()
    with CaptureQueriesContext(connection) as captured:
        whole()
    return [
        measure(
            name="Outcomes report, every figure, last 12 months",
            subject=("outcomes_report", whole),
            baseline=("one COUNT(*) over participants, placements, shifts", count_all),
            rounds=5,
            warmup=1,
            queries=len(captured),
        )
    ]
