"""Reads about a user's second factor."""

from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice


def second_factor_device(*, user) -> TOTPDevice | None:
    """The user's confirmed authenticator, or None. Every enrolment has exactly one (a new
    one replaces the old), and recovery codes only come with one."""
    if not (user and user.is_authenticated):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def has_second_factor(*, user) -> bool:
    """True when the user has set up two-factor sign-in (one query)."""
    if user is None or user.pk is None:
        return False
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def recovery_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
