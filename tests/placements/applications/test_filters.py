"""The applications list filter, on the page and in the API: a stage filters, an
unknown stage is refused (next to the filter on the page, a 400 naming it in the API)."""

from django.urls import reverse

from placements.models import ApplicationStatus
from tests.factories.applications import ApplicationFactory

from .test_api import URL, as_user

S = ApplicationStatus


def test_the_api_filters_by_stage(api_client, person, job, staff_user):
    reviewing = ApplicationFactory(participant=person, job=job, status=S.REVIEWING)
    ApplicationFactory(participant=person, status=S.SUBMITTED)
    response = as_user(api_client, staff_user).get(URL, {"status": S.REVIEWING})
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [reviewing.pk]


def test_the_api_refuses_an_unknown_stage(api_client, person, staff_user):
    ApplicationFactory(participant=person)
    response = as_user(api_client, staff_user).get(URL, {"status": "hired-ish"})
    assert response.status_code == 400
    assert "status" in str(response.json())


def test_the_schema_lists_the_stage_filter(api_client, staff_user):
    schema = as_user(api_client, staff_user).get("/api/schema/", {"format": "json"})
    operation = schema.json()["paths"]["/api/v1/applications/"]["get"]
    assert "status" in [parameter["name"] for parameter in operation["parameters"]]


def test_the_page_filters_by_stage(client, person, job, staff_user):
    ApplicationFactory(participant=person, job=job, status=S.REVIEWING)
    ApplicationFactory(participant=person, status=S.SUBMITTED)
    client.force_login(staff_user)
    response = client.get(reverse("placements:application-list"), {"status": S.REVIEWING})
    assert response.status_code == 200
    assert [a.status for a in response.context["page"].object_list] == [S.REVIEWING]


def test_the_page_shows_an_unknown_stage_next_to_the_filter(client, person, staff_user):
    ApplicationFactory(participant=person)
    client.force_login(staff_user)
    response = client.get(reverse("placements:application-list"), {"status": "nope"})
    assert response.status_code == 200
    assert response.context["filters"].errors["status"]
    assert 'class="field field--error"' in response.content.decode()
    # The list is not emptied by a wrong filter.
    assert len(response.context["page"].object_list) == 1
