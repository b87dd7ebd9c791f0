"""Money is Decimal with two places; Stripe and other processors take integer cents."""

from decimal import ROUND_HALF_UP, Decimal

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
