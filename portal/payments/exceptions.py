from django.utils.translation import gettext_lazy as _

from portal.core.exceptions import ApplicationError

# The code of every refused payment status change (a `portal.core.transitions.
# InvalidTransition`): API clients rely on it.
PAYMENT_STATE = "payment_state"


class PaymentProviderError(ApplicationError):
    """The payment provider could not be reached or refused the request; trying again
    later may work."""

    status_code = 503
    default_code = "payment_provider_unavailable"
    default_message = _("Card payments are not answering right now. Try again in a few minutes.")


class WebhookSignatureError(ApplicationError):
    default_code = "bad_signature"
    default_message = _("The webhook signature is missing, wrong or too old.")
