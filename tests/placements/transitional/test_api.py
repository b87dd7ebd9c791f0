"""The API under /api/v1/transitional/: the crew day, payroll from period to CSV, the
bad-input answers, the permission matrix and the query budgets."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from placements.models import DailyRating, PayrollRun, PayrollRunStatus, TimeEntry
from placements.transitional.services import payroll_run_approve, payroll_run_review
from portal.core.models import Role
from tests.factories.jobseekers import ParticipantFactory, StaffFactory
from tests.factories.transitional import (
    PayPeriodFactory,
    TimeEntryFactory,
    WorkAssignmentFactory,
    WorkSiteFactory,
    days_ago,
)
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/transitional/"
RATINGS = {
    "cooperation_with_supervisor": 4,
    "effort": 4,
    "punctuality_and_attendance": 5,
    "cooperation_with_coworkers": 3,
    "personal_presentation": 4,
}


def client_for(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def world(admin_user, employer_user):
    """A site with its supervisor, a participant with a login on its crew (on a
    facilitator's caseload) and their approved-and-paid shift, and outsiders."""
    supervisor = StaffFactory(username="sam")
    facilitator = StaffFactory(username="fay")
    site = WorkSiteFactory(supervisors=[supervisor])
    me = UserFactory(role=Role.PARTICIPANT, username="me")
    person = ParticipantFactory(user=me, facilitator=facilitator)
    assignment = WorkAssignmentFactory(
        participant=person, worksite=site, starts_on=date(2026, 2, 1)
    )
    entry = TimeEntryFactory(assignment=assignment, work_date=date(2026, 3, 3))
    other_entry = TimeEntryFactory(work_date=date(2026, 3, 3))
    period = PayPeriodFactory(
        starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 8), pay_date=date(2026, 3, 10)
    )
    run = admin_post(admin_user, "payroll-runs/", {"period": period.pk}).json()
    run = PayrollRun.objects.get(pk=run["id"])
    payroll_run_review(actor=admin_user, run=run)
    payroll_run_approve(actor=admin_user, run=run)
    return {
        "admin": admin_user,
        "supervisor": supervisor,
        "facilitator": facilitator,
        "other_staff": StaffFactory(username="otto"),
        "me": me,
        "other_participant": UserFactory(role=Role.PARTICIPANT, username="them"),
        "employer": employer_user,
        "site": site,
        "assignment": assignment,
        "entry": entry,
        "other_entry": other_entry,
        "run": run,
        "stub": run.stubs.get(participant=person),
    }


def admin_post(user, path, data):
    response = client_for(user).post(f"{BASE}{path}", data, format="json")
    assert response.status_code == 201, response.content
    return response


# --- Permission matrix ------------------------------------------------------------------

ENTRY_READERS = {
    "admin": 200,
    "supervisor": 200,
    "facilitator": 200,
    "other_staff": 404,
    "me": 200,
    "other_participant": 404,
    "employer": 404,
}


@pytest.mark.parametrize(("who", "expected"), ENTRY_READERS.items())
def test_who_reads_a_time_entry(world, who, expected):
    response = client_for(world[who]).get(f"{BASE}time-entries/{world['entry'].pk}/")
    assert response.status_code == expected


# Pay is for the person, their caseload staff and admins; a site supervisor sees hours only.
STUB_READERS = {**ENTRY_READERS, "supervisor": 404}


@pytest.mark.parametrize(("who", "expected"), STUB_READERS.items())
def test_who_reads_a_pay_stub_and_its_pdf(world, who, expected):
    stub = world["stub"]
    assert client_for(world[who]).get(f"{BASE}pay-stubs/{stub.pk}/").status_code == expected
    pdf = client_for(world[who]).get(f"{BASE}pay-stubs/{stub.pk}/pdf/")
    assert pdf.status_code == expected
    if expected == 200:
        assert pdf["Content-Type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("who", "visible"),
    [("admin", 2), ("supervisor", 1), ("facilitator", 1), ("other_staff", 0), ("me", 1)],
)
def test_lists_hold_only_what_each_may_see(world, who, visible):
    response = client_for(world[who]).get(f"{BASE}time-entries/")
    assert response.status_code == 200
    assert response.json()["count"] == visible


@pytest.mark.parametrize(
    "path",
    [
        "worksites/",
        "assignments/",
        "time-entries/",
        "ratings/",
        "pay-periods/",
        "payroll-runs/",
        "pay-stubs/",
    ],
)
def test_employers_get_404_and_anonymous_must_sign_in(world, path):
    assert client_for(world["employer"]).get(f"{BASE}{path}").status_code == 404
    assert client_for(None).get(f"{BASE}{path}").status_code in (401, 403)


@pytest.mark.parametrize(
    "who", ["supervisor", "facilitator", "me", "other_participant", "employer"]
)
def test_only_program_admins_touch_payroll_runs(world, who):
    run = world["run"]
    client = client_for(world[who])
    assert client.get(f"{BASE}payroll-runs/{run.pk}/").status_code == 404
    assert client.post(f"{BASE}payroll-runs/{run.pk}/approve/").status_code == 404
    assert client.get(f"{BASE}payroll-runs/{run.pk}/export.csv").status_code == 404
    assert client.post(f"{BASE}payroll-runs/{run.pk}/export.csv").status_code == 404
    run.refresh_from_db()
    assert run.status == PayrollRunStatus.APPROVED


def test_a_participant_cannot_write_shifts(world):
    response = client_for(world["me"]).post(
        f"{BASE}time-entries/",
        {"worksite": world["site"].pk, "participant": 1, "work_date": "2026-03-04", "hours": "8"},
        format="json",
    )
    assert response.status_code == 404


# --- The crew day -----------------------------------------------------------------------


@pytest.fixture
def crew(world):
    people = [
        WorkAssignmentFactory(worksite=world["site"], starts_on=days_ago(20)).participant
        for _ in range(3)
    ]
    return world["supervisor"], world["site"], people


def test_a_supervisor_records_a_crew_day_in_one_call(crew):
    supervisor, site, people = crew
    # At noon, so that yesterday's night shift (to 6 a.m.) has ended and can be approved.
    noon = timezone.make_aware(datetime.combine(timezone.localdate(), time(12)))
    with time_machine.travel(noon, tick=False):
        _record_and_approve_yesterday(supervisor, site, people)


def _record_and_approve_yesterday(supervisor, site, people):
    response = client_for(supervisor).post(
        f"{BASE}time-entries/",
        {
            "worksite": site.pk,
            "work_date": days_ago(1).isoformat(),
            "entries": [
                {
                    "participant": people[0].pk,
                    "clock_in": "08:00",
                    "clock_out": "16:10",
                    "break_minutes": 30,
                    "ratings": RATINGS,
                },
                {"participant": people[1].pk, "hours": "7.5", "ratings": RATINGS},
                {
                    "participant": people[2].pk,
                    "clock_in": "22:00",
                    "clock_out": "06:00",
                    "crosses_midnight": True,
                },
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert [row["hours"] for row in response.json()] == ["7.75", "7.50", "8.00"]
    assert DailyRating.objects.filter(work_date=days_ago(1)).count() == 2
    approved = client_for(supervisor).post(
        f"{BASE}time-entries/approve-day/",
        {"worksite": site.pk, "work_date": days_ago(1).isoformat()},
        format="json",
    )
    assert approved.json() == {"approved": 3}


@pytest.mark.parametrize(
    ("row", "status", "field"),
    [
        ({"hours": "-2"}, 400, "hours"),
        ({"hours": "30"}, 400, "hours"),
        ({"clock_in": "16:00", "clock_out": "08:00"}, 400, "clock_out"),
        ({"hours": "8", "ratings": {**RATINGS, "effort": 6}}, 400, "effort"),
        ({"hours": "8", "ratings": {**RATINGS, "effort": 0}}, 400, "effort"),
    ],
)
def test_a_bad_crew_day_row_saves_nothing(crew, row, status, field):
    supervisor, site, people = crew
    response = client_for(supervisor).post(
        f"{BASE}time-entries/",
        {
            "worksite": site.pk,
            "work_date": days_ago(1).isoformat(),
            "entries": [
                {"participant": people[0].pk, "hours": "8"},
                {"participant": people[1].pk, **row},
            ],
        },
        format="json",
    )
    assert response.status_code == status
    body = response.json()
    assert field in body["fields"]
    assert people[1].display_name in body["detail"]
    assert not TimeEntry.objects.filter(work_date=days_ago(1)).exists()


def test_a_future_day_and_a_day_before_the_assignment_are_refused(crew):
    supervisor, site, people = crew
    for day in (days_ago(-1), days_ago(25)):
        response = client_for(supervisor).post(
            f"{BASE}time-entries/",
            {
                "worksite": site.pk,
                "participant": people[0].pk,
                "work_date": day.isoformat(),
                "hours": "8",
            },
            format="json",
        )
        assert response.status_code == 400
        assert "work_date" in response.json()["fields"]
    assert not TimeEntry.objects.filter(participant=people[0]).exists()


def test_an_overlapping_entry_is_a_conflict(crew):
    supervisor, site, people = crew
    payload = {
        "worksite": site.pk,
        "participant": people[0].pk,
        "work_date": days_ago(1).isoformat(),
        "clock_in": "08:00",
        "clock_out": "12:00",
    }
    client = client_for(supervisor)
    assert client.post(f"{BASE}time-entries/", payload, format="json").status_code == 201
    overlapping = {**payload, "clock_in": "11:00", "clock_out": "14:00"}
    response = client.post(f"{BASE}time-entries/", overlapping, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "overlapping_entry"


def test_editing_an_approved_entry_is_refused(world):
    response = client_for(world["admin"]).patch(
        f"{BASE}time-entries/{world['entry'].pk}/", {"hours": "4"}, format="json"
    )
    assert response.status_code == 409
    world["entry"].refresh_from_db()
    assert world["entry"].hours == Decimal("8.00")


def test_a_rating_outside_one_to_five_is_400(crew):
    supervisor, site, people = crew
    response = client_for(supervisor).post(
        f"{BASE}ratings/",
        {
            "participant": people[0].pk,
            "worksite": site.pk,
            "work_date": days_ago(1).isoformat(),
            **RATINGS,
            "effort": 7,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "effort" in response.json()["fields"]
    assert not DailyRating.objects.exists()


def test_an_assignment_below_the_minimum_wage_is_400(world):
    response = client_for(world["admin"]).post(
        f"{BASE}assignments/",
        {
            "participant": ParticipantFactory().pk,
            "worksite": world["site"].pk,
            "starts_on": "2026-04-01",
            "hourly_rate": "7.25",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "below_minimum_wage"


# --- Payroll ----------------------------------------------------------------------------


def test_payroll_from_period_to_csv(admin_user):
    assignment = WorkAssignmentFactory(starts_on=date(2026, 2, 1), hourly_rate=Decimal("15.50"))
    for offset in range(3):
        TimeEntryFactory(assignment=assignment, work_date=date(2026, 4, 6) + timedelta(days=offset))
    client = client_for(admin_user)
    period = client.post(
        f"{BASE}pay-periods/",
        {
            "schedule": "weekly",
            "starts_on": "2026-04-06",
            "ends_on": "2026-04-12",
            "pay_date": "2026-04-14",
        },
        format="json",
    )
    assert period.status_code == 201
    overlap = client.post(
        f"{BASE}pay-periods/",
        {
            "schedule": "weekly",
            "starts_on": "2026-04-10",
            "ends_on": "2026-04-16",
            "pay_date": "2026-04-17",
        },
        format="json",
    )
    assert overlap.status_code == 409
    run = client.post(f"{BASE}payroll-runs/", {"period": period.json()["id"]}, format="json")
    assert run.status_code == 201
    body = run.json()
    assert body["total_gross"] == "372.00"
    assert [stub["gross"] for stub in body["stubs"]] == ["372.00"]
    assert {anomaly["kind"] for anomaly in body["anomalies"]} >= {"missing_rating", "not_approved"}
    again = client.post(f"{BASE}payroll-runs/", {"period": period.json()["id"]}, format="json")
    assert again.status_code == 409
    run_id = body["id"]
    assert client.post(f"{BASE}payroll-runs/{run_id}/approve/").status_code == 409  # review first
    assert client.post(f"{BASE}payroll-runs/{run_id}/review/").status_code == 200
    assert client.post(f"{BASE}payroll-runs/{run_id}/approve/").json()["status"] == "approved"
    assert client.post(f"{BASE}payroll-runs/{run_id}/approve/").status_code == 409
    export = client.post(f"{BASE}payroll-runs/{run_id}/export.csv")
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    lines = export.content.decode().splitlines()
    assert lines[0].startswith("run_id,pay_date,period_start")
    assert lines[1].endswith("372.00,372.00")
    second = client.post(f"{BASE}payroll-runs/{run_id}/export.csv")
    assert second.status_code == 409
    assert "already exported" in second.json()["detail"]
    adjustment = client.post(
        f"{BASE}payroll-runs/{run_id}/adjustments/",
        {"participant": assignment.participant_id, "amount": "-10.00", "reason": "Overpaid break"},
        format="json",
    )
    assert adjustment.status_code == 201


# --- Query budgets ----------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 30])
def test_lists_run_a_fixed_number_of_queries(admin_user, django_assert_max_num_queries, rows):
    for _ in range(rows):
        TimeEntryFactory()
    client = client_for(admin_user)
    for path in ("time-entries/", "assignments/", "worksites/", "ratings/", "pay-stubs/"):
        with django_assert_max_num_queries(8):
            assert client.get(f"{BASE}{path}").status_code == 200


@pytest.mark.parametrize("rows", [1, 30])
def test_a_run_with_its_stubs_runs_a_fixed_number_of_queries(
    admin_user, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        TimeEntryFactory(
            assignment=WorkAssignmentFactory(starts_on=date(2026, 2, 1)), work_date=date(2026, 3, 3)
        )
    period = PayPeriodFactory(
        starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 8), pay_date=date(2026, 3, 10)
    )
    run_id = admin_post(admin_user, "payroll-runs/", {"period": period.pk}).json()["id"]
    with django_assert_max_num_queries(14):
        response = client_for(admin_user).get(f"{BASE}payroll-runs/{run_id}/")
    assert len(response.json()["stubs"]) == rows


def test_api_input_messages_are_translated(world):
    client = client_for(world["supervisor"])
    response = client.post(
        f"{BASE}time-entries/",
        {"worksite": world["site"].pk, "work_date": "2026-03-04"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 400
    assert "Indique un participante" in str(response.json())
    response = client.get(f"{BASE}time-entries/?participant=abc", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 400
    assert "Use números y fechas" in str(response.json())


def test_a_crew_day_with_someone_from_another_site_saves_nothing(world):
    stranger = WorkAssignmentFactory(starts_on=date(2026, 2, 1)).participant
    client = client_for(world["supervisor"])
    me = world["assignment"].participant
    shift = {"clock_in": "08:00", "clock_out": "16:00", "break_minutes": 30}
    before = TimeEntry.objects.count()
    response = client.post(
        f"{BASE}time-entries/",
        {
            "worksite": world["site"].pk,
            "work_date": "2026-03-04",
            "entries": [{"participant": me.pk, **shift}, {"participant": stranger.pk, **shift}],
        },
        format="json",
    )
    assert response.status_code == 404
    rating = client.post(
        f"{BASE}ratings/",
        {"worksite": world["site"].pk, "participant": stranger.pk, "work_date": "2026-03-04"}
        | RATINGS,
        format="json",
    )
    assert rating.status_code == 404
    other_site = client.post(
        f"{BASE}time-entries/",
        {
            "worksite": WorkSiteFactory().pk,
            "work_date": "2026-03-04",
            "entries": [{"participant": me.pk, **shift}],
        },
        format="json",
    )
    assert other_site.status_code == 404
    assert TimeEntry.objects.count() == before
    assert not DailyRating.objects.filter(participant=stranger).exists()
