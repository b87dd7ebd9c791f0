"""Who may do what with payments: pure predicates."""

from portal.core.permissions import is_staff_member
from portal.payments.models import Payment, PaymentStatus, ProviderName


def can_confirm_offline_payment(user, payment: Payment) -> bool:
    """Staff record an invoice or check payment that is still awaited (card payments are
    confirmed by Stripe, never by hand)."""
    return (
        is_staff_member(user)
        and payment.provider == ProviderName.OFFLINE
        and payment.status == PaymentStatus.PENDING
    )
