"""The trend charts people read instead of a list (issue 14): a participant's hours and
pay per week, a crew's readiness per week, an employer's hires per month. Each page
shows an SVG with its title and description and a table of the same numbers (checked
against sums worked out by hand), costs the same number of queries whatever the amount
of data, shows an empty state when there is nothing yet, and reads in Spanish."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from placements.transitional import charts, trends
from portal.core.templatetags.formatting import date_display
from tests.factories.applications import PlacementFactory
from tests.factories.jobseekers import StaffFactory
from tests.factories.transitional import (
    DailyRatingFactory,
    TimeEntryFactory,
    WorkAssignmentFactory,
    WorkSiteFactory,
)

pytestmark = pytest.mark.django_db

D = dt.date
# A Wednesday; the program's workweek starts on Monday, so this week began on March 16
# and the 12 weeks shown run from the week of Dec. 29, 2025 to the week of March 16.
TODAY = dt.datetime(2026, 3, 18, 12, tzinfo=ZoneInfo("America/Chicago"))


@pytest.fixture(autouse=True)
def wednesday_march_18():
    with time_machine.travel(TODAY, tick=False):
        yield


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def row_for(chart, day: dt.date) -> list:
    return next(row for row in chart.rows if row[0] == date_display(day))


# --- A participant's hours and pay per week ---------------------------------------------


def test_my_hours_chart_gives_each_weeks_hours_and_pay(participant):
    mine = WorkAssignmentFactory(
        participant__user=participant, hourly_rate=Decimal("16.00"), starts_on=D(2025, 12, 1)
    )
    # This week: 8 + 4.5 hours at $16.00 = 12.50 hours, $200.00.
    TimeEntryFactory(assignment=mine, work_date=D(2026, 3, 16), hours=Decimal("8.00"))
    TimeEntryFactory(assignment=mine, work_date=D(2026, 3, 17), hours=Decimal("4.50"))
    # Two weeks ago, five days of 9 hours: 45 hours, 5 of them overtime:
    # 45 x 16.00 = 720.00, plus half the rate on 5 hours = 40.00, so $760.00.
    for offset in range(5):
        TimeEntryFactory(
            assignment=mine,
            work_date=D(2026, 3, 2) + dt.timedelta(days=offset),
            hours=Decimal("9.00"),
        )
    # The Sunday before the first week shown, and someone else's shift: not counted.
    TimeEntryFactory(assignment=mine, work_date=D(2025, 12, 28), hours=Decimal("7.00"))
    TimeEntryFactory(work_date=D(2026, 3, 16), hours=Decimal("6.00"))

    page = signed_in(participant).get("/transitional/my/hours/")

    chart = page.context["hours_chart"]
    assert len(chart.rows) == 12
    assert row_for(chart, D(2026, 3, 16))[1:] == ["12.50", "$200.00"]
    assert row_for(chart, D(2026, 3, 2))[1:] == ["45.00", "$760.00"]
    assert row_for(chart, D(2026, 3, 9))[1:] == ["0.00", "$0.00"]
    assert row_for(chart, D(2025, 12, 29))[1:] == ["0.00", "$0.00"]
    html = page.content.decode()
    assert '<title id="chart-hours-title">Hours per week</title>' in html
    assert 'aria-labelledby="chart-hours-title chart-hours-desc"' in html
    assert "$760.00" in html and "Pay before taxes" in html
    assert "overtime after 40 hours in a week" in html


def test_my_hours_chart_costs_the_same_queries_for_one_shift_or_sixty(participant):
    mine = WorkAssignmentFactory(participant__user=participant, starts_on=D(2025, 12, 1))
    TimeEntryFactory(assignment=mine, work_date=D(2026, 3, 16))
    client = signed_in(participant)
    few = queries_for(client, "/transitional/my/hours/")
    for offset in range(60):
        TimeEntryFactory(assignment=mine, work_date=D(2026, 1, 5) + dt.timedelta(days=offset))
    assert queries_for(client, "/transitional/my/hours/") == few


def test_my_hours_without_shifts_shows_the_empty_state(participant):
    WorkAssignmentFactory(participant__user=participant)
    page = signed_in(participant).get("/transitional/my/hours/").content.decode()
    assert "No shifts in the last 12 weeks yet." in page
    assert 'class="chart"' not in page


# --- A crew's readiness per week --------------------------------------------------------


def test_crew_sheet_chart_gives_each_weeks_average_readiness():
    supervisor = StaffFactory()
    site = WorkSiteFactory(supervisors=[supervisor])
    WorkAssignmentFactory(worksite=site, starts_on=D(2026, 1, 1))
    # This week: one day all 3s (15 points) and one day 4, 4, 5, 3, 4 (20 points):
    # 35 points over 2 ratings x 5 dimensions = 3.50.
    DailyRatingFactory(worksite=site, work_date=D(2026, 3, 16))
    DailyRatingFactory(
        worksite=site,
        work_date=D(2026, 3, 17),
        cooperation_with_supervisor=4,
        effort=4,
        punctuality_and_attendance=5,
        cooperation_with_coworkers=3,
        personal_presentation=4,
    )
    # Last week: 5, 5, 5, 5, 4 = 24 points / 5 = 4.80.
    DailyRatingFactory(
        worksite=site,
        work_date=D(2026, 3, 10),
        cooperation_with_supervisor=5,
        effort=5,
        punctuality_and_attendance=5,
        cooperation_with_coworkers=5,
        personal_presentation=4,
    )
    # Another site's rating this week: not this crew's.
    DailyRatingFactory(work_date=D(2026, 3, 16), effort=1)

    page = signed_in(supervisor).get(f"/transitional/crew/{site.pk}/")

    chart = page.context["readiness_chart"]
    assert row_for(chart, D(2026, 3, 16))[1:] == ["3.50", 2]
    assert row_for(chart, D(2026, 3, 9))[1:] == ["4.80", 1]
    assert row_for(chart, D(2026, 3, 2))[1:] == ["—", 0]
    html = page.content.decode()
    assert '<title id="chart-readiness-title">Crew readiness per week</title>' in html
    # The line joins this week to last week's dot; weeks without ratings are gaps.
    assert html.count('class="chart-point"') == 2


def test_crew_sheet_chart_costs_the_same_queries_for_few_or_many_ratings():
    supervisor = StaffFactory()
    site = WorkSiteFactory(supervisors=[supervisor])
    DailyRatingFactory(worksite=site, work_date=D(2026, 3, 16))
    client = signed_in(supervisor)
    few = queries_for(client, f"/transitional/crew/{site.pk}/?day=2026-03-19")
    for offset in range(40):
        DailyRatingFactory(worksite=site, work_date=D(2026, 1, 5) + dt.timedelta(days=offset))
    assert queries_for(client, f"/transitional/crew/{site.pk}/?day=2026-03-19") == few


def test_crew_sheet_without_ratings_shows_the_empty_state():
    supervisor = StaffFactory()
    site = WorkSiteFactory(supervisors=[supervisor])
    page = signed_in(supervisor).get(f"/transitional/crew/{site.pk}/").content.decode()
    assert "No ratings at this site in the last 12 weeks." in page
    assert 'class="chart"' not in page


# --- An employer's hires per month ------------------------------------------------------


def hired(count, *, employer, on):
    for _ in range(count):
        PlacementFactory(employer=employer, start_date=on)


def test_employer_results_chart_gives_hires_per_month_with_small_numbers_hidden(
    employer_user, employer, other_employer_user
):
    hired(6, employer=employer, on=D(2026, 3, 5))
    hired(2, employer=employer, on=D(2026, 1, 15))  # 1-4 people: "fewer than 5"
    hired(5, employer=employer, on=D(2025, 4, 1))  # the first of the 12 months
    hired(1, employer=employer, on=D(2025, 3, 31))  # before them: not counted
    other = other_employer_user.employer_membership.employer
    hired(3, employer=other, on=D(2026, 3, 5))  # another employer's: not Erin's

    page = signed_in(employer_user).get("/employer/results/")

    rows = dict(page.context["hires_chart"].rows)
    assert len(rows) == 12
    assert rows["March 2026"] == "6"
    assert rows["January 2026"] == "fewer than 5"
    # With one month hidden, the smallest shown one is hidden too: otherwise the 12
    # months' total (on the results table for that period) would give January away.
    assert rows["April 2025"] == "not shown"
    assert rows["February 2026"] == "0"
    html = page.content.decode()
    assert '<title id="chart-hires-title">Hires per month</title>' in html


def test_employer_results_chart_costs_the_same_queries_for_few_or_many_hires(
    employer_user, employer
):
    hired(1, employer=employer, on=D(2026, 3, 5))
    client = signed_in(employer_user)
    few = queries_for(client, "/employer/results/")
    hired(12, employer=employer, on=D(2025, 11, 5))
    assert queries_for(client, "/employer/results/") == few


def test_employer_results_without_hires_shows_the_empty_state(employer_user, employer):
    page = signed_in(employer_user).get("/employer/results/").content.decode()
    assert "No hires through the portal in the last 12 months yet." in page
    assert 'class="chart"' not in page


# --- Spanish ----------------------------------------------------------------------------


def test_charts_read_in_spanish(participant):
    mine = WorkAssignmentFactory(participant__user=participant, starts_on=D(2025, 12, 1))
    TimeEntryFactory(assignment=mine, work_date=D(2026, 3, 16), hours=Decimal("8.00"))
    with translation.override("es"):
        hours = charts.hours_chart(
            trends.hours_and_pay_per_week(participant=mine.participant, today=TODAY.date())
        )
        readiness = charts.readiness_chart(
            trends.readiness_per_week(worksite=mine.worksite, today=TODAY.date())
        )
    assert hours.title == "Horas por semana"
    assert hours.headers == ["Semana del", "Horas trabajadas", "Pago antes de impuestos"]
    assert hours.rows[0] == ["16 mar. 2026", "8.00", "$128.00"]
    assert "Sus horas en cada una de las últimas 12 semanas" in hours.svg
    assert readiness.title == "Preparación del equipo por semana"
    assert readiness.empty


def test_the_employer_dashboard_leads_to_the_hires_chart(employer_user, employer, staff_user):
    page = signed_in(employer_user).get("/dashboard/").content.decode()
    assert 'href="/employer/results/"' in page
    assert (
        'href="/employer/results/"' not in signed_in(staff_user).get("/dashboard/").content.decode()
    )
