import pytest
from rest_framework.throttling import AnonRateThrottle

from portal.core.audit import audit_record
from portal.core.models import AuditEvent, Role
from tests.factories.mfa import authenticator_for, code_for
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def error_shape(body):
    return set(body) == {"detail", "code", "fields"}


def test_a_token_from_username_and_password_opens_the_api(api_client, staff_user, password):
    device = authenticator_for(staff_user)  # staff must have a second factor
    response = api_client.post(
        "/api/v1/auth/token/",
        {"username": staff_user.username, "password": password, "otp": code_for(device)},
        format="json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert response.json()["expires_at"]
    again = api_client.post(
        "/api/v1/auth/token/",
        {"username": staff_user.username, "password": password, "otp": code_for(device)},
        format="json",
    )
    assert again.json()["token"] != token  # a new token each time, each with its own end

    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = api_client.get("/api/v1/me/")
    assert me.status_code == 200
    assert me.json()["id"] == staff_user.id
    assert me.json()["username"] == staff_user.username
    assert me.json()["role"] == "staff"
    assert me.json()["employer_id"] is None
    assert me.json()["participant_id"] is None


def test_a_wrong_password_gets_no_token_and_says_nothing_about_the_username(
    api_client, participant
):
    for username in (participant.username, "nobody-here"):
        response = api_client.post(
            "/api/v1/auth/token/",
            {"username": username, "password": "wrong password"},
            format="json",
        )
        assert response.status_code == 400
        assert response.json() == {
            "detail": "Wrong username or password.",
            "code": "invalid_credentials",
            "fields": {},
        }


def test_missing_fields_are_named_in_fields(api_client):
    response = api_client.post("/api/v1/auth/token/", {"username": "pat"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert error_shape(body)
    assert body["code"] == "invalid"
    assert body["fields"] == {"password": ["This field is required."]}


def test_a_malformed_json_body_is_a_400_not_a_500(api_client):
    response = api_client.post(
        "/api/v1/auth/token/", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert error_shape(response.json())


def test_anonymous_calls_get_401_and_no_data(api_client):
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "not_authenticated"
    assert "username" not in response.text


def test_a_bad_token_is_refused(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_an_unknown_api_route_is_a_json_404(api_client, participant):
    api_client.force_authenticate(participant)
    response = api_client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Not found.", "code": "not_found", "fields": {}}


def test_me_can_be_changed_through_the_same_service_rules(api_client, participant):
    UserFactory(username="other", email="taken@example.org")
    api_client.force_authenticate(participant)
    clash = api_client.patch("/api/v1/me/", {"email": "taken@example.org"}, format="json")
    assert clash.status_code == 409
    assert clash.json()["code"] == "email_in_use"
    assert clash.json()["fields"] == {"email": ["This email is already in use."]}
    participant.refresh_from_db()
    assert participant.email == "pat@example.org"

    bad = api_client.patch("/api/v1/me/", {"preferred_language": "xx"}, format="json")
    assert bad.status_code == 400
    assert "preferred_language" in bad.json()["fields"]

    ok = api_client.patch("/api/v1/me/", {"preferred_language": "es"}, format="json")
    assert ok.status_code == 200
    assert ok.json()["preferred_language"] == "es"


def test_me_cannot_change_its_own_role(api_client, participant):
    api_client.force_authenticate(participant)
    api_client.patch("/api/v1/me/", {"role": "admin"}, format="json")
    participant.refresh_from_db()
    assert participant.role == Role.PARTICIPANT


class TestAuditEventList:
    url = "/api/v1/audit-events/"

    @pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.EMPLOYER, Role.STAFF])
    def test_only_program_admins_read_the_audit_trail(self, api_client, users_by_role, role):
        api_client.force_authenticate(users_by_role[role])
        response = api_client.get(self.url)
        assert response.status_code == 403
        assert "results" not in response.json()

    def test_anonymous_gets_401(self, api_client):
        assert api_client.get(self.url).status_code == 401

    def test_pages_carry_count_next_previous_results(self, api_client, admin_user):
        for number in range(30):
            audit_record(actor=admin_user, action=f"test.event{number}", target=admin_user)
        api_client.force_authenticate(admin_user)
        first = api_client.get(self.url).json()
        assert set(first) == {"count", "next", "previous", "results"}
        assert first["count"] == 30
        assert len(first["results"]) == 25
        assert first["previous"] is None
        assert first["results"][0]["action"] == "test.event29"  # newest first
        assert first["results"][0]["actor"] == admin_user.username
        assert first["results"][0]["target_type"] == "core.user"
        second = api_client.get(first["next"]).json()
        assert len(second["results"]) == 5
        assert second["next"] is None
        small = api_client.get(self.url, {"page_size": 10}).json()
        assert len(small["results"]) == 10

    def test_a_page_past_the_end_is_a_json_404(self, api_client, admin_user):
        api_client.force_authenticate(admin_user)
        response = api_client.get(self.url, {"page": 99})
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"

    @pytest.mark.parametrize("rows", [1, 30])
    def test_a_fixed_number_of_queries_whatever_the_length(
        self, api_client, admin_user, rows, django_assert_max_num_queries
    ):
        actors = [UserFactory() for _ in range(rows)]
        for actor in actors:
            audit_record(actor=actor, action="test.event", target=actor)
        api_client.force_authenticate(admin_user)
        with django_assert_max_num_queries(3):
            response = api_client.get(self.url, {"page_size": 100})
        assert len(response.json()["results"]) == AuditEvent.objects.count()


def test_anonymous_api_calls_are_throttled(api_client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "rate", "2/minute", raising=False)
    for _ in range(2):
        api_client.post("/api/v1/auth/token/", {}, format="json")
    response = api_client.post("/api/v1/auth/token/", {}, format="json")
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert "Retry-After" in response.headers


def test_the_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/me/" in schema.content
    assert b"/api/v1/auth/token/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content
