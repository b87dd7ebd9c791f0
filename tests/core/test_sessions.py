"""Sessions (issue 16): staff and admin sessions end 12 hours after sign-in whatever the
activity; "Sign out on every device" ends every session of the user and their tokens."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client

from portal.core.models import AuditEvent
from portal.core.services import api_token_create

pytestmark = pytest.mark.django_db

MONDAY_7AM = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)
BUSY_STEP = timedelta(minutes=20)  # within the 30-minute idle end


def stay_busy(client, clock, until: timedelta):
    """A page every 20 minutes from sign-in until `until` after it."""
    elapsed = timedelta()
    while elapsed + BUSY_STEP < until:
        clock.shift(BUSY_STEP)
        elapsed += BUSY_STEP
        assert client.get("/dashboard/").status_code == 200, elapsed
    clock.shift(until - elapsed)


class TestStaffSessionsEndAfter12Hours:
    def test_a_busy_staff_session_ends_12_hours_after_sign_in(self, client, staff_user):
        with time_machine.travel(MONDAY_7AM, tick=False) as clock:
            client.force_login(staff_user)
            stay_busy(client, clock, timedelta(hours=11, minutes=59))
            assert client.get("/dashboard/").status_code == 200
            clock.shift(timedelta(minutes=1))
            response = client.get("/dashboard/")
            assert response.status_code == 302
            assert response.url == "/accounts/login/?next=/dashboard/"
            login_page = client.get(response.url)
            assert "staff sessions end after 12 hours" in login_page.text
            assert "_auth_user_id" not in client.session
            # Signed out for good, not for one request.
            assert client.get("/dashboard/").status_code == 302

    def test_a_participants_busy_session_goes_on(self, client, participant):
        with time_machine.travel(MONDAY_7AM, tick=False) as clock:
            client.force_login(participant)
            stay_busy(client, clock, timedelta(hours=13))
            assert client.get("/dashboard/").status_code == 200

    def test_signing_in_again_starts_a_new_12_hours(self, client, admin_user):
        with time_machine.travel(MONDAY_7AM, tick=False) as clock:
            client.force_login(admin_user)
            clock.shift(timedelta(hours=12))
            assert client.get("/dashboard/").status_code == 302
            client.force_login(admin_user)
            assert client.get("/dashboard/").status_code == 200

    def test_the_api_with_an_ended_session_gets_json_401(self, client, staff_user, settings):
        settings.PORTAL_STAFF_SESSION_MAX_HOURS = 1
        with time_machine.travel(MONDAY_7AM, tick=False) as clock:
            client.force_login(staff_user)
            assert client.get("/api/v1/me/").status_code == 200
            stay_busy(client, clock, timedelta(hours=1))
            response = client.get("/api/v1/me/")
        assert response.status_code == 401
        assert response.json()["code"] == "session_expired"
        assert "staff sessions end after 1 hour." in response.json()["detail"]

    def test_an_api_token_is_not_a_session(self, client, staff_user, settings):
        settings.PORTAL_STAFF_SESSION_MAX_HOURS = 1
        with time_machine.travel(MONDAY_7AM, tick=False) as clock:
            token = api_token_create(user=staff_user).raw
            clock.shift(timedelta(hours=2))
            response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
        assert response.status_code == 200


class TestSignOutEverywhere:
    def test_the_sign_out_page_offers_every_device(self, client, participant):
        client.force_login(participant)
        page = client.get("/accounts/logout/")
        assert page.status_code == 200
        assert 'name="everywhere"' in page.text
        assert "Sign out on every device" in page.text
        assert "Sign out on every device" in client.get("/account/").text

    def test_a_visitor_is_sent_to_sign_in(self, client):
        response = client.get("/accounts/logout/")
        assert response.status_code == 302
        assert response.url == "/accounts/login/"

    def test_every_session_and_token_ends(self, client, participant, api_client):
        phone = Client()
        phone.force_login(participant)
        token = api_token_create(user=participant).raw
        client.force_login(participant)

        response = client.post("/accounts/logout/", {"everywhere": "1"}, follow=True)
        assert "You are signed out on every device." in response.text
        assert client.get("/dashboard/").status_code == 302
        assert phone.get("/dashboard/").status_code == 302
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        assert api_client.get("/api/v1/me/").status_code == 401
        assert AuditEvent.objects.filter(
            action="auth.signed_out_everywhere", actor=participant
        ).exists()
        # Signing in again works (a sign-in reads the user afresh, as the page does).
        participant.refresh_from_db()
        client.force_login(participant)
        assert client.get("/dashboard/").status_code == 200

    def test_a_plain_sign_out_ends_only_this_session(self, client, participant, api_client):
        phone = Client()
        phone.force_login(participant)
        token = api_token_create(user=participant).raw
        client.force_login(participant)

        client.post("/accounts/logout/")
        assert client.get("/dashboard/").status_code == 302
        assert phone.get("/dashboard/").status_code == 200
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        assert api_client.get("/api/v1/me/").status_code == 200

    def test_the_page_is_in_spanish(self, client, participant):
        client.force_login(participant)
        client.cookies["django_language"] = "es"
        page = client.get("/accounts/logout/")
        assert "Cerrar sesión en todos los dispositivos" in page.text


def stored_expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


class TestIdleEnd:
    """Everyone's session ends after 30 idle minutes; a page pushes that end forward (a
    save at most once a minute, not one per page)."""

    def test_a_session_idle_for_30_minutes_ends(self, client, participant):
        with time_machine.travel(MONDAY_7AM, tick=False) as clock:
            client.force_login(participant)
            assert client.get("/dashboard/").status_code == 200
            clock.shift(timedelta(minutes=29))
            assert client.get("/dashboard/").status_code == 200
            clock.shift(timedelta(minutes=30, seconds=1))
            response = client.get("/dashboard/")
            assert response.status_code == 302
            assert response.url == "/accounts/login/?next=/dashboard/"

    def test_pages_within_a_minute_push_the_end_once(self, client, participant):
        with time_machine.travel(MONDAY_7AM, tick=False) as clock:
            client.force_login(participant)
            client.get("/dashboard/")
            pushed = stored_expiry(client)
            clock.shift(timedelta(seconds=30))
            client.get("/dashboard/")
            assert stored_expiry(client) == pushed  # not saved again
            clock.shift(timedelta(seconds=31))
            client.get("/dashboard/")
            assert stored_expiry(client) == pushed + timedelta(seconds=61)
