from pathlib import Path

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from portal.core.i18n import compile_catalogues
from portal.core.models import Role
from tests.factories.users import PASSWORD, UserFactory


def pytest_configure(config):
    # The Spanish catalogue is committed as .po; build the .mo before Django reads it.
    compile_catalogues([Path(__file__).resolve().parent.parent / "locale"])


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counters live in the cache; no test may inherit another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def participant(db):
    return UserFactory(role=Role.PARTICIPANT, username="pat", first_name="Pat")


@pytest.fixture
def employer_user(db):
    return UserFactory(role=Role.EMPLOYER, username="erin", first_name="Erin")


@pytest.fixture
def staff_user(db):
    return UserFactory(role=Role.STAFF, username="fran", first_name="Fran")


@pytest.fixture
def admin_user(db):
    return UserFactory(role=Role.ADMIN, username="alex", first_name="Alex")


@pytest.fixture
def users_by_role(participant, employer_user, staff_user, admin_user):
    return {
        Role.PARTICIPANT: participant,
        Role.EMPLOYER: employer_user,
        Role.STAFF: staff_user,
        Role.ADMIN: admin_user,
    }


@pytest.fixture
def api_client():
    return APIClient()
