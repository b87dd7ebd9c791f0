"""Numbers of the program's outcome figures, each with its source, read from settings at
call time (`override_settings` works in tests)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.exceptions import ApplicationError
from portal.core.money import positive_decimal, to_money
from portal.core.rules import decimal_setting, int_setting

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


def cost_savings_for_person_years(
    *, person_years: Decimal, operating_cost: Decimal | None = None
) -> Decimal:
    """Savings for a fractional number of person-years kept out of prison (the reports
    count days, not whole people): person-years x savings per person-year - operating
    cost, to the cent. Raises ApplicationError for a negative input."""
    if isinstance(person_years, float):
        raise TypeError("Pass person-years as a Decimal, never a float.")
    if person_years < 0:
        message = _("The number of people cannot be negative.")
        raise ApplicationError(
            message, code="invalid_savings_input", fields={"person_years": [message]}
        )
    cost = program_operating_cost() if operating_cost is None else operating_cost
    cost = positive_decimal(
        cost,
        field="operating_cost",
        message=_("Enter the operating cost as an amount of 0 dollars or more."),
    )
    return to_money(Decimal(person_years) * savings_per_person_year() - cost)


def operating_cost_for_days(days: int) -> Decimal:
    """The share of the yearly operating cost that falls in a period of `days` days
    (yearly cost x days / 365, to the cent): a quarter is charged about a quarter."""
    return to_money(program_operating_cost() * Decimal(days) / DAYS_IN_A_YEAR)


# A person-year is 365 days kept out; the operating cost is shared out by the same days.
DAYS_IN_A_YEAR = Decimal(365)


# --- Missouri Reentry 2030 targets --------------------------------------------------------
# Source: Missouri Department of Corrections, "Reentry 2030" (85 % of people employed
# within 30 days of release; 80 % still employed 9 months after release).


def target_employed_within_30_days() -> Decimal:
    """Setting: PORTAL_TARGET_EMPLOYED_WITHIN_30_DAYS (a share, 0.85)."""
    return decimal_setting("PORTAL_TARGET_EMPLOYED_WITHIN_30_DAYS", "0.85")


def target_employed_at_9_months() -> Decimal:
    """Setting: PORTAL_TARGET_EMPLOYED_AT_9_MONTHS (a share, 0.80)."""
    return decimal_setting("PORTAL_TARGET_EMPLOYED_AT_9_MONTHS", "0.80")


# Nine months after release, counted in days (9 x 365 / 12, rounded up) so that the
# window is one number in SQL.
NINE_MONTHS_DAYS = 274
FIRST_JOB_WINDOW_DAYS = 30


# --- Recidivism comparison rates ----------------------------------------------------------
# Source: Missouri Department of Corrections (35 % of people released returned within
# three years, 2023); the Second Chance program's risk assessment (83 % predicted to
# return within three years for the high-risk group it serves, without help).


def recidivism_comparison_missouri() -> Decimal:
    """Setting: PORTAL_RECIDIVISM_COMPARISON_MISSOURI (0.35)."""
    return decimal_setting("PORTAL_RECIDIVISM_COMPARISON_MISSOURI", "0.35")


def recidivism_comparison_missouri_year() -> int:
    """The year of the Missouri rate. Setting: PORTAL_RECIDIVISM_COMPARISON_MISSOURI_YEAR."""
    return int_setting("PORTAL_RECIDIVISM_COMPARISON_MISSOURI_YEAR", 2023)


def recidivism_comparison_high_risk() -> Decimal:
    """Setting: PORTAL_RECIDIVISM_COMPARISON_HIGH_RISK (0.83, within three years)."""
    return decimal_setting("PORTAL_RECIDIVISM_COMPARISON_HIGH_RISK", "0.83")


# --- Retention ----------------------------------------------------------------------------


class RetentionDefinition(models.TextChoices):
    """Which jobs count as "still employed" at a retention checkpoint (DOMAIN_RULES.md,
    "Outcomes": a report states the one it uses)."""

    SAME_EMPLOYER = "same_employer", gettext_lazy("Employed with the same employer")
    ANY_EMPLOYER = (
        "any_employer_no_gap_over_4_weeks",
        gettext_lazy("Employed with any employer, with no gap over 4 weeks"),
    )


# The longest gap between two jobs that still counts as staying employed (4 weeks).
RETENTION_GAP_DAYS = 28


def retention_definition() -> RetentionDefinition:
    """Setting: PORTAL_RETENTION_DEFINITION (same_employer or
    any_employer_no_gap_over_4_weeks); an unknown value falls back to same_employer."""
    value = getattr(settings, "PORTAL_RETENTION_DEFINITION", RetentionDefinition.SAME_EMPLOYER)
    try:
        return RetentionDefinition(value)
    except ValueError:
        return RetentionDefinition.SAME_EMPLOYER


def retention_checkpoints() -> tuple[int, ...]:
    """Days after a placement's start: 30, 90, 180, 365 (PORTAL_RETENTION_CHECK_DAYS)."""
    return tuple(getattr(settings, "PORTAL_RETENTION_CHECK_DAYS", (30, 90, 180, 365)))


# --- Small numbers --------------------------------------------------------------------------
# Source: common disclosure practice for program data (a cell of fewer than 5 people
# could single someone out). Setting: PORTAL_REPORT_MINIMUM_CELL.


def minimum_cell() -> int:
    return int_setting("PORTAL_REPORT_MINIMUM_CELL", 5)


# A full-time job: 35 hours a week or more (the Bureau of Labor Statistics' line).
FULL_TIME_HOURS = Decimal(35)
# Weeks in a quarter, for the earnings of a quarter from an hourly wage and weekly hours.
WEEKS_IN_A_QUARTER = 13
