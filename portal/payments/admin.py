"""The technical admin's view of payments: read-only (staff confirm payments on /payments/)."""

from django.contrib import admin

from portal.core.admin import ReadOnlyAdmin
from portal.payments.models import Payment, StripeEvent


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["reference", "description", "amount", "provider", "status", "needs_review"]
    list_filter = ["status", "provider", "needs_review"]
    search_fields = ["reference", "payer_label", "checkout_session_id", "offline_reference"]


@admin.register(StripeEvent)
class StripeEventAdmin(ReadOnlyAdmin):
    list_display = ["event_id", "type", "outcome", "needs_review", "received_at"]
    list_filter = ["type", "outcome", "needs_review"]
