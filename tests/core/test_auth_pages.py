import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail

from portal.core.models import STAFF_ROLES, Role
from tests.factories.mfa import authenticator_for, code_for
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD_MARK = {
    Role.PARTICIPANT: "Your next step",
    Role.EMPLOYER: "Hiring with the program",
    Role.STAFF: "Staff tools",
    Role.ADMIN: "Program admin tools",
}


def login(client, username, password, **extra):
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_lands_on_its_own_dashboard(client, users_by_role, password, role):
    user = users_by_role[role]
    if role in STAFF_ROLES:
        # Staff and admins sign in with their second factor (portal.core.mfa).
        device = authenticator_for(user)
        response = login(client, user.username, password)
        assert response.url == "/account/two-factor/code/"
        response = client.post(response.url, {"code": code_for(device)})
    else:
        response = login(client, user.username, password)
    assert response.status_code == 302
    assert response.url == "/dashboard/"
    page = client.get("/dashboard/")
    assert page.status_code == 200
    assert f"Welcome, {user.first_name}" in page.text
    assert DASHBOARD_MARK[role] in page.text
    for other_role, mark in DASHBOARD_MARK.items():
        if other_role != role:
            assert mark not in page.text


def test_the_dashboard_asks_a_visitor_to_sign_in(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=/dashboard/")


def test_a_wrong_password_gets_a_generic_message(client, participant):
    response = login(client, participant.username, "not the password at all")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.text
    unknown = login(client, "nobody-here", "not the password at all")
    assert "Please enter a correct username and password" in unknown.text
    assert "_auth_user_id" not in client.session


def test_sign_out_ends_the_session(client, participant, password):
    login(client, participant.username, password)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 302


def test_signing_in_switches_to_the_users_language(client, password):
    user = UserFactory(username="rosa", preferred_language="es")
    response = login(client, user.username, password)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    page = client.get("/dashboard/")
    assert 'lang="es"' in page.text


def test_password_change_needs_the_old_password_and_a_long_new_one(client, participant, password):
    client.force_login(participant)
    short = client.post(
        "/accounts/password_change/",
        {"old_password": password, "new_password1": "short1", "new_password2": "short1"},
    )
    assert short.status_code == 200
    assert "at least 12 characters" in short.text
    done = client.post(
        "/accounts/password_change/",
        {
            "old_password": password,
            "new_password1": "a brand new passphrase",
            "new_password2": "a brand new passphrase",
        },
    )
    assert done.status_code == 302
    participant.refresh_from_db()
    assert participant.check_password("a brand new passphrase")


def test_password_reset_emails_a_working_link_through_the_task_queue(
    client, participant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password_reset/", {"email": participant.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [participant.email]
    link = re.search(r"http://testserver(/accounts/reset/\S+)", message.body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "my new long password", "new_password2": "my new long password"},
    )
    assert done.status_code == 302
    participant.refresh_from_db()
    assert participant.check_password("my new long password")


def test_password_reset_for_an_unknown_email_looks_the_same_and_sends_nothing(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


class TestLockout:
    """django-axes: 5 failures lock the username+IP for 10 minutes."""

    def fail(self, client, user, times, ip="198.51.100.7"):
        for _ in range(times):
            login(client, user.username, "wrong password here", REMOTE_ADDR=ip)

    def test_the_sixth_try_is_refused_even_with_the_right_password(
        self, client, participant, password
    ):
        self.fail(client, participant, 5)
        response = login(client, participant.username, password, REMOTE_ADDR="198.51.100.7")
        assert response.status_code == 429
        assert "sign-in is paused for 10 minutes" in response.text
        assert "_auth_user_id" not in client.session

    def test_four_failures_do_not_lock(self, client, participant, password):
        self.fail(client, participant, 4)
        response = login(client, participant.username, password, REMOTE_ADDR="198.51.100.7")
        assert response.status_code == 302

    def test_the_lock_is_for_that_username_from_that_address_only(
        self, client, participant, staff_user, password
    ):
        self.fail(client, participant, 5)
        other_address = login(client, participant.username, password, REMOTE_ADDR="192.0.2.1")
        assert other_address.status_code == 302
        client.post("/accounts/logout/")
        other_user = login(client, staff_user.username, password, REMOTE_ADDR="198.51.100.7")
        assert other_user.status_code == 302

    def test_the_lock_ends_after_ten_minutes(self, client, participant, password):
        self.fail(client, participant, 5)
        attempt = AccessAttempt.objects.get()
        attempt.attempt_time -= timedelta(minutes=10, seconds=1)
        attempt.save()
        response = login(client, participant.username, password, REMOTE_ADDR="198.51.100.7")
        assert response.status_code == 302

    def test_api_token_failures_count_towards_the_same_lock(
        self, api_client, participant, password
    ):
        for _ in range(5):
            api_client.post(
                "/api/v1/auth/token/",
                {"username": participant.username, "password": "wrong password here"},
                format="json",
                REMOTE_ADDR="198.51.100.7",
            )
        response = api_client.post(
            "/api/v1/auth/token/",
            {"username": participant.username, "password": password},
            format="json",
            REMOTE_ADDR="198.51.100.7",
        )
        assert response.status_code == 429
        assert response.json()["code"] == "locked_out"
        assert "10 minutes" in response.json()["detail"]


def test_account_page_saves_details_and_shows_service_errors_on_the_form(client, participant):
    UserFactory(username="other", email="taken@example.org")
    client.force_login(participant)
    clash = client.post(
        "/account/",
        {
            "first_name": "Pat",
            "last_name": "",
            "email": "taken@example.org",
            "preferred_language": "en",
        },
    )
    assert clash.status_code == 200
    assert "This email is already in use." in clash.text
    assert "Another account already uses this email" in clash.text
    participant.refresh_from_db()
    assert participant.email == "pat@example.org"

    saved = client.post(
        "/account/",
        {"first_name": "Patricia", "last_name": "Lee", "email": "", "preferred_language": "es"},
        follow=True,
    )
    participant.refresh_from_db()
    assert (participant.first_name, participant.email, participant.preferred_language) == (
        "Patricia",
        "",
        "es",
    )
    assert 'lang="es"' in saved.text
