"""The transitional area's trend charts, drawn by the shared helper (portal/core/charts.py)
from the reads in `trends`: a participant's hours (with pay in the table) and a crew's
readiness, week by week. Each returns a `Chart` for `components/chart.html`."""

import math
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from placements.transitional import rules
from placements.transitional.trends import WeekOfRatings, WeekOfWork
from portal.core.charts import Chart, Point, column_chart, trend_line
from portal.core.templatetags.formatting import date_display, money


def _hours(value: Decimal) -> str:
    return number_format(value, 2, force_grouping=True)


def _period(weeks) -> dict[str, str]:
    return {"first": date_display(weeks[0].starts_on), "last": date_display(weeks[-1].starts_on)}


def hours_chart(weeks: list[WeekOfWork]) -> Chart:
    """Hours per workweek as columns; the table gives each week's hours and pay."""
    title = _("Hours per week")
    largest = max((week.hours for week in weeks), default=Decimal(0))
    top = max(10, math.ceil(largest / 10) * 10)
    svg = column_chart(
        chart_id="chart-hours",
        title=title,
        description=_(
            "Your hours in each of the last %(count)s weeks, from the week of %(first)s to "
            "the week of %(last)s. The table gives the same hours and the pay for each week."
        )
        % {"count": len(weeks), **_period(weeks)},
        points=[
            Point(date_display(week.starts_on, "day"), week.hours, _hours(week.hours))
            for week in weeks
        ],
        high=top,
        high_text=_("%(hours)s h") % {"hours": top},
    )
    return Chart(
        svg=svg,
        title=title,
        headers=[_("Week of"), _("Hours worked"), _("Pay before taxes")],
        rows=[
            [date_display(week.starts_on), _hours(week.hours), money(week.pay)]
            for week in reversed(weeks)
        ],
        empty=not any(week.hours for week in weeks),
        note=_(
            "Pay is before taxes: your hours times your rate, with overtime after %(hours)s "
            "hours in a week. Your pay stubs show what was paid."
        )
        % {"hours": number_format(rules.overtime_weekly_threshold().normalize(), 0)},
    )


def readiness_chart(weeks: list[WeekOfRatings]) -> Chart:
    """The crew's average readiness (1-5) per workweek as a line; weeks without ratings
    are gaps in the line and "—" in the table."""
    title = _("Crew readiness per week")
    svg = trend_line(
        chart_id="chart-readiness",
        title=title,
        description=_(
            "The average of the five work-readiness ratings (1 to 5) of everyone rated at "
            "this site, in each of the last %(count)s weeks, from the week of %(first)s to "
            "the week of %(last)s. Weeks without ratings are left blank."
        )
        % {"count": len(weeks), **_period(weeks)},
        points=[
            Point(
                date_display(week.starts_on, "day"),
                week.average,
                "" if week.average is None else number_format(week.average, 2),
            )
            for week in weeks
        ],
        low=1,
        high=5,
        low_text="1",
        high_text="5",
    )
    return Chart(
        svg=svg,
        title=title,
        headers=[_("Week of"), _("Average rating"), _("Ratings")],
        rows=[
            [
                date_display(week.starts_on),
                "—" if week.average is None else number_format(week.average, 2),
                week.ratings,
            ]
            for week in reversed(weeks)
        ],
        empty=not any(week.ratings for week in weeks),
    )
