"""Two people at once on PostgreSQL: approving or exporting one run, or starting two runs
for one period. Exactly one succeeds, the other gets a clear error, nobody is paid
twice."""

import threading
from datetime import date, timedelta

import pytest
from django.db import connection

from placements.models import PayrollRun, PayrollRunStatus, PayStub, TimeEntry
from placements.transitional.services import (
    payroll_run_approve,
    payroll_run_create,
    payroll_run_export,
    payroll_run_review,
)
from portal.core.exceptions import ConflictError
from portal.core.models import Role
from tests.factories.transitional import PayPeriodFactory, TimeEntryFactory, WorkAssignmentFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def race(action, actors):
    """Run `action(actor)` in one thread per actor, released together."""
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite has no row locks (select_for_update) to race on.")
    barrier = threading.Barrier(len(actors))
    results: list[str] = []

    def go(actor):
        try:
            barrier.wait()
            action(actor)
            results.append("ok")
        except ConflictError as error:
            results.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=go, args=(actor,)) for actor in actors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(results)


@pytest.fixture
def admins():
    return [UserFactory(role=Role.ADMIN, username=f"admin{n}") for n in range(2)]


@pytest.fixture
def period():
    for _ in range(3):
        assignment = WorkAssignmentFactory(starts_on=date(2026, 2, 1))
        for offset in range(5):
            TimeEntryFactory(
                assignment=assignment, work_date=date(2026, 3, 2) + timedelta(days=offset)
            )
    return PayPeriodFactory(
        starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 8), pay_date=date(2026, 3, 10)
    )


def test_two_runs_for_one_period_one_wins(admins, period):
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite has no row locks (select_for_update) to race on.")
    results = race(lambda actor: payroll_run_create(actor=actor, period=period), admins)
    assert results == ["ok", "run_exists"]
    assert PayrollRun.objects.count() == 1
    assert PayStub.objects.count() == 3
    assert TimeEntry.objects.unpaid().count() == 0


def test_two_approvals_of_one_run_one_wins(admins, period):
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite has no row locks (select_for_update) to race on.")
    run = payroll_run_create(actor=admins[0], period=period)
    payroll_run_review(actor=admins[0], run=run)
    results = race(lambda actor: payroll_run_approve(actor=actor, run=run), admins)
    assert results == ["ok", "run_approved"]
    run.refresh_from_db()
    assert run.status == PayrollRunStatus.APPROVED


def test_two_exports_of_one_run_one_wins(admins, period):
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite has no row locks (select_for_update) to race on.")
    run = payroll_run_create(actor=admins[0], period=period)
    payroll_run_review(actor=admins[0], run=run)
    payroll_run_approve(actor=admins[0], run=run)
    results = race(lambda actor: payroll_run_export(actor=actor, run=run), admins)
    assert results == ["ok", "run_exported"]
    run.refresh_from_db()
    assert run.status == PayrollRunStatus.EXPORTED


def test_two_supervisors_saving_one_shift_record_it_once():
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite has no row locks (select_for_update) to race on.")
    from decimal import Decimal

    from placements.transitional.services import time_entry_create
    from tests.factories.jobseekers import StaffFactory
    from tests.factories.transitional import WorkSiteFactory, days_ago

    supervisors = [StaffFactory(username=f"sup{n}") for n in range(2)]
    site = WorkSiteFactory(supervisors=supervisors)
    assignment = WorkAssignmentFactory(worksite=site, starts_on=days_ago(10))

    def save(actor):
        time_entry_create(
            actor=actor,
            worksite=site,
            participant=assignment.participant,
            work_date=days_ago(1),
            hours=Decimal("8"),
        )

    assert race(save, supervisors) == ["ok", "overlapping_entry"]
    assert TimeEntry.objects.filter(participant=assignment.participant).count() == 1


def test_two_runs_at_once_pay_a_pending_adjustment_once(admins):
    """A weekly and a daily run built at the same moment must not both pay the same
    pending adjustment."""
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite has no row locks (select_for_update) to race on.")
    from decimal import Decimal

    from placements.models import PayAdjustment, PaySchedule

    weekly = WorkAssignmentFactory(starts_on=date(2026, 2, 1), pay_schedule=PaySchedule.WEEKLY)
    daily = WorkAssignmentFactory(starts_on=date(2026, 2, 1), pay_schedule=PaySchedule.DAILY)
    TimeEntryFactory(assignment=weekly, work_date=date(2026, 3, 3))
    TimeEntryFactory(assignment=daily, work_date=date(2026, 3, 3))
    week = PayPeriodFactory(
        starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 8), pay_date=date(2026, 3, 10)
    )
    day = PayPeriodFactory(
        schedule=PaySchedule.DAILY,
        starts_on=date(2026, 3, 3),
        ends_on=date(2026, 3, 3),
        pay_date=date(2026, 3, 4),
    )
    earlier = PayrollRun.objects.create(period=PayPeriodFactory(), status=PayrollRunStatus.APPROVED)
    PayAdjustment.objects.create(
        participant=weekly.participant,
        corrects_run=earlier,
        amount=Decimal("40.00"),
        reason="Missed shift",
    )
    periods = {admins[0].pk: week, admins[1].pk: day}
    results = race(lambda actor: payroll_run_create(actor=actor, period=periods[actor.pk]), admins)
    assert "ok" in results
    paid = PayStub.objects.filter(adjustments_total=Decimal("40.00")).count()
    assert paid == 1
