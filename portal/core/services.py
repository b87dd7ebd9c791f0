"""Writes to users. Every change of state goes through one of these functions."""

from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from rest_framework.authtoken.models import Token

from portal.core.audit import audit_record
from portal.core.exceptions import (
    ApplicationError,
    ConflictError,
    EmailInUseError,
    InvalidCredentialsError,
    LockedOutError,
)
from portal.core.models import Role, User

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


def auth_token_issue(*, request, username: str, password: str):
    """Check a username and password and return the user's API token (made once, then
    reused). Every failure counts towards the django-axes lockout of the sign-in page.

    Raises LockedOutError after too many failures, InvalidCredentialsError otherwise,
    with the same message whether the username exists or not.
    """
    user = authenticate(request=request, username=username, password=password)
    if getattr(request, "axes_locked_out", False):
        raise LockedOutError(_(LOCKOUT_MESSAGE))
    if user is None or not user.is_active:
        raise InvalidCredentialsError(_("Wrong username or password."))
    token, created = Token.objects.get_or_create(user=user)
    if created:
        audit_record(actor=user, action="auth.token_created", target=user)
    return token
