"""What the transitional services share: the error of one field, the program's today,
and the refusal of someone the area's predicates (permissions.py) do not allow."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from portal.core.exceptions import ApplicationError, NotFoundError

ZERO = Decimal(0)


def invalid(field_name: str, message: str, *, code: str = "invalid") -> ApplicationError:
    return ApplicationError(message, code=code, fields={field_name: [message]})


def require(permitted: bool) -> None:
    """`require(can_supervise(actor, worksite))`: someone not allowed gets a 404, as if
    the object did not exist."""
    if not permitted:
        raise NotFoundError()


def today() -> date:
    return timezone.localdate()
