"""Numbers from law and program policy that placements (and the pages and reports built on
them) use: the Work Opportunity Tax Credit for the ex-felon target group, the Federal
Bonding Program, and the program's cost-savings figures.

One settings-backed place, each number named with its source, read from settings at call
time so that a change in law is a one-line settings change and a test
(`override_settings` works). Pure functions on `Decimal` and `date`: no database, no I/O.
The content site's tax-credit estimator calls `wotc_estimate` too, so the number an
employer sees on the website is the number a placement records.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.exceptions import ApplicationError
from portal.core.money import to_money

# The most hours anyone can work in a first year of employment (366 days x 24 hours): more
# is a typing mistake, not a hire.
HOURS_IN_A_YEAR = Decimal(366 * 24)


def _decimal_setting(name: str, default: str) -> Decimal:
    return Decimal(str(getattr(settings, name, default)))


def _int_setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


# --- Work Opportunity Tax Credit (WOTC), ex-felon target group --------------------------
# Source for the hours, rates and wage cap: 26 U.S.C. 51(b)(3), 51(c), 51(d)(4), 51(i)(3);
# IRS Instructions for Form 5884 and Form 8850; DOL ETA WOTC fact sheet.


def wotc_minimum_hours() -> Decimal:
    """First-year hours below which no credit is earned. Source: 26 U.S.C. 51(i)(3)(A)
    (fewer than 120 hours: no credit). Setting: PORTAL_WOTC_MINIMUM_HOURS."""
    return _decimal_setting("PORTAL_WOTC_MINIMUM_HOURS", "120")


def wotc_full_rate_hours() -> Decimal:
    """First-year hours from which the full rate applies. Source: 26 U.S.C. 51(i)(3)(B)
    (400 hours or more: 40 %). Setting: PORTAL_WOTC_FULL_RATE_HOURS."""
    return _decimal_setting("PORTAL_WOTC_FULL_RATE_HOURS", "400")


def wotc_partial_rate() -> Decimal:
    """Credit rate for 120-399 first-year hours. Source: 26 U.S.C. 51(i)(3)(B) (25 %).
    Setting: PORTAL_WOTC_PARTIAL_RATE."""
    return _decimal_setting("PORTAL_WOTC_PARTIAL_RATE", "0.25")


def wotc_full_rate() -> Decimal:
    """Credit rate for 400 or more first-year hours. Source: 26 U.S.C. 51(a) (40 %).
    Setting: PORTAL_WOTC_FULL_RATE."""
    return _decimal_setting("PORTAL_WOTC_FULL_RATE", "0.40")


def wotc_wage_cap() -> Decimal:
    """First-year wages the credit counts, at most. Source: 26 U.S.C. 51(b)(3) ($6,000 for
    the ex-felon group). Setting: PORTAL_WOTC_WAGE_CAP."""
    return to_money(_decimal_setting("PORTAL_WOTC_WAGE_CAP", "6000.00"))


def wotc_maximum_credit(*, full_rate: bool) -> Decimal:
    """The largest credit per hire: the wage cap times the rate ($1,500 at 25 %, $2,400 at
    40 % with the default settings)."""
    rate = wotc_full_rate() if full_rate else wotc_partial_rate()
    return to_money(wotc_wage_cap() * rate)


def wotc_filing_window_days() -> int:
    """Calendar days after the start date to file Form 8850 with the state workforce
    agency. Source: 26 U.S.C. 51(d)(13)(A)(ii); IRS Form 8850 instructions (28 days).
    Setting: PORTAL_WOTC_FILING_WINDOW_DAYS."""
    return _int_setting("PORTAL_WOTC_FILING_WINDOW_DAYS", 28)


def wotc_filing_deadline(start_date: date) -> date:
    """The last day Form 8850 may be filed for a hire who starts on `start_date`."""
    return start_date + timedelta(days=wotc_filing_window_days())


def wotc_eligibility_window_years() -> int:
    """Years after conviction or release (whichever is later) within which a hire
    qualifies. Source: 26 U.S.C. 51(d)(4) (hired within 1 year).
    Setting: PORTAL_WOTC_ELIGIBILITY_WINDOW_YEARS."""
    return _int_setting("PORTAL_WOTC_ELIGIBILITY_WINDOW_YEARS", 1)


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


def _positive_decimal(value, *, field: str, message: str, upper: Decimal | None = None) -> Decimal:
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
    hours = _positive_decimal(
        hours,
        field="hours",
        message=_("Enter the hours as a number from 0 to 8,784 (a whole year)."),
        upper=HOURS_IN_A_YEAR,
    )
    wages = _positive_decimal(
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
    return to_money(_decimal_setting("PORTAL_BONDING_DEFAULT_AMOUNT", "5000.00"))


def bonding_maximum_amount() -> Decimal:
    """The largest bond issued where the job justifies it ($25,000).
    Setting: PORTAL_BONDING_MAXIMUM_AMOUNT."""
    return to_money(_decimal_setting("PORTAL_BONDING_MAXIMUM_AMOUNT", "25000.00"))


def bonding_coverage_months() -> int:
    """Months of coverage from the first day of work (6).
    Setting: PORTAL_BONDING_COVERAGE_MONTHS."""
    return _int_setting("PORTAL_BONDING_COVERAGE_MONTHS", 6)


def bonding_coverage_ends_on(start_date: date) -> date:
    """The last day a bond covers: six months after the first day of work, less a day."""
    return _add_months(start_date, bonding_coverage_months()) - timedelta(days=1)


# --- Cost savings -----------------------------------------------------------------------
# Source: the Second Chance program's own figures (about $18,000 saved by the state for
# each participant who stays out of prison for a year; example 200 x $18,000 - $500,000).


def savings_per_person_year() -> Decimal:
    """What the state saves for each participant kept out of prison for a year.
    Setting: PORTAL_SAVINGS_PER_PERSON_YEAR."""
    return to_money(_decimal_setting("PORTAL_SAVINGS_PER_PERSON_YEAR", "18000.00"))


def program_operating_cost() -> Decimal:
    """The program's yearly operating cost, set by the program each year.
    Setting: PORTAL_PROGRAM_OPERATING_COST."""
    return to_money(_decimal_setting("PORTAL_PROGRAM_OPERATING_COST", "500000.00"))


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
    cost = _positive_decimal(
        cost,
        field="operating_cost",
        message=_("Enter the operating cost as an amount of 0 dollars or more."),
    )
    return to_money(people_kept_out * savings_per_person_year() - cost)


# --- Hiring fairs: interview slots ------------------------------------------------------
# Source: program policy (job club staff plan fair interviews of 10 to 60 minutes; video
# interviews from inside a facility are booked by the facility in blocks of at most an
# hour). Not law: a program changes them in settings.


def fair_interview_minimum_minutes() -> int:
    """The shortest interview slot an employer may offer at a fair.
    Setting: PORTAL_FAIR_INTERVIEW_MINIMUM_MINUTES."""
    return _int_setting("PORTAL_FAIR_INTERVIEW_MINIMUM_MINUTES", 10)


def fair_interview_maximum_minutes() -> int:
    """The longest interview slot an employer may offer at a fair.
    Setting: PORTAL_FAIR_INTERVIEW_MAXIMUM_MINUTES."""
    return _int_setting("PORTAL_FAIR_INTERVIEW_MAXIMUM_MINUTES", 60)


# --- Matching ---------------------------------------------------------------------------
# Program policy, not law: the weights of the score and the distances people can manage
# without a car (job club staff's experience: about 1.5 miles on foot, 5 by bike). Read at
# call time so `override_settings` works in tests.


def matching_weights():
    """The score's weights. Settings: PORTAL_MATCHING_WEIGHT_SKILLS, _DISTANCE, _WAGE,
    _SHIFT, _READINESS."""
    from placements.matching.profiles import Weights

    return Weights(
        skills=float(getattr(settings, "PORTAL_MATCHING_WEIGHT_SKILLS", 45)),
        distance=float(getattr(settings, "PORTAL_MATCHING_WEIGHT_DISTANCE", 15)),
        wage=float(getattr(settings, "PORTAL_MATCHING_WEIGHT_WAGE", 15)),
        shift=float(getattr(settings, "PORTAL_MATCHING_WEIGHT_SHIFT", 10)),
        readiness=float(getattr(settings, "PORTAL_MATCHING_WEIGHT_READINESS", 15)),
    )


def matching_limits():
    """Distances of the transport rule and the score. Settings:
    PORTAL_MATCHING_WALKING_MILES, _BIKING_MILES, _DISTANCE_ZERO_MILES, _FAR_MILES."""
    from placements.matching.profiles import Limits

    return Limits(
        walking_miles=float(getattr(settings, "PORTAL_MATCHING_WALKING_MILES", 1.5)),
        biking_miles=float(getattr(settings, "PORTAL_MATCHING_BIKING_MILES", 5.0)),
        distance_zero_score_miles=float(
            getattr(settings, "PORTAL_MATCHING_DISTANCE_ZERO_MILES", 30)
        ),
        far_caution_miles=float(getattr(settings, "PORTAL_MATCHING_FAR_MILES", 15)),
    )


def matching_results_per_participant() -> int:
    """Matches stored per participant. Setting: PORTAL_MATCHING_RESULTS_PER_PARTICIPANT."""
    return _int_setting("PORTAL_MATCHING_RESULTS_PER_PARTICIPANT", 20)


def matching_max_age() -> timedelta:
    """Stored matches older than this are recomputed when the person opens their page.
    Setting: PORTAL_MATCHING_MAX_AGE_HOURS."""
    return timedelta(hours=_int_setting("PORTAL_MATCHING_MAX_AGE_HOURS", 24))


# --- Transitional jobs: time and pay ----------------------------------------------------
# The crews are paid employment (DOMAIN_RULES.md, "Transitional jobs"), so federal wage
# and hour law applies. The minimum wage is `portal.core.rules.minimum_hourly_wage`.


def time_rounding_minutes() -> int:
    """Worked time is rounded to this many minutes, to the nearest step (15: 7 minutes
    down, 8 up). Source: 29 CFR 785.48(b) (rounding to the nearest quarter hour is
    accepted when it averages out). Setting: PORTAL_TIME_ROUNDING_MINUTES."""
    return _int_setting("PORTAL_TIME_ROUNDING_MINUTES", 15)


def max_hours_per_day() -> Decimal:
    """The most paid hours one person may have in one day (program safety policy: a
    crew day over 12 hours is a typing mistake). Setting: PORTAL_MAX_HOURS_PER_DAY."""
    return _decimal_setting("PORTAL_MAX_HOURS_PER_DAY", "12")


def overtime_weekly_threshold() -> Decimal:
    """Hours in one workweek after which overtime is due. Source: Fair Labor Standards
    Act, 29 U.S.C. 207(a)(1) (40 hours). Setting: PORTAL_OVERTIME_WEEKLY_THRESHOLD."""
    return _decimal_setting("PORTAL_OVERTIME_WEEKLY_THRESHOLD", "40")


def overtime_multiplier() -> Decimal:
    """Overtime pay as a multiple of the regular rate. Source: 29 U.S.C. 207(a)(1)
    ("not less than one and one-half times"). Setting: PORTAL_OVERTIME_MULTIPLIER."""
    return _decimal_setting("PORTAL_OVERTIME_MULTIPLIER", "1.5")


def workweek_first_weekday() -> int:
    """The first day of the program's fixed workweek, 0 Monday ... 6 Sunday. Source:
    29 CFR 778.105 (a workweek is a fixed, regularly recurring period of 7 consecutive
    days, chosen by the employer; the program's weekly pay periods start on Monday).
    Setting: PORTAL_WORKWEEK_FIRST_WEEKDAY."""
    return _int_setting("PORTAL_WORKWEEK_FIRST_WEEKDAY", 0)


def anomaly_hours_per_day() -> Decimal:
    """Days with more paid hours than this are shown for a second look before a payroll
    run is approved (program policy: a crew day is about 8 hours).
    Setting: PORTAL_ANOMALY_HOURS_PER_DAY."""
    return _decimal_setting("PORTAL_ANOMALY_HOURS_PER_DAY", "10")


# --- Applications: fair-chance waiting period, business days, retention ------------------
# Sources: FCRA 15 U.S.C. 1681b(b)(3) (pre-adverse action notice before an adverse
# action; the FTC and common practice read "a reasonable time" as 5 business days);
# 5 U.S.C. 6103 (the federal holidays, and the observed day when one falls on a weekend).


def fair_chance_waiting_business_days() -> int:
    """Business days between the pre-adverse action notice and a record-based decline (5,
    the common practice under the FCRA). Setting: PORTAL_FAIR_CHANCE_WAITING_BUSINESS_DAYS."""
    return _int_setting("PORTAL_FAIR_CHANCE_WAITING_BUSINESS_DAYS", 5)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th `weekday` (0 Monday) of the month; n = -1 for the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    # 5 U.S.C. 6103(b): a Saturday holiday is observed on Friday, a Sunday one on Monday.
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


def us_federal_holidays(year: int) -> frozenset[date]:
    """The observed US federal holidays that fall in `year` (5 U.S.C. 6103), computed by
    rule: fixed dates moved off weekends, and the Monday/Thursday holidays. Juneteenth
    from 2021. New Year's Day of the next year observed on 31 December counts here."""
    fixed = [(1, 1), (7, 4), (11, 11), (12, 25)]
    if year >= 2021:
        fixed.append((6, 19))
    days = {_observed(date(year, month, day)) for month, day in fixed}
    days.add(_observed(date(year + 1, 1, 1)))
    days |= {
        _nth_weekday(year, 1, 0, 3),  # Birthday of Martin Luther King, Jr.
        _nth_weekday(year, 2, 0, 3),  # Washington's Birthday
        _nth_weekday(year, 5, 0, -1),  # Memorial Day
        _nth_weekday(year, 9, 0, 1),  # Labor Day
        _nth_weekday(year, 10, 0, 2),  # Columbus Day
        _nth_weekday(year, 11, 3, 4),  # Thanksgiving Day
    }
    return frozenset(day for day in days if day.year == year)


def is_business_day(day: date) -> bool:
    """Monday to Friday and not an observed US federal holiday."""
    return day.weekday() < 5 and day not in us_federal_holidays(day.year)


def add_business_days(start: date, days: int) -> date:
    """The `days`-th business day after `start` (`start` itself never counts): a notice
    on Friday 16 January 2026 plus 5 business days skips Martin Luther King Day and ends
    on Monday 26 January."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    while days:
        day += timedelta(days=1)
        if is_business_day(day):
            days -= 1
    return day


def retention_check_days() -> tuple[int, ...]:
    """Days after a placement's start when staff check that the job lasts. Source: the
    program's follow-up schedule (DOMAIN_RULES.md, "Outcomes"). Setting:
    PORTAL_RETENTION_CHECK_DAYS."""
    return tuple(
        int(day) for day in getattr(settings, "PORTAL_RETENTION_CHECK_DAYS", (30, 90, 180, 365))
    )


def retention_grace_days() -> int:
    """Days after a check's due date before it counts as overdue (program policy: two
    weeks to reach the person or the employer). Setting: PORTAL_RETENTION_GRACE_DAYS."""
    return _int_setting("PORTAL_RETENTION_GRACE_DAYS", 14)


def wotc_deadline_warning_days() -> int:
    """Form 8850 deadlines within this many days are flagged on dashboards (program
    policy). Setting: PORTAL_WOTC_DEADLINE_WARNING_DAYS."""
    return _int_setting("PORTAL_WOTC_DEADLINE_WARNING_DAYS", 7)


def bonding_unit_amount() -> Decimal:
    """Bonds are issued in units of the default amount ($5,000)."""
    return bonding_default_amount()
