"""Program numbers that more than one app needs, each named, with its source, read from
settings at call time so that a change in law is a one-line settings change (and
`override_settings` works in tests). App-specific numbers live in each app's `rules.py`.
"""

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
