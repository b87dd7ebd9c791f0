"""Money is Decimal with two places; Stripe and other processors take integer cents."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from portal.core.exceptions import ApplicationError

CENT = Decimal("0.01")


def to_money(value: Decimal | int | str) -> Decimal:
    """Round to the cent, half up (the usual payroll rounding). Never pass a float."""
    if isinstance(value, float):
        raise TypeError("Money must not be a float; pass a Decimal or a string.")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def to_cents(value: Decimal) -> int:
    """Decimal dollars to integer cents: Decimal("12.34") -> 1234."""
    return int(to_money(value) * 100)


def from_cents(cents: int) -> Decimal:
    """Integer cents to Decimal dollars: 1234 -> Decimal("12.34")."""
    return to_money(Decimal(cents) / 100)


def positive_decimal(value, *, field: str, message: str, upper: Decimal | None = None) -> Decimal:
    """A number typed by a person (hours, wages, a cost) as a Decimal of 0 or more, at most
    `upper`; anything else raises an ApplicationError with `message` on `field`."""
    if isinstance(value, float):
        raise TypeError("Pass a Decimal, an int or a string, never a float.")
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        number = None
    if number is None or not number.is_finite() or number < 0:
        raise ApplicationError(message, code="invalid_estimate_input", fields={field: [message]})
    if upper is not None and number > upper:
        raise ApplicationError(message, code="invalid_estimate_input", fields={field: [message]})
    return number
