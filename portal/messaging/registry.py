"""What happens with a reply or a delivery report is the business of the app that owns
the person texted. That app registers its two handlers once, in its AppConfig.ready();
the webhook views call them. An explicit table, not a signal: a reader finds the handlers
here (today `jobseekers.services.texts`)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class InboundText:
    """A text someone sent to the program's number, as the provider reported it."""

    from_number: str
    body: str
    provider_id: str


@dataclass(frozen=True)
class DeliveryReport:
    """The provider's news about a message it took: `status` is "sent", "delivered" or
    "failed" (other provider states are not reported)."""

    provider_id: str
    status: str
    error_code: str = ""


@dataclass(frozen=True)
class TextHandlers:
    # Returns the reply to send back in the same exchange ("" for none).
    on_inbound: Callable[[InboundText], str]
    on_delivery_report: Callable[[DeliveryReport], None]


_handlers: list[TextHandlers] = []


def text_handlers_register(handlers: TextHandlers) -> None:
    _handlers[:] = [handlers]


def text_handlers() -> TextHandlers | None:
    return _handlers[0] if _handlers else None
