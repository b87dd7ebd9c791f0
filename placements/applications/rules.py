"""Numbers from law and program policy for the applications area: the Work Opportunity
Tax Credit for the ex-felon target group, the Federal Bonding Program, the fair-chance
waiting period and the retention checkpoints.

Each number is named with its source and read from settings at call time, so that a change
in law is a one-line settings change and a test (`override_settings` works). Pure functions
on `Decimal` and `date`: no database, no I/O. The content site's tax-credit estimator calls
`wotc_estimate` too, so the number an employer sees on the website is the number a
placement records.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.exceptions import ApplicationError
from portal.core.money import positive_decimal, to_money
from portal.core.rules import decimal_setting, int_setting

# The most hours anyone can work in a first year of employment (366 days x 24 hours): more
# is a typing mistake, not a hire.
HOURS_IN_A_YEAR = Decimal(366 * 24)


# --- Work Opportunity Tax Credit (WOTC), ex-felon target group --------------------------
# Source for the hours, rates and wage cap: 26 U.S.C. 51(b)(3), 51(c), 51(d)(4), 51(i)(3);
# IRS Instructions for Form 5884 and Form 8850; DOL ETA WOTC fact sheet.


def wotc_minimum_hours() -> Decimal:
    """First-year hours below which no credit is earned. Source: 26 U.S.C. 51(i)(3)(A)
    (fewer than 120 hours: no credit). Setting: PORTAL_WOTC_MINIMUM_HOURS."""
    return decimal_setting("PORTAL_WOTC_MINIMUM_HOURS", "120")


def wotc_full_rate_hours() -> Decimal:
    """First-year hours from which the full rate applies. Source: 26 U.S.C. 51(i)(3)(B)
    (400 hours or more: 40 %). Setting: PORTAL_WOTC_FULL_RATE_HOURS."""
    return decimal_setting("PORTAL_WOTC_FULL_RATE_HOURS", "400")


def wotc_partial_rate() -> Decimal:
    """Credit rate for 120-399 first-year hours. Source: 26 U.S.C. 51(i)(3)(B) (25 %).
    Setting: PORTAL_WOTC_PARTIAL_RATE."""
    return decimal_setting("PORTAL_WOTC_PARTIAL_RATE", "0.25")


def wotc_full_rate() -> Decimal:
    """Credit rate for 400 or more first-year hours. Source: 26 U.S.C. 51(a) (40 %).
    Setting: PORTAL_WOTC_FULL_RATE."""
    return decimal_setting("PORTAL_WOTC_FULL_RATE", "0.40")


def wotc_wage_cap() -> Decimal:
    """First-year wages the credit counts, at most. Source: 26 U.S.C. 51(b)(3) ($6,000 for
    the ex-felon group). Setting: PORTAL_WOTC_WAGE_CAP."""
    return to_money(decimal_setting("PORTAL_WOTC_WAGE_CAP", "6000.00"))


def wotc_maximum_credit(*, full_rate: bool) -> Decimal:
    """The largest credit per hire: the wage cap times the rate ($1,500 at 25 %, $2,400 at
    40 % with the default settings)."""
    rate = wotc_full_rate() if full_rate else wotc_partial_rate()
    return to_money(wotc_wage_cap() * rate)


def wotc_filing_window_days() -> int:
    """Calendar days after the start date to file Form 8850 with the state workforce
    agency. Source: 26 U.S.C. 51(d)(13)(A)(ii); IRS Form 8850 instructions (28 days).
    Setting: PORTAL_WOTC_FILING_WINDOW_DAYS."""
    return int_setting("PORTAL_WOTC_FILING_WINDOW_DAYS", 28)


def wotc_filing_deadline(start_date: date) -> date:
    """The last day Form 8850 may be filed for a hire who starts on `start_date`."""
    return start_date + timedelta(days=wotc_filing_window_days())


def wotc_eligibility_window_years() -> int:
    """Years after conviction or release (whichever is later) within which a hire
    qualifies. Source: 26 U.S.C. 51(d)(4) (hired within 1 year).
    Setting: PORTAL_WOTC_ELIGIBILITY_WINDOW_YEARS."""
    return int_setting("PORTAL_WOTC_ELIGIBILITY_WINDOW_YEARS", 1)


def _add_years(day: date, years: int) -> date:
    # 29 February plus one year is 28 February: the window never grows past a year.
    if day.month == 2 and day.day == 29 and not calendar.isleap(day.year + years):
        return day.replace(year=day.year + years, day=28)
    return day.replace(year=day.year + years)


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def wotc_eligibility_ends_on(*, conviction_date: date, release_date: date | None = None) -> date:
    """The last hire date that qualifies: one year after the conviction or the release
    from prison, whichever is later."""
    if release_date is not None and release_date < conviction_date:
        raise ApplicationError(
            _("The release date cannot be before the conviction date."),
            code="invalid_dates",
            fields={"release_date": [_("Enter a date on or after the conviction date.")]},
        )
    latest = max(conviction_date, release_date or conviction_date)
    return _add_years(latest, wotc_eligibility_window_years())


def wotc_hire_is_eligible(
    *, hire_date: date, conviction_date: date, release_date: date | None = None
) -> bool:
    """True when a hire on `hire_date` falls within the ex-felon group's window."""
    return hire_date <= wotc_eligibility_ends_on(
        conviction_date=conviction_date, release_date=release_date
    )


def wotc_end_date() -> date:
    """The last start date the credit covers as the law stands. Source: 26 U.S.C.
    51(c)(4) as extended by the Consolidated Appropriations Act, 2021, Div. EE, sec. 113
    (hires that began by 2025-12-31); lapsed since 2026-01-01 while extension bills are
    pending. Setting: PORTAL_WOTC_END_DATE (ISO date), moved when Congress extends it."""
    return date.fromisoformat(str(getattr(settings, "PORTAL_WOTC_END_DATE", "2025-12-31")))


class WotcStatus(models.TextChoices):
    ACTIVE = "active", gettext_lazy("Active")
    PENDING_REAUTHORIZATION = "pending_reauthorization", gettext_lazy("Pending reauthorization")


def wotc_status(start_date: date) -> WotcStatus:
    """Active for hires that start on or before the end date; after it, "pending
    reauthorization": the portal keeps collecting Form 8850 because an extension has
    usually been made retroactive, but no credit is certain until Congress acts."""
    if start_date <= wotc_end_date():
        return WotcStatus.ACTIVE
    return WotcStatus.PENDING_REAUTHORIZATION


def wotc_credit_rate(hours: Decimal) -> Decimal:
    """0 under 120 hours, 25 % for 120-399 hours, 40 % from 400 hours."""
    if hours < wotc_minimum_hours():
        return Decimal("0")
    if hours < wotc_full_rate_hours():
        return wotc_partial_rate()
    return wotc_full_rate()


@dataclass(frozen=True)
class WotcEstimate:
    hours: Decimal
    wages: Decimal
    rate: Decimal
    qualified_wages: Decimal
    credit: Decimal
    status: WotcStatus
    start_date: date
    filing_deadline: date

    @property
    def rate_percent(self) -> int:
        return int(self.rate * 100)


def wotc_credit(*, hours, wages) -> Decimal:
    """The credit for one hire: the rate for the first-year hours times the first-year
    wages up to the cap, rounded to the cent.

    Raises ApplicationError (code "invalid_estimate_input", naming the field) for negative
    or impossible hours or wages.
    """
    hours = positive_decimal(
        hours,
        field="hours",
        message=_("Enter the hours as a number from 0 to 8,784 (a whole year)."),
        upper=HOURS_IN_A_YEAR,
    )
    wages = positive_decimal(
        wages, field="wages", message=_("Enter the wages as an amount of 0 dollars or more.")
    )
    return to_money(min(wages, wotc_wage_cap()) * wotc_credit_rate(hours))


def wotc_estimate(*, hours, wages, start_date: date | None = None) -> WotcEstimate:
    """The whole estimate an employer sees: credit, rate, counted wages, the credit's
    status for this start date and the Form 8850 deadline. `start_date` defaults to today
    in the program's time zone."""
    credit = wotc_credit(hours=hours, wages=wages)
    hours, wages = Decimal(str(hours)), to_money(Decimal(str(wages)))
    start_date = start_date or timezone.localdate()
    return WotcEstimate(
        hours=hours,
        wages=wages,
        rate=wotc_credit_rate(hours),
        qualified_wages=min(wages, wotc_wage_cap()),
        credit=credit,
        status=wotc_status(start_date),
        start_date=start_date,
        filing_deadline=wotc_filing_deadline(start_date),
    )


# --- Federal Bonding Program ------------------------------------------------------------
# Source: U.S. Department of Labor, Federal Bonding Program (bonds2work.org), program
# description and employer FAQ.


def bonding_default_amount() -> Decimal:
    """The usual fidelity bond, free to the employer, no deductible ($5,000).
    Setting: PORTAL_BONDING_DEFAULT_AMOUNT."""
    return to_money(decimal_setting("PORTAL_BONDING_DEFAULT_AMOUNT", "5000.00"))


def bonding_maximum_amount() -> Decimal:
    """The largest bond issued where the job justifies it ($25,000).
    Setting: PORTAL_BONDING_MAXIMUM_AMOUNT."""
    return to_money(decimal_setting("PORTAL_BONDING_MAXIMUM_AMOUNT", "25000.00"))


def bonding_coverage_months() -> int:
    """Months of coverage from the first day of work (6).
    Setting: PORTAL_BONDING_COVERAGE_MONTHS."""
    return int_setting("PORTAL_BONDING_COVERAGE_MONTHS", 6)


def bonding_coverage_ends_on(start_date: date) -> date:
    """The last day a bond covers: six months after the first day of work, less a day."""
    return _add_months(start_date, bonding_coverage_months()) - timedelta(days=1)


# --- Applications: fair-chance waiting period, business days, retention ------------------
# Sources: FCRA 15 U.S.C. 1681b(b)(3) (pre-adverse action notice before an adverse
# action; the FTC and common practice read "a reasonable time" as 5 business days).
# Business days skip the US federal holidays: `portal.core.business_days`.


def fair_chance_waiting_business_days() -> int:
    """Business days between the pre-adverse action notice and a record-based decline (5,
    the common practice under the FCRA). Setting: PORTAL_FAIR_CHANCE_WAITING_BUSINESS_DAYS."""
    return int_setting("PORTAL_FAIR_CHANCE_WAITING_BUSINESS_DAYS", 5)


def retention_check_days() -> tuple[int, ...]:
    """Days after a placement's start when staff check that the job lasts. Source: the
    program's follow-up schedule (DOMAIN_RULES.md, "Outcomes"). Setting:
    PORTAL_RETENTION_CHECK_DAYS."""
    return tuple(
        int(day) for day in getattr(settings, "PORTAL_RETENTION_CHECK_DAYS", (30, 90, 180, 365))
    )


# The most hours a week a retention check may record: two full-time jobs. Beyond it the
# number is a typing mistake (a month's hours, a wage in the hours box). The database
# constraint `retention_check_hours_in_range` holds the same bound.
RETENTION_MAX_HOURS_PER_WEEK = 80


def retention_grace_days() -> int:
    """Days after a check's due date before it counts as overdue (program policy: two
    weeks to reach the person or the employer). Setting: PORTAL_RETENTION_GRACE_DAYS."""
    return int_setting("PORTAL_RETENTION_GRACE_DAYS", 14)


def wotc_deadline_warning_days() -> int:
    """Form 8850 deadlines within this many days are flagged on dashboards (program
    policy). Setting: PORTAL_WOTC_DEADLINE_WARNING_DAYS."""
    return int_setting("PORTAL_WOTC_DEADLINE_WARNING_DAYS", 7)


def bonding_unit_amount() -> Decimal:
    """Bonds are issued in units of the default amount ($5,000)."""
    return bonding_default_amount()
