"""The monthly sums of each person's shifts (TimeEntryMonth, kept by the database's
triggers) stay equal to the shifts themselves whoever writes them: the services, a bulk
insert or COPY, an edit that moves a shift, a delete, all in one transaction; and the
period totals read from them are the shifts' own count and sum."""

from collections import defaultdict
from datetime import date, time
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.models import Count, Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from placements.models import TimeEntry, TimeEntryMonth
from placements.transitional import selectors
from placements.transitional.services import (
    CrewRow,
    crew_day_approve,
    crew_day_record,
    time_entry_create,
    time_entry_update,
)
from portal.core.demo import copy_rows
from tests.e2e.snapshot import TableSnapshot
from tests.factories.jobseekers import StaffFactory
from tests.factories.transitional import (
    TimeEntryFactory,
    WorkAssignmentFactory,
    WorkSiteFactory,
    days_ago,
)

pytestmark = pytest.mark.django_db


def from_shifts() -> dict:
    """(person, first of month) -> (shifts, hours), worked out from the shifts in Python."""
    months = defaultdict(lambda: [0, Decimal("0")])
    for person, day, hours in TimeEntry.objects.values_list("participant_id", "work_date", "hours"):
        total = months[(person, day.replace(day=1))]
        total[0] += 1
        total[1] += hours
    return {key: (shifts, hours) for key, (shifts, hours) in months.items()}


def stored() -> dict:
    return {
        (person, month): (shifts, hours)
        for person, month, shifts, hours in TimeEntryMonth.objects.values_list(
            "participant_id", "month", "shifts", "hours"
        )
    }


@pytest.fixture
def supervisor():
    return StaffFactory()


@pytest.fixture
def assignment(supervisor):
    return WorkAssignmentFactory(
        worksite=WorkSiteFactory(supervisors=[supervisor]), starts_on=days_ago(90)
    )


def test_shifts_recorded_and_corrected_by_the_services(supervisor, assignment):
    person = assignment.participant.pk
    first = time_entry_create(
        actor=supervisor,
        worksite=assignment.worksite,
        participant=assignment.participant,
        work_date=days_ago(40),
        hours="8",
    )
    time_entry_create(
        actor=supervisor,
        worksite=assignment.worksite,
        participant=assignment.participant,
        work_date=days_ago(2),
        clock_in=time(8),
        clock_out=time(12, 30),
    )
    crew_day_record(
        actor=supervisor,
        worksite=assignment.worksite,
        work_date=days_ago(1),
        rows=[CrewRow(participant=assignment.participant, hours=Decimal("6"))],
    )
    assert stored() == from_shifts()
    assert sum(shifts for shifts, _hours in stored().values()) == 3

    time_entry_update(actor=supervisor, entry=first, hours="5.5")
    # 40 days back is another month than the other two shifts: only this one in it.
    assert stored()[(person, days_ago(40).replace(day=1))] == (1, Decimal("5.50"))
    assert stored() == from_shifts()
    assert sum(hours for _shifts, hours in stored().values()) == Decimal("16.00")

    # Approving a day rewrites other columns of its shifts: the sums do not move.
    crew_day_approve(actor=supervisor, worksite=assignment.worksite, work_date=days_ago(2))
    assert stored() == from_shifts()


def test_a_deleted_shift_is_taken_away_and_an_empty_month_goes():
    january = TimeEntryFactory(work_date=date(2026, 1, 5), hours=Decimal("8.00"))
    TimeEntryFactory(
        assignment=january.assignment, work_date=date(2026, 1, 6), hours=Decimal("7.25")
    )
    february = TimeEntryFactory(assignment=january.assignment, work_date=date(2026, 2, 2))
    person = january.participant_id
    assert stored()[(person, date(2026, 1, 1))] == (2, Decimal("15.25"))

    january.delete()
    assert stored()[(person, date(2026, 1, 1))] == (1, Decimal("7.25"))
    february.delete()
    assert (person, date(2026, 2, 1)) not in stored()
    TimeEntry.objects.filter(participant_id=person).delete()
    assert stored() == {} == from_shifts()


def test_a_shift_moved_to_another_day_person_or_hours():
    shift = TimeEntryFactory(work_date=date(2026, 3, 31), hours=Decimal("8.00"))
    other = WorkAssignmentFactory(worksite=shift.worksite)
    TimeEntryFactory(assignment=other, work_date=date(2026, 4, 1), hours=Decimal("4.00"))

    TimeEntry.objects.filter(pk=shift.pk).update(work_date=date(2026, 4, 1))
    assert stored() == from_shifts()
    assert (shift.participant_id, date(2026, 3, 1)) not in stored()

    TimeEntry.objects.filter(pk=shift.pk).update(participant=other.participant)
    assert stored() == {(other.participant_id, date(2026, 4, 1)): (2, Decimal("12.00"))}

    shift.refresh_from_db()
    shift.hours = Decimal("2.50")
    shift.save()
    assert stored() == {(other.participant_id, date(2026, 4, 1)): (2, Decimal("6.50"))}


COPIED_FIELDS = [
    "participant_id",
    "assignment_id",
    "worksite_id",
    "work_date",
    "hours",
    "hourly_rate",
    "crosses_midnight",
    "break_minutes",
    "locked",
    "created_at",
]


def test_many_writes_in_one_transaction_and_bulk_loads():
    assignment = WorkAssignmentFactory()
    with transaction.atomic():
        shifts = [
            TimeEntryFactory(assignment=assignment, work_date=date(2026, 5, day))
            for day in range(1, 8)
        ]
        TimeEntry.objects.filter(pk=shifts[0].pk).update(hours=Decimal("3.00"))
        shifts[1].delete()
        TimeEntry.objects.bulk_create(
            TimeEntry(
                participant=assignment.participant,
                assignment=assignment,
                worksite=assignment.worksite,
                work_date=date(2026, 6, day),
                hours=Decimal("7.50"),
                hourly_rate=assignment.hourly_rate,
            )
            for day in range(1, 4)
        )
        # The way `seed_demo --scale large` loads a million shifts (COPY on PostgreSQL).
        copy_rows(
            TimeEntry,
            COPIED_FIELDS,
            (
                (
                    assignment.participant_id,
                    assignment.pk,
                    assignment.worksite_id,
                    date(2026, 7, day),
                    Decimal("8.00"),
                    assignment.hourly_rate,
                    False,
                    0,
                    False,
                    shifts[0].created_at,
                )
                for day in range(1, 11)
            ),
        )
        assert stored() == from_shifts()
    person = assignment.participant_id
    assert stored() == {
        (person, date(2026, 5, 1)): (6, Decimal("43.00")),
        (person, date(2026, 6, 1)): (3, Decimal("22.50")),
        (person, date(2026, 7, 1)): (10, Decimal("80.00")),
    }


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the browser tests' snapshot is PostgreSQL's"
)
def test_the_browser_tests_snapshot_puts_the_sums_back_once():
    """tests/e2e/snapshot.py empties every table and COPYs the seeded rows back: the
    shifts' trigger refills the sums, which are not copied themselves."""
    TimeEntryFactory(work_date=date(2026, 1, 5))
    TimeEntryFactory(work_date=date(2026, 2, 5), hours=Decimal("6.00"))
    snapshot = TableSnapshot.take()
    TimeEntryFactory(work_date=date(2026, 3, 5))
    snapshot.restore()
    assert TimeEntry.objects.count() == 2
    assert stored() == from_shifts()
    assert sum(hours for _shifts, hours in stored().values()) == Decimal("14.00")


# --- The period totals: whole months from the sums, cut days from the shifts -----------

DAY_ONE = date(2025, 11, 20)
hours_strategy = st.integers(min_value=1, max_value=48).map(lambda quarters: Decimal(quarters) / 4)


@pytest.fixture
def crew():
    return [WorkAssignmentFactory(starts_on=DAY_ONE) for _index in range(3)]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    shifts=st.dictionaries(
        st.tuples(st.integers(0, 2), st.integers(0, 130)), hours_strategy, max_size=40
    ),
    first=st.integers(0, 140),
    length=st.integers(0, 140),
)
def test_period_totals_equal_counting_the_shifts(crew, shifts, first, length):
    """Any period (whole months, cut months, none whole, one day, past the last shift)
    gives the people and hours of the shifts themselves."""
    start = date.fromordinal(DAY_ONE.toordinal() + first)
    end = date.fromordinal(start.toordinal() + length)
    with transaction.atomic():
        TimeEntry.objects.bulk_create(
            TimeEntry(
                participant_id=crew[person].participant_id,
                assignment=crew[person],
                worksite_id=crew[person].worksite_id,
                work_date=date.fromordinal(DAY_ONE.toordinal() + day),
                hours=hours,
                hourly_rate=crew[person].hourly_rate,
            )
            for (person, day), hours in shifts.items()
        )
        expected = TimeEntry.objects.filter(work_date__range=(start, end)).aggregate(
            people=Count("participant", distinct=True), hours=Sum("hours")
        )
        assert selectors.work_totals_for_reports(start=start, end=end) == expected
        transaction.set_rollback(True)
