"""Numbers of the program's outcome figures, each with its source, read from settings at
call time (`override_settings` works in tests)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from portal.core.exceptions import ApplicationError
from portal.core.money import positive_decimal, to_money
from portal.core.rules import decimal_setting

# --- Cost savings -----------------------------------------------------------------------
# Source: the Second Chance program's own figures (about $18,000 saved by the state for
# each participant who stays out of prison for a year; example 200 x $18,000 - $500,000).


def savings_per_person_year() -> Decimal:
    """What the state saves for each participant kept out of prison for a year.
    Setting: PORTAL_SAVINGS_PER_PERSON_YEAR."""
    return to_money(decimal_setting("PORTAL_SAVINGS_PER_PERSON_YEAR", "18000.00"))


def program_operating_cost() -> Decimal:
    """The program's yearly operating cost, set by the program each year.
    Setting: PORTAL_PROGRAM_OPERATING_COST."""
    return to_money(decimal_setting("PORTAL_PROGRAM_OPERATING_COST", "500000.00"))


def cost_savings(*, people_kept_out: int, operating_cost: Decimal | None = None) -> Decimal:
    """Savings = people kept out x savings per person-year - operating cost. May be
    negative (the program cost more than it saved). Raises ApplicationError for a negative
    count or cost."""
    if isinstance(people_kept_out, bool) or not isinstance(people_kept_out, int):
        raise TypeError("people_kept_out must be a whole number.")
    if people_kept_out < 0:
        message = _("The number of people cannot be negative.")
        raise ApplicationError(
            message, code="invalid_savings_input", fields={"people_kept_out": [message]}
        )
    cost = program_operating_cost() if operating_cost is None else operating_cost
    cost = positive_decimal(
        cost,
        field="operating_cost",
        message=_("Enter the operating cost as an amount of 0 dollars or more."),
    )
    return to_money(people_kept_out * savings_per_person_year() - cost)
