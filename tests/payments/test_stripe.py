"""Stripe Checkout and its webhook, with Stripe's HTTP client stubbed and every webhook
body signed by the `stripe` library's own signing code."""

import json
import time
from decimal import Decimal

import pytest
import stripe
from django.urls import reverse

from employers.models import BoothStatus
from employers.services import booth_book, booth_checkout_url
from portal.payments.models import Payment, PaymentStatus, StripeEvent
from portal.payments.services import payment_fulfil_checkout, payment_refund
from tests.factories.employers import FairFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_at_once")]

WEBHOOK = "/payments/stripe/webhook/"


WEBHOOK_SECRET = "whsec_test_portal"  # the fake_stripe fixture sets this one


def signed(event: dict, secret: str = WEBHOOK_SECRET, timestamp: int | None = None):
    payload = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp)
    return payload, header


def post_event(client, event, **sign):
    payload, header = signed(event, **sign)
    return client.post(
        WEBHOOK, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )


def checkout_event(session_id: str, *, event_id="evt_1", kind="checkout.session.completed"):
    return {
        "id": event_id,
        "object": "event",
        "type": kind,
        "data": {"object": {"id": session_id, "object": "checkout.session"}},
    }


def refund_event(*, event_id="evt_refund", charge_id="ch_test_1"):
    return {
        "id": event_id,
        "object": "event",
        "type": "charge.refunded",
        "data": {"object": {"id": charge_id, "object": "charge", "payment_intent": "pi_test_1"}},
    }


@pytest.fixture
def booth_in_checkout(fake_stripe, employer_user, employer):
    booth = booth_book(
        fair=FairFactory(booth_fee=Decimal("150.00")), employer=employer, actor=employer_user
    )
    url = booth_checkout_url(
        booth=booth,
        actor=employer_user,
        success_url="http://testserver/payments/stripe/return/?next=/",
        cancel_url="http://testserver/",
    )
    booth.refresh_from_db()
    booth.payment.refresh_from_db()
    assert url.startswith("https://checkout.stripe.com/")
    return booth


def test_checkout_session_has_deterministic_idempotency_key(
    fake_stripe, booth_in_checkout, employer_user
):
    booth = booth_in_checkout
    (_method, _url, headers, body) = fake_stripe.calls("post", "/v1/checkout/sessions")[0]
    assert headers["Idempotency-Key"] == f"payment-{booth.payment.pk}-checkout-0"
    assert "[unit_amount]=15000" in body
    assert f"client_reference_id=booth%3A{booth.pk}" in body
    # Asking again reuses the open session: no second call to Stripe.
    booth_checkout_url(booth=booth, actor=employer_user, success_url="x", cancel_url="y")
    assert len(fake_stripe.calls("post", "/v1/checkout/sessions")) == 1


def test_completed_webhook_refetches_and_confirms_booth_once(
    client, fake_stripe, booth_in_checkout
):
    session_id = booth_in_checkout.payment.checkout_session_id
    fake_stripe.pay(session_id)

    response = post_event(client, checkout_event(session_id))
    assert response.status_code == 200
    assert fake_stripe.calls("get", f"/v1/checkout/sessions/{session_id}")
    booth_in_checkout.refresh_from_db()
    assert booth_in_checkout.status == BoothStatus.CONFIRMED
    assert Payment.objects.get().status == PaymentStatus.PAID

    # A replay of the same event: 200, stored once, no second effect.
    response = post_event(client, checkout_event(session_id))
    assert response.status_code == 200
    assert StripeEvent.objects.count() == 1
    # The success page after the webhook: same function, nothing changes.
    payment = payment_fulfil_checkout(session_id=session_id)
    assert payment.status == PaymentStatus.PAID


def test_webhook_body_saying_paid_is_not_trusted(client, fake_stripe, booth_in_checkout):
    # The event says completed, but Stripe (re-fetched) says unpaid: nothing confirmed.
    session_id = booth_in_checkout.payment.checkout_session_id
    assert post_event(client, checkout_event(session_id)).status_code == 200
    booth_in_checkout.refresh_from_db()
    assert booth_in_checkout.status == BoothStatus.PENDING_PAYMENT


def test_success_page_fulfils_without_webhook(
    client, fake_stripe, booth_in_checkout, employer_user
):
    session_id = booth_in_checkout.payment.checkout_session_id
    fake_stripe.pay(session_id)
    client.force_login(employer_user)
    response = client.get(
        reverse("payments:stripe-return"), {"session_id": session_id, "next": "/dashboard/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    booth_in_checkout.refresh_from_db()
    assert booth_in_checkout.status == BoothStatus.CONFIRMED


def test_success_page_refuses_open_redirect(client, fake_stripe, booth_in_checkout):
    response = client.get(
        reverse("payments:stripe-return"),
        {"session_id": "cs_nope", "next": "https://evil.example.com/"},
    )
    assert response["Location"] == "/"


def test_amount_mismatch_is_flagged_never_confirmed(client, fake_stripe, booth_in_checkout):
    session_id = booth_in_checkout.payment.checkout_session_id
    fake_stripe.pay(session_id, amount_cents=100)
    assert post_event(client, checkout_event(session_id)).status_code == 200
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.PENDING
    assert payment.needs_review
    assert "1.00" in payment.review_reason
    assert StripeEvent.objects.get().needs_review
    booth_in_checkout.refresh_from_db()
    assert booth_in_checkout.status == BoothStatus.PENDING_PAYMENT


def test_unknown_session_is_flagged(client, fake_stripe):
    response = post_event(client, checkout_event("cs_unknown"))
    assert response.status_code == 200
    event = StripeEvent.objects.get()
    assert event.outcome == "unknown_session"
    assert event.needs_review


@pytest.mark.parametrize(
    "sign",
    [
        {"secret": "whsec_forged"},
        {"timestamp": int(time.time()) - 3600},
    ],
    ids=["forged", "stale"],
)
def test_forged_or_stale_signature_is_400_and_nothing_stored(
    client, fake_stripe, booth_in_checkout, sign
):
    session_id = booth_in_checkout.payment.checkout_session_id
    fake_stripe.pay(session_id)
    response = post_event(client, checkout_event(session_id), **sign)
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()
    assert Payment.objects.get().status == PaymentStatus.PENDING


def test_missing_signature_is_400(client, fake_stripe):
    response = client.post(WEBHOOK, data="{}", content_type="application/json")
    assert response.status_code == 400


def test_ignored_event_type_is_200(client, fake_stripe):
    response = post_event(
        client, {"id": "evt_x", "type": "customer.created", "data": {"object": {}}}
    )
    assert response.status_code == 200
    assert StripeEvent.objects.get().outcome == "ignored"


def test_stripe_down_is_503_and_retry_works(client, fake_stripe, booth_in_checkout):
    session_id = booth_in_checkout.payment.checkout_session_id
    fake_stripe.pay(session_id)
    fake_stripe.fail_with_status = 500
    stripe_retries_before = len(fake_stripe.requests)
    response = post_event(client, checkout_event(session_id))
    assert response.status_code == 503
    assert len(fake_stripe.requests) > stripe_retries_before
    assert not StripeEvent.objects.exists()

    fake_stripe.fail_with_status = None
    assert post_event(client, checkout_event(session_id)).status_code == 200
    assert Payment.objects.get().status == PaymentStatus.PAID


def test_expired_and_async_failed_sessions(client, fake_stripe, booth_in_checkout):
    session_id = booth_in_checkout.payment.checkout_session_id
    fake_stripe.expire(session_id)
    post_event(client, checkout_event(session_id, kind="checkout.session.expired"))
    assert Payment.objects.get().status == PaymentStatus.EXPIRED


def test_async_payment_failed_marks_failed(client, fake_stripe, booth_in_checkout):
    session_id = booth_in_checkout.payment.checkout_session_id
    post_event(client, checkout_event(session_id, kind="checkout.session.async_payment_failed"))
    assert Payment.objects.get().status == PaymentStatus.FAILED


def test_refund_calls_stripe_and_charge_refunded_event_cancels_booth(
    client, fake_stripe, booth_in_checkout, staff_user
):
    session_id = booth_in_checkout.payment.checkout_session_id
    fake_stripe.pay(session_id)
    post_event(client, checkout_event(session_id))
    fake_stripe.refund("ch_test_1")  # refunded in Stripe's dashboard
    post_event(client, refund_event())
    booth_in_checkout.refresh_from_db()
    assert booth_in_checkout.status == BoothStatus.CANCELLED
    assert Payment.objects.get().status == PaymentStatus.REFUNDED


def test_payment_refund_uses_stripe_refunds(fake_stripe, booth_in_checkout, staff_user):
    session_id = booth_in_checkout.payment.checkout_session_id
    fake_stripe.pay(session_id)
    payment = payment_fulfil_checkout(session_id=session_id)
    payment_refund(payment=payment, actor=staff_user)
    (_method, _url, headers, body) = fake_stripe.calls("post", "/v1/refunds")[0]
    assert "payment_intent=pi_test_1" in body
    assert headers["Idempotency-Key"] == f"payment-{payment.pk}-refund"


def test_webhook_is_404_without_stripe_keys(client, settings):
    settings.STRIPE_SECRET_KEY = ""
    assert client.post(WEBHOOK, data="{}", content_type="application/json").status_code == 404


def test_booking_api_returns_checkout_url(api_client, fake_stripe, employer_user, employer):
    fair = FairFactory(booth_fee=Decimal("75.00"))
    api_client.force_authenticate(employer_user)
    response = api_client.post(f"/api/v1/fairs/{fair.pk}/booths/")
    assert response.status_code == 201
    assert response.data["status"] == "pending_payment"
    assert response.data["checkout_url"].startswith("https://checkout.stripe.com/")


def test_booth_page_pays_by_card_through_checkout(client, fake_stripe, employer_user, employer):
    fair = FairFactory(booth_fee=Decimal("60.00"))
    client.force_login(employer_user)
    page = client.get(reverse("employers:fair-detail", args=[fair.pk])).content.decode()
    assert "You pay the fee by card after booking." in page
    client.post(reverse("employers:booth-book", args=[fair.pk]))
    booth = employer.booths.get()
    page = client.get(reverse("employers:booth-detail", args=[booth.pk])).content.decode()
    assert "Pay by card" in page
    response = client.post(reverse("employers:booth-pay", args=[booth.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("https://checkout.stripe.com/")
    (_method, _url, _headers, body) = fake_stripe.calls("post", "/v1/checkout/sessions")[0]
    assert "next%3D%2Femployer%2Fbooths%2F" in body


# --- Hardening (issue 16): signatures from the future, events out of order ----------------


@pytest.mark.parametrize("seconds_ahead", [3600, 301])
def test_a_signature_dated_in_the_future_is_refused(
    client, fake_stripe, booth_in_checkout, seconds_ahead
):
    """Stripe's library checks only that a signature is not too old; one dated an hour
    ahead would be a replay that stays valid for an hour."""
    session_id = booth_in_checkout.payment.checkout_session_id
    fake_stripe.pay(session_id)
    response = post_event(
        client, checkout_event(session_id), timestamp=int(time.time()) + seconds_ahead
    )
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()
    assert Payment.objects.get().status == PaymentStatus.PENDING


def test_a_signature_a_little_ahead_is_clock_skew_and_accepted(
    client, fake_stripe, booth_in_checkout
):
    session_id = booth_in_checkout.payment.checkout_session_id
    fake_stripe.pay(session_id)
    response = post_event(client, checkout_event(session_id), timestamp=int(time.time()) + 60)
    assert response.status_code == 200
    assert Payment.objects.get().status == PaymentStatus.PAID


def test_a_refund_that_arrives_before_the_payment_leaves_the_booth_refunded(
    client, fake_stripe, booth_in_checkout
):
    session_id = booth_in_checkout.payment.checkout_session_id
    fake_stripe.pay(session_id)
    fake_stripe.refund("ch_test_1")

    assert post_event(client, refund_event()).status_code == 200
    assert post_event(client, checkout_event(session_id)).status_code == 200

    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.REFUNDED
    assert not payment.needs_review
    booth_in_checkout.refresh_from_db()
    assert booth_in_checkout.status == BoothStatus.CANCELLED
    assert StripeEvent.objects.get(event_id="evt_refund").outcome == "refunded"


def test_a_late_completion_event_does_not_undo_a_refund(client, fake_stripe, booth_in_checkout):
    session_id = booth_in_checkout.payment.checkout_session_id
    fake_stripe.pay(session_id)
    post_event(client, checkout_event(session_id))
    fake_stripe.refund("ch_test_1")
    post_event(client, refund_event())
    # Stripe retries an older event after the refund (a new delivery of another type).
    late = checkout_event(
        session_id, event_id="evt_late", kind="checkout.session.async_payment_succeeded"
    )
    assert post_event(client, late).status_code == 200
    assert Payment.objects.get().status == PaymentStatus.REFUNDED
    booth_in_checkout.refresh_from_db()
    assert booth_in_checkout.status == BoothStatus.CANCELLED


def test_a_completion_event_after_a_refund_in_stripe_settles_as_refunded(
    client, fake_stripe, booth_in_checkout
):
    """The refund's own event is lost or delayed: re-fetching the session still shows it."""
    session_id = booth_in_checkout.payment.checkout_session_id
    fake_stripe.pay(session_id)
    fake_stripe.refund("ch_test_1")
    post_event(client, checkout_event(session_id))
    assert Payment.objects.get().status == PaymentStatus.REFUNDED


def test_a_refund_event_stripe_does_not_confirm_changes_nothing(
    client, fake_stripe, booth_in_checkout
):
    """A refund event whose charge Stripe shows not refunded (the refund failed, or the
    event is older than a later state) leaves the booth paid."""
    session_id = booth_in_checkout.payment.checkout_session_id
    fake_stripe.pay(session_id)
    post_event(client, checkout_event(session_id))
    assert post_event(client, refund_event()).status_code == 200
    assert Payment.objects.get().status == PaymentStatus.PAID
    booth_in_checkout.refresh_from_db()
    assert booth_in_checkout.status == BoothStatus.CONFIRMED


def test_a_partial_refund_keeps_the_booth_and_asks_staff_to_look(
    client, fake_stripe, booth_in_checkout
):
    session_id = booth_in_checkout.payment.checkout_session_id
    fake_stripe.pay(session_id)
    post_event(client, checkout_event(session_id))
    fake_stripe.refund("ch_test_1", amount_cents=5000)
    post_event(client, refund_event())
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.PAID
    assert payment.needs_review
    assert "part" in payment.review_reason


def test_a_refund_of_a_charge_stripe_does_not_know_is_flagged(client, fake_stripe):
    assert post_event(client, refund_event(charge_id="ch_unknown")).status_code == 200
    event = StripeEvent.objects.get()
    assert event.outcome == "unknown_payment"
    assert event.needs_review
