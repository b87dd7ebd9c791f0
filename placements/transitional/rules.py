"""Numbers from wage and hour law and program policy for transitional jobs, each with its
source, read from settings at call time (`override_settings` works in tests)."""

from decimal import Decimal

from portal.core.rules import decimal_setting, int_setting

# --- Transitional jobs: time and pay ----------------------------------------------------
# The crews are paid employment (DOMAIN_RULES.md, "Transitional jobs"), so federal wage
# and hour law applies. The minimum wage is `portal.core.rules.minimum_hourly_wage`.


def time_rounding_minutes() -> int:
    """Worked time is rounded to this many minutes, to the nearest step (15: 7 minutes
    down, 8 up). Source: 29 CFR 785.48(b) (rounding to the nearest quarter hour is
    accepted when it averages out). Setting: PORTAL_TIME_ROUNDING_MINUTES."""
    return int_setting("PORTAL_TIME_ROUNDING_MINUTES", 15)


def max_hours_per_day() -> Decimal:
    """The most paid hours one person may have in one day (program safety policy: a
    crew day over 12 hours is a typing mistake). Setting: PORTAL_MAX_HOURS_PER_DAY."""
    return decimal_setting("PORTAL_MAX_HOURS_PER_DAY", "12")


def overtime_weekly_threshold() -> Decimal:
    """Hours in one workweek after which overtime is due. Source: Fair Labor Standards
    Act, 29 U.S.C. 207(a)(1) (40 hours). Setting: PORTAL_OVERTIME_WEEKLY_THRESHOLD."""
    return decimal_setting("PORTAL_OVERTIME_WEEKLY_THRESHOLD", "40")


def overtime_multiplier() -> Decimal:
    """Overtime pay as a multiple of the regular rate. Source: 29 U.S.C. 207(a)(1)
    ("not less than one and one-half times"). Setting: PORTAL_OVERTIME_MULTIPLIER."""
    return decimal_setting("PORTAL_OVERTIME_MULTIPLIER", "1.5")


def workweek_first_weekday() -> int:
    """The first day of the program's fixed workweek, 0 Monday ... 6 Sunday. Source:
    29 CFR 778.105 (a workweek is a fixed, regularly recurring period of 7 consecutive
    days, chosen by the employer; the program's weekly pay periods start on Monday).
    Setting: PORTAL_WORKWEEK_FIRST_WEEKDAY."""
    return int_setting("PORTAL_WORKWEEK_FIRST_WEEKDAY", 0)


def anomaly_hours_per_day() -> Decimal:
    """Days with more paid hours than this are shown for a second look before a payroll
    run is approved (program policy: a crew day is about 8 hours).
    Setting: PORTAL_ANOMALY_HOURS_PER_DAY."""
    return decimal_setting("PORTAL_ANOMALY_HOURS_PER_DAY", "10")
