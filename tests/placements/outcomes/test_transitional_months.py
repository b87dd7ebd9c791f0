"""The transitional-jobs figure reads whole months from the monthly sums of the shifts and
the cut days from the shifts: worked out by hand here for a period that cuts two months,
with shifts on either side of each edge and shifts corrected and deleted before the
report; and the same numbers as counting the shifts for periods cut every way."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Count, Sum

from placements.models import TimeEntry
from placements.outcomes.periods import Period
from placements.outcomes.report import outcomes_report
from placements.outcomes.selectors import Scope, transitional_jobs
from tests.factories.transitional import TimeEntryFactory, WorkAssignmentFactory

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2025, 6, 1)
# January and March are cut (15 January to 10 March); February is whole.
PERIOD = Period(start=D(2025, 1, 15), end=D(2025, 3, 10))


def shift(assignment, day, hours="8.00"):
    return TimeEntryFactory(assignment=assignment, work_date=day, hours=Decimal(hours))


@pytest.fixture
def crew():
    """P1: the day before and after each edge (8 + 8 + 4 inside); P2: only February;
    P3: only the cut days (31 January, 1 March); P4: a February shift corrected to 2 h
    and one deleted."""
    p1, p2, p3, p4 = (WorkAssignmentFactory(starts_on=D(2025, 1, 1)) for _index in range(4))
    shift(p1, D(2025, 1, 14))
    shift(p1, D(2025, 1, 15))
    shift(p1, D(2025, 2, 3))
    shift(p1, D(2025, 3, 10), "4.00")
    shift(p1, D(2025, 3, 11))
    shift(p2, D(2025, 2, 27), "6.50")
    shift(p3, D(2025, 1, 31), "5.00")
    shift(p3, D(2025, 3, 1), "3.00")
    corrected = shift(p4, D(2025, 2, 10))
    corrected.hours = Decimal("2.00")
    corrected.save()
    shift(p4, D(2025, 2, 11)).delete()
    return p1, p2, p3, p4


def test_a_period_cutting_two_months_worked_by_hand(crew):
    figure = outcomes_report(period=PERIOD, today=TODAY).figures["transitional_jobs"]
    # People 4; hours 20 + 6.5 + 8 + 2 = 36.50.
    assert figure.value == 4
    assert figure.measure("people") == 4
    assert figure.measure("hours") == Decimal("36.50")


def test_one_facilitators_people(crew):
    p1, _p2, p3, _p4 = crew
    facilitator = p3.participant.facilitator
    assert facilitator is not None
    type(p1.participant).objects.filter(pk=p1.participant.pk).update(facilitator=facilitator)
    figure = transitional_jobs(period=PERIOD, scope=Scope(facilitator_id=facilitator.pk))
    assert (figure.measure("people"), figure.measure("hours")) == (2, Decimal("28.00"))


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2025, 1, 1), D(2025, 3, 31)),  # whole months only
        (D(2025, 1, 15), D(2025, 1, 31)),  # no whole month, to a month's end
        (D(2025, 2, 1), D(2025, 2, 10)),  # no whole month, from a month's start
        (D(2025, 1, 16), D(2025, 3, 9)),  # just inside the shifts at the edges
        (D(2025, 3, 10), D(2025, 3, 10)),  # one day
        (D(2024, 12, 1), D(2025, 5, 31)),  # months with no shifts
    ],
)
def test_the_same_numbers_as_counting_the_shifts(crew, start, end):
    period = Period(start=start, end=end)
    expected = TimeEntry.objects.filter(work_date__range=(start, end)).aggregate(
        people=Count("participant", distinct=True), hours=Sum("hours")
    )
    figure = transitional_jobs(period=period)
    assert figure.measure("people") == expected["people"]
    assert figure.measure("hours") == (expected["hours"] or Decimal("0"))
