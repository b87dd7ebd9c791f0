"""The outcomes panel on the staff and admin dashboard: the two Reentry 2030 figures of
the last 12 months at a glance (a facilitator's own caseload; an admin's whole program,
kept for a minute: `counted_recently`) and the way to the full report. Two queries. An
employer's dashboard gets the way to their own results (hires month by month), with no
query of its own."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import get_language

from placements.outcomes import report, selectors
from placements.outcomes.periods import Period
from placements.outcomes.permissions import can_view_program_report, employer_results_scope
from portal.core.panels import Panel, counted_recently
from portal.core.permissions import is_program_admin


def panels(request) -> list[Panel]:
    user = request.user
    if not can_view_program_report(user):
        if employer_results_scope(user) is not None:
            return [Panel(template="placements/outcomes/panels/employer.html", order=45)]
        return []
    today = timezone.localdate()
    period = Period(start=today - dt.timedelta(days=364), end=today)
    scope = selectors.PROGRAM if is_program_admin(user) else selectors.Scope(facilitator_id=user.pk)

    def rates():
        return [
            selectors.employed_within_30_days_of_release(period=period, scope=scope, today=today),
            selectors.employed_at_9_months_after_release(period=period, scope=scope, today=today),
        ]

    counted_at = None
    if scope == selectors.PROGRAM:
        # A year's releases of the whole program: read every few minutes, not on every
        # admin's every visit (the texts are made in the reader's language: one per language).
        figures, counted_at = counted_recently(name=f"outcomes-{get_language()}", count=rates)
    else:
        figures = rates()
    return [
        Panel(
            template="placements/outcomes/panels/staff.html",
            context={
                "whole_program": scope == selectors.PROGRAM,
                "counted_at": counted_at,
                "figures": [
                    {
                        "title": figure.title,
                        "value": report.display(figure.value),
                        "target": report.target_display(figure),
                        "of": figure.of,
                    }
                    for figure in figures
                ],
            },
            order=12,
        )
    ]
