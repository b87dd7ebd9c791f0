"""Small server-side SVG charts, shared by every area that shows a number as a trend
(the outcomes report, a participant's hours and pay, a crew's readiness, an employer's
hires): no JavaScript, readable in print and on a 320 px phone (they scale to the width),
each with a <title> and <desc> named by `aria-labelledby`. A page shows the same numbers
in a table beside each chart: build a `Chart` and include `components/chart.html`.

Drawn here rather than with a charting library: the portal needs a few plain shapes
(bars, columns over time, a line) and the libraries that render SVG on the server
(matplotlib, pygal) are large dependencies for that; see the outcomes report for the
choice. Lives in portal.core so that any app may import it (DESIGN.md, the layers).
"""

import math
from dataclasses import dataclass, field
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


# --- Trends: one value per week or month, the latest on the right ------------------------

PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM, TREND_HEIGHT = 44, WIDTH - 12, 18, 150, 180
MOST_LABELS = 4  # x labels that fit side by side at 320 px ("Sept. 21" is ~45 px at 11 px)


@dataclass(frozen=True)
class Point:
    """One step of a trend: its label on the x axis ("Dec. 3"), its value (None: no data
    that step, drawn as a gap) and the value as the table writes it."""

    label: str
    value: Decimal | int | None
    text: str


def _labelled(count: int) -> set[int]:
    """The steps whose label and value are written under and over the plot: every k-th,
    counted back from the latest so the latest is always written."""
    every = max(1, math.ceil(count / MOST_LABELS))
    return {index for index in range(count) if (count - 1 - index) % every == 0}


def _axes(*, low_text: str, high_text: str) -> SafeString:
    return format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart-axis"></line>'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart-grid"></line>'
        '<text x="{}" y="{}" class="chart-label" text-anchor="end">{}</text>'
        '<text x="{}" y="{}" class="chart-label" text-anchor="end">{}</text>',
        PLOT_LEFT,
        PLOT_BOTTOM,
        PLOT_RIGHT,
        PLOT_BOTTOM,
        PLOT_LEFT,
        PLOT_TOP,
        PLOT_RIGHT,
        PLOT_TOP,
        PLOT_LEFT - 4,
        PLOT_TOP + 4,
        high_text,
        PLOT_LEFT - 4,
        PLOT_BOTTOM + 4,
        low_text,
    )


def _x_label(*, x: float, text: str) -> SafeString:
    return format_html(
        '<text x="{}" y="{}" class="chart-label" text-anchor="middle">{}</text>',
        round(x),
        TREND_HEIGHT - 8,
        text,
    )


def _y(value, *, low: Decimal, high: Decimal) -> int:
    share = (Decimal(value) - low) / ((high - low) or 1)
    share = min(max(share, Decimal(0)), Decimal(1))
    return round(PLOT_BOTTOM - float(share) * (PLOT_BOTTOM - PLOT_TOP))


def column_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    points: list[Point],
    high: Decimal | int | None = None,
    high_text: str = "",
) -> SafeString:
    """Vertical columns over time from zero (hours per week, hires per month). The top
    of the plot is `high` (default: the largest value) and reads `high_text`; every k-th
    column (and the latest) has its label under it and, unless 0, its value over it. A
    column without a value (None: not shown, e.g. fewer than 5) writes only its text."""
    largest = max((point.value for point in points if point.value is not None), default=0)
    top = Decimal(high if high is not None else largest) or Decimal(1)
    step = (PLOT_RIGHT - PLOT_LEFT) / max(len(points), 1)
    width = max(round(step * 0.7), 2)
    labelled = _labelled(len(points))
    parts = [_axes(low_text="0", high_text=high_text or str(top))]
    for index, point in enumerate(points):
        middle = PLOT_LEFT + step * index + step / 2
        if point.value is not None and point.value:
            y = _y(point.value, low=Decimal(0), high=top)
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar"></rect>',
                    round(middle - width / 2),
                    y,
                    width,
                    PLOT_BOTTOM - y,
                )
            )
        else:
            y = PLOT_BOTTOM
        if index in labelled:
            parts.append(_x_label(x=middle, text=point.label))
        # A value over its column: every labelled one but zeros (the axis says 0), and
        # every hidden one ("<5"), short enough to fit over one column.
        if (index in labelled and point.value) or (point.value is None and point.text):
            parts.append(
                format_html(
                    '<text x="{}" y="{}" class="chart-value" text-anchor="middle">{}</text>',
                    round(middle),
                    max(y - 4, 11),
                    point.text,
                )
            )
    return _frame(
        chart_id=chart_id, title=title, description=description, height=TREND_HEIGHT, parts=parts
    )


def trend_line(
    *,
    chart_id: str,
    title: str,
    description: str,
    points: list[Point],
    low: Decimal | int,
    high: Decimal | int,
    low_text: str,
    high_text: str,
) -> SafeString:
    """A line over a fixed scale (readiness 1 to 5): a dot per step with a value, joined
    to the next step that has one too; a step without a value leaves a gap. Every k-th
    step (and the latest) has its label under the axis and its value over its dot."""
    low, high = Decimal(low), Decimal(high)
    step = (PLOT_RIGHT - PLOT_LEFT) / max(len(points), 1)
    labelled = _labelled(len(points))
    parts = [_axes(low_text=low_text, high_text=high_text)]
    segments, current = [], []
    for index, point in enumerate(points):
        x = round(PLOT_LEFT + step * index + step / 2)
        if index in labelled:
            parts.append(_x_label(x=x, text=point.label))
        if point.value is None:
            if current:
                segments.append(current)
            current = []
            continue
        y = _y(point.value, low=low, high=high)
        current.append(f"{x},{y}")
        parts.append(
            format_html('<circle cx="{}" cy="{}" r="4" class="chart-point"></circle>', x, y)
        )
        if index in labelled:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" class="chart-value" text-anchor="middle">{}</text>',
                    x,
                    max(y - 8, 11),
                    point.text,
                )
            )
    if current:
        segments.append(current)
    lines = [
        format_html('<polyline points="{}" class="chart-line"></polyline>', " ".join(segment))
        for segment in segments
        if len(segment) > 1
    ]
    return _frame(
        chart_id=chart_id,
        title=title,
        description=description,
        height=TREND_HEIGHT,
        parts=[parts[0], *lines, *parts[1:]],
    )


@dataclass(frozen=True)
class Chart:
    """A chart and the table of its numbers, for `components/chart.html`: `headers` name
    the table's columns and `rows` hold its cells (the first cell of a row is its header,
    e.g. the week). `empty`: nothing to draw yet; the page shows its empty state instead."""

    svg: SafeString
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    empty: bool = False
    note: str = ""  # a line under the table: how a number is worked out
