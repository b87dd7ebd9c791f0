"""The code step of signing in, between the password and the session.

A user with a second factor who gives the right password is not signed in yet: the
session only remembers who they are (for a few minutes) until the code page accepts a
code. Only then does `django.contrib.auth.login` run, so django-axes resets its count of
failures on a complete sign-in only, and wrong passwords and wrong codes add up to the
same lockout.
"""

from dataclasses import dataclass

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect
from django.utils import timezone
from django_otp import login as otp_login

from portal.core.mfa.selectors import has_second_factor
from portal.core.models import User

PENDING_SESSION_KEY = "mfa_pending_sign_in"


@dataclass(frozen=True)
class PendingSignIn:
    user: User
    backend: str
    next_url: str


def needs_code_step(user: User) -> bool:
    return has_second_factor(user=user)


def start_code_step(request, *, user: User, next_url: str):
    """After a right password: remember the user in the session and send them to the code
    page. Returns the redirect."""
    request.session[PENDING_SESSION_KEY] = {
        "user_id": user.pk,
        "backend": user.backend,
        "next": next_url,
        "started": timezone.now().timestamp(),
    }
    return redirect("mfa:verify")


def pending_sign_in(request) -> PendingSignIn | None:
    """The sign-in waiting for its code, or None (none, expired, or the user is gone)."""
    data = request.session.get(PENDING_SESSION_KEY)
    if not data:
        return None
    window = settings.PORTAL_MFA_SIGN_IN_WINDOW_MINUTES * 60
    if timezone.now().timestamp() - data["started"] > window:
        end_code_step(request)
        return None
    user = User.objects.filter(pk=data["user_id"], is_active=True).first()
    if user is None:
        end_code_step(request)
        return None
    return PendingSignIn(user=user, backend=data["backend"], next_url=data["next"])


def end_code_step(request) -> None:
    request.session.pop(PENDING_SESSION_KEY, None)


def finish_sign_in(request, *, pending: PendingSignIn | None, user: User, device) -> None:
    """The code was right: sign the user in (if the password step left them pending) and
    mark the session verified by `device`, django-otp's way."""
    if pending is not None:
        end_code_step(request)
        auth_login(request, user, backend=pending.backend)
    otp_login(request, device)


def _credentials(user: User) -> dict:
    # The shape django-axes reads a username from (AXES_USERNAME_FORM_FIELD).
    return {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}


def is_locked_out(request, *, user: User) -> bool:
    """True while too many wrong passwords or codes lock this username (and address)."""
    return AxesProxyHandler.is_locked(request, _credentials(user))


def lockout_page(request, *, user: User):
    """The same lockout answer as the sign-in page gives (AXES_LOCKOUT_CALLABLE)."""
    request.axes_locked_out = True
    return get_lockout_response(request, None, _credentials(user))


def count_wrong_code(request, *, user: User) -> bool:
    """Count a wrong code as a failed sign-in, the way a wrong password is (django-axes
    listens to `user_login_failed` with the username as credentials). Returns True when
    this failure locks the username out; the AxesMiddleware then answers with the
    lockout page."""
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))
