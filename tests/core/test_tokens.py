"""API tokens that end (issue 16): hashed at rest, expiring by role, listed and revoked by
their owner, revoked on a password, role or active-flag change, and a second factor on
the token endpoint."""

import hashlib
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.db import connection
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.core.models import ApiToken, AuditEvent, Role
from portal.core.services import api_token_create
from tests.factories.mfa import authenticator_for, code_for
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
LIST_URL = "/api/v1/auth/tokens/"
LOGOUT_URL = "/api/v1/auth/logout/"
MONDAY_9AM = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def ask_for_token(api_client, user, password, **fields):
    return api_client.post(
        TOKEN_URL,
        {"username": user.username, "password": password, **fields},
        format="json",
        REMOTE_ADDR="198.51.100.7",
    )


def ask_for_staff_token(api_client, user, password):
    """Staff and admins need a second factor: give them one and send its code."""
    return ask_for_token(api_client, user, password, otp=code_for(authenticator_for(user)))


def me_with(api_client, token):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api_client.get("/api/v1/me/")


def wrong_code(device):
    return f"{(int(totp(device.bin_key)) + 1) % 1_000_000:06d}"


def issued(user):
    return api_token_create(user=user, name="test").raw


def test_rest_framework_authtoken_is_gone():
    assert "rest_framework.authtoken" not in settings.INSTALLED_APPS
    assert "authtoken_token" not in connection.introspection.table_names()


class TestHashedAtRest:
    def test_the_database_holds_only_a_digest_of_the_token(self, api_client, participant, password):
        response = ask_for_token(api_client, participant, password)
        raw = response.json()["token"]
        row = ApiToken.objects.get(user=participant)
        assert row.digest == hashlib.sha256(raw.encode()).hexdigest()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table}")  # noqa: S608
            stored = repr(cursor.fetchall())
        assert raw not in stored
        assert me_with(api_client, raw).status_code == 200

    def test_a_token_with_the_right_prefix_but_a_wrong_rest_is_refused(
        self, api_client, participant
    ):
        raw = issued(participant)
        forged = raw[: ApiToken.PREFIX_LENGTH] + "x" * (len(raw) - ApiToken.PREFIX_LENGTH)
        response = me_with(api_client, forged)
        assert response.status_code == 401
        assert response.json()["detail"] == "Invalid token."

    def test_the_issue_is_audited_without_the_token(self, api_client, participant, password):
        raw = ask_for_token(api_client, participant, password).json()["token"]
        event = AuditEvent.objects.get(action="auth.token_created")
        assert event.actor == participant
        assert raw not in repr(event.details) + event.target_label


class TestExpiry:
    def test_a_staff_token_ends_after_8_hours_a_participants_lives_on(
        self, api_client, staff_user, participant, password
    ):
        with time_machine.travel(MONDAY_9AM, tick=False) as clock:
            staff_response = ask_for_staff_token(api_client, staff_user, password)
            staff_token = staff_response.json()["token"]
            participant_token = ask_for_token(api_client, participant, password).json()["token"]
            assert staff_response.json()["expires_at"] == "2026-03-02T17:00:00-06:00"

            clock.shift(timedelta(hours=7, minutes=59))
            assert me_with(api_client, staff_token).status_code == 200

            clock.shift(timedelta(minutes=1))
            expired = me_with(api_client, staff_token)
            assert expired.status_code == 401
            assert expired.headers["WWW-Authenticate"] == "Token"
            assert "This token has expired" in expired.json()["detail"]
            assert me_with(api_client, participant_token).status_code == 200

            clock.shift(timedelta(days=30) - timedelta(hours=8))
            assert me_with(api_client, participant_token).status_code == 401

    def test_admins_count_as_staff(self, api_client, admin_user, password):
        with time_machine.travel(MONDAY_9AM, tick=False) as clock:
            token = ask_for_staff_token(api_client, admin_user, password).json()["token"]
            clock.shift(timedelta(hours=8))
            assert me_with(api_client, token).status_code == 401

    def test_the_lifetimes_are_settings(self, api_client, staff_user, password, settings):
        settings.PORTAL_API_TOKEN_HOURS_STAFF = 1
        with time_machine.travel(MONDAY_9AM, tick=False) as clock:
            token = ask_for_staff_token(api_client, staff_user, password).json()["token"]
            clock.shift(timedelta(hours=1))
            assert me_with(api_client, token).status_code == 401

    def test_last_use_is_written_at_most_once_a_minute(self, api_client, participant):
        raw = issued(participant)
        with time_machine.travel(MONDAY_9AM, tick=False) as clock:
            me_with(api_client, raw)
            assert ApiToken.objects.get().last_used_at == MONDAY_9AM
            clock.shift(timedelta(seconds=30))
            me_with(api_client, raw)
            assert ApiToken.objects.get().last_used_at == MONDAY_9AM
            clock.shift(timedelta(seconds=30))
            me_with(api_client, raw)
            assert ApiToken.objects.get().last_used_at == MONDAY_9AM + timedelta(minutes=1)


class TestListRevokeLogout:
    def test_the_list_shows_only_my_live_tokens_and_never_a_secret(
        self, api_client, participant, other_participant_user
    ):
        mine = issued(participant)
        revoked = api_token_create(user=participant, name="old phone")
        revoked.token.revoked_at = revoked.token.created
        revoked.token.save()
        issued(other_participant_user)
        expired = api_token_create(user=participant, name="expired")
        ApiToken.objects.filter(pk=expired.token.pk).update(expires_at=expired.token.created)

        api_client.credentials(HTTP_AUTHORIZATION=f"Token {mine}")
        response = api_client.get(LIST_URL)
        assert response.status_code == 200
        rows = response.json()["results"]
        assert len(rows) == 1
        assert set(rows[0]) == {"id", "name", "created", "expires_at", "last_used_at"}
        assert rows[0]["name"] == "test"
        assert mine not in response.text
        assert ApiToken.objects.get(pk=rows[0]["id"]).user == participant

    def test_the_name_defaults_to_the_user_agent(self, api_client, participant, password):
        api_client.post(
            TOKEN_URL,
            {"username": participant.username, "password": password},
            format="json",
            HTTP_USER_AGENT="JobClubApp/2.1 (Android)",
        )
        assert ApiToken.objects.get().name == "JobClubApp/2.1 (Android)"

    @pytest.mark.parametrize("count", [1, 30])
    def test_the_list_runs_a_fixed_number_of_queries(
        self, api_client, participant, count, django_assert_max_num_queries
    ):
        for _ in range(count):
            issued(participant)
        api_client.force_authenticate(participant)
        with django_assert_max_num_queries(2):
            response = api_client.get(LIST_URL, {"page_size": 100})
        assert response.json()["count"] == count

    def test_the_owner_revokes_one_token(self, api_client, participant):
        kept, gone = issued(participant), api_token_create(user=participant)
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {kept}")
        response = api_client.delete(f"{LIST_URL}{gone.token.pk}/")
        assert response.status_code == 204
        refused = me_with(api_client, gone.raw)
        assert refused.status_code == 401
        assert "This token was revoked" in refused.json()["detail"]
        assert me_with(api_client, kept).status_code == 200
        assert AuditEvent.objects.filter(action="auth.token_revoked", actor=participant).exists()
        # Revoked is gone: a second delete finds nothing.
        assert api_client.delete(f"{LIST_URL}{gone.token.pk}/").status_code == 404

    def test_someone_elses_token_is_a_404_and_stays_valid(
        self, api_client, participant, other_participant_user
    ):
        theirs = api_token_create(user=other_participant_user)
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {issued(participant)}")
        response = api_client.delete(f"{LIST_URL}{theirs.token.pk}/")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
        assert me_with(api_client, theirs.raw).status_code == 200

    def test_an_admin_cannot_revoke_someone_elses_token_either(
        self, api_client, admin_user, participant
    ):
        theirs = api_token_create(user=participant)
        api_client.force_authenticate(admin_user)
        assert api_client.delete(f"{LIST_URL}{theirs.token.pk}/").status_code == 404
        assert api_client.get(LIST_URL).json()["count"] == 0

    def test_logout_revokes_the_token_in_use_only(self, api_client, participant):
        other_device, this_device = issued(participant), issued(participant)
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {this_device}")
        assert api_client.post(LOGOUT_URL).status_code == 204
        assert me_with(api_client, this_device).status_code == 401
        assert me_with(api_client, other_device).status_code == 200

    def test_anonymous_calls_are_refused(self, api_client):
        assert api_client.get(LIST_URL).status_code == 401
        assert api_client.post(LOGOUT_URL).status_code == 401
        assert api_client.delete(f"{LIST_URL}1/").status_code == 401

    def test_the_endpoints_are_in_the_schema(self, client):
        schema = client.get("/api/schema/").content.decode()
        for path in ("/api/v1/auth/tokens/", "/api/v1/auth/tokens/{token_id}/", LOGOUT_URL):
            assert path in schema
        assert "expires_at" in schema
        assert "otp" in schema


class TestRevokedOnCredentialChange:
    def test_a_password_change_on_the_account_page(self, client, api_client, participant, password):
        raw = issued(participant)
        client.force_login(participant)
        response = client.post(
            "/accounts/password_change/",
            {
                "old_password": password,
                "new_password1": "a brand new passphrase",
                "new_password2": "a brand new passphrase",
            },
        )
        assert response.status_code == 302
        assert me_with(api_client, raw).status_code == 401
        event = AuditEvent.objects.get(action="auth.tokens_revoked")
        assert event.details == {"reason": "password_changed", "count": 1}

    def test_a_password_reset_by_email(
        self, client, api_client, participant, django_capture_on_commit_callbacks
    ):
        raw = issued(participant)
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/accounts/password_reset/", {"email": participant.email})
        link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
        form = client.get(link, follow=True)
        client.post(
            form.redirect_chain[-1][0],
            {"new_password1": "my new long password", "new_password2": "my new long password"},
        )
        participant.refresh_from_db()
        assert participant.check_password("my new long password")
        assert me_with(api_client, raw).status_code == 401

    def test_a_password_set_by_a_superuser_in_the_django_admin(
        self, client, api_client, participant
    ):
        raw = issued(participant)
        client.force_login(UserFactory(admin=True, is_superuser=True, is_staff=True))
        response = client.post(
            f"/django-admin/core/user/{participant.pk}/password/",
            {
                "password1": "set by the admin 2026",
                "password2": "set by the admin 2026",
                "usable_password": "true",
            },
        )
        assert response.status_code == 302
        assert me_with(api_client, raw).status_code == 401

    def test_a_role_change(self, api_client, staff_user):
        raw = issued(staff_user)
        staff_user.role = Role.PARTICIPANT
        staff_user.save()
        assert me_with(api_client, raw).status_code == 401
        assert AuditEvent.objects.get(action="auth.tokens_revoked").details["reason"] == (
            "role_changed"
        )

    def test_deactivation(self, api_client, employer_user):
        raw = issued(employer_user)
        employer_user.is_active = False
        employer_user.save(update_fields=["is_active"])
        employer_user.is_active = True
        employer_user.save(update_fields=["is_active"])
        assert me_with(api_client, raw).status_code == 401

    def test_other_saves_keep_the_tokens(self, client, api_client, participant, password):
        raw = issued(participant)
        participant.first_name = "Patricia"
        participant.save()
        client.post("/accounts/login/", {"username": "pat", "password": password})  # last_login
        assert me_with(api_client, raw).status_code == 200
        assert not AuditEvent.objects.filter(action="auth.tokens_revoked").exists()

    def test_a_password_rehash_on_sign_in_is_not_a_change(
        self, client, api_client, participant, password
    ):
        # A hash with a too-short salt is upgraded by Django at the next sign-in.
        participant.password = MD5PasswordHasher().encode(password, "short")
        participant.save(update_fields=["password"])
        raw = issued(participant)
        client.post("/accounts/login/", {"username": "pat", "password": password})
        participant.refresh_from_db()
        assert "$short$" not in participant.password  # rehashed
        assert me_with(api_client, raw).status_code == 200


class TestSecondFactor:
    @pytest.fixture
    def device(self, staff_user):
        return TOTPDevice.objects.create(user=staff_user, name="phone", confirmed=True)

    def test_a_missing_code_is_a_400_naming_otp(self, api_client, staff_user, password, device):
        response = ask_for_token(api_client, staff_user, password)
        assert response.status_code == 400
        assert response.json()["code"] == "otp_required"
        assert response.json()["fields"] == {
            "otp": ["Enter the 6-digit code from your authenticator app."]
        }
        assert not ApiToken.objects.exists()
        assert not AccessAttempt.objects.exists()

    def test_a_wrong_code_is_a_400_naming_otp_and_a_failed_sign_in(
        self, api_client, staff_user, password, device
    ):
        response = ask_for_token(api_client, staff_user, password, otp=wrong_code(device))
        assert response.status_code == 400
        assert response.json()["code"] == "invalid_otp"
        assert list(response.json()["fields"]) == ["otp"]
        assert not ApiToken.objects.exists()
        assert AccessAttempt.objects.get(username=staff_user.username).failures_since_start == 1

    def test_the_right_code_issues_the_token(self, api_client, staff_user, password, device):
        right = f"{totp(device.bin_key):06d}"
        response = ask_for_token(api_client, staff_user, password, otp=right)
        assert response.status_code == 200
        assert me_with(api_client, response.json()["token"]).status_code == 200

    def test_five_wrong_codes_lock_the_account_like_wrong_passwords(
        self, api_client, staff_user, password, device
    ):
        with time_machine.travel(MONDAY_9AM, tick=False) as clock:
            for _ in range(5):
                ask_for_token(api_client, staff_user, password, otp=wrong_code(device))
                clock.shift(timedelta(seconds=40))  # past django-otp's own throttle
            right = f"{totp(device.bin_key):06d}"
            response = ask_for_token(api_client, staff_user, password, otp=right)
        assert response.status_code == 429
        assert response.json()["code"] == "locked_out"
        assert not ApiToken.objects.exists()

    def test_a_recovery_code_works_once_and_is_audited_and_emailed(
        self, api_client, staff_user, password, device, mail_at_once
    ):
        recovery = StaticDevice.objects.create(user=staff_user, name="recovery", confirmed=True)
        recovery.token_set.create(token="abcd2345")
        first = ask_for_token(api_client, staff_user, password, otp="ABCD-2345")
        assert first.status_code == 200
        assert AuditEvent.objects.filter(action="mfa.recovery_code_used").count() == 1
        assert len(mail.outbox) == 1
        again = ask_for_token(api_client, staff_user, password, otp="abcd-2345")
        assert again.status_code == 400
        assert list(again.json()["fields"]) == ["otp"]

    def test_staff_without_a_factor_get_no_token(self, api_client, admin_user, password):
        response = ask_for_token(api_client, admin_user, password)
        assert response.status_code == 400
        assert response.json()["code"] == "second_factor_not_set_up"
        assert list(response.json()["fields"]) == ["otp"]
        assert not ApiToken.objects.exists()

    def test_an_account_without_a_factor_needs_no_code(self, api_client, participant, password):
        TOTPDevice.objects.create(user=participant, name="unfinished", confirmed=False)
        assert ask_for_token(api_client, participant, password).status_code == 200
