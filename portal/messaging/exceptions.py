from django.utils.translation import gettext_lazy as _

from portal.core.exceptions import ApplicationError


class TextProviderError(ApplicationError):
    """The text provider could not be reached or failed; trying again later may work."""

    status_code = 503
    default_code = "text_provider_unavailable"
    default_message = _("Text messages are not going out right now. They will be tried again.")
    retryable = True


class TextProviderRefusal(TextProviderError):
    """The provider will never deliver this message (the number opted out with the
    carrier, is not a mobile number, does not exist): trying again does not help."""

    default_code = "text_refused_by_provider"
    default_message = _("The phone company will not deliver texts to this number.")
    retryable = False

    def __init__(self, message=None, *, provider_code: int | None = None, opted_out=False):
        super().__init__(message)
        self.provider_code = provider_code
        # The number itself said STOP to the provider: the portal must stop too.
        self.opted_out = opted_out


class WebhookSignatureError(ApplicationError):
    status_code = 403
    default_code = "bad_signature"
    default_message = _("The webhook signature is missing or wrong.")
