import pytest


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
