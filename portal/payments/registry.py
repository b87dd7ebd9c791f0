"""What happens when a payment is paid or refunded is the business of the app that asked
for it. An app registers its handlers for a reference prefix ("booth") once, in its
AppConfig.ready(); `portal.payments.services` calls them in the same transaction as the
payment's change. An explicit table, not a signal: a reader finds every handler here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from portal.payments.models import Payment


@dataclass(frozen=True)
class PaymentHandlers:
    on_paid: Callable[[Payment], None]
    on_refunded: Callable[[Payment], None] | None = None


_handlers: dict[str, PaymentHandlers] = {}


def payment_handlers_register(prefix: str, handlers: PaymentHandlers) -> None:
    _handlers[prefix] = handlers


def payment_reference(prefix: str, object_id: int) -> str:
    """The reference of a payment for object `object_id` of kind `prefix`: "booth:42"."""
    return f"{prefix}:{object_id}"


def handlers_for(payment: Payment) -> PaymentHandlers | None:
    prefix = payment.reference.split(":", 1)[0]
    return _handlers.get(prefix)
