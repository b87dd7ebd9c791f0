"""The outcomes report's three charts, drawn by the shared helper in portal/core/charts.py
(the same one the participant's hours, a crew's readiness and an employer's hires use)."""

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from placements.outcomes.report import display, percent
from placements.outcomes.rules import minimum_cell
from portal.core.charts import Bar, Chart, Point, bar_chart, column_chart, line_chart


def report_charts(outcomes) -> dict[str, SafeString]:
    """The report's three charts: days from release to first job, retention after a
    start, and recidivism beside the comparison rates."""
    first_job = outcomes.figures["release_to_first_job"]
    distribution = first_job.extra["distribution"]
    retention = outcomes.figures["retention"]
    one_year = outcomes.figures["recidivism_1_year"]
    three_years = outcomes.figures["recidivism_3_years"]
    comparison = one_year.extra["comparison"]
    return {
        "first_job": bar_chart(
            chart_id="chart-first-job",
            title=_("Days from release to first job"),
            description=_("People by the number of days from release to their first job."),
            bars=[Bar(label, count, display(count)) for label, count in distribution],
        ),
        "retention": line_chart(
            chart_id="chart-retention",
            title=_("Retention after a job starts"),
            description=_("Share still employed 30, 90, 180 and 365 days after the start."),
            points=[
                (_("%(days)s d") % {"days": days}, rate.rate, display(rate))
                for days, rate in retention.value.items()
            ],
        ),
        "recidivism": bar_chart(
            chart_id="chart-recidivism",
            title=_("Returned to custody, compared"),
            description=_(
                "The program's rates of return to custody within 1 and 3 years beside "
                "Missouri's rate and the rate predicted for the high-risk group."
            ),
            bars=[
                Bar(_("Program, 1 year"), one_year.value.rate, display(one_year.value)),
                Bar(_("Program, 3 years"), three_years.value.rate, display(three_years.value)),
                Bar(
                    _("Missouri (%(year)s)") % {"year": comparison["missouri_year"]},
                    comparison["missouri"],
                    percent(comparison["missouri"]),
                    muted=True,
                ),
                Bar(
                    _("High risk, predicted"),
                    comparison["high_risk_3_years"],
                    percent(comparison["high_risk_3_years"]),
                    muted=True,
                ),
            ],
        ),
    }


def hires_chart(months) -> Chart:
    """An employer's hires in each of the last 12 months (`selectors.hires_per_month`),
    as columns with the table beside them. What leaves the program shows "fewer than 5"
    for 1 to 4 hires (DOMAIN_RULES.md, small numbers); when exactly one month is hidden,
    the smallest shown month is hidden too ("not shown"), so the hidden one cannot be
    worked out from a total over the same months."""
    hidden = {index for index, (_first, count) in enumerate(months) if 0 < count < minimum_cell()}
    if len(hidden) == 1:
        shown = [(count, index) for index, (_first, count) in enumerate(months) if count]
        shown = [item for item in shown if item[1] not in hidden]
        if shown:
            hidden.add(min(shown)[1])
    points, rows = [], []
    for index, (first, count) in enumerate(months):
        if index not in hidden:
            text = display(count, public=True)
            points.append(Point(date_format(first, "N"), count, text))
        elif count < minimum_cell():
            text = display(count, public=True)
            points.append(Point(date_format(first, "N"), None, "<5"))
        else:
            text = _("not shown")
            points.append(Point(date_format(first, "N"), None, "—"))
        rows.append([date_format(first, "YEAR_MONTH_FORMAT"), text])
    title = _("Hires per month")
    largest = max(
        (count for index, (_first, count) in enumerate(months) if index not in hidden), default=0
    )
    top = max(5, largest)
    svg = column_chart(
        chart_id="chart-hires",
        title=title,
        description=_(
            "Your hires in each of the last %(count)s months, from %(first)s to %(last)s, "
            "by the day each job started."
        )
        % {
            "count": len(months),
            "first": date_format(months[0][0], "YEAR_MONTH_FORMAT"),
            "last": date_format(months[-1][0], "YEAR_MONTH_FORMAT"),
        },
        points=points,
        high=top,
        high_text=str(top),
    )
    return Chart(
        svg=svg,
        title=title,
        headers=[_("Month"), _("Hires")],
        rows=rows[::-1],
        empty=not any(count for _first, count in months),
    )
