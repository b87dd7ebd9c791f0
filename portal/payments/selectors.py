"""Reads of payments."""

from django.db.models import QuerySet

from portal.core.models import User
from portal.core.permissions import is_staff_member
from portal.payments.models import Payment, StripeEvent


def payments_visible_to(*, user: User) -> QuerySet[Payment]:
    """Every payment, for staff; nothing for anyone else (an employer sees its own
    through the thing it paid for)."""
    if not is_staff_member(user):
        return Payment.objects.none()
    return Payment.objects.select_related("confirmed_by").order_by("-created_at", "-id")


def stripe_events_needing_review(*, user: User) -> QuerySet[StripeEvent]:
    if not is_staff_member(user):
        return StripeEvent.objects.none()
    return StripeEvent.objects.filter(needs_review=True).order_by("-received_at")
