"""Ending an assignment and changing a participant's rate or pay schedule from a day:
the service's rules (nothing changed on bad input), the page and the API with their
permission matrix, and the payroll run's "rate changed" anomaly afterwards."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from placements.models import AssignmentStatus, PaySchedule, TimeEntry, WorkAssignment
from placements.transitional.selectors import payroll_run_anomalies
from placements.transitional.services import (
    assignment_change,
    assignment_end,
    payroll_run_create,
    time_entry_create,
)
from portal.core.exceptions import ApplicationError, ConflictError, NotFoundError
from portal.core.models import Role
from tests.factories.jobseekers import StaffFactory
from tests.factories.transitional import (
    PayPeriodFactory,
    TimeEntryFactory,
    WorkAssignmentFactory,
    WorkSiteFactory,
)
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 3, 2)


@pytest.fixture
def supervisor():
    return StaffFactory(username="sam")


@pytest.fixture
def assignment(supervisor):
    site = WorkSiteFactory(supervisors=[supervisor])
    return WorkAssignmentFactory(
        worksite=site,
        starts_on=date(2026, 2, 1),
        hourly_rate=Decimal("16.00"),
        pay_schedule=PaySchedule.WEEKLY,
    )


def snapshot():
    return sorted(
        WorkAssignment.objects.values_list(
            "pk", "starts_on", "ends_on", "hourly_rate", "pay_schedule", "status"
        )
    )


# --- Services ---------------------------------------------------------------------------


def test_end_sets_the_last_day_and_ends(supervisor, assignment):
    TimeEntryFactory(assignment=assignment, work_date=MONDAY)
    ended = assignment_end(actor=supervisor, assignment=assignment, ends_on=MONDAY)
    assert ended.ends_on == MONDAY
    assert ended.status == AssignmentStatus.ENDED


@pytest.mark.parametrize(
    "ends_on, message",
    [
        (date(2026, 1, 31), "before the first day"),
        (MONDAY - timedelta(days=1), "shifts recorded after"),
    ],
)
def test_end_refuses_bad_days_and_changes_nothing(supervisor, assignment, ends_on, message):
    TimeEntryFactory(assignment=assignment, work_date=MONDAY)
    before = snapshot()
    with pytest.raises(ApplicationError, match=message):
        assignment_end(actor=supervisor, assignment=assignment, ends_on=ends_on)
    assert snapshot() == before


def test_end_refuses_another_sites_supervisor(assignment):
    with pytest.raises(NotFoundError):
        assignment_end(actor=StaffFactory(), assignment=assignment, ends_on=MONDAY)
    assert WorkAssignment.objects.get().status == AssignmentStatus.ACTIVE


def test_change_ends_the_old_assignment_and_starts_a_new_one(supervisor, assignment):
    new = assignment_change(
        actor=supervisor,
        assignment=assignment,
        effective_on=MONDAY,
        hourly_rate="18.50",
        pay_schedule=PaySchedule.DAILY,
    )
    assignment.refresh_from_db()
    assert assignment.ends_on == MONDAY - timedelta(days=1)
    assert assignment.status == AssignmentStatus.ENDED
    assert (new.starts_on, new.hourly_rate, new.pay_schedule, new.status) == (
        MONDAY,
        Decimal("18.50"),
        PaySchedule.DAILY,
        AssignmentStatus.ACTIVE,
    )
    assert new.participant == assignment.participant and new.worksite == assignment.worksite


def test_change_inside_a_period_shows_the_rate_change_anomaly(admin_user, supervisor, assignment):
    for offset in range(3):
        TimeEntryFactory(assignment=assignment, work_date=MONDAY + timedelta(days=offset))
    new = assignment_change(
        actor=supervisor,
        assignment=assignment,
        effective_on=MONDAY + timedelta(days=3),
        hourly_rate="18.00",
        pay_schedule=PaySchedule.WEEKLY,
    )
    for offset in (3, 4):
        TimeEntryFactory(assignment=new, work_date=MONDAY + timedelta(days=offset))
    period = PayPeriodFactory(
        starts_on=MONDAY, ends_on=MONDAY + timedelta(days=6), pay_date=MONDAY + timedelta(9)
    )
    run = payroll_run_create(actor=admin_user, period=period)
    stub = run.stubs.get()
    assert stub.gross == Decimal("672.00")  # 24 x 16 + 16 x 18
    assert "rate_change" in {anomaly.kind for anomaly in payroll_run_anomalies(run=run)}


def test_a_shift_after_the_change_earns_the_new_rate(supervisor, assignment):
    assignment_change(
        actor=supervisor,
        assignment=assignment,
        effective_on=MONDAY,
        hourly_rate="18.00",
        pay_schedule=PaySchedule.WEEKLY,
    )
    entry = time_entry_create(
        actor=supervisor,
        worksite=assignment.worksite,
        participant=assignment.participant,
        work_date=MONDAY,
        hours="8",
    )
    assert entry.hourly_rate == Decimal("18.00")


@pytest.mark.parametrize(
    "values, error",
    [
        ({"hourly_rate": "1.00"}, "minimum wage"),
        ({"hourly_rate": "abc"}, "hourly rate"),
        ({"pay_schedule": "monthly"}, "daily or weekly"),
        ({"effective_on": date(2026, 2, 1)}, "after the first day"),
        ({"effective_on": date(2026, 1, 1)}, "after the first day"),
        ({"hourly_rate": "16.00"}, "Change the rate or the pay schedule"),
        ({"effective_on": MONDAY - timedelta(days=1)}, "shifts recorded on or after"),
    ],
)
def test_change_refuses_bad_input_and_changes_nothing(supervisor, assignment, values, error):
    TimeEntryFactory(assignment=assignment, work_date=MONDAY)
    before = snapshot()
    arguments = {
        "effective_on": MONDAY + timedelta(days=1),
        "hourly_rate": "18.00",
        "pay_schedule": PaySchedule.WEEKLY,
        **values,
    }
    with pytest.raises(ApplicationError, match=error):
        assignment_change(actor=supervisor, assignment=assignment, **arguments)
    assert snapshot() == before


def test_change_refuses_an_ended_assignment(supervisor, assignment):
    assignment_end(actor=supervisor, assignment=assignment, ends_on=MONDAY)
    before = snapshot()
    with pytest.raises(ConflictError):
        assignment_change(
            actor=supervisor,
            assignment=assignment,
            effective_on=MONDAY - timedelta(days=3),
            hourly_rate="18.00",
            pay_schedule=PaySchedule.WEEKLY,
        )
    assert snapshot() == before


def test_change_refuses_another_sites_supervisor(assignment):
    before = snapshot()
    with pytest.raises(NotFoundError):
        assignment_change(
            actor=StaffFactory(),
            assignment=assignment,
            effective_on=MONDAY,
            hourly_rate="18.00",
            pay_schedule=PaySchedule.WEEKLY,
        )
    assert snapshot() == before


# --- Permission matrix (page and API) ---------------------------------------------------


@pytest.fixture
def people(admin_user, employer_user, supervisor, assignment):
    me = UserFactory(role=Role.PARTICIPANT, username="me")
    assignment.participant.user = me
    assignment.participant.save()
    return {
        "anonymous": None,
        "participant_self": me,
        "other_participant": UserFactory(role=Role.PARTICIPANT, username="them"),
        "employer": employer_user,
        "other_staff": StaffFactory(username="otto"),
        "facilitator": assignment.participant.facilitator,
        "supervisor": supervisor,
        "admin": admin_user,
    }


ALLOWED = {"supervisor", "admin"}
WHO = [
    "anonymous",
    "participant_self",
    "other_participant",
    "employer",
    "other_staff",
    "facilitator",
    "supervisor",
    "admin",
]


@pytest.mark.parametrize("who", WHO)
def test_page_permission_matrix(client, people, assignment, who):
    user = people[who]
    if user is not None:
        client.force_login(user)
    url = reverse("placements:transitional-assignment", kwargs={"assignment_id": assignment.pk})
    response = client.get(url)
    if who == "anonymous":
        assert response.status_code == 302
    elif who in ALLOWED:
        assert response.status_code == 200
        assert "Change the rate or pay schedule" in response.content.decode()
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("who", WHO)
def test_api_end_permission_matrix(people, assignment, who):
    client = APIClient()
    if people[who] is not None:
        client.force_authenticate(people[who])
    response = client.post(
        f"/api/v1/transitional/assignments/{assignment.pk}/end/",
        {"ends_on": MONDAY.isoformat()},
        format="json",
    )
    assignment.refresh_from_db()
    if who == "anonymous":
        assert response.status_code in (401, 403)
    elif who in ALLOWED:
        assert response.status_code == 200, response.content
        assert response.json()["status"] == "ended"
        assert assignment.ends_on == MONDAY
        return
    else:
        assert response.status_code == 404
    assert assignment.ends_on is None


@pytest.mark.parametrize("who", WHO)
def test_api_change_permission_matrix(people, assignment, who):
    client = APIClient()
    if people[who] is not None:
        client.force_authenticate(people[who])
    response = client.post(
        f"/api/v1/transitional/assignments/{assignment.pk}/change/",
        {"effective_on": MONDAY.isoformat(), "hourly_rate": "18.25", "pay_schedule": "daily"},
        format="json",
    )
    if who == "anonymous":
        assert response.status_code in (401, 403)
    elif who in ALLOWED:
        assert response.status_code == 201, response.content
        body = response.json()
        assert (body["hourly_rate"], body["pay_schedule"], body["starts_on"]) == (
            "18.25",
            "daily",
            MONDAY.isoformat(),
        )
        assert WorkAssignment.objects.count() == 2
        return
    else:
        assert response.status_code == 404
    assert WorkAssignment.objects.count() == 1


def test_api_change_below_minimum_is_400_and_nothing_changes(people, assignment):
    client = APIClient()
    client.force_authenticate(people["admin"])
    before = snapshot()
    response = client.post(
        f"/api/v1/transitional/assignments/{assignment.pk}/change/",
        {"effective_on": MONDAY.isoformat(), "hourly_rate": "1.00", "pay_schedule": "weekly"},
        format="json",
    )
    assert response.status_code == 400
    assert "minimum wage" in str(response.json())
    assert snapshot() == before


def test_api_end_before_a_shift_is_400(people, assignment):
    TimeEntryFactory(assignment=assignment, work_date=MONDAY)
    client = APIClient()
    client.force_authenticate(people["supervisor"])
    response = client.post(
        f"/api/v1/transitional/assignments/{assignment.pk}/end/",
        {"ends_on": (MONDAY - timedelta(days=1)).isoformat()},
        format="json",
    )
    assert response.status_code == 400
    assignment.refresh_from_db()
    assert assignment.ends_on is None


def test_schema_documents_end_and_change(admin_user):
    client = APIClient()
    client.force_authenticate(admin_user)
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/transitional/assignments/{id}/end/" in schema
    assert "/api/v1/transitional/assignments/{id}/change/" in schema
    assert "effective_on" in schema


# --- The page ---------------------------------------------------------------------------


def test_page_changes_the_rate(client, supervisor, assignment):
    client.force_login(supervisor)
    url = reverse("placements:transitional-assignment", kwargs={"assignment_id": assignment.pk})
    response = client.post(
        url,
        {
            "form": "change",
            "change-effective_on": MONDAY.isoformat(),
            "change-hourly_rate": "17.00",
            "change-pay_schedule": "weekly",
        },
        follow=True,
    )
    assert "The new rate and pay schedule are saved." in response.content.decode()
    assert "$17.00" in response.content.decode()
    assert WorkAssignment.objects.filter(hourly_rate=Decimal("17.00")).count() == 1


def test_page_shows_a_rate_below_minimum_next_to_the_field(client, supervisor, assignment):
    client.force_login(supervisor)
    url = reverse("placements:transitional-assignment", kwargs={"assignment_id": assignment.pk})
    before = snapshot()
    response = client.post(
        url,
        {
            "form": "change",
            "change-effective_on": MONDAY.isoformat(),
            "change-hourly_rate": "1.00",
            "change-pay_schedule": "weekly",
        },
    )
    assert response.status_code == 200
    assert "minimum wage" in response.context["change_form"].errors["hourly_rate"][0]
    assert snapshot() == before


def test_page_ends_the_assignment(client, admin_user, assignment):
    client.force_login(admin_user)
    url = reverse("placements:transitional-assignment", kwargs={"assignment_id": assignment.pk})
    response = client.post(url, {"form": "end", "end-ends_on": MONDAY.isoformat()}, follow=True)
    assert "The assignment is ended." in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.ends_on == MONDAY and assignment.status == AssignmentStatus.ENDED
    assert not TimeEntry.objects.exists()


def test_worksites_page_links_to_the_assignment(client, admin_user, assignment):
    client.force_login(admin_user)
    response = client.get(reverse("placements:transitional-worksites"))
    url = reverse("placements:transitional-assignment", kwargs={"assignment_id": assignment.pk})
    assert url in response.content.decode()
