"""Program numbers that more than one app needs, each named, with its source, read from
settings at call time so that a change in law is a one-line settings change (and
`override_settings` works in tests). App-specific numbers live in each app's `rules.py`.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings


def minimum_hourly_wage() -> Decimal:
    """The lowest hourly wage a job or a transitional assignment may pay.

    Source: Missouri minimum wage, $15.00 an hour from 2026-01-01 (Proposition A, 2024;
    RSMo 290.502). Setting: PORTAL_MINIMUM_HOURLY_WAGE.
    """
    return Decimal(str(getattr(settings, "PORTAL_MINIMUM_HOURLY_WAGE", "15.00")))


def decimal_setting(name: str, default: str) -> Decimal:
    """A number from settings as a Decimal (`default` when the setting is absent)."""
    return Decimal(str(getattr(settings, name, default)))


def int_setting(name: str, default: int) -> int:
    """A whole number from settings (`default` when the setting is absent)."""
    return int(getattr(settings, name, default))


def api_token_lifetime(*, is_staff_member: bool) -> timedelta:
    """How long a new API token lives: 8 hours for staff and admins, 30 days for employers
    and participants.

    Source: issue 16 (staff read criminal justice information, so their credentials are
    short-lived, as the FBI CJIS Security Policy expects of such systems). Settings:
    PORTAL_API_TOKEN_HOURS_STAFF, PORTAL_API_TOKEN_DAYS_OTHERS.
    """
    if is_staff_member:
        return timedelta(hours=int_setting("PORTAL_API_TOKEN_HOURS_STAFF", 8))
    return timedelta(days=int_setting("PORTAL_API_TOKEN_DAYS_OTHERS", 30))


def staff_session_max_age() -> timedelta:
    """How long after sign-in a staff or admin session ends, however active it is (the
    30-minute idle end applies as well). Source: issue 16. Setting:
    PORTAL_STAFF_SESSION_MAX_HOURS.
    """
    return timedelta(hours=int_setting("PORTAL_STAFF_SESSION_MAX_HOURS", 12))
