"""Small server-side SVG charts for the outcomes pages: no JavaScript, readable in print
and on a 320 px phone (they scale to the width), each with a <title> and <desc> named by
`aria-labelledby`; the page prints the same numbers in a table beside each chart.

Drawn here rather than with a charting library: the portal needs three plain shapes
(bars, one line of four points, paired bars) and the libraries that render SVG on the
server (matplotlib, pygal) are large dependencies for that; see the report for the
choice.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 320
BAR_HEIGHT = 22
GAP = 10
LABEL_WIDTH = 130


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | int | None  # None: not shown (fewer than 5)
    text: str  # the value as the table writes it
    muted: bool = False  # a comparison rate, not the program's own


def _joined(parts: list[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


def _frame(
    *, chart_id: str, title: str, description: str, height: int, parts: list[SafeString]
) -> SafeString:
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" '
        'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        _joined(parts),
    )


def bar_chart(*, chart_id: str, title: str, description: str, bars: list[Bar]) -> SafeString:
    """Horizontal bars, one a row: the label on the left, the bar, its value at its end.
    Bars scale to the largest value; a bar without a value shows only its text."""
    largest = max((bar.value for bar in bars if bar.value is not None), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 60
    parts = []
    for index, bar in enumerate(bars):
        top = GAP + index * (BAR_HEIGHT + GAP)
        length = 0 if bar.value is None else int(room * Decimal(bar.value) / Decimal(largest))
        css = "chart-bar chart-bar--muted" if bar.muted else "chart-bar"
        parts.append(
            format_html(
                '<text x="0" y="{}" class="chart-label">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" class="{}"></rect>'
                '<text x="{}" y="{}" class="chart-value">{}</text>',
                top + 15,
                bar.label,
                LABEL_WIDTH,
                top,
                length,
                BAR_HEIGHT,
                css,
                LABEL_WIDTH + length + 4,
                top + 15,
                bar.text,
            )
        )
    height = GAP + len(bars) * (BAR_HEIGHT + GAP)
    return _frame(
        chart_id=chart_id, title=title, description=description, height=height, parts=parts
    )


def line_chart(
    *, chart_id: str, title: str, description: str, points: list[tuple[str, Decimal | None, str]]
) -> SafeString:
    """A line over shares 0-100 % (e.g. retention at 30/90/180/365 days): one point per
    (label, share 0-1 or None when not shown, text); the line joins the points shown."""
    height, top, bottom, left, right = 180, 15, 150, 40, WIDTH - 20
    step = (right - left) / max(len(points) - 1, 1)
    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart-axis"></line>'
            '<text x="0" y="{}" class="chart-label">100 %</text>'
            '<text x="0" y="{}" class="chart-label">0 %</text>',
            left,
            bottom,
            right,
            bottom,
            top + 4,
            bottom + 4,
        )
    ]
    shown = []
    for index, (label, share, text) in enumerate(points):
        x = round(left + index * step)
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="chart-label" text-anchor="middle">{}</text>',
                x,
                height - 8,
                label,
            )
        )
        if share is None:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" class="chart-value" text-anchor="middle">{}</text>',
                    x,
                    bottom - 6,
                    text,
                )
            )
            continue
        y = round(bottom - float(share) * (bottom - top))
        shown.append(f"{x},{y}")
        parts.append(
            format_html(
                '<circle cx="{}" cy="{}" r="4" class="chart-point"></circle>'
                '<text x="{}" y="{}" class="chart-value" text-anchor="middle">{}</text>',
                x,
                y,
                x,
                y - 8,
                text,
            )
        )
    if len(shown) > 1:
        parts.insert(
            0, format_html('<polyline points="{}" class="chart-line"></polyline>', " ".join(shown))
        )
    return _frame(
        chart_id=chart_id, title=title, description=description, height=height, parts=parts
    )


def report_charts(outcomes) -> dict[str, SafeString]:
    """The report's three charts: days from release to first job, retention after a
    start, and recidivism beside the comparison rates."""
    from django.utils.translation import gettext as _

    from placements.outcomes.report import display, percent

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
