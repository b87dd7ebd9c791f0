"""List filters refuse a bad value with a message naming the field (a 400 in the API, the
message next to the filter on a page) instead of dropping it, and the API schema lists
the job search's parameters."""

import pytest
from django.urls import reverse

from employers.models import VettingStatus
from tests.factories.employers import EmployerFactory, JobFactory

pytestmark = pytest.mark.django_db

BAD_SEARCHES = [
    ({"radius": "abc"}, "radius"),
    ({"radius": "0"}, "radius"),
    ({"zip": "1234x"}, "zip"),
    ({"shift": "brunch"}, "shift"),
    ({"type": "forever"}, "type"),
    ({"sort": "cheapest"}, "sort"),
    ({"min_wage": "lots"}, "min_wage"),
    ({"transit": "maybe"}, "transit"),
]


@pytest.mark.parametrize(("params", "field"), BAD_SEARCHES)
def test_api_job_search_refuses_a_bad_value_naming_the_field(api_client, params, field):
    JobFactory()
    response = api_client.get("/api/v1/jobs/", params)
    assert response.status_code == 400
    assert field in response.data["fields"]


@pytest.mark.parametrize(("params", "field"), BAD_SEARCHES)
def test_job_search_page_shows_a_bad_value_next_to_its_filter(client, params, field):
    JobFactory(title="Janitor")
    response = client.get(reverse("employers:job-search"), params)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    page = response.content.decode()
    assert f'href="#id_{field}"' in page  # the error summary links to the field
    assert "Janitor" not in page


def test_job_search_reads_yes_and_no_words_for_transit(api_client):
    on_a_bus_line = JobFactory(transit_accessible=True)
    off = JobFactory(transit_accessible=False)
    for word in ("true", "on", "1"):
        rows = api_client.get("/api/v1/jobs/", {"transit": word}).data["results"]
        assert [row["id"] for row in rows] == [on_a_bus_line.pk]
    for word in ("false", "0"):
        rows = api_client.get("/api/v1/jobs/", {"transit": word}).data["results"]
        assert {row["id"] for row in rows} == {on_a_bus_line.pk, off.pk}
    # Sent empty, it is refused like any yes/no that is neither (issue 16's fuzz run).
    assert api_client.get("/api/v1/jobs/", {"transit": ""}).status_code == 400


def test_job_search_parameters_are_in_the_schema(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    parameters = {
        parameter["name"] for parameter in schema["paths"]["/api/v1/jobs/"]["get"]["parameters"]
    }
    assert {"q", "zip", "radius", "shift", "transit", "min_wage", "type", "sort"} <= parameters


def test_vetting_list_refuses_an_unknown_status(client, staff_user):
    EmployerFactory(display_name="Pending Pies", status=VettingStatus.PENDING)
    EmployerFactory(display_name="Approved Apples", status=VettingStatus.APPROVED)
    client.force_login(staff_user)
    url = reverse("employers:staff-vetting")

    response = client.get(url, {"status": "approved"})
    assert [employer.display_name for employer in response.context["page"]] == ["Approved Apples"]

    response = client.get(url, {"status": "nonsense"})
    assert response.context["filter_form"].errors["status"]
    assert list(response.context["page"]) == []
