"""The `PaymentProvider` interface and how the portal picks one.

Code that takes money calls `payment_provider()` and never a processor directly: Stripe
Checkout when STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set, otherwise offline
(an invoice or a check that staff confirm with its number).
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from portal.payments.models import Payment, ProviderName


@dataclass(frozen=True)
class CheckoutSessionState:
    """What the provider says about a checkout, re-fetched from it (never taken from a
    webhook body)."""

    session_id: str
    reference: str
    paid: bool
    open: bool
    expired: bool
    amount: Decimal | None
    payment_intent_id: str
    # The payment's charge as Stripe has it now: given back in full, or in part.
    refunded: bool = False
    partly_refunded: bool = False


class PaymentProvider(ABC):
    name: str
    online: bool

    @abstractmethod
    def checkout_start(self, *, payment: Payment, success_url: str, cancel_url: str) -> str:
        """Start paying `payment`; return the address to send the payer to ("" when the
        payer pays outside the portal)."""

    @abstractmethod
    def refund(self, *, payment: Payment) -> None:
        """Give the money of a paid `payment` back in full."""


class OfflineProvider(PaymentProvider):
    """Invoice or check: the payer is told how to pay; staff confirm the payment with
    the invoice or check number (`payment_confirm_offline`) and return refunds by check."""

    name = ProviderName.OFFLINE
    online = False

    def checkout_start(self, *, payment: Payment, success_url: str, cancel_url: str) -> str:
        return ""

    def refund(self, *, payment: Payment) -> None:
        # Staff send the check back; nothing to call.
        return None


def stripe_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)


def payment_provider(name: str | None = None) -> PaymentProvider:
    """The provider named `name` (a payment's own), or the one the settings choose."""
    if name is None:
        name = ProviderName.STRIPE if stripe_configured() else ProviderName.OFFLINE
    if name == ProviderName.STRIPE:
        from portal.payments.stripe import StripeProvider

        return StripeProvider()
    return OfflineProvider()
