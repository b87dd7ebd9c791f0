"""The payroll run prices shifts set-based on PostgreSQL (one statement summing per
person and rate): on random shifts, with overtime across workweeks, rate changes,
several shifts a day and hours already paid in an earlier run of the same week, it
gives exactly, to the cent, what `pricing.price_shifts` gives shift by shift, and so do
the stubs it writes in one statement."""

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection

from placements.models import PayrollRun, PaySchedule, TimeEntry
from placements.transitional.services import payroll_build as payroll
from tests.factories.transitional import PayPeriodFactory, TimeEntryFactory, WorkAssignmentFactory

pytestmark = pytest.mark.django_db

WEDNESDAY = date(2026, 3, 4)  # a period starting mid-week: earlier days were paid before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the set-based path is PostgreSQL's")
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_set_based_pricing_equals_pricing_shift_by_shift(seed):
    rng = random.Random(seed)
    earlier = PayPeriodFactory(
        starts_on=WEDNESDAY - timedelta(days=7),
        ends_on=WEDNESDAY - timedelta(days=1),
        pay_date=WEDNESDAY,
    )
    earlier_run = PayrollRun.objects.create(period=earlier)
    period = PayPeriodFactory(
        starts_on=WEDNESDAY,
        ends_on=WEDNESDAY + timedelta(days=6),
        pay_date=WEDNESDAY + timedelta(days=8),
    )
    for _person in range(12):
        assignment = WorkAssignmentFactory(pay_schedule=PaySchedule.WEEKLY)
        for day in range(-9, 7):
            for shift in range(rng.choice([0, 1, 1, 2])):
                TimeEntryFactory(
                    assignment=assignment,
                    work_date=WEDNESDAY + timedelta(days=day),
                    clock_in=None if shift == 0 else f"{12 + shift}:00",
                    hours=Decimal(rng.randint(4, 52)) / 4,
                    # A raise now and then, and rates with odd cents.
                    hourly_rate=Decimal(rng.choice([1500, 1500, 1633, 1875])) / 100,
                    payroll_run=earlier_run if day < 0 else None,
                )
    unpaid = TimeEntry.objects.filter(payroll_run__isnull=True)
    paid = TimeEntry.objects.filter(payroll_run=earlier_run)
    options = {"threshold": Decimal("40"), "multiplier": Decimal("1.5")}
    in_sql, count_sql = payroll._priced_in_sql(unpaid, paid, period, **options)
    in_python, count_python = payroll._priced_in_python(unpaid, paid, period, **options)
    assert count_sql == count_python == unpaid.count()
    assert in_sql == in_python
    assert any(priced.overtime for priced in in_python.values())
    assert any(len(priced.rates) > 1 for priced in in_python.values())
    # The stubs written by one statement say what the Python pricing says, to the cent.
    run = PayrollRun.objects.create(period=period)
    payroll._stubs_in_sql(unpaid, paid, run, **options)
    stubs = {stub.participant_id: stub for stub in run.stubs.all()}
    assert set(stubs) == set(in_python)
    for participant_id, priced in in_python.items():
        stub = stubs[participant_id]
        assert (stub.regular_hours, stub.overtime_hours) == (priced.regular, priced.overtime)
        assert stub.work_pay == stub.gross == priced.gross
        assert (stub.hourly_rate, stub.rate_changed) == (priced.rates[-1], len(priced.rates) > 1)
