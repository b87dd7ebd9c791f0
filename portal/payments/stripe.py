"""Stripe Checkout behind `PaymentProvider`. The only module that imports `stripe`.

Every call goes through a `stripe.StripeClient` built on `stripe.default_http_client`
when one is set (the tests put a fake there: no request ever leaves the machine).
"""

import json
import time

import stripe
from django.conf import settings

from portal.core.money import from_cents, to_cents
from portal.payments.exceptions import PaymentProviderError, WebhookSignatureError
from portal.payments.models import Payment, ProviderName
from portal.payments.providers import CheckoutSessionState, PaymentProvider

# Stripe's own default: signatures older than five minutes are refused (replays).
WEBHOOK_TOLERANCE_SECONDS = 300


def _client() -> stripe.StripeClient:
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        http_client=stripe.default_http_client,
        max_network_retries=2,
    )


def _charge_of(intent) -> dict:
    """The latest charge of an expanded payment intent ({} when there is none yet)."""
    if not isinstance(intent, dict):
        return {}
    charge = intent.get("latest_charge") or {}
    return charge if isinstance(charge, dict) else {}


def _session_state(stripe_session) -> CheckoutSessionState:
    session = stripe_session.to_dict()
    amount_total = session.get("amount_total")
    intent = session.get("payment_intent") or ""
    charge = _charge_of(intent)
    if not isinstance(intent, str):
        intent = intent.get("id", "")
    return CheckoutSessionState(
        session_id=session["id"],
        reference=session.get("client_reference_id") or "",
        paid=session.get("payment_status") in ("paid", "no_payment_required"),
        open=session.get("status") == "open",
        expired=session.get("status") == "expired",
        amount=from_cents(amount_total) if amount_total is not None else None,
        payment_intent_id=intent,
        refunded=bool(charge.get("refunded")),
        partly_refunded=bool(charge.get("amount_refunded")) and not charge.get("refunded"),
    )


def _signed_at(signature: str) -> int:
    """The `t=` timestamp of a Stripe-Signature header (already verified by the library)."""
    for item in signature.split(","):
        key, _sep, value = item.strip().partition("=")
        if key == "t":
            try:
                return int(value)
            except ValueError:
                break
    raise WebhookSignatureError()


class StripeProvider(PaymentProvider):
    name = ProviderName.STRIPE
    online = True

    def checkout_start(self, *, payment: Payment, success_url: str, cancel_url: str) -> str:
        """Create a Checkout Session. The idempotency key is fixed per payment and attempt,
        so a double click or a retried request makes one session, not two."""
        try:
            session = _client().v1.checkout.sessions.create(
                params={
                    "mode": "payment",
                    "client_reference_id": payment.reference,
                    "line_items": [
                        {
                            "quantity": 1,
                            "price_data": {
                                "currency": payment.currency,
                                "unit_amount": to_cents(payment.amount),
                                "product_data": {"name": payment.description},
                            },
                        }
                    ],
                    "metadata": {"reference": payment.reference},
                    "success_url": success_url
                    + ("&" if "?" in success_url else "?")
                    + "session_id={CHECKOUT_SESSION_ID}",
                    "cancel_url": cancel_url,
                },
                options={
                    "idempotency_key": f"payment-{payment.pk}-checkout-{payment.checkout_attempt}"
                },
            )
        except stripe.StripeError as error:
            raise PaymentProviderError() from error
        payment.checkout_session_id = session["id"]
        return session["url"]

    def checkout_session(self, session_id: str) -> CheckoutSessionState | None:
        """The session as Stripe has it now, with its payment's charge (to know whether it
        was refunded since); None when Stripe does not know it."""
        try:
            session = _client().v1.checkout.sessions.retrieve(
                session_id, params={"expand": ["payment_intent.latest_charge"]}
            )
        except stripe.InvalidRequestError:
            return None
        except stripe.StripeError as error:
            raise PaymentProviderError() from error
        return _session_state(session)

    def checkout_session_of_charge(self, charge_id: str) -> str | None:
        """The Checkout Session that took the charge `charge_id`, asked of Stripe (a
        refund event may arrive before the session's own events, when the portal does
        not know the payment intent yet); None when Stripe knows no such charge or
        session."""
        try:
            client = _client()
            charge = client.v1.charges.retrieve(charge_id).to_dict()
            intent = charge.get("payment_intent") or ""
            if not intent:
                return None
            sessions = client.v1.checkout.sessions.list(
                params={"payment_intent": intent, "limit": 1}
            ).to_dict()
        except stripe.InvalidRequestError:
            return None
        except stripe.StripeError as error:
            raise PaymentProviderError() from error
        found = sessions.get("data") or []
        return found[0]["id"] if found else None

    def refund(self, *, payment: Payment) -> None:
        try:
            _client().v1.refunds.create(
                params={"payment_intent": payment.payment_intent_id},
                options={"idempotency_key": f"payment-{payment.pk}-refund"},
            )
        except stripe.StripeError as error:
            raise PaymentProviderError() from error

    @staticmethod
    def webhook_event(payload: bytes, signature: str) -> dict:
        """The event of a webhook body whose signature checks out (HMAC over the raw body
        with STRIPE_WEBHOOK_SECRET, signed within five minutes of now, before or after).
        Raises WebhookSignatureError."""
        try:
            stripe.WebhookSignature.verify_header(
                payload, signature, settings.STRIPE_WEBHOOK_SECRET, WEBHOOK_TOLERANCE_SECONDS
            )
        except stripe.SignatureVerificationError as error:
            raise WebhookSignatureError() from error
        # The library refuses only signatures older than the tolerance; one dated in the
        # future would stay valid for as long as it likes (a replay stored for later).
        if _signed_at(signature) > time.time() + WEBHOOK_TOLERANCE_SECONDS:
            raise WebhookSignatureError()
        try:
            return json.loads(payload)
        except ValueError as error:
            raise WebhookSignatureError() from error
