"""Twilio Programmable Messaging behind `TextProvider`. The only module that imports
`twilio`.

Every call goes through a `twilio.rest.Client` built on this module's `http_client` when
one is set (the tests put a fake `twilio.http.HttpClient` there: the real library builds
and parses each request, and nothing leaves the machine); otherwise the library's own.
Webhooks are checked with the library's `RequestValidator` (HMAC of the URL and the form
fields with the account's auth token), answered with its TwiML builder.
"""

from django.conf import settings
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http import HttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client
from twilio.twiml.messaging_response import MessagingResponse

from portal.messaging.exceptions import TextProviderError, TextProviderRefusal
from portal.messaging.providers import SentText, TextProvider
from portal.messaging.registry import DeliveryReport, InboundText

# Set by the tests to a fake; None: Twilio's own HTTP client (requests).
http_client: HttpClient | None = None

# Twilio error codes after which the same message will never go out.
# 21610: the recipient replied STOP to the sender (Twilio blocks every later message).
OPTED_OUT = 21610
PERMANENT_ERRORS = frozenset(
    {
        21211,  # "To" is not a valid phone number
        21408,  # no permission to send to that region
        21610,
        21612,  # the sender cannot reach this number
        21614,  # "To" is not a mobile number
    }
)

# Twilio's message states, as the portal's log names them (the others are in between).
DELIVERY_STATUSES = {
    "sent": "sent",
    "delivered": "delivered",
    "read": "delivered",
    "undelivered": "failed",
    "failed": "failed",
}


def _client() -> Client:
    return Client(settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN, http_client=http_client)


class TwilioProvider(TextProvider):
    name = "twilio"

    def send(self, *, to: str, body: str, status_callback: str = "") -> SentText:
        """Create the message at Twilio (from the Messaging Service when one is set, which
        then picks the sender, otherwise from TWILIO_FROM_NUMBER)."""
        params = {"to": to, "body": body}
        if settings.TWILIO_MESSAGING_SERVICE_SID:
            params["messaging_service_sid"] = settings.TWILIO_MESSAGING_SERVICE_SID
        else:
            params["from_"] = settings.TWILIO_FROM_NUMBER
        if status_callback:
            params["status_callback"] = status_callback
        try:
            message = _client().messages.create(**params)
        except TwilioRestException as error:
            client_error = 400 <= (error.status or 0) < 500 and error.status != 429
            if error.code in PERMANENT_ERRORS or (client_error and error.status != 401):
                raise TextProviderRefusal(
                    provider_code=error.code, opted_out=error.code == OPTED_OUT
                ) from error
            raise TextProviderError() from error
        except (TwilioException, OSError) as error:
            # OSError covers the HTTP library's connection errors and timeouts.
            raise TextProviderError() from error
        return SentText(provider_id=message.sid)


def request_signed_by_twilio(*, url: str, params, signature: str) -> bool:
    """Whether the X-Twilio-Signature `signature` is Twilio's for the full `url` it
    called and the POSTed form `params`, with TWILIO_AUTH_TOKEN. No signature: False."""
    if not signature or not settings.TWILIO_AUTH_TOKEN:
        return False
    return RequestValidator(settings.TWILIO_AUTH_TOKEN).validate(url, params, signature)


def inbound_text(params) -> InboundText:
    """An inbound-message webhook's form as the portal reads it."""
    return InboundText(
        from_number=params.get("From", ""),
        body=params.get("Body", ""),
        provider_id=params.get("MessageSid", "") or params.get("SmsSid", ""),
    )


def delivery_report(params) -> DeliveryReport | None:
    """A status-callback form as the portal reads it; None for a state in between."""
    status = DELIVERY_STATUSES.get(params.get("MessageStatus", ""))
    if status is None:
        return None
    return DeliveryReport(
        provider_id=params.get("MessageSid", ""),
        status=status,
        error_code=params.get("ErrorCode", "") or "",
    )


def twiml(reply: str = "") -> str:
    """A TwiML answer to an inbound message: empty, or one message back."""
    response = MessagingResponse()
    if reply:
        response.message(reply)
    return str(response)
