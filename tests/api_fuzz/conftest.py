"""The fuzz run's data: the demo data of `seed_demo`, made once for the whole run, and an
API token for each of the four demo logins (see fuzz_api.py)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from portal.core.demo import DEMO_TOTP_SECRET_FOR_DEBUG, DEMO_USERS
from tests.factories.mfa import code_for
from tests.factories.users import PASSWORD

IDENTITIES = [username for username, _role, _first, _last in DEMO_USERS]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """A test database of its own (test_<name>_fuzz): the demo data must never meet the
    rest of the suite's tests, which expect an empty database, even with --reuse-db."""
    from django.conf import settings

    for database in settings.DATABASES.values():
        if database["ENGINE"].endswith("postgresql"):
            test = database.setdefault("TEST", {})
            test["NAME"] = f"{test.get('NAME') or 'test_' + database['NAME']}_fuzz"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database with the demo data, committed once: each operation's test runs
    in a transaction rolled back at its end, so every operation starts from this state."""
    with (
        django_db_blocker.unblock(),
        override_settings(DEMO_PASSWORD=PASSWORD, DEMO_TOTP_SECRET=DEMO_TOTP_SECRET_FOR_DEBUG),
    ):
        call_command("seed_demo", "--force", stdout=StringIO())
        # A database kept with --reuse-db remembers the last code each device accepted
        # (django-otp refuses a code twice); a new run starts from a fresh device state.
        TOTPDevice.objects.update(
            last_t=-1, drift=0, throttling_failure_count=0, throttling_failure_timestamp=None
        )


@pytest.fixture(scope="session")
def api_tokens(django_db_setup, django_db_blocker) -> dict[str, str]:
    """A token per demo login from POST /api/v1/auth/token/, staff and admin with the
    current code of their authenticator, as a client of the API would get one."""
    tokens = {}
    with django_db_blocker.unblock():
        for username in IDENTITIES:
            body = {"username": username, "password": PASSWORD, "name": "schemathesis"}
            device = TOTPDevice.objects.filter(user__username=username).first()
            if device is not None:
                body["otp"] = code_for(device)
            response = APIClient().post("/api/v1/auth/token/", body, format="json")
            assert response.status_code == 200, (username, response.content)
            tokens[username] = response.json()["token"]
    return tokens


@pytest.fixture(params=IDENTITIES)
def identity_headers(request, api_tokens) -> dict[str, str]:
    """The Authorization header of one of the four demo logins."""
    return {"Authorization": f"Token {api_tokens[request.param]}"}


@pytest.fixture(autouse=True)
def _keep_the_test_transaction_open():
    """Django closes the database connection at the start and end of each request it
    serves through WSGI, which would end the test's transaction; its test client turns
    that off the same way for each request it makes (and on again after it, hence here
    for each test rather than once)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
