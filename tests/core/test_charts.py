"""The shared SVG charts (portal/core/charts.py): named for screen readers, drawn in a
320-unit-wide box that scales to a phone, gaps and hidden values shown as such."""

import re
from decimal import Decimal

from django.template.loader import render_to_string

from portal.core.charts import Chart, Point, column_chart, trend_line


def test_a_column_chart_is_named_and_draws_one_column_per_value():
    svg = column_chart(
        chart_id="c",
        title="Hires <per> month",
        description="Hires in each month.",
        points=[Point("Jan.", 6, "6"), Point("Feb.", 0, "0"), Point("March", None, "<5")],
    )
    assert svg.startswith('<svg class="chart" viewBox="0 0 320 180" role="img"')
    assert 'aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Hires &lt;per&gt; month</title>' in svg  # escaped
    assert '<desc id="c-desc">Hires in each month.</desc>' in svg
    # Only January has a column: February's 0 and March's hidden value have none, and
    # March still says it is hidden.
    assert svg.count('class="chart-bar"') == 1
    assert "&lt;5</text>" in svg


def test_the_tallest_column_reaches_the_top_of_the_plot():
    svg = column_chart(
        chart_id="c",
        title="t",
        description="d",
        points=[Point("a", Decimal("10"), "10"), Point("b", Decimal("20"), "20")],
        high=20,
    )
    heights = [int(h) for h in re.findall(r'height="(\d+)" class="chart-bar"', svg)]
    assert heights == [66, 132]  # 150 - 18 = 132 units for 20; half of it for 10


def test_a_trend_line_leaves_a_gap_where_a_week_has_no_value():
    svg = trend_line(
        chart_id="r",
        title="t",
        description="d",
        points=[
            Point("1", Decimal("3"), "3.00"),
            Point("2", Decimal("4"), "4.00"),
            Point("3", None, ""),
            Point("4", Decimal("5"), "5.00"),
        ],
        low=1,
        high=5,
        low_text="1",
        high_text="5",
    )
    assert svg.count('class="chart-point"') == 3
    # One line joins weeks 1 and 2; week 4 stands alone after the gap.
    assert svg.count('class="chart-line"') == 1


def test_the_component_puts_the_table_beside_the_chart_or_the_empty_state():
    chart = Chart(
        svg=column_chart(chart_id="c", title="Hours", description="d", points=[]),
        title="Hours",
        headers=["Week of", "Hours"],
        rows=[["Dec. 1, 2026", "8.00"]],
        note="Before taxes.",
    )
    html = render_to_string("components/chart.html", {"chart": chart})
    assert '<figure class="chart-figure">' in html
    assert "<caption>Hours</caption>" in html
    assert '<td data-label="Hours">' in html
    assert "Before taxes." in html
    empty = Chart(svg=chart.svg, title="Hours", headers=[], empty=True)
    html = render_to_string(
        "components/chart.html", {"chart": empty, "empty_message": "No shifts yet."}
    )
    assert "No shifts yet." in html and '<svg class="chart"' not in html
