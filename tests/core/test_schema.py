"""The OpenAPI schema tells the truth (issue 16, "A truthful API"), and needs a sign-in to
read in production. `make fuzz` checks the whole API against it; these tests pin each
fix it needed."""

import re

import jsonschema_rs
import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.exceptions import ValidationError

from portal.core.drf import WallClockTimeField
from tests.factories.employers import EmployerFactory, FairFactory, JobFactory
from tests.factories.fairs import RegistrationFactory
from tests.factories.jobseekers import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    """What /api/schema/ serves (the same generator), made once: it takes seconds."""
    return SchemaGenerator().get_schema(request=None, public=True)


def validator(field_schema):
    return jsonschema_rs.validator_for(field_schema, validate_formats=True)


def test_every_operation_declares_the_errors_it_can_answer_with(schema):
    operations = {
        (path, method): operation
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    }
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    job = operations[("/api/v1/jobs/{id}/", "get")]["responses"]
    assert {"200", "401", "403", "404", "429"} <= set(job)
    assert job["404"]["content"] == error
    approve = operations[("/api/v1/jobs/{id}/approve/", "post")]["responses"]
    assert {"400", "401", "403", "404", "409", "429"} <= set(approve)
    create = operations[("/api/v1/jobs/", "post")]["responses"]
    assert {"400", "409", "413"} <= set(create)
    # The one operation that needs no sign-in cannot answer 401.
    assert "401" not in operations[("/api/v1/auth/token/", "post")]["responses"]
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail", "code", "fields"]


def test_a_nested_error_fits_the_declared_error_shape(schema, api_client):
    nested = {
        "detail": "Please correct the errors below.",
        "code": "invalid",
        "fields": {"entries": [{"hours": ["Too many."]}, {}], "share": ["Required."]},
    }
    assert validator(schema["components"]["schemas"]["Error"]).is_valid(nested)


def test_page_size_that_is_not_a_whole_number_from_1_is_refused(admin_user, api_client, schema):
    EmployerFactory.create_batch(3)
    api_client.force_login(admin_user)
    for bad in ("abc", "0", "-1", "2.5", " 3", "٣"):
        response = api_client.get("/api/v1/employers/", {"page_size": bad})
        assert response.status_code == 400, bad
        assert list(response.json()["fields"]) == ["page_size"]
    assert len(api_client.get("/api/v1/employers/", {"page_size": "2"}).json()["results"]) == 2
    # More than 100 still gets 100 rows a page, as before.
    assert api_client.get("/api/v1/employers/", {"page_size": "500"}).status_code == 200
    parameter = next(
        p
        for p in schema["paths"]["/api/v1/employers/"]["get"]["parameters"]
        if p["name"] == "page_size"
    )
    assert parameter["schema"] == {"type": "integer", "minimum": 1}


def test_times_are_wall_clock_times_in_the_schema_and_in_answers(api_client, schema):
    job_list = schema["components"]["schemas"]["Shift"]["properties"]["start"]
    assert "format" not in job_list  # `time` would demand an offset such as "08:00:00Z"
    JobFactory(shift_start="08:00")
    shown = api_client.get("/api/v1/jobs/").json()["results"][0]["shift"]["start"]
    assert shown == "08:00"
    assert validator(job_list).is_valid(shown)
    job_write = schema["components"]["schemas"]["JobWriteRequest"]["properties"]["shift_start"]
    assert validator(job_write).is_valid("17:30:00")
    assert not validator(job_write).is_valid("08:00:00Z")


@pytest.mark.parametrize("value", ["8:0", "0800", "08:00+05:00", "08:00:00Z", "24:00", 800])
def test_a_time_input_is_exactly_what_the_schema_allows(value):
    with pytest.raises(ValidationError):
        WallClockTimeField().run_validation(value)


def test_a_time_input_in_the_schemas_form_is_read():
    assert WallClockTimeField().run_validation("07:05").strftime("%H:%M") == "07:05"
    assert WallClockTimeField().run_validation("23:59:30").second == 30


def test_an_empty_web_address_or_email_is_allowed_by_the_schema(api_client, schema):
    EmployerFactory(website="")
    answer = api_client.get("/api/v1/employers/").json()
    assert answer.get("results") is None or answer["results"][0]["website"] == ""
    components = schema["components"]["schemas"]
    for component, field in [
        ("EmployerPublic", "website"),
        ("Me", "email"),
        ("EmployerSignUpRequest", "website"),
    ]:
        field_schema = components[component]["properties"][field]
        assert validator(field_schema).is_valid(""), (component, field)
    website = components["EmployerSignUpRequest"]["properties"]["website"]
    assert validator(website).is_valid("https://example.org/")
    assert not validator(website).is_valid("not a web address")
    # A required email stays an email that may not be empty.
    email = components["EmployerSignUpRequest"]["properties"]["email"]
    assert not validator(email).is_valid("")


def test_sharing_must_be_sent_even_in_a_form_body(api_client, participant):
    person = ParticipantFactory(user=participant)
    registration = RegistrationFactory(fair=FairFactory(), participant=person, shares_profile=True)
    api_client.force_login(participant)
    url = f"/api/v1/fair-registrations/{registration.pk}/sharing/"
    for body, content_type in [({}, "multipart"), ({}, "json")]:
        response = api_client.post(url, body, format=content_type)
        assert response.status_code == 400
        assert list(response.json()["fields"]) == ["share"]
    registration.refresh_from_db()
    assert registration.shares_profile is True  # not turned off by a missing field
    response = api_client.post(url, {"share": "false"}, format="multipart")
    assert response.status_code == 200 and response.json()["shares_profile"] is False


# --- Who reads the schema --------------------------------------------------------------


def test_in_production_the_schema_and_docs_need_a_sign_in(api_client, participant, settings):
    settings.PORTAL_API_SCHEMA_PUBLIC = False
    assert api_client.get("/api/schema/").status_code == 401
    response = api_client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    docs = api_client.get("/api/docs/")
    assert docs.status_code == 302 and docs["Location"].startswith("/accounts/login/")
    api_client.force_login(participant)
    assert api_client.get("/api/schema/", {"format": "json"}).json()["openapi"].startswith("3.")
    assert api_client.get("/api/docs/").status_code == 200


def test_locally_the_schema_and_docs_are_public(api_client, settings):
    settings.PORTAL_API_SCHEMA_PUBLIC = True
    assert api_client.get("/api/schema/").status_code == 200
    assert api_client.get("/api/docs/").status_code == 200


def test_a_write_to_an_address_under_api_that_is_no_endpoint_gets_the_json_404(
    api_client, participant
):
    api_client.force_login(participant)
    api_client.handler.enforce_csrf_checks = True
    for url in ("/api/v1/applications/abc/transitions/", "/api/v1/nothing-here/"):
        response = api_client.post(url, {"to": "submitted"}, format="json")
        assert response.status_code == 404, url
        assert response.json() == {"detail": "Not found.", "code": "not_found", "fields": {}}


def test_request_bodies_are_documented_as_json(schema):
    create = schema["paths"]["/api/v1/jobs/"]["post"]["requestBody"]["content"]
    assert list(create) == ["application/json"]


def test_optional_choices_and_empty_links_are_allowed_in_the_schema(api_client, staff_user):
    """What the fuzz run found: a participant's optional choices are "" when not known,
    an audit event by the system has no actor, and an empty ZIP area means everyone."""
    api_client.force_authenticate(staff_user)
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    participant = schema["components"]["schemas"]["Participant"]["properties"]
    for name in ("housing", "risk_level", "gender", "custody_return_type"):
        choices = [
            option.get("$ref", "").rsplit("/", 1)[-1] for option in participant[name]["oneOf"]
        ]
        assert "BlankEnum" in choices, name
    assert schema["components"]["schemas"]["AuditEvent"]["properties"]["actor"]["nullable"]
    parameters = schema["paths"]["/api/v1/reports/outcomes/"]["get"]["parameters"]
    zip_area = next(parameter for parameter in parameters if parameter["name"] == "zip_area")
    assert re.fullmatch(zip_area["schema"]["pattern"], "")


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("/api/v1/me/", {"last_name": 0}, "last_name"),
        (
            "/api/v1/job-club/sessions/",
            {"starts_at": "2030-01-01T10:00:00Z", "place": 0, "topic": "resume"},
            "place",
        ),
        (
            "/api/v1/transitional/worksites/",
            {"name": "Crew", "address": "1 Main St", "supervisors": {}},
            "supervisors",
        ),
        ("/api/v1/transitional/worksites/", {"name": 7, "address": "1 Main St"}, "name"),
    ],
)
def test_the_api_refuses_what_its_schema_refuses(api_client, admin_user, url, body, field):
    """What the fuzz run found: a number where the schema says text, an object where it
    says a list. Refused naming the field; nothing saved."""
    from jobseekers.models import JobClubSession
    from placements.transitional.models import WorkSite

    before = (JobClubSession.objects.count(), WorkSite.objects.count())
    api_client.force_authenticate(admin_user)
    method = api_client.patch if url.endswith("/me/") else api_client.post
    response = method(url, body, format="json")
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert (JobClubSession.objects.count(), WorkSite.objects.count()) == before
    admin_user.refresh_from_db()
    assert admin_user.last_name != "0"
