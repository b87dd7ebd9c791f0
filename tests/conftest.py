from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test.client import ClientMixin
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from portal.core.i18n import compile_catalogues
from portal.core.models import STAFF_ROLES, Role
from tests.factories.employers import EmployerFactory, MembershipFactory
from tests.factories.jobseekers import ParticipantFactory
from tests.factories.mfa import authenticator_for
from tests.factories.users import PASSWORD, UserFactory

SECOND_FACTOR_ENFORCED = "second_factor_enforced"


def pytest_configure(config):
    # The Spanish catalogue is committed as .po; build the .mo before Django reads it.
    compile_catalogues([Path(__file__).resolve().parent.parent / "locale"])
    config.addinivalue_line(
        "markers",
        f"{SECOND_FACTOR_ENFORCED}: force_login signs in with the password only, so the "
        "two-factor enforcement applies (tests of portal.core.mfa)",
    )


def pytest_collection_modifyitems(config, items):
    """Browser tests last: they run on a transactional database that is flushed after
    each of them, which also empties the rows data migrations made (the starter skills)
    that the other tests rely on."""
    items.sort(key=lambda item: "e2e" in Path(item.path).parts)


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A page rendered in Spanish leaves Spanish active in the test's thread; no test may
    inherit another's language."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counters live in the cache; no test may inherit another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(request, monkeypatch):
    """`client.force_login(user)` stands for a complete sign-in, second factor included.

    Staff and admins must use a second factor and reach nothing else without one
    (portal.core.mfa), so, in every test but those marked `second_factor_enforced`,
    force_login of a staff member or admin also gives them a confirmed authenticator, and
    force_login of anyone with an authenticator marks the session verified by it, through
    django-otp's own session key (what `django_otp.login` writes after a right code).
    Tests of the enforcement itself opt out with `@pytest.mark.second_factor_enforced`.
    """
    if request.node.get_closest_marker(SECOND_FACTOR_ENFORCED):
        return
    original = ClientMixin.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if user.role in STAFF_ROLES:
            device = authenticator_for(user)
        else:
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None:
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(ClientMixin, "force_login", force_login)


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


@pytest.fixture
def other_staff(db):
    """A staff member whose caseload is not `staff_user`'s."""
    return UserFactory(role=Role.STAFF, username="olga")


@pytest.fixture
def other_participant_user(db):
    return UserFactory(role=Role.PARTICIPANT, username="otto")


@pytest.fixture
def other_person(other_participant_user, other_staff):
    """A participant on `other_staff`'s caseload, with their own login."""
    return ParticipantFactory(user=other_participant_user, facilitator=other_staff)


@pytest.fixture
def employer(employer_user):
    """The approved organization `employer_user` (erin) is a member of."""
    return MembershipFactory(user=employer_user, employer=EmployerFactory()).employer


@pytest.fixture
def other_employer_user(db):
    """A member of another approved organization."""
    user = UserFactory(role=Role.EMPLOYER, username="omar")
    MembershipFactory(user=user, employer=EmployerFactory(display_name="Other Co"))
    return user


@pytest.fixture
def mail_at_once(monkeypatch):
    """Run on-commit callbacks (the queued emails) at once, as after a real commit: the
    test's transaction never commits."""
    monkeypatch.setattr(
        "portal.core.tasks.transaction.on_commit", lambda callback, *args, **kwargs: callback()
    )


TWILIO_TEST_AUTH_TOKEN = "twilio-test-auth-token"


@pytest.fixture
def fake_twilio(monkeypatch, settings):
    """Twilio configured, with its HTTP client replaced by the in-memory fake of
    tests/messaging/fake_twilio.py through the portal's one hook
    (`portal.messaging.twilio.http_client`): no request leaves the machine."""
    from portal.messaging import twilio as twilio_module
    from tests.messaging.fake_twilio import FakeTwilioHttpClient

    settings.TWILIO_ACCOUNT_SID = "AC" + "0" * 32
    settings.TWILIO_AUTH_TOKEN = TWILIO_TEST_AUTH_TOKEN
    settings.TWILIO_FROM_NUMBER = "+18165550100"
    settings.TWILIO_MESSAGING_SERVICE_SID = ""
    client = FakeTwilioHttpClient()
    monkeypatch.setattr(twilio_module, "http_client", client)
    return client
