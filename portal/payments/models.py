"""A payment the program asks for, and the Stripe events received about payments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for payment")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")
    REFUNDED = "refunded", _("Refunded")


PAYMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    # A failed or expired Checkout may be started again.
    PaymentStatus.PENDING: frozenset(
        {PaymentStatus.PAID, PaymentStatus.FAILED, PaymentStatus.EXPIRED, PaymentStatus.CANCELLED}
    ),
    PaymentStatus.FAILED: frozenset(
        {PaymentStatus.PENDING, PaymentStatus.PAID, PaymentStatus.CANCELLED}
    ),
    PaymentStatus.EXPIRED: frozenset(
        {PaymentStatus.PENDING, PaymentStatus.PAID, PaymentStatus.CANCELLED}
    ),
    PaymentStatus.PAID: frozenset({PaymentStatus.REFUNDED}),
    PaymentStatus.CANCELLED: frozenset(),
    PaymentStatus.REFUNDED: frozenset(),
}


class ProviderName(models.TextChoices):
    STRIPE = "stripe", _("Card (Stripe)")
    OFFLINE = "offline", _("Invoice or check")


class Payment(models.Model):
    """Money owed for something an app sells (a fair booth). `reference` ("booth:42")
    names that thing without this app knowing it; `portal.payments.registry` tells the
    owning app when it is paid or refunded.

    Lifecycle (PAYMENT_TRANSITIONS): pending -> paid -> refunded; pending -> failed /
    expired (may start again) / cancelled. `needs_review` flags a payment staff must look
    at (an amount that differs from what was asked)."""

    ALLOWED_TRANSITIONS = PAYMENT_TRANSITIONS

    reference = models.CharField(_("reference"), max_length=100, unique=True)
    description = models.CharField(_("what it is for"), max_length=200)
    payer_label = models.CharField(_("payer"), max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default="usd")
    provider = models.CharField(_("paid by"), max_length=20, choices=ProviderName.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PaymentStatus.choices,
        default=PaymentStatus.PENDING,
        db_index=True,
    )
    checkout_session_id = models.CharField(max_length=255, blank=True, db_index=True)
    checkout_url = models.URLField(max_length=2000, blank=True)
    payment_intent_id = models.CharField(max_length=255, blank=True)
    checkout_attempt = models.PositiveSmallIntegerField(default=0)
    offline_reference = models.CharField(_("invoice or check number"), max_length=100, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    needs_review = models.BooleanField(_("needs staff review"), default=False)
    review_reason = models.CharField(_("why staff must look"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    refunded_at = models.DateTimeField(_("refunded at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="payment_amount_positive"
            ),
        ]

    def __str__(self):
        return f"{self.description} ({self.reference})"


class StripeEvent(models.Model):
    """One Stripe webhook event, stored once by its id so that a replay has no second
    effect. `outcome` says what was done; `needs_review` flags it for staff (a session
    no payment knows, an amount that differs from the fee)."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    checkout_session_id = models.CharField(max_length=255, blank=True)
    outcome = models.CharField(max_length=50)
    needs_review = models.BooleanField(default=False)
    review_reason = models.CharField(max_length=300, blank=True)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self):
        return f"{self.type} {self.event_id}"
