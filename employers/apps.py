from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    """Fair-chance employers: vetting, hiring policy, job postings, hiring fairs."""

    name = "employers"
    verbose_name = _("Employers")

    def ready(self):
        # A booth's fee is a portal.payments Payment with reference "booth:<id>"; payments
        # tells us when it is paid or refunded through this registration.
        from employers.services.fairs import (
            BOOTH_PAYMENT_PREFIX,
            booth_payment_received,
            booth_payment_refunded,
        )
        from portal.payments.registry import PaymentHandlers, payment_handlers_register

        payment_handlers_register(
            BOOTH_PAYMENT_PREFIX,
            PaymentHandlers(on_paid=booth_payment_received, on_refunded=booth_payment_refunded),
        )
