"""Pay periods and payroll runs: overtime across a workweek, daily and weekly schedules,
a rate change mid-period, adjustments, locks, the state machine, the CSV, and the
property that a run's total is the sum of its stubs (and of the shifts x rates)."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from placements.models import (
    PayAdjustment,
    PayPeriod,
    PayrollRun,
    PayrollRunStatus,
    PaySchedule,
    PayStub,
    TimeEntry,
)
from placements.transitional.selectors import payroll_run_anomalies
from placements.transitional.services import (
    EXPORT_COLUMNS,
    pay_adjustment_create,
    pay_period_create,
    payroll_run_approve,
    payroll_run_create,
    payroll_run_export,
    payroll_run_recalculate,
    payroll_run_review,
    time_entry_update,
)
from portal.core.exceptions import ApplicationError, ConflictError, NotFoundError
from portal.core.money import to_money
from tests.factories.jobseekers import ParticipantFactory, StaffFactory
from tests.factories.transitional import (
    DailyRatingFactory,
    PayPeriodFactory,
    TimeEntryFactory,
    WorkAssignmentFactory,
)

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 3, 2)  # a Monday, the first day of the program's workweek


def week(start=MONDAY, schedule=PaySchedule.WEEKLY):
    return PayPeriodFactory(
        schedule=schedule,
        starts_on=start,
        ends_on=start + timedelta(days=6),
        pay_date=start + timedelta(days=8),
    )


def shifts(assignment, hours_by_day, start=MONDAY, approved_by=None):
    return [
        TimeEntryFactory(
            assignment=assignment,
            work_date=start + timedelta(days=offset),
            hours=Decimal(hours),
            approved_by=approved_by,
        )
        for offset, hours in enumerate(hours_by_day)
        if hours
    ]


def approve(run, admin):
    payroll_run_review(actor=admin, run=run)
    return payroll_run_approve(actor=admin, run=run)


@pytest.fixture
def weekly():
    return WorkAssignmentFactory(
        starts_on=date(2026, 2, 1), hourly_rate=Decimal("16.00"), pay_schedule=PaySchedule.WEEKLY
    )


def test_a_weekly_run_pays_overtime_past_40_hours_at_one_and_a_half(admin_user, weekly):
    shifts(weekly, ["9", "9", "9", "9", "9"])
    run = payroll_run_create(actor=admin_user, period=week())
    stub = run.stubs.get()
    assert (stub.regular_hours, stub.overtime_hours) == (Decimal("40.00"), Decimal("5.00"))
    assert stub.gross == Decimal("760.00")  # 40 x 16 + 5 x 24
    assert run.total_gross == Decimal("760.00")
    assert run.total_hours == Decimal("45.00")
    assert run.status == PayrollRunStatus.DRAFT
    assert TimeEntry.objects.paid_by(run.pk).count() == 5


def test_daily_pay_counts_overtime_across_the_workweek(admin_user):
    daily = WorkAssignmentFactory(
        starts_on=date(2026, 2, 1), hourly_rate=Decimal("20.00"), pay_schedule=PaySchedule.DAILY
    )
    shifts(daily, ["9", "9", "9", "9", "9"])
    grosses = []
    for offset in range(5):
        day = MONDAY + timedelta(days=offset)
        period = pay_period_create(
            actor=admin_user, schedule=PaySchedule.DAILY, starts_on=day, ends_on=day, pay_date=day
        )
        run = approve(payroll_run_create(actor=admin_user, period=period), admin_user)
        grosses.append(run.stubs.get().gross)
    # Four days of 9 hours are 36 regular hours; on Friday 4 more are regular, 5 overtime.
    assert grosses == [Decimal("180.00")] * 4 + [Decimal("230.00")]  # 4 x 20 + 5 x 30


def test_a_weekly_run_ignores_daily_assignments_and_the_reverse(admin_user, weekly):
    daily = WorkAssignmentFactory(starts_on=date(2026, 2, 1), pay_schedule=PaySchedule.DAILY)
    shifts(weekly, ["8"])
    shifts(daily, ["8"])
    run = payroll_run_create(actor=admin_user, period=week())
    assert list(run.stubs.values_list("participant_id", flat=True)) == [weekly.participant_id]


def test_a_rate_change_mid_period_pays_each_day_at_its_rate(admin_user, weekly):
    weekly.ends_on = MONDAY + timedelta(days=2)
    weekly.save()
    raised = WorkAssignmentFactory(
        participant=weekly.participant,
        worksite=weekly.worksite,
        starts_on=MONDAY + timedelta(days=3),
        hourly_rate=Decimal("18.00"),
    )
    shifts(weekly, ["8", "8", "8"])
    shifts(raised, ["8", "8"], start=MONDAY + timedelta(days=3))
    run = payroll_run_create(actor=admin_user, period=week())
    stub = run.stubs.get()
    assert stub.gross == Decimal("672.00")  # 24 x 16 + 16 x 18
    assert stub.rate_changed
    assert "rate_change" in {anomaly.kind for anomaly in payroll_run_anomalies(run=run)}


def test_approval_locks_the_run_and_its_shifts(admin_user, weekly):
    entry = shifts(weekly, ["8"])[0]
    run = payroll_run_create(actor=admin_user, period=week())
    with pytest.raises(ConflictError) as error:
        payroll_run_approve(actor=admin_user, run=run)
    assert "Review" in error.value.message
    approve(run, admin_user)
    assert TimeEntry.objects.get(pk=entry.pk).payment() == (run.pk, True)
    with pytest.raises(ConflictError):
        payroll_run_recalculate(actor=admin_user, run=run)
    with pytest.raises(ConflictError):
        payroll_run_review(actor=admin_user, run=run)
    with pytest.raises(ConflictError) as error:
        time_entry_update(actor=admin_user, entry=entry, hours="2")
    assert error.value.code == "entry_locked"
    entry.refresh_from_db()
    assert entry.hours == Decimal("8.00")
    run.refresh_from_db()
    assert run.status == PayrollRunStatus.APPROVED
    assert run.stubs.get().year_to_date_gross == Decimal("128.00")


def test_a_correction_after_approval_is_an_adjustment_in_the_next_run(admin_user, weekly):
    shifts(weekly, ["8"])
    first = approve(payroll_run_create(actor=admin_user, period=week()), admin_user)
    with pytest.raises(ApplicationError) as error:
        pay_adjustment_create(
            actor=admin_user,
            participant=weekly.participant,
            corrects_run=first,
            amount="20",
            reason=" ",
        )
    assert "reason" in error.value.fields
    pay_adjustment_create(
        actor=admin_user,
        participant=weekly.participant,
        corrects_run=first,
        amount="20.00",
        hours="1.25",
        reason="Missed shift on Monday",
    )
    shifts(weekly, ["8"], start=MONDAY + timedelta(days=7))
    second = payroll_run_create(actor=admin_user, period=week(MONDAY + timedelta(days=7)))
    stub = second.stubs.get()
    assert stub.adjustments_total == Decimal("20.00")
    assert stub.gross == Decimal("148.00")
    assert stub.adjustments.get().reason == "Missed shift on Monday"
    first.refresh_from_db()
    assert first.total_gross == Decimal("128.00")  # the locked run never changes
    approve(second, admin_user)
    assert second.stubs.get().year_to_date_gross == Decimal("276.00")


def test_an_adjustment_is_only_for_someone_who_was_on_a_crew(admin_user, weekly):
    shifts(weekly, ["8"])
    run = approve(payroll_run_create(actor=admin_user, period=week()), admin_user)
    with pytest.raises(ApplicationError) as error:
        pay_adjustment_create(
            actor=admin_user,
            participant=ParticipantFactory(),
            corrects_run=run,
            amount="5",
            reason="Paid to the wrong person",
        )
    assert error.value.message == "This person has never been on a crew."
    assert not PayAdjustment.objects.exists()


def test_an_adjustment_needs_an_approved_run_and_an_amount(admin_user, weekly):
    shifts(weekly, ["8"])
    draft = payroll_run_create(actor=admin_user, period=week())
    with pytest.raises(ConflictError):
        pay_adjustment_create(
            actor=admin_user,
            participant=weekly.participant,
            corrects_run=draft,
            amount="5",
            reason="x",
        )
    approved = approve(draft, admin_user)
    for bad in ("0", "abc"):
        with pytest.raises(ApplicationError) as error:
            pay_adjustment_create(
                actor=admin_user,
                participant=weekly.participant,
                corrects_run=approved,
                amount=bad,
                reason="x",
            )
        assert error.value.message == "Enter the amount in dollars, like 45.00 or -12.50."


def test_recalculating_a_draft_picks_up_late_shifts(admin_user, weekly):
    shifts(weekly, ["8"])
    run = payroll_run_create(actor=admin_user, period=week())
    TimeEntryFactory(assignment=weekly, work_date=MONDAY + timedelta(days=1), hours=Decimal("4"))
    assert "not_in_run" in {anomaly.kind for anomaly in payroll_run_anomalies(run=run)}
    run = payroll_run_recalculate(actor=admin_user, run=run)
    assert run.total_gross == Decimal("192.00")
    assert run.stubs.count() == 1


def test_a_second_run_for_a_period_is_refused(admin_user, weekly):
    period = week()
    payroll_run_create(actor=admin_user, period=period)
    with pytest.raises(ConflictError) as error:
        payroll_run_create(actor=admin_user, period=period)
    assert error.value.code == "run_exists"
    assert PayrollRun.objects.count() == 1


def test_a_run_waits_for_the_end_of_its_period(admin_user):
    period = PayPeriodFactory(starts_on=date.today(), ends_on=date.today() + timedelta(days=6))
    with pytest.raises(ConflictError):
        payroll_run_create(actor=admin_user, period=period)
    assert not PayrollRun.objects.exists()


def test_payroll_is_for_program_admins(staff_user):
    with pytest.raises(NotFoundError):
        payroll_run_create(actor=staff_user, period=week())
    with pytest.raises(NotFoundError):
        pay_period_create(
            actor=staff_user,
            schedule=PaySchedule.WEEKLY,
            starts_on=MONDAY,
            ends_on=MONDAY,
            pay_date=MONDAY,
        )


def test_export_once_in_the_documented_columns(admin_user, weekly):
    shifts(weekly, ["9", "9", "9", "9", "9"])
    run = payroll_run_create(actor=admin_user, period=week())
    with pytest.raises(ConflictError):
        payroll_run_export(actor=admin_user, run=run)
    approve(run, admin_user)
    rows = list(csv.DictReader(io.StringIO(payroll_run_export(actor=admin_user, run=run))))
    assert list(rows[0]) == EXPORT_COLUMNS
    assert rows[0]["participant_id"] == str(weekly.participant_id)
    assert (rows[0]["regular_hours"], rows[0]["overtime_hours"]) == ("40.00", "5.00")
    assert rows[0]["gross_pay"] == "760.00"
    assert rows[0]["pay_date"] == "2026-03-10"
    with pytest.raises(ConflictError) as error:
        payroll_run_export(actor=admin_user, run=run)
    assert "already exported" in error.value.message
    run.refresh_from_db()
    assert run.status == PayrollRunStatus.EXPORTED


def test_anomalies_before_approval(admin_user, weekly):
    supervisor = StaffFactory()
    shifts(weekly, ["11", "8"], approved_by=supervisor)
    DailyRatingFactory(participant=weekly.participant, worksite=weekly.worksite, work_date=MONDAY)
    shifts(weekly, ["6"], start=MONDAY + timedelta(days=2))
    run = payroll_run_create(actor=admin_user, period=week())
    found = {(anomaly.kind, anomaly.work_date) for anomaly in payroll_run_anomalies(run=run)}
    assert ("long_day", MONDAY) in found
    assert ("missing_rating", MONDAY + timedelta(days=1)) in found
    assert ("not_approved", MONDAY + timedelta(days=2)) in found
    assert ("not_approved", MONDAY) not in found


def test_the_anomaly_threshold_is_a_setting(admin_user, weekly):
    shifts(weekly, ["9"])
    run = payroll_run_create(actor=admin_user, period=week())
    with override_settings(PORTAL_ANOMALY_HOURS_PER_DAY="8"):
        assert "long_day" in {anomaly.kind for anomaly in payroll_run_anomalies(run=run)}
    assert "long_day" not in {anomaly.kind for anomaly in payroll_run_anomalies(run=run)}


# --- Pay periods ------------------------------------------------------------------------


def test_pay_periods_of_one_schedule_never_overlap(admin_user):
    pay_period_create(
        actor=admin_user,
        schedule=PaySchedule.WEEKLY,
        starts_on=MONDAY,
        ends_on=MONDAY + timedelta(days=6),
        pay_date=MONDAY + timedelta(days=8),
    )
    with pytest.raises(ConflictError) as error:
        pay_period_create(
            actor=admin_user,
            schedule=PaySchedule.WEEKLY,
            starts_on=MONDAY + timedelta(days=3),
            ends_on=MONDAY + timedelta(days=9),
            pay_date=MONDAY + timedelta(days=10),
        )
    assert error.value.code == "period_overlap"
    # A daily period on the same days is another schedule: fine.
    pay_period_create(
        actor=admin_user,
        schedule=PaySchedule.DAILY,
        starts_on=MONDAY,
        ends_on=MONDAY,
        pay_date=MONDAY,
    )
    assert PayPeriod.objects.count() == 2


@pytest.mark.parametrize(
    ("schedule", "length", "pay_after", "field"),
    [
        (PaySchedule.DAILY, 2, 0, "ends_on"),
        (PaySchedule.WEEKLY, 8, 0, "ends_on"),
        (PaySchedule.WEEKLY, 7, -1, "pay_date"),
        (PaySchedule.WEEKLY, 0, 0, "ends_on"),
    ],
)
def test_bad_pay_periods_are_refused(admin_user, schedule, length, pay_after, field):
    ends_on = MONDAY + timedelta(days=length - 1)
    with pytest.raises(ApplicationError) as error:
        pay_period_create(
            actor=admin_user,
            schedule=schedule,
            starts_on=MONDAY,
            ends_on=ends_on,
            pay_date=ends_on + timedelta(days=pay_after),
        )
    assert field in error.value.fields
    assert not PayPeriod.objects.exists()


# --- The run total is the sum of its stubs, and of the shifts x rates -------------------

hours_strategy = st.integers(min_value=1, max_value=48).map(lambda quarters: Decimal(quarters) / 4)
rate_strategy = st.integers(min_value=1500, max_value=2599).map(lambda cents: Decimal(cents) / 100)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    people=st.lists(
        st.tuples(rate_strategy, st.lists(hours_strategy, min_size=1, max_size=7)),
        min_size=1,
        max_size=4,
    ),
    overtime=st.booleans(),
)
def test_the_run_total_is_the_sum_of_stubs_and_of_shifts_times_rates(admin_user, people, overtime):
    threshold = "40" if overtime else "1000"
    with transaction.atomic(), override_settings(PORTAL_OVERTIME_WEEKLY_THRESHOLD=threshold):
        expected = Decimal(0)
        for rate, days in people:
            assignment = WorkAssignmentFactory(starts_on=date(2026, 2, 1), hourly_rate=rate)
            shifts(assignment, days)
            worked = sum(days, Decimal(0))
            premium = max(worked - 40, 0) * rate * Decimal("0.5") if overtime else 0
            expected += to_money(worked * rate + premium)
        run = payroll_run_create(actor=admin_user, period=week())
        stubs = list(PayStub.objects.filter(run=run))
        assert run.total_gross == sum(stub.gross for stub in stubs)
        assert run.total_gross == expected
        assert all(stub.gross == stub.gross.quantize(Decimal("0.01")) for stub in stubs)
        transaction.set_rollback(True)
