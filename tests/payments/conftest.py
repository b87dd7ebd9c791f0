import pytest

from portal.core.models import Role
from tests.factories.employers import EmployerFactory, MembershipFactory
from tests.factories.users import UserFactory


@pytest.fixture
def employer(employer_user):
    """The approved organization `employer_user` (erin) owns."""
    membership = MembershipFactory(user=employer_user, employer=EmployerFactory())
    return membership.employer


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


@pytest.fixture
def fake_stripe(monkeypatch, settings):
    """Stripe configured, with its HTTP client replaced by the in-memory fake through the
    library's own hook (`stripe.default_http_client`)."""
    import stripe

    from tests.payments.fake_stripe import FakeStripeHttpClient

    settings.STRIPE_SECRET_KEY = "sk_test_portal"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_portal"
    client = FakeStripeHttpClient()
    monkeypatch.setattr(stripe, "default_http_client", client)
    return client
