"""The supports and plan endpoints: the permission matrix (the profile's rule), what they
save, what they refuse with nothing saved, and their query budgets."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from jobseekers.models import EmploymentPlan, PlanGoal, PlanNeed, Support
from portal.core.models import AuditEvent
from tests.factories.supports import FundingSourceFactory, SupportFactory

pytestmark = pytest.mark.django_db


def day(offset):
    return (timezone.localdate() + datetime.timedelta(days=offset)).isoformat()


def url(person, what):
    return f"/api/v1/participants/{person.pk}/{what}/"


@pytest.fixture
def source():
    return FundingSourceFactory(name="Bus fund", budget=Decimal("100.00"))


def support_payload(source, **overrides):
    return {
        "kind": "bus_pass",
        "amount": "45.00",
        "given_on": day(0),
        "funding_source": source.pk,
        "note": "Monthly pass",
    } | overrides


PLAN = {
    "started_on": day(-7),
    "needs": {"id_documents": "need", "transport": "have"},
    "goals": [{"text": "Get a state ID", "due_on": day(14), "owner": "participant"}],
}

# --------------------------------------------------------------------- permission matrix


@pytest.mark.parametrize(
    ("who", "read", "write"),
    [
        ("participant", 200, 403),
        ("staff_user", 200, 201),
        ("admin_user", 200, 201),
        ("other_participant_user", 404, 404),
        ("other_staff", 404, 404),
        ("employer_user", 404, 404),
        (None, 401, 401),
    ],
)
def test_supports_permission_matrix(request, api_client, person, source, who, read, write):
    SupportFactory(participant=person, funding_source=source)
    request.getfixturevalue("other_person")
    if who:
        api_client.force_authenticate(request.getfixturevalue(who))
    listed = api_client.get(url(person, "supports"))
    created = api_client.post(url(person, "supports"), support_payload(source), format="json")
    assert listed.status_code in ((401, 403) if read == 401 else (read,))
    assert created.status_code in ((401, 403) if write == 401 else (write,))
    assert Support.objects.count() == (2 if write == 201 else 1)


@pytest.mark.parametrize(
    ("who", "read", "write"),
    [
        ("participant", 200, 403),
        ("staff_user", 200, 200),
        ("admin_user", 200, 200),
        ("other_participant_user", 404, 404),
        ("other_staff", 404, 404),
        ("employer_user", 404, 404),
        (None, 401, 401),
    ],
)
def test_plan_permission_matrix(request, api_client, person, who, read, write):
    request.getfixturevalue("other_person")
    if who:
        api_client.force_authenticate(request.getfixturevalue(who))
    read_response = api_client.get(url(person, "plan"))
    write_response = api_client.put(url(person, "plan"), PLAN, format="json")
    assert read_response.status_code in ((401, 403) if read == 401 else (read,))
    assert write_response.status_code in ((401, 403) if write == 401 else (write,))
    assert EmploymentPlan.objects.exists() is (write == 200)


# ------------------------------------------------------------------------------ supports


def test_staff_see_notes_the_participant_sees_what_they_received(
    api_client, person, staff_user, participant, source
):
    api_client.force_authenticate(staff_user)
    created = api_client.post(url(person, "supports"), support_payload(source), format="json")
    assert created.status_code == 201
    assert created.json()["status"] == "given"
    assert created.json()["approved_by"] == staff_user.username
    declined = SupportFactory(participant=person, funding_source=source, status="declined")

    staff_view = api_client.get(url(person, "supports")).json()
    assert {row["id"] for row in staff_view} == {created.json()["id"], declined.pk}
    notes = {row["id"]: row["note"] for row in staff_view}
    assert notes[created.json()["id"]] == "Monthly pass"

    api_client.force_authenticate(participant)
    own = api_client.get(url(person, "supports")).json()
    assert [row["id"] for row in own] == [created.json()["id"]]
    assert own[0]["amount"] == "45.00"
    assert "note" not in own[0]


def test_a_large_support_waits_for_approval(api_client, person, staff_user, settings):
    settings.PORTAL_SUPPORT_APPROVAL_THRESHOLD = "200.00"
    source = FundingSourceFactory(budget=Decimal("1000.00"))
    api_client.force_authenticate(staff_user)
    response = api_client.post(
        url(person, "supports"), support_payload(source, amount="250.00"), format="json"
    )
    assert response.status_code == 201
    assert response.json()["status"] == "pending_approval"
    assert response.json()["approved_by"] is None


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"amount": "-10.00"}, "amount"),
        ({"amount": "0.00"}, "amount"),
        ({"amount": "100.01"}, "amount"),
        ({"amount": "1.999"}, "amount"),
        ({"funding_source": 999999}, "funding_source"),
        ({"kind": "car"}, "kind"),
        ({"given_on": "2001-01-01"}, "given_on"),
    ],
)
def test_bad_supports_are_400_and_nothing_saved(
    api_client, person, staff_user, source, overrides, field
):
    api_client.force_authenticate(staff_user)
    response = api_client.post(
        url(person, "supports"), support_payload(source, **overrides), format="json"
    )
    assert response.status_code == 400
    assert field in str(response.json())
    assert not Support.objects.exists()
    assert not AuditEvent.objects.filter(action="support.recorded").exists()


def test_an_inactive_source_is_400(api_client, person, staff_user):
    source = FundingSourceFactory(is_active=False)
    api_client.force_authenticate(staff_user)
    response = api_client.post(url(person, "supports"), support_payload(source), format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "inactive_funding_source"
    assert not Support.objects.exists()


def test_above_the_budget_left_says_how_much_is_left(api_client, person, staff_user, source):
    SupportFactory(funding_source=source, amount=Decimal("80.00"))
    api_client.force_authenticate(staff_user)
    response = api_client.post(
        url(person, "supports"), support_payload(source, amount="20.01"), format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "over_budget"
    assert "$20.00" in str(response.json())


@pytest.mark.parametrize("rows", [1, 30])
def test_supports_query_budget(
    api_client, person, staff_user, source, django_assert_max_num_queries, rows
):
    SupportFactory.create_batch(
        rows, participant=person, funding_source=source, amount=Decimal("1.00")
    )
    api_client.force_authenticate(staff_user)
    with django_assert_max_num_queries(6):
        response = api_client.get(url(person, "supports"))
    assert len(response.json()) == rows


# ---------------------------------------------------------------------------------- plan


def test_put_then_get_the_plan(api_client, person, staff_user, participant):
    api_client.force_authenticate(staff_user)
    saved = api_client.put(url(person, "plan"), PLAN, format="json")
    assert saved.status_code == 200
    body = saved.json()
    assert body["needs"] == {"id_documents": "need", "transport": "have"}
    goal_id = body["goals"][0]["id"]
    replaced = api_client.put(
        url(person, "plan"),
        {
            "needs": {"housing": "need"},
            "goals": [
                {
                    "id": goal_id,
                    "text": "Get a state ID",
                    "due_on": day(14),
                    "owner": "participant",
                    "status": "done",
                },
                {"text": "Buy boots", "due_on": day(3), "owner": "staff"},
            ],
        },
        format="json",
    ).json()
    assert replaced["needs"] == {"housing": "need"}
    assert [goal["text"] for goal in replaced["goals"]] == ["Buy boots", "Get a state ID"]
    assert replaced["goals"][1]["id"] == goal_id
    assert replaced["goals"][1]["status"] == "done"
    assert replaced["started_on"] == day(-7)

    api_client.force_authenticate(participant)
    assert api_client.get(url(person, "plan")).json() == replaced


def test_no_plan_yet_is_an_empty_plan(api_client, person, staff_user):
    api_client.force_authenticate(staff_user)
    assert api_client.get(url(person, "plan")).json() == {
        "started_on": None,
        "reviewed_on": None,
        "needs": {},
        "goals": [],
    }


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"needs": {"spaceship": "need"}}, "unknown_need"),
        ({"needs": {"housing": "sometimes"}}, "invalid_need_state"),
        (
            {"goals": [{"text": "Early", "due_on": day(-30), "owner": "participant"}]},
            "goal_due_before_plan",
        ),
        (
            {"goals": [{"id": 999999, "text": "X", "due_on": day(3), "owner": "staff"}]},
            "unknown_goal",
        ),
    ],
)
def test_bad_plans_are_400_and_nothing_saved(api_client, person, staff_user, change, code):
    api_client.force_authenticate(staff_user)
    response = api_client.put(url(person, "plan"), PLAN | change, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert not EmploymentPlan.objects.exists()
    assert not PlanNeed.objects.exists() and not PlanGoal.objects.exists()


def test_a_goal_without_an_owner_is_400(api_client, person, staff_user):
    api_client.force_authenticate(staff_user)
    response = api_client.put(
        url(person, "plan"), PLAN | {"goals": [{"text": "X", "due_on": day(3)}]}, format="json"
    )
    assert response.status_code == 400
    assert not EmploymentPlan.objects.exists()


@pytest.mark.parametrize("rows", [1, 30])
def test_plan_query_budget(api_client, person, staff_user, django_assert_max_num_queries, rows):
    goals = [{"text": f"Goal {n}", "due_on": day(n), "owner": "participant"} for n in range(rows)]
    api_client.force_authenticate(staff_user)
    assert (
        api_client.put(url(person, "plan"), PLAN | {"goals": goals}, format="json").status_code
        == 200
    )
    with django_assert_max_num_queries(6):
        response = api_client.get(url(person, "plan"))
    assert len(response.json()["goals"]) == rows
