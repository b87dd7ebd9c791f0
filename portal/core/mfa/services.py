"""Writes of two-factor sign-in: enrol an authenticator, verify a code, make new recovery
codes, remove the factor. Each one is audited in its transaction and emailed to the user
once it commits (so a person learns at once when their factor changes or a recovery code
is spent).

The secrets and codes themselves are django-otp's models: a confirmed `TOTPDevice` (the
authenticator) and a `StaticDevice` holding the one-time recovery codes (`StaticToken`).
"""

import re
import secrets
import time
from base64 import b32decode, b32encode
from binascii import Error as BinasciiError
from binascii import hexlify, unhexlify

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.core.audit import audit_record
from portal.core.emails import email_on_commit
from portal.core.mfa.exceptions import (
    CodeThrottledError,
    NotEnrolledError,
    SecondFactorRequiredError,
    WrongCodeError,
    WrongPasswordError,
)
from portal.core.mfa.permissions import can_remove_second_factor
from portal.core.mfa.selectors import has_second_factor
from portal.core.middleware import current_client_ip
from portal.core.models import User

# An authenticator's secret: 20 random bytes, as django-otp makes them (RFC 4226 advises
# 160 bits). Codes: 6 digits every 30 seconds, what every authenticator app expects.
SECRET_BYTES = 20
TOTP_DIGITS = 6
TOTP_STEP = 30
# One step either side, for a phone whose clock is a little off.
TOTP_TOLERANCE = 1
AUTHENTICATOR_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery codes"
_SEPARATORS = re.compile(r"[\s-]+")


def normalize_code(code: str) -> str:
    """What a person typed, without the spaces and dashes a phone or a printout adds."""
    return _SEPARATORS.sub("", code or "").lower()


def new_totp_secret() -> str:
    """A fresh random secret, hex-encoded (django-otp's `TOTPDevice.key` format)."""
    return secrets.token_hex(SECRET_BYTES)


def secret_as_base32(key: str) -> str:
    """The secret as the base32 text an authenticator app takes for manual entry."""
    return b32encode(unhexlify(key)).decode().rstrip("=")


def secret_from_base32(secret: str) -> str:
    """A base32 secret (spaces and case ignored) as hex; ValueError when it is not base32."""
    text = _SEPARATORS.sub("", secret or "").upper()
    try:
        raw = b32decode(text + "=" * (-len(text) % 8))
    except (BinasciiError, ValueError) as error:
        raise ValueError("not a base32 secret") from error
    if len(raw) < 10:
        raise ValueError("a TOTP secret needs at least 80 bits")
    return hexlify(raw).decode()


def otpauth_uri(*, user: User, key: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return TOTPDevice(user=user, key=key, digits=TOTP_DIGITS, step=TOTP_STEP).config_url


def _format_recovery_code(token: str) -> str:
    return f"{token[:4]}-{token[4:]}"


def _check_password(*, request, user: User, password: str) -> None:
    # Through authenticate(), so a wrong password counts toward the same django-axes
    # lockout as on the sign-in page.
    if authenticate(request=request, username=user.get_username(), password=password) is None:
        raise WrongPasswordError(fields={"password": [_("That password is not right.")]})


def _make_recovery_codes(*, user: User) -> list[str]:
    # The same device keeps its id, so a session verified by a recovery code stays verified.
    device = StaticDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    tokens = []
    while len(tokens) < settings.PORTAL_MFA_RECOVERY_CODES:
        token = StaticToken.random_token()
        if token not in tokens:
            tokens.append(token)
    StaticToken.objects.bulk_create([StaticToken(device=device, token=t) for t in tokens])
    return [_format_recovery_code(t) for t in tokens]


def _email(user: User, template: str, **context) -> None:
    email_on_commit(
        f"mfa/email/{template}",
        {
            "user": user,
            "when": timezone.localtime(),
            "ip_address": current_client_ip(),
            "portal_name": settings.PORTAL_NAME,
            **context,
        },
        recipients=[(user.email, user.preferred_language)],
    )


def _lock(user: User) -> User:
    # One change to a user's factor at a time (two tabs confirming at once make one device).
    return User.objects.select_for_update().get(pk=user.pk)


def second_factor_verify(*, user: User, code: str):
    """Check `code` against the user's authenticator (6 digits) or, otherwise, their
    unused recovery codes, and return the django-otp device that accepted it. A recovery
    code works once: it is deleted, and its use is audited and emailed.

    Raises NotEnrolledError without a factor, CodeThrottledError while django-otp makes
    the user wait after several wrong codes, WrongCodeError otherwise. The caller counts a
    failure toward the sign-in lockout (it has the request). Call it outside a
    transaction that a failure rolls back, or django-otp's count of wrong codes is lost.
    """
    code = normalize_code(code)
    verified = None
    with transaction.atomic():
        if code.isdigit():
            candidates = TOTPDevice.objects.filter(user=user, confirmed=True)
        else:
            candidates = StaticDevice.objects.filter(user=user, confirmed=True)
        device = candidates.order_by("-pk").first()
        if device is None and not has_second_factor(user=user):
            raise NotEnrolledError()
        allowed = device is not None and device.verify_is_allowed()[0]
        if device is not None and code:
            # verify_token locks the device row, so one recovery code cannot be spent twice.
            verified = verify_token(user, device.persistent_id, code)
        if isinstance(verified, StaticDevice):
            left = verified.token_set.count()
            audit_record(
                actor=user,
                action="mfa.recovery_code_used",
                target=user,
                details={"recovery_codes_left": left},
            )
            _email(user, "recovery_code_used", recovery_codes_left=left)
    # Raised after the block: the failure django-otp counted toward its wait stays saved.
    if verified is None:
        if device is not None and not allowed:
            raise CodeThrottledError(fields={"code": [CodeThrottledError.default_message]})
        raise WrongCodeError(fields={"code": [WrongCodeError.default_message]})
    return verified


def totp_enrol(
    *, request, user: User, key: str, code: str, password: str | None = None
) -> tuple[TOTPDevice, list[str]]:
    """Confirm a new authenticator: `key` is the secret the enrolment page showed (kept in
    the session until now), `code` the current code the app shows for it. Saves it as the
    user's authenticator, replacing any earlier one, with a fresh set of recovery codes;
    returns the device and the codes (shown to the user once, never again).

    Replacing an authenticator also needs the account password. Raises WrongCodeError when
    the code does not match the secret, WrongPasswordError; nothing is saved then.
    """
    replacing = has_second_factor(user=user)
    if replacing:
        # Checked before the transaction: a wrong password's lockout count must stay.
        _check_password(request=request, user=user, password=password or "")
    totp = TOTP(unhexlify(key), step=TOTP_STEP, digits=TOTP_DIGITS)
    totp.time = time.time()
    normalized = normalize_code(code)
    if not (normalized.isdigit() and totp.verify(int(normalized), tolerance=TOTP_TOLERANCE)):
        raise WrongCodeError(fields={"code": [WrongCodeError.default_message]})
    with transaction.atomic():
        user = _lock(user)
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(
            user=user,
            name=AUTHENTICATOR_NAME,
            key=key,
            digits=TOTP_DIGITS,
            step=TOTP_STEP,
            tolerance=TOTP_TOLERANCE,
            confirmed=True,
            # The code just used may not open a sign-in as well.
            last_t=totp.t(),
        )
        codes = _make_recovery_codes(user=user)
        audit_record(
            actor=user,
            action="mfa.enrolled",
            target=user,
            details={"replaced": replacing, "recovery_codes": len(codes)},
        )
        _email(user, "enrolled", replaced=replacing)
    return device, codes


def _check_password_and_code(*, request, user: User, password: str, code: str) -> None:
    if not has_second_factor(user=user):
        raise NotEnrolledError()
    _check_password(request=request, user=user, password=password)
    second_factor_verify(user=user, code=code)


def recovery_codes_regenerate(*, request, user: User, password: str, code: str) -> list[str]:
    """Replace the user's recovery codes with a new set (the old ones stop working) and
    return them. Needs the password and a current code (checked first, outside the
    transaction, so that wrong ones keep counting toward the lockout).

    Raises NotEnrolledError, WrongPasswordError, WrongCodeError, CodeThrottledError.
    """
    _check_password_and_code(request=request, user=user, password=password, code=code)
    with transaction.atomic():
        user = _lock(user)
        if not has_second_factor(user=user):
            raise NotEnrolledError()
        codes = _make_recovery_codes(user=user)
        audit_record(
            actor=user,
            action="mfa.recovery_codes_regenerated",
            target=user,
            details={"recovery_codes": len(codes)},
        )
        _email(user, "recovery_codes_regenerated")
    return codes


def second_factor_remove(*, request, user: User, password: str, code: str) -> None:
    """Turn two-factor sign-in off: delete the authenticator and the recovery codes. Needs
    the password and a current code; staff and admins may not (they replace it instead).

    Raises SecondFactorRequiredError for staff and admins, NotEnrolledError,
    WrongPasswordError, WrongCodeError, CodeThrottledError.
    """
    if not can_remove_second_factor(user):
        raise SecondFactorRequiredError()
    _check_password_and_code(request=request, user=user, password=password, code=code)
    with transaction.atomic():
        user = _lock(user)
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit_record(actor=user, action="mfa.removed", target=user)
        _email(user, "removed")


@transaction.atomic
def demo_second_factor_install(*, user: User, key: str) -> bool:
    """Give a demo login the authenticator `key` (hex) so a newcomer can add the printed
    secret to an app (`seed_demo` only). Idempotent: returns False when it already has it.
    No email: demo addresses are not real."""
    user = _lock(user)
    if TOTPDevice.objects.filter(user=user, confirmed=True, key=key).exists():
        return False
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(
        user=user,
        name=AUTHENTICATOR_NAME,
        key=key,
        digits=TOTP_DIGITS,
        step=TOTP_STEP,
        tolerance=TOTP_TOLERANCE,
        confirmed=True,
    )
    audit_record(actor=None, action="mfa.enrolled", target=user, details={"demo": True})
    return True
