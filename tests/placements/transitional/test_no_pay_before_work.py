"""No pay before the work (issue 17): a crew day was saved and approved at 9:17 a.m. with a
clock-out of 4 p.m., and that day's payroll was run, approved and exported before the
shift ended. A shift is approved only once it has ended; a payroll run covers only days
that have ended. The clock is moved with time-machine, in the program's time zone."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from placements.models import PayrollRun, PaySchedule, PayStub, TimeEntry
from placements.transitional.services import (
    CrewRow,
    crew_day_approve,
    crew_day_record,
    payroll_run_approve,
    payroll_run_create,
    payroll_run_review,
)
from portal.core.exceptions import ConflictError
from portal.core.models import AuditEvent
from tests.factories.jobseekers import ParticipantFactory, StaffFactory
from tests.factories.transitional import (
    PayPeriodFactory,
    TimeEntryFactory,
    WorkAssignmentFactory,
    WorkSiteFactory,
)

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")
DAY = date(2026, 3, 4)  # a Wednesday


def at(day: date, hour: int, minute: int = 0):
    """Move the clock to `hour:minute` of `day` in the program's time zone."""
    return time_machine.travel(
        datetime.combine(day, time(hour, minute), tzinfo=CHICAGO), tick=False
    )


@pytest.fixture
def crew():
    supervisor = StaffFactory(username="sam")
    site = WorkSiteFactory(supervisors=[supervisor])
    pat = ParticipantFactory(first_name="Pat", last_name="Doe", preferred_name="")
    assignment = WorkAssignmentFactory(
        participant=pat,
        worksite=site,
        starts_on=DAY - timedelta(days=30),
        pay_schedule=PaySchedule.DAILY,
        hourly_rate=Decimal("15.50"),
    )
    return supervisor, site, assignment


def _save_the_day(supervisor, site, assignment, **row):
    values = {"clock_in": time(8), "clock_out": time(16), "break_minutes": 30, **row}
    return crew_day_record(
        actor=supervisor,
        worksite=site,
        work_date=DAY,
        rows=[CrewRow(participant=assignment.participant, **values)],
    )


def test_the_issues_case_a_day_approved_at_9_17_with_a_4_pm_clock_out_is_refused(crew):
    supervisor, site, assignment = crew
    with at(DAY, 9, 17):
        _save_the_day(supervisor, site, assignment)
        with pytest.raises(ConflictError) as error:
            crew_day_approve(actor=supervisor, worksite=site, work_date=DAY)
    assert error.value.code == "shift_not_ended"
    assert "only once it has ended" in error.value.message
    assert "Pat Doe, ends at 4 p.m." in error.value.message
    # Nothing changed.
    assert TimeEntry.objects.get().approved_by is None
    assert not AuditEvent.objects.filter(action="transitional.crew_day_approved").exists()

    with at(DAY, 16, 1):
        assert crew_day_approve(actor=supervisor, worksite=site, work_date=DAY) == 1
    assert TimeEntry.objects.get().approved_by == supervisor


def test_a_shift_past_midnight_is_approved_the_next_morning(crew):
    supervisor, site, assignment = crew
    with at(DAY, 23):
        _save_the_day(
            supervisor,
            site,
            assignment,
            clock_in=time(18),
            clock_out=time(2),
            crosses_midnight=True,
            break_minutes=0,
        )
    with at(DAY + timedelta(days=1), 1, 30), pytest.raises(ConflictError):
        crew_day_approve(actor=supervisor, worksite=site, work_date=DAY)
    with at(DAY + timedelta(days=1), 2):
        assert crew_day_approve(actor=supervisor, worksite=site, work_date=DAY) == 1


def test_hours_typed_in_without_clock_times_wait_for_the_end_of_the_day(crew):
    supervisor, site, assignment = crew
    with at(DAY, 17):
        _save_the_day(
            supervisor, site, assignment, clock_in=None, clock_out=None, hours=Decimal("6")
        )
        with pytest.raises(ConflictError):
            crew_day_approve(actor=supervisor, worksite=site, work_date=DAY)
    with at(DAY + timedelta(days=1), 0, 5):
        assert crew_day_approve(actor=supervisor, worksite=site, work_date=DAY) == 1


def test_a_payroll_run_waits_until_its_last_day_has_ended(crew, admin_user):
    supervisor, site, assignment = crew
    period = PayPeriodFactory(
        schedule=PaySchedule.DAILY, starts_on=DAY, ends_on=DAY, pay_date=DAY + timedelta(days=1)
    )
    with at(DAY, 9, 17):
        _save_the_day(supervisor, site, assignment)
    with at(DAY, 16, 30):
        crew_day_approve(actor=supervisor, worksite=site, work_date=DAY)
        # The shift is over, but the day is not: a late shift could still be recorded.
        with pytest.raises(ConflictError) as error:
            payroll_run_create(actor=admin_user, period=period)
    assert error.value.code == "period_not_ended"
    assert "has not ended yet" in error.value.message
    assert "March 5, 2026" in error.value.message  # from when it can be run
    assert not PayrollRun.objects.exists() and not PayStub.objects.exists()
    assert TimeEntry.objects.get().payment() == (None, False)

    with at(DAY + timedelta(days=1), 8):
        run = payroll_run_create(actor=admin_user, period=period)
    assert run.total_gross == Decimal("116.25")  # 7.5 hours at $15.50


def test_a_run_built_before_the_rule_is_not_approved_before_the_day_ends(crew, admin_user):
    _supervisor, _site, assignment = crew
    period = PayPeriodFactory(schedule=PaySchedule.DAILY, starts_on=DAY, ends_on=DAY, pay_date=DAY)
    TimeEntryFactory(assignment=assignment, work_date=DAY)
    run = PayrollRun.objects.create(period=period, created_by=admin_user)
    with at(DAY, 10):
        payroll_run_review(actor=admin_user, run=run)
        with pytest.raises(ConflictError) as error:
            payroll_run_approve(actor=admin_user, run=run)
    assert error.value.code == "period_not_ended"
    run.refresh_from_db()
    assert run.status == "reviewed" and run.approved_by is None


def test_a_shift_still_running_past_midnight_waits_for_the_next_run(crew, admin_user):
    _supervisor, _site, assignment = crew
    TimeEntryFactory(assignment=assignment, work_date=DAY, clock_in=time(8), clock_out=time(16))
    night = TimeEntryFactory(
        assignment=assignment,
        work_date=DAY,
        clock_in=time(22),
        clock_out=time(6),
        crosses_midnight=True,
        hours=Decimal("4.00"),
    )
    period = PayPeriodFactory(
        schedule=PaySchedule.DAILY, starts_on=DAY, ends_on=DAY, pay_date=DAY + timedelta(days=1)
    )
    with at(DAY + timedelta(days=1), 3):
        run = payroll_run_create(actor=admin_user, period=period)
    assert night.payment() == (None, False)  # paid in the next run, never lost
    assert run.total_hours == Decimal("8.00")
    following = PayPeriodFactory(
        schedule=PaySchedule.DAILY,
        starts_on=DAY + timedelta(days=1),
        ends_on=DAY + timedelta(days=1),
        pay_date=DAY + timedelta(days=2),
    )
    with at(DAY + timedelta(days=2), 9):
        next_run = payroll_run_create(actor=admin_user, period=following)
    assert night.payment() == (next_run.pk, False)
    assert next_run.total_hours == Decimal("4.00")


def test_the_api_refuses_with_409_and_the_reason(crew, admin_user):
    supervisor, site, assignment = crew
    period = PayPeriodFactory(
        schedule=PaySchedule.DAILY, starts_on=DAY, ends_on=DAY, pay_date=DAY + timedelta(days=1)
    )
    api = APIClient()
    with at(DAY, 9, 17):
        _save_the_day(supervisor, site, assignment)
        api.force_authenticate(supervisor)
        response = api.post(
            "/api/v1/transitional/time-entries/approve-day/",
            {"worksite": site.pk, "work_date": DAY.isoformat()},
            format="json",
        )
        assert response.status_code == 409
        assert response.json()["code"] == "shift_not_ended"
        api.force_authenticate(admin_user)
        response = api.post(
            "/api/v1/transitional/payroll-runs/", {"period": period.pk}, format="json"
        )
        assert response.status_code == 409
        assert response.json()["code"] == "period_not_ended"
    assert TimeEntry.objects.get().approved_by is None
    assert not PayrollRun.objects.exists()


def test_the_crew_sheet_waits_to_offer_approval_until_the_shifts_end(client, crew):
    supervisor, site, assignment = crew
    url = reverse("placements:transitional-crew-sheet", kwargs={"worksite_id": site.pk})
    with at(DAY, 9, 17):
        client.force_login(supervisor)  # signed in at that time (sessions expire)
        _save_the_day(supervisor, site, assignment)
        page = client.get(f"{url}?day={DAY.isoformat()}").content.decode()
        assert "Approve the day" not in page
        assert "You can approve the day once every shift on it has ended." in page
        # Posting anyway: the reason, and nothing approved.
        response = client.post(
            reverse("placements:transitional-crew-approve", kwargs={"worksite_id": site.pk}),
            {"day": DAY.isoformat()},
            follow=True,
        )
        assert "only once it has ended" in response.content.decode()
        spanish = client.get(
            f"{url}?day={DAY.isoformat()}", HTTP_ACCEPT_LANGUAGE="es"
        ).content.decode()
        assert "cuando todos sus turnos hayan terminado" in spanish
    assert TimeEntry.objects.get().approved_by is None
    with at(DAY, 16, 5):
        client.force_login(supervisor)
        assert "Approve the day" in client.get(f"{url}?day={DAY.isoformat()}").content.decode()
