"""Writes to users and their credentials. Every change of state goes through one of
these functions."""

from dataclasses import dataclass

import django_otp
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from portal.core import rules
from portal.core.audit import audit_record
from portal.core.exceptions import (
    ApplicationError,
    ConflictError,
    EmailInUseError,
    InvalidCredentialsError,
    LockedOutError,
    NotFoundError,
)
from portal.core.mfa.exceptions import CodeThrottledError, NotEnrolledError, WrongCodeError
from portal.core.mfa.permissions import second_factor_required
from portal.core.mfa.services import second_factor_verify
from portal.core.models import ApiToken, Role, User
from portal.core.selectors import api_tokens_live_for

# One wording for the sign-in page and the API.
LOCKOUT_MESSAGE = gettext_noop(
    "Too many wrong passwords. For your safety, sign-in is paused for 10 minutes. "
    "Try again later, or ask job club staff for help."
)


def _check_email_free(*, email: str, exclude: User | None = None) -> None:
    if not email:
        return
    others = User.objects.filter(email__iexact=email)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise EmailInUseError(
            _("Another account already uses this email. Use a different one."),
            fields={"email": [_("This email is already in use.")]},
        )


@transaction.atomic
def user_create(
    *,
    username: str,
    role: Role | str,
    password: str | None,
    actor: User | None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    preferred_language: str = "en",
) -> User:
    """Create a user of `role`. A `None` password makes an account that cannot sign in
    until a password is set (an invitation or a reset).

    Raises ApplicationError for a taken username, a weak password or an unknown role;
    EmailInUseError for a taken email.
    """
    if role not in Role.values:
        raise ApplicationError(_("Unknown role."), fields={"role": [_("Choose a valid role.")]})
    if User.objects.filter(username__iexact=username).exists():
        raise ConflictError(
            _("This username is taken. Choose another one."),
            code="username_taken",
            fields={"username": [_("This username is taken.")]},
        )
    _check_email_free(email=email)
    user = User(
        username=username,
        role=role,
        email=email,
        first_name=first_name,
        last_name=last_name,
        preferred_language=preferred_language,
    )
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ApplicationError(
                _("Choose a stronger password."),
                code="weak_password",
                fields={"password": error.messages},
            ) from error
        user.set_password(password)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        raise ApplicationError(
            _("Please correct the errors below."), fields=error.message_dict
        ) from error
    user.save()
    audit_record(actor=actor, action="user.created", target=user, details={"role": role})
    return user


@transaction.atomic
def user_profile_update(
    *,
    user: User,
    actor: User,
    first_name: str | None = None,
    last_name: str | None = None,
    email: str | None = None,
    preferred_language: str | None = None,
) -> User:
    """Change a user's name, email or language. Only the fields given change.

    Raises EmailInUseError when another account has the email, ApplicationError for an
    unknown language.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    changes = {
        name: value
        for name, value in {
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "preferred_language": preferred_language,
        }.items()
        if value is not None and getattr(user, name) != value
    }
    if "email" in changes:
        _check_email_free(email=changes["email"], exclude=user)
    for name, value in changes.items():
        setattr(user, name, value)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        raise ApplicationError(
            _("Please correct the errors below."), fields=error.message_dict
        ) from error
    if changes:
        user.save(update_fields=list(changes))
        # Field names only: the values (an email) are personal data the trail does not need.
        audit_record(
            actor=actor,
            action="user.profile_updated",
            target=user,
            details={"fields": sorted(changes)},
        )
    return user


@dataclass(frozen=True)
class IssuedToken:
    """A new API token: the row, and the raw token to hand over once (never stored)."""

    token: ApiToken
    raw: str


class OtpRequiredError(ApplicationError):
    default_code = "otp_required"


class InvalidOtpError(ApplicationError):
    default_code = "invalid_otp"


def _check_second_factor(*, request, user: User, username: str, otp: str | None) -> None:
    """For an account with a confirmed second factor, `otp` must be its current code.

    A wrong code is a failed sign-in for django-axes (the same signal Django sends for a
    wrong password, with the request, so the same 5-failure lockout applies).
    """
    if not django_otp.user_has_device(user):
        if second_factor_required(user):
            # Staff and admins reach nothing without a second factor (portal.core.mfa):
            # the API is no way around it.
            raise OtpRequiredError(
                _("Staff and admins need two-factor sign-in: set it up on the website first."),
                code="second_factor_not_set_up",
                fields={"otp": [_("Set up two-factor sign-in on the website first.")]},
            )
        return
    if not otp:
        raise OtpRequiredError(
            _("This account uses two-step sign-in: enter the code from your authenticator app."),
            fields={"otp": [_("Enter the 6-digit code from your authenticator app.")]},
        )
    try:
        # The one code check of the portal (portal.core.mfa): the authenticator's code or,
        # instead, an unused recovery code, whose use is audited and emailed there.
        second_factor_verify(user=user, code=otp)
    except (WrongCodeError, NotEnrolledError) as error:
        user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
        if getattr(request, "axes_locked_out", False):
            raise LockedOutError(_(LOCKOUT_MESSAGE)) from error
        detail = (
            error.message
            if isinstance(error, CodeThrottledError)
            else _("Wrong or expired code. Enter the current 6-digit code from your app.")
        )
        raise InvalidOtpError(_("Wrong or expired code."), fields={"otp": [detail]}) from error


def auth_token_issue(
    *, request, username: str, password: str, otp: str | None = None, name: str = ""
) -> IssuedToken:
    """Check a username, password and (for an account with a second factor) the current
    one-time code, and issue a new API token that expires after the role's lifetime
    (`rules.api_token_lifetime`). Every failure, a wrong code included, counts towards the
    django-axes lockout of the sign-in page.

    Raises LockedOutError after too many failures, InvalidCredentialsError otherwise
    (with the same message whether the username exists or not), OtpRequiredError or
    InvalidOtpError (naming the `otp` field) for a missing or wrong code.
    """
    # Not inside a transaction: axes must keep the failures it records even when this
    # raises.
    user = authenticate(request=request, username=username, password=password)
    if getattr(request, "axes_locked_out", False):
        raise LockedOutError(_(LOCKOUT_MESSAGE))
    if user is None or not user.is_active:
        raise InvalidCredentialsError(_("Wrong username or password."))
    _check_second_factor(request=request, user=user, username=username, otp=otp)
    return api_token_create(user=user, name=name)


def api_token_create(*, user: User, name: str = "") -> IssuedToken:
    """Issue a new API token for `user`, whose credentials the caller has checked (the
    token endpoint through `auth_token_issue`; benchmarks and tests directly). It lives
    `rules.api_token_lifetime` (by role). The raw token is in the result only."""
    expires_at = timezone.now() + rules.api_token_lifetime(is_staff_member=user.is_staff_member)
    for _attempt in range(3):
        raw = ApiToken.new_raw_token()
        try:
            with transaction.atomic():
                token = ApiToken.objects.create(
                    user=user,
                    key_prefix=raw[: ApiToken.PREFIX_LENGTH],
                    digest=ApiToken.digest_of(raw),
                    name=name[:100],
                    expires_at=expires_at,
                )
                audit_record(
                    actor=user,
                    action="auth.token_created",
                    target=token,
                    details={"expires_at": expires_at.isoformat()},
                )
        except IntegrityError:  # two tokens drew the same 72-bit prefix: draw again
            continue
        return IssuedToken(token=token, raw=raw)
    raise RuntimeError("Could not draw a unique API token prefix.")  # pragma: no cover


@transaction.atomic
def api_token_revoke(
    *, user: User, token_id: int, reason: str = "owner", actor: User | None = None
) -> ApiToken:
    """Revoke one of `user`'s own live tokens (by `actor`, default the owner: an admin in
    the Django admin). Another user's token, or one already expired or revoked, is
    NotFoundError (someone else's token looks like no token)."""
    token = api_tokens_live_for(user=user).select_for_update().filter(pk=token_id).first()
    if token is None:
        raise NotFoundError()
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor or user, action="auth.token_revoked", target=token, details={"reason": reason}
    )
    return token


@transaction.atomic
def api_tokens_revoke_all(*, user: User, reason: str, actor: User | None = None) -> int:
    """Revoke every live token of `user` (on a password, role or active-flag change, or
    "sign out on every device"); returns how many. One audit event when any were live."""
    revoked = api_tokens_live_for(user=user).update(revoked_at=timezone.now())
    if revoked:
        audit_record(
            actor=actor,
            action="auth.tokens_revoked",
            target=user,
            details={"reason": reason, "count": revoked},
        )
    return revoked


@transaction.atomic
def user_sign_out_everywhere(*, user: User) -> None:
    """End every session of `user` on every device and revoke all their API tokens.

    Sessions are not looked up one by one: production keeps them in Redis, where they
    cannot be listed by user. Raising `session_generation` changes the user's session auth
    hash (`User.get_session_auth_hash`), and Django ends any session whose stored hash no
    longer matches at its next request, on every session engine.
    """
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])
    api_tokens_revoke_all(user=user, reason="signed_out_everywhere", actor=user)
    audit_record(actor=user, action="auth.signed_out_everywhere", target=user)
