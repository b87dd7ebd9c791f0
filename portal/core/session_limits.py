"""When sessions end: 30 idle minutes for everyone, and for staff and admins also a
fixed time after sign-in, however active they are.

The 30-minute idle end (SESSION_COOKIE_AGE) is pushed forward by `IdleEndMiddleware`,
at most once a minute (saving the session on every request cost a write per page);
it keeps a busy session alive for ever; for the people who can read criminal records,
issue 16 also asks for an absolute end: `rules.staff_session_max_age()` (12 hours) after
sign-in.
"""

import time
from datetime import datetime

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import ngettext

from portal.core import rules
from portal.core.drf import error_body
from portal.core.permissions import is_staff_member

SIGNED_IN_AT_KEY = "portal_signed_in_at"
# When the session's idle end was last pushed forward (seconds since the epoch).
ACTIVE_AT_KEY = "portal_active_at"
PUSH_IDLE_END_EVERY = 60  # seconds: a session ends 29 to 30 idle minutes after its last page


class IdleEndMiddleware:
    """Pushes a session's idle end forward (a save, which sets its expiry and cookie
    SESSION_COOKIE_AGE from now) when it was last pushed a minute ago or more, or when
    the request changed the session anyway; Django's SESSION_SAVE_EVERY_REQUEST would
    write it on every page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if session.modified or now - session.get(ACTIVE_AT_KEY, 0) >= PUSH_IDLE_END_EVERY:
                session[ACTIVE_AT_KEY] = now
        return response


@receiver(user_logged_in, dispatch_uid="core.remember_sign_in_time")
def remember_sign_in_time(sender, request, user, **kwargs):
    """Every sign-in (the portal's page, the admin's, a test's `force_login`) stores its
    time in the new session: a role may change while signed in, so it is kept for all."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT_KEY] = timezone.now().isoformat()
        # Saved with the sign-in: the idle end is pushed next a minute from now.
        request.session[ACTIVE_AT_KEY] = int(time.time())


def _signed_in_at(session) -> datetime:
    value = session.get(SIGNED_IN_AT_KEY)
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        # A session from before this check (or a tampered value): its 12 hours start now,
        # so it ends at the latest 12 hours after the deployment.
        now = timezone.now()
        session[SIGNED_IN_AT_KEY] = now.isoformat()
        return now


class StaffSessionLimitMiddleware:
    """Signs a staff member or admin out once their session is older than the limit:
    a page redirects to the sign-in page with a message; an API call made with the session
    gets the API's JSON 401 (a call that carries its own token goes on without the
    session)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            is_staff_member(user)
            and timezone.now() - _signed_in_at(request.session) >= rules.staff_session_max_age()
        ):
            return self._end_session(request)
        return self.get_response(request)

    def _end_session(self, request):
        hours = int(rules.staff_session_max_age().total_seconds() // 3600)
        message = ngettext(
            "For your safety, staff sessions end after %(hours)d hour. Sign in again.",
            "For your safety, staff sessions end after %(hours)d hours. Sign in again.",
            hours,
        ) % {"hours": hours}
        logout(request)
        if request.path.startswith("/api/"):
            if "HTTP_AUTHORIZATION" in request.META:
                return self.get_response(request)
            response = JsonResponse(error_body(detail=message, code="session_expired"), status=401)
            response["WWW-Authenticate"] = "Token"
            return response
        messages.info(request, message)
        return redirect_to_login(request.get_full_path())
