"""Writes to payments. One fulfilment function (`payment_fulfil_checkout`) serves the
webhook and the success page alike, and is idempotent."""

import logging
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.audit import audit_record
from portal.core.exceptions import ApplicationError, NotFoundError
from portal.core.models import User
from portal.core.money import to_money
from portal.core.transitions import InvalidTransition, transition_to
from portal.payments.exceptions import PAYMENT_STATE
from portal.payments.models import Payment, PaymentStatus, ProviderName, StripeEvent
from portal.payments.providers import payment_provider
from portal.payments.registry import handlers_for

logger = logging.getLogger(__name__)


def _move(payment: Payment, status: str) -> None:
    """Change the payment's status through `transition_to`. Raises InvalidTransition
    with the payments' own code ("payment_state") and message, which clients know."""
    transition_to(
        payment,
        status,
        message=_("This payment is %(status)s and cannot change that way.")
        % {"status": payment.get_status_display().lower()},
        code=PAYMENT_STATE,
    )


@transaction.atomic
def payment_create(
    *, reference: str, description: str, payer_label: str, amount: Decimal, actor: User | None
) -> Payment:
    """Ask for `amount` for the thing named `reference`, through the provider the
    settings choose."""
    amount = to_money(amount)
    if amount <= 0:
        raise ApplicationError(_("A payment must be more than zero."))
    payment = Payment.objects.create(
        reference=reference,
        description=description[:200],
        payer_label=payer_label[:200],
        amount=amount,
        provider=payment_provider().name,
    )
    audit_record(
        actor=actor,
        action="payment.created",
        target=payment,
        details={"amount": str(amount), "provider": payment.provider},
    )
    return payment


@transaction.atomic
def payment_checkout_start(
    *, payment: Payment, success_url: str, cancel_url: str, actor: User
) -> str:
    """Where to send the payer to pay `payment` ("" for offline payments). A failed or
    expired Stripe checkout starts a new attempt; an open one is reused."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.provider == ProviderName.OFFLINE:
        return ""
    if payment.status == PaymentStatus.PENDING and payment.checkout_url:
        return payment.checkout_url
    if payment.status in (PaymentStatus.FAILED, PaymentStatus.EXPIRED):
        _move(payment, PaymentStatus.PENDING)
        payment.checkout_attempt += 1
    elif payment.status != PaymentStatus.PENDING:
        raise InvalidTransition(_("This payment is already settled."), code=PAYMENT_STATE)
    url = payment_provider(payment.provider).checkout_start(
        payment=payment, success_url=success_url, cancel_url=cancel_url
    )
    payment.checkout_url = url
    payment.save()
    audit_record(actor=actor, action="payment.checkout_started", target=payment)
    return url


def _mark_paid(payment: Payment, *, actor: User | None) -> None:
    _move(payment, PaymentStatus.PAID)
    payment.paid_at = timezone.now()
    payment.save()
    handlers = handlers_for(payment)
    if handlers is not None:
        handlers.on_paid(payment)
    audit_record(actor=actor, action="payment.paid", target=payment)


@transaction.atomic
def payment_confirm_offline(*, payment: Payment, offline_reference: str, actor: User) -> Payment:
    """Staff confirm an invoice or check was paid, with its number. Raises
    InvalidTransition when the payment is not waiting, ApplicationError without a number."""
    offline_reference = (offline_reference or "").strip()
    if not offline_reference:
        raise ApplicationError(
            _("Enter the invoice or check number."),
            fields={"offline_reference": [_("This field is required.")]},
        )
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.provider != ProviderName.OFFLINE:
        raise InvalidTransition(
            _("Card payments are confirmed by Stripe, not by hand."), code=PAYMENT_STATE
        )
    payment.offline_reference = offline_reference[:100]
    payment.confirmed_by = actor
    _mark_paid(payment, actor=actor)
    return payment


@transaction.atomic
def payment_fulfil_checkout(*, session_id: str, actor: User | None = None) -> Payment | None:
    """Bring the payment of Stripe Checkout Session `session_id` to the state Stripe's own
    objects say, re-fetched from Stripe (a webhook body or a URL is never trusted), so the
    order in which events arrive never matters: paid when the session is paid, then
    refunded when its charge has been refunded in full since (a refund event that came
    before the payment's completion included). Idempotent: a paid payment stays paid and
    its handlers run once; refunded and cancelled are final.

    Returns the payment, or None when no payment has that session (flagged by the
    caller). An amount that differs from the one asked is flagged for staff and never
    confirmed; so is a charge refunded only in part. Raises PaymentProviderError when
    Stripe cannot be reached.
    """
    payment = (
        Payment.objects.select_for_update().filter(checkout_session_id=session_id).first()
        if session_id
        else None
    )
    if payment is None:
        return None
    if payment.status in (PaymentStatus.REFUNDED, PaymentStatus.CANCELLED):
        return payment
    state = payment_provider(payment.provider).checkout_session(session_id)
    if state is None or state.reference != payment.reference:
        payment.needs_review = True
        payment.review_reason = "Stripe does not confirm this session for this payment."
        payment.save(update_fields=["needs_review", "review_reason"])
        return payment
    if state.paid:
        if payment.status != PaymentStatus.PAID:
            if state.amount != payment.amount:
                payment.needs_review = True
                payment.review_reason = f"Paid {state.amount} instead of {payment.amount}."
                payment.payment_intent_id = state.payment_intent_id
                payment.save(update_fields=["needs_review", "review_reason", "payment_intent_id"])
                audit_record(actor=actor, action="payment.amount_mismatch", target=payment)
                return payment
            payment.payment_intent_id = state.payment_intent_id
            _mark_paid(payment, actor=actor)
        if state.refunded:
            _mark_refunded_by_stripe(payment)
        elif state.partly_refunded and not payment.needs_review:
            payment.needs_review = True
            payment.review_reason = "Stripe shows part of this payment refunded."
            payment.save(update_fields=["needs_review", "review_reason"])
    elif state.expired and payment.status == PaymentStatus.PENDING:
        _move(payment, PaymentStatus.EXPIRED)
        payment.checkout_url = ""
        payment.save()
        audit_record(actor=actor, action="payment.expired", target=payment)
    return payment


@transaction.atomic
def payment_mark_failed(*, session_id: str) -> Payment | None:
    """An asynchronous payment (a bank debit) failed: the payer may try again."""
    payment = Payment.objects.select_for_update().filter(checkout_session_id=session_id).first()
    if payment is None or payment.status != PaymentStatus.PENDING:
        return payment
    _move(payment, PaymentStatus.FAILED)
    payment.checkout_url = ""
    payment.save()
    audit_record(actor=None, action="payment.failed", target=payment)
    return payment


@transaction.atomic
def payment_cancel(*, payment: Payment, actor: User | None) -> Payment:
    """Stop waiting for `payment` (the thing it was for was cancelled before payment)."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.status in (PaymentStatus.CANCELLED, PaymentStatus.REFUNDED):
        return payment
    _move(payment, PaymentStatus.CANCELLED)
    payment.save()
    audit_record(actor=actor, action="payment.cancelled", target=payment)
    return payment


@transaction.atomic
def payment_refund(*, payment: Payment, actor: User | None, notify_app: bool = True) -> Payment:
    """Give a paid payment back in full through its provider (idempotent: a refunded
    payment stays refunded). Raises InvalidTransition for an unpaid payment."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.status == PaymentStatus.REFUNDED:
        return payment
    _move(payment, PaymentStatus.REFUNDED)
    payment_provider(payment.provider).refund(payment=payment)
    payment.refunded_at = timezone.now()
    payment.save()
    handlers = handlers_for(payment)
    if notify_app and handlers is not None and handlers.on_refunded is not None:
        handlers.on_refunded(payment)
    audit_record(actor=actor, action="payment.refunded", target=payment)
    return payment


def _mark_refunded_by_stripe(payment: Payment) -> None:
    """A paid payment (locked by the caller) whose charge Stripe shows refunded in full:
    refunded, and the owning app told (a booth is cancelled)."""
    _move(payment, PaymentStatus.REFUNDED)
    payment.refunded_at = timezone.now()
    payment.save()
    handlers = handlers_for(payment)
    if handlers is not None and handlers.on_refunded is not None:
        handlers.on_refunded(payment)
    audit_record(actor=None, action="payment.refunded", target=payment)


def _payment_sync_refund(charge_id: str) -> Payment | None:
    """A `charge.refunded` event: find the payment of the charge by asking Stripe (the
    payment intent may not be known yet when the refund's event overtakes the payment's
    completion), then settle it from Stripe's objects like any checkout event."""
    if not charge_id:
        return None
    session_id = payment_provider(ProviderName.STRIPE).checkout_session_of_charge(charge_id)
    if not session_id:
        return None
    return payment_fulfil_checkout(session_id=session_id)


CHECKOUT_EVENTS = {
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.expired",
}


@transaction.atomic
def stripe_event_receive(*, payload: bytes, signature: str) -> StripeEvent | None:
    """Handle one Stripe webhook: check the signature on the raw body, store the event
    once by its id, act on it. Returns the stored event, or None for a replay (already
    handled: no second effect).

    Raises WebhookSignatureError (nothing stored) for a forged or stale body, and
    PaymentProviderError (nothing stored, so Stripe's retry will work) when Stripe cannot
    be reached to re-fetch the session.
    """
    from portal.payments.stripe import StripeProvider

    event = StripeProvider.webhook_event(payload, signature)
    event_id = str(event.get("id", ""))
    event_type = str(event.get("type", ""))
    data = (event.get("data") or {}).get("object") or {}
    if not event_id:
        raise NotFoundError(_("The event has no id."))
    try:
        with transaction.atomic():
            stored = StripeEvent.objects.create(
                event_id=event_id, type=event_type, payload=event, outcome="received"
            )
    except IntegrityError:
        return None

    if event_type in CHECKOUT_EVENTS | {"checkout.session.async_payment_failed"}:
        session_id = str(data.get("id", ""))
        stored.checkout_session_id = session_id
        if event_type == "checkout.session.async_payment_failed":
            payment = payment_mark_failed(session_id=session_id)
        else:
            payment = payment_fulfil_checkout(session_id=session_id)
        if payment is None:
            stored.outcome = "unknown_session"
            stored.needs_review = True
            stored.review_reason = "No payment in the portal has this Checkout Session."
            logger.warning("Stripe event %s names unknown session %s", event_id, session_id)
        elif payment.needs_review:
            stored.outcome = "flagged"
            stored.needs_review = True
            stored.review_reason = payment.review_reason
        else:
            stored.outcome = payment.status
    elif event_type == "charge.refunded":
        payment = _payment_sync_refund(str(data.get("id") or ""))
        if payment is None:
            stored.outcome = "unknown_payment"
            stored.needs_review = True
            stored.review_reason = "No payment in the portal took this charge."
        else:
            stored.checkout_session_id = payment.checkout_session_id
            stored.outcome = payment.status
            stored.needs_review = payment.needs_review
            stored.review_reason = payment.review_reason
    else:
        stored.outcome = "ignored"
    stored.save()
    return stored
