"""What the fuzz run (`make fuzz`, issue 16) found and the API now does: each test pins
one fix that let a check run again on every operation."""

import re

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from tests.factories.jobseekers import ParticipantFactory

pytestmark = pytest.mark.django_db


# --- unsupported_method: 405 for a method the route does not have, before scoping --------


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("put", "/api/v1/transitional/worksites/"),
        ("delete", "/api/v1/transitional/time-entries/"),
        ("post", "/api/v1/reports/outcomes/"),
    ],
)
def test_a_method_no_one_has_is_405_even_for_someone_scoped_out(
    api_client, employer_user, participant, method, url
):
    for user in (employer_user, participant):
        api_client.force_login(user)
        response = getattr(api_client, method)(url)
        assert response.status_code == 405, (user, url)
        assert method.upper() not in response["Allow"]
        assert "GET" in response["Allow"]
        assert response.json()["code"] == "method_not_allowed"


def test_someone_scoped_out_still_gets_404_for_a_method_the_route_has(
    api_client, employer_user, participant
):
    api_client.force_login(employer_user)
    assert api_client.get("/api/v1/transitional/worksites/").status_code == 404
    assert api_client.get("/api/v1/reports/outcomes/").status_code == 404
    api_client.force_login(participant)
    assert api_client.get("/api/v1/reports/outcomes/").status_code == 404


# --- negative_data_rejection: an empty or non-yes/no filter is refused by the API --------


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/participants/?released_to=",
        "/api/v1/participants/?status=",
        "/api/v1/participants/?missing_id=",
        "/api/v1/transitional/time-entries/?work_date=",
        "/api/v1/transitional/time-entries/?worksite=",
        "/api/v1/jobs/?min_wage=",
    ],
)
def test_the_api_refuses_a_filter_sent_empty(api_client, admin_user, url):
    api_client.force_login(admin_user)
    response = api_client.get(url)
    assert response.status_code == 400, url
    name = url.split("?")[1].rstrip("=")
    assert list(response.json()["fields"]) == [name]


def test_the_api_refuses_a_yes_no_filter_that_is_neither(api_client, staff_user):
    api_client.force_login(staff_user)
    assert api_client.get("/api/v1/participants/?missing_id=maybe").status_code == 400
    assert api_client.get("/api/v1/participants/?missing_id=true").status_code == 200
    assert api_client.get("/api/v1/participants/?missing_id=false").status_code == 200


def test_a_filter_only_admins_use_still_refuses_a_value_of_the_wrong_type(
    api_client, staff_user, other_staff
):
    mine = ParticipantFactory(facilitator=staff_user)
    ParticipantFactory(facilitator=other_staff)
    api_client.force_login(staff_user)
    response = api_client.get("/api/v1/participants/?facilitator=null")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["facilitator"]
    # A real staff member's id is still ignored for anyone but an admin.
    shown = api_client.get(f"/api/v1/participants/?facilitator={other_staff.pk}").json()
    assert [row["id"] for row in shown["results"]] == [mine.pk]


def test_free_text_may_still_be_sent_empty(api_client, staff_user):
    api_client.force_login(staff_user)
    assert api_client.get("/api/v1/participants/?search=").status_code == 200


def test_the_caseload_page_still_takes_its_forms_empty_fields(client, staff_user):
    mine = ParticipantFactory(facilitator=staff_user)
    client.force_login(staff_user)
    response = client.get(
        reverse("jobseekers:caseload"),
        {"search": "", "status": "", "released_from": "", "released_to": "", "missing_id": ""},
    )
    assert response.status_code == 200
    assert mine.first_name in response.content.decode()


# --- positive_data_acceptance: what the schema can say, it says ----------------------------


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def _parameter(schema, path, name):
    parameters = schema["paths"][path]["get"]["parameters"]
    return next(p["schema"] for p in parameters if p["name"] == name)


def test_list_filters_say_their_bounds_and_whole_numbers(schema):
    assert _parameter(schema, "/api/v1/jobs/", "radius") == {
        "type": "integer",
        "minimum": 1,
        "maximum": 100,
    }
    assert _parameter(schema, "/api/v1/jobs/", "q")["maxLength"] == 100
    # An amount with two decimals at most, written as text (a number cannot say so).
    min_wage = re.compile(_parameter(schema, "/api/v1/jobs/", "min_wage")["pattern"])
    assert min_wage.search("12.50") and not min_wage.search("12.505")
    assert not min_wage.search("12345678901") and not min_wage.search("-1")
    candidates = "/api/v1/jobs/{job_id}/candidates/"
    assert _parameter(schema, candidates, "readiness") == {
        "type": "number",
        "minimum": 1,
        "maximum": 5,
    }
    assert _parameter(schema, "/api/v1/transitional/time-entries/", "worksite") == {
        "type": "integer"
    }


def test_the_api_answers_a_radius_in_the_schemas_bounds(api_client):
    assert api_client.get("/api/v1/jobs/?radius=0").status_code == 400
    assert api_client.get("/api/v1/jobs/?zip=64106&radius=1").status_code == 200


def test_a_decimal_in_the_schema_needs_a_digit(schema):
    booth_fee = schema["components"]["schemas"]["FairWriteRequest"]["properties"]["booth_fee"]
    pattern = re.compile(booth_fee["pattern"])
    for refused in ("", "-", ".", "-."):
        assert not pattern.search(refused), refused
    for taken in ("0", "12.5", "-3", ".5", "150.00"):
        assert pattern.search(taken), taken


def test_a_rating_is_a_whole_number_from_1_to_5_in_the_schema(schema):
    # It was any JSON value ({}), so null or an object looked valid and got 400.
    for name in ("RatingInputRequest", "RatingsInputRequest"):
        rating = schema["components"]["schemas"][name]["properties"]["effort"]
        assert rating == {"type": "integer", "minimum": 1, "maximum": 5}
