"""A payroll run claims its shifts instead of writing to each (issue 15): every shift is
paid by exactly one run, late shifts go to the next run, building a draft again never
takes shifts a later run already paid, shifts paid before claims keep their run, and
the API still says which run pays a shift and whether it is locked."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from placements.models import PayrollRun, PaySchedule, TimeEntry
from placements.transitional.services import (
    payroll_run_approve,
    payroll_run_create,
    payroll_run_recalculate,
    payroll_run_review,
)
from tests.factories.transitional import PayPeriodFactory, TimeEntryFactory, WorkAssignmentFactory

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 3, 2)


def week(start):
    return PayPeriodFactory(
        schedule=PaySchedule.WEEKLY,
        starts_on=start,
        ends_on=start + timedelta(days=6),
        pay_date=start + timedelta(days=8),
    )


def shift(assignment, day, hours="8"):
    return TimeEntryFactory(assignment=assignment, work_date=day, hours=Decimal(hours))


@pytest.fixture
def worker():
    return WorkAssignmentFactory(
        pay_schedule=PaySchedule.WEEKLY, hourly_rate=Decimal("16.00"), starts_on=date(2026, 1, 5)
    )


def paid_hours_by_run():
    totals = {}
    for entry in TimeEntry.objects.with_payment():
        totals[entry.paid_run_id] = totals.get(entry.paid_run_id, 0) + entry.hours
    return totals


def test_a_late_shift_of_a_paid_week_is_paid_once_by_the_next_run(admin_user, worker):
    first_week, second_week = week(MONDAY), week(MONDAY + timedelta(days=7))
    shift(worker, MONDAY)
    first = payroll_run_create(actor=admin_user, period=first_week)
    late = shift(worker, MONDAY + timedelta(days=1), "5")  # recorded after the first run
    shift(worker, MONDAY + timedelta(days=8), "6")
    second = payroll_run_create(actor=admin_user, period=second_week)
    assert late.payment() == (second.pk, False)
    assert (first.total_hours, second.total_hours) == (Decimal("8.00"), Decimal("11.00"))
    assert paid_hours_by_run() == {first.pk: Decimal("8.00"), second.pk: Decimal("11.00")}


def test_building_a_draft_again_never_takes_what_a_later_run_paid(admin_user, worker):
    first_week, second_week = week(MONDAY), week(MONDAY + timedelta(days=7))
    shift(worker, MONDAY)
    first = payroll_run_create(actor=admin_user, period=first_week)
    shift(worker, MONDAY + timedelta(days=1), "5")  # late: the second run pays it
    shift(worker, MONDAY + timedelta(days=8), "6")
    second = payroll_run_create(actor=admin_user, period=second_week)
    later = shift(worker, MONDAY + timedelta(days=2), "3")  # later still: first's rebuild
    first = payroll_run_recalculate(actor=admin_user, run=first)
    second.refresh_from_db()
    assert later.payment() == (first.pk, False)
    assert (first.total_hours, second.total_hours) == (Decimal("11.00"), Decimal("11.00"))
    assert paid_hours_by_run() == {first.pk: Decimal("11.00"), second.pk: Decimal("11.00")}
    assert first.stubs.get().gross == Decimal("176.00")


def test_an_approved_run_locks_its_shifts_without_writing_to_them(admin_user, worker):
    entry = shift(worker, MONDAY)
    run = payroll_run_create(actor=admin_user, period=week(MONDAY))
    payroll_run_review(actor=admin_user, run=run)
    with CaptureQueriesContext(connection) as queries:
        payroll_run_approve(actor=admin_user, run=run)
    table = TimeEntry._meta.db_table
    assert not [q for q in queries if q["sql"].startswith("UPDATE") and table in q["sql"]]
    client = APIClient()
    client.force_authenticate(admin_user)
    response = client.get(f"/api/v1/transitional/time-entries/{entry.pk}/")
    assert response.status_code == 200, response.content
    assert (response.json()["payroll_run"], response.json()["locked"]) == (run.pk, True)


def test_shifts_paid_before_claims_keep_their_run(admin_user, worker):
    """What the migration relies on: a shift marked with its run, row by row, as runs
    did before claims, stays paid by that run; a new run does not pay it again."""
    old_period = week(MONDAY)
    old_run = PayrollRun.objects.create(period=old_period, status="approved")
    old = shift(worker, MONDAY)
    TimeEntry.objects.filter(pk=old.pk).update(payroll_run=old_run, locked=True)
    new = shift(worker, MONDAY + timedelta(days=7))
    run = payroll_run_create(actor=admin_user, period=week(MONDAY + timedelta(days=7)))
    assert old.payment() == (old_run.pk, True)
    assert new.payment() == (run.pk, False)
    assert run.total_hours == Decimal("8.00")
