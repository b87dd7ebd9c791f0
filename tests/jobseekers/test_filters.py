"""The caseload filters (django-filter): a bad value is refused with a message on its
parameter, never silently dropped; the API schema lists the parameters."""

import pytest

from tests.factories.jobseekers import ParticipantFactory, ResumeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=sleeping", "status"),
        ("released_from=someday", "released_from"),
        ("released_to=2026-13-45", "released_to"),
        ("search=" + "x" * 101, "search"),
    ],
)
def test_the_api_refuses_a_bad_filter_value_by_its_name(api_client, staff_user, query, field):
    ParticipantFactory(facilitator=staff_user)
    api_client.force_authenticate(staff_user)
    response = api_client.get(f"/api/v1/participants/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["fields"]) == [field]


def test_an_admin_filters_by_facilitator_and_an_unknown_one_is_refused(
    api_client, admin_user, staff_user, other_staff
):
    mine = ParticipantFactory(facilitator=staff_user)
    ParticipantFactory(facilitator=other_staff)
    api_client.force_authenticate(admin_user)

    found = api_client.get(f"/api/v1/participants/?facilitator={staff_user.pk}").json()
    unknown = api_client.get("/api/v1/participants/?facilitator=999999")

    assert [row["id"] for row in found["results"]] == [mine.pk]
    assert unknown.status_code == 400
    assert list(unknown.json()["fields"]) == ["facilitator"]


def test_staff_cannot_look_at_another_caseload_through_the_facilitator_filter(
    api_client, staff_user, other_staff
):
    mine = ParticipantFactory(facilitator=staff_user)
    ParticipantFactory(facilitator=other_staff)
    api_client.force_authenticate(staff_user)
    response = api_client.get(f"/api/v1/participants/?facilitator={other_staff.pk}")
    assert [row["id"] for row in response.json()["results"]] == [mine.pk]


def test_the_api_filters_by_release_dates_and_boxes(api_client, staff_user):
    early = ParticipantFactory(
        facilitator=staff_user, release_date="2025-01-10", has_state_id=True,
        has_social_security_card=True,
    )  # fmt: skip
    late = ParticipantFactory(facilitator=staff_user, release_date="2025-06-10")
    ResumeFactory(participant=early)
    api_client.force_authenticate(staff_user)

    def ids(query):
        body = api_client.get(f"/api/v1/participants/?{query}").json()
        return [row["id"] for row in body["results"]]

    assert ids("released_from=2025-03-01") == [late.pk]
    assert ids("released_to=2025-03-01") == [early.pk]
    assert ids("no_resume=true") == [late.pk]
    assert sorted(ids("no_resume=false")) == sorted([early.pk, late.pk])
    assert ids("missing_id=on") == [late.pk]


def test_the_page_shows_a_bad_filter_value_next_to_the_filter(client, staff_user):
    ParticipantFactory(facilitator=staff_user)
    client.force_login(staff_user)
    response = client.get("/participants/?status=sleeping")
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["status"]
    assert "sleeping" in form.errors["status"][0]
    assert list(response.context["page"].object_list) == []
    assert form.errors["status"][0] in response.content.decode()


def test_the_page_without_filters_lists_the_whole_caseload(client, staff_user):
    ParticipantFactory.create_batch(2, facilitator=staff_user)
    client.force_login(staff_user)
    response = client.get("/participants/")
    assert response.context["form"].errors == {}
    assert len(response.context["page"].object_list) == 2


def test_the_schema_lists_the_caseload_filters(client):
    schema = client.get("/api/schema/?format=json").json()
    parameters = {
        parameter["name"]
        for parameter in schema["paths"]["/api/v1/participants/"]["get"]["parameters"]
    }
    assert {
        "search",
        "status",
        "facilitator",
        "released_from",
        "released_to",
        "missing_id",
        "no_resume",
    } <= parameters
