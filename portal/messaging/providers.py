"""The `TextProvider` interface and how the portal picks one.

Code that texts someone goes through the owning app's send service, which calls
`text_provider()` and never a provider directly: Twilio when TWILIO_ACCOUNT_SID,
TWILIO_AUTH_TOKEN and a sender (TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID) are
set, otherwise the console provider, which prints each message (`make run`, tests).
"""

import sys
import uuid
from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class SentText:
    """What the provider answered when it took a message: its id (Twilio's Message SID),
    by which later status reports name the message."""

    provider_id: str


class TextProvider(ABC):
    name: str

    @abstractmethod
    def send(self, *, to: str, body: str, status_callback: str = "") -> SentText:
        """Hand one text to the provider. `to` is an E.164 number. Raises
        TextProviderError (try again later) or TextProviderRefusal (never)."""


class ConsoleProvider(TextProvider):
    """Prints each text instead of sending it: `make run` and the tests show what a
    participant would read, and no phone is ever texted by accident."""

    name = "console"

    def send(self, *, to: str, body: str, status_callback: str = "") -> SentText:
        provider_id = f"console-{uuid.uuid4().hex}"
        # sys.stdout read at call time, so a test's captured output sees it.
        print(f"[text message to {to}] {body}", file=sys.stdout, flush=True)
        return SentText(provider_id=provider_id)


def twilio_configured() -> bool:
    return bool(
        settings.TWILIO_ACCOUNT_SID
        and settings.TWILIO_AUTH_TOKEN
        and (settings.TWILIO_FROM_NUMBER or settings.TWILIO_MESSAGING_SERVICE_SID)
    )


def text_provider() -> TextProvider:
    """Twilio when its settings are set, otherwise the console."""
    if twilio_configured():
        from portal.messaging.twilio import TwilioProvider

        return TwilioProvider()
    return ConsoleProvider()


def delivery_report_url() -> str:
    """Where Twilio reports what became of a message ("" when the portal's public
    address, PORTAL_SMS_WEBHOOK_BASE_URL, is not set: then messages stay "sent")."""
    from django.urls import reverse

    base = settings.PORTAL_SMS_WEBHOOK_BASE_URL.rstrip("/")
    if not (base and twilio_configured()):
        return ""
    return base + reverse("messaging:twilio-status")
