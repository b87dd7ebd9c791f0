"""The pages: crew sheet, payroll, pay stubs, the participant's own pages and the
dashboard panels; who may open them; query budgets."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client

from placements.models import DailyRating, PayPeriod, PayrollRunStatus, TimeEntry
from placements.transitional.services import (
    payroll_run_approve,
    payroll_run_create,
    payroll_run_review,
)
from portal.core.models import Role
from tests.factories.jobseekers import ParticipantFactory, StaffFactory
from tests.factories.transitional import (
    DailyRatingFactory,
    PayPeriodFactory,
    TimeEntryFactory,
    WorkAssignmentFactory,
    WorkSiteFactory,
    days_ago,
)
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def supervisor():
    return StaffFactory(username="sam")


@pytest.fixture
def site(supervisor):
    return WorkSiteFactory(supervisors=[supervisor], name="Riverfront cleanup")


def crew_post(people, day, **overrides):
    data = {"day": day.isoformat()}
    for person in people:
        prefix = f"p{person.pk}-"
        data.update(
            {
                f"{prefix}present": "on",
                f"{prefix}clock_in": "08:00",
                f"{prefix}clock_out": "16:00",
                f"{prefix}break_minutes": "30",
                f"{prefix}cooperation_with_supervisor": "4",
                f"{prefix}effort": "4",
                f"{prefix}punctuality_and_attendance": "5",
                f"{prefix}cooperation_with_coworkers": "3",
                f"{prefix}personal_presentation": "4",
                f"{prefix}note": "",
            }
        )
    data.update(overrides)
    return data


def test_the_crew_sheet_records_and_approves_a_day(supervisor, site):
    people = [
        WorkAssignmentFactory(worksite=site, starts_on=days_ago(10)).participant for _ in range(3)
    ]
    client = signed_in(supervisor)
    url = f"/transitional/crew/{site.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert people[0].display_name in page.content.decode()
    absent = {f"p{people[2].pk}-present": ""}
    response = client.post(url, crew_post(people, days_ago(1), **absent))
    assert response.status_code == 302
    assert TimeEntry.objects.filter(work_date=days_ago(1)).count() == 2
    assert set(TimeEntry.objects.values_list("hours", flat=True)) == {Decimal("7.50")}
    assert DailyRating.objects.count() == 2
    response = client.post(f"{url}approve/", {"day": days_ago(1).isoformat()}, follow=True)
    assert "Approved 2 shifts." in response.content.decode()
    assert not TimeEntry.objects.filter(approved_by__isnull=True).exists()


def test_a_bad_crew_sheet_saves_nothing_and_says_who(supervisor, site):
    person = WorkAssignmentFactory(worksite=site, starts_on=days_ago(10)).participant
    client = signed_in(supervisor)
    response = client.post(
        f"/transitional/crew/{site.pk}/",
        crew_post([person], days_ago(1), **{f"p{person.pk}-clock_out": "07:00"}),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Nothing was saved" in text
    assert person.display_name in text
    assert not TimeEntry.objects.exists()


@pytest.mark.parametrize("who", ["other_staff", "participant", "employer"])
def test_only_the_sites_supervisors_open_its_crew_sheet(site, who, participant, employer_user):
    users = {"other_staff": StaffFactory(), "participant": participant, "employer": employer_user}
    assert signed_in(users[who]).get(f"/transitional/crew/{site.pk}/").status_code == 404


@pytest.fixture
def approved_run(admin_user):
    login = UserFactory(role=Role.PARTICIPANT, username="me")
    assignment = WorkAssignmentFactory(participant__user=login, starts_on=date(2026, 2, 1))
    for offset in range(3):
        TimeEntryFactory(assignment=assignment, work_date=date(2026, 3, 2) + timedelta(days=offset))
        DailyRatingFactory(
            participant=assignment.participant,
            worksite=assignment.worksite,
            work_date=date(2026, 3, 2) + timedelta(days=offset),
        )
    period = PayPeriodFactory(
        starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 8), pay_date=date(2026, 3, 10)
    )
    run = payroll_run_create(actor=admin_user, period=period)
    payroll_run_review(actor=admin_user, run=run)
    return payroll_run_approve(actor=admin_user, run=run), login


def test_payroll_pages_for_an_admin(admin_user):
    assignment = WorkAssignmentFactory(starts_on=date(2026, 2, 1))
    TimeEntryFactory(assignment=assignment, work_date=date(2026, 3, 3), hours=Decimal("11"))
    client = signed_in(admin_user)
    response = client.post(
        "/transitional/payroll/",
        {
            "schedule": "weekly",
            "starts_on": "2026-03-02",
            "ends_on": "2026-03-08",
            "pay_date": "2026-03-10",
        },
    )
    assert response.status_code == 302
    page = client.get("/transitional/payroll/").content.decode()
    assert "Run payroll" in page
    period_id = PayPeriod.objects.get().pk
    response = client.post(f"/transitional/payroll/periods/{period_id}/run/", follow=True)
    text = response.content.decode()
    assert "$176.00" in text  # 11 hours x $16
    assert "more than 10" in text
    run_url = response.redirect_chain[-1][0]
    client.post(f"{run_url}review/")
    client.post(f"{run_url}approve/")
    export = client.post(f"{run_url}export.csv")
    assert export.status_code == 200
    assert "176.00" in export.content.decode()
    again = client.post(f"{run_url}export.csv", follow=True)
    assert "already exported" in again.content.decode()


def test_an_overlapping_period_shows_a_form_error(admin_user):
    PayPeriodFactory(
        starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 8), pay_date=date(2026, 3, 10)
    )
    response = signed_in(admin_user).post(
        "/transitional/payroll/",
        {
            "schedule": "weekly",
            "starts_on": "2026-03-05",
            "ends_on": "2026-03-11",
            "pay_date": "2026-03-12",
        },
    )
    assert response.status_code == 200
    assert "overlaps" in response.content.decode()


@pytest.mark.parametrize("who", ["staff", "participant", "employer"])
def test_payroll_pages_are_for_program_admins(approved_run, who, employer_user, staff_user):
    run, login = approved_run
    users = {"staff": staff_user, "participant": login, "employer": employer_user}
    client = signed_in(users[who])
    assert client.get("/transitional/payroll/").status_code == 404
    assert client.get(f"/transitional/payroll/runs/{run.pk}/").status_code == 404
    assert client.get(f"/transitional/payroll/runs/{run.pk}/export.csv").status_code == 404
    assert client.post(f"/transitional/payroll/runs/{run.pk}/export.csv").status_code == 404
    run.refresh_from_db()
    assert run.status == PayrollRunStatus.APPROVED


def test_the_participant_sees_their_hours_ratings_and_stub(approved_run):
    run, login = approved_run
    client = signed_in(login)
    assert "24.00" in client.get("/transitional/my/hours/").content.decode()
    assert "3.00 of 5" in client.get("/transitional/my/ratings/").content.decode()
    pay = client.get("/transitional/my/pay/").content.decode()
    assert "$384.00" in pay
    stub = run.stubs.get()
    page = client.get(f"/transitional/pay-stubs/{stub.pk}/").content.decode()
    assert "$384.00" in page and "$16.00" in page
    pdf = client.get(f"/transitional/pay-stubs/{stub.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    dashboard = client.get("/dashboard/").content.decode()
    assert "Latest pay stub: $384.00" in dashboard


def test_someone_elses_stub_is_a_404(approved_run, employer_user):
    run, _login = approved_run
    stub = run.stubs.get()
    other = UserFactory(role=Role.PARTICIPANT, username="them")
    ParticipantFactory(user=other)
    for user in (other, employer_user, StaffFactory()):
        assert signed_in(user).get(f"/transitional/pay-stubs/{stub.pk}/").status_code == 404


def test_the_staff_dashboard_shows_todays_crews_and_runs_waiting(admin_user, site):
    WorkAssignmentFactory(worksite=site, starts_on=days_ago(5))
    text = signed_in(admin_user).get("/dashboard/").content.decode()
    assert "Work crews today" in text
    assert "Riverfront cleanup" in text
    assert "runs waiting for approval" in text


@pytest.mark.parametrize("rows", [1, 30])
def test_pages_run_a_fixed_number_of_queries(admin_user, django_assert_max_num_queries, rows):
    login = UserFactory(role=Role.PARTICIPANT, username="me")
    site = WorkSiteFactory(supervisors=[admin_user], crew_capacity=40)
    mine = WorkAssignmentFactory(participant__user=login, worksite=site, starts_on=date(2026, 2, 1))
    for offset in range(rows):
        day = date(2026, 3, 2) + timedelta(days=offset)
        TimeEntryFactory(assignment=mine, work_date=day)
        DailyRatingFactory(participant=mine.participant, worksite=site, work_date=day)
        WorkAssignmentFactory(worksite=site, starts_on=days_ago(5))
    period = PayPeriodFactory(
        starts_on=date(2026, 3, 2), ends_on=date(2026, 4, 1), pay_date=date(2026, 4, 2)
    )
    run = payroll_run_create(actor=admin_user, period=period)
    admin, me = signed_in(admin_user), signed_in(login)
    for client, url in [
        (admin, f"/transitional/crew/{site.pk}/"),
        (admin, "/transitional/payroll/"),
        (admin, f"/transitional/payroll/runs/{run.pk}/"),
        (admin, "/transitional/sites/"),
        (me, "/transitional/my/hours/"),
        (me, "/transitional/my/ratings/"),
        (me, "/transitional/my/pay/"),
    ]:
        with django_assert_max_num_queries(25):
            assert client.get(url).status_code == 200, url
