"""Two-factor sign-in enforced on every path, in one place.

For a signed-in user whose session is not verified by a second factor (django-otp's
OTPMiddleware, installed just after AuthenticationMiddleware, says which):

- with a factor set up: the code page, whoever they are;
- staff and admins without one: the enrolment page, and nothing else until it is done.

This covers the portal's pages, the API when used with a session cookie (a JSON 403
instead of a redirect), the Wagtail editor (/cms/admin/) and the Django admin
(/django-admin/). Only signing in and out, the code and enrolment pages, the language
switch, static files and the health check stay open. Token-authenticated API calls carry
no session user here; the token endpoint asks for the code itself.

The editor's and the admin's own sign-in pages would sign a user in with the password
alone; they send to the portal's sign-in page instead, so there is one way in.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.core.drf import error_body
from portal.core.mfa.permissions import second_factor_required
from portal.core.mfa.selectors import has_second_factor

OTHER_SIGN_IN_PAGES = ("/cms/admin/login/", "/django-admin/login/")


def _open_paths() -> tuple[str, ...]:
    return (
        reverse("login"),
        reverse("logout"),
        reverse("mfa:verify"),
        reverse("set_language"),
        reverse("healthz"),
        settings.STATIC_URL,
    )


def _with_next(url: str, request) -> str:
    return f"{url}?{urlencode({'next': request.get_full_path()})}"


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(OTHER_SIGN_IN_PAGES):
            next_url = request.GET.get("next", "")
            query = f"?{urlencode({'next': next_url})}" if next_url else ""
            return HttpResponseRedirect(reverse("login") + query)
        user = request.user
        if not user.is_authenticated or user.is_verified() or path.startswith(_open_paths()):
            return self.get_response(request)
        if has_second_factor(user=user):
            return self._refuse(
                request,
                reverse("mfa:verify"),
                _("Enter the code from your authenticator app to continue."),
                "second_factor_required",
            )
        if second_factor_required(user) and path != reverse("mfa:enrol"):
            return self._refuse(
                request,
                reverse("mfa:enrol"),
                _("Set up two-factor sign-in to continue."),
                "second_factor_enrolment_required",
            )
        return self.get_response(request)

    def _refuse(self, request, url: str, message: str, code: str):
        if request.path_info.startswith("/api/"):
            return JsonResponse(error_body(detail=message, code=code), status=403)
        return HttpResponseRedirect(_with_next(url, request))
