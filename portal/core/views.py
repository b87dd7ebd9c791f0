"""Pages of the core: sign-in, the dashboard each role lands on, account, health, errors."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.core.drf import error_body
from portal.core.exceptions import ApplicationError
from portal.core.forms import ProfileForm, show_error_on_form
from portal.core.panels import dashboard_figures, dashboard_panels
from portal.core.services import LOCKOUT_MESSAGE, user_profile_update


def _wants_json(request) -> bool:
    return request.path.startswith("/api/")


def _remember_language(response, language: str) -> None:
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class LoginView(auth_views.LoginView):
    """Django's sign-in page; afterwards the portal speaks the user's language."""

    def form_valid(self, form):
        response = super().form_valid(form)
        _remember_language(response, form.get_user().preferred_language)
        return response


@login_required
def dashboard(request):
    """Each role lands on its own dashboard; the apps add their panels to these templates."""
    panels = dashboard_panels(request)
    return render(
        request,
        f"core/dashboard/{request.user.role}.html",
        {"panels": panels, "figures": dashboard_figures(panels)},
    )


@login_required
def account(request):
    """The signed-in user's own name, email and language."""
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                user_profile_update(user=user, actor=user, **form.cleaned_data)
            except ApplicationError as error:
                show_error_on_form(form, error)
            else:
                messages.success(request, _("Your account details are saved."))
                response = redirect("account")
                _remember_language(response, form.cleaned_data["preferred_language"])
                return response
    else:
        form = ProfileForm(
            initial={
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
                "preferred_language": user.preferred_language,
            }
        )
    return render(request, "core/account.html", {"form": form})


@never_cache
@require_GET
def healthz(request):
    """For the load balancer: 200 while the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok"})


def lockout_response(request, original_response=None, credentials=None):
    """What django-axes answers while a username+IP is locked out: 429, JSON under /api/,
    the explanation page elsewhere."""
    message = _(LOCKOUT_MESSAGE)
    if _wants_json(request):
        return JsonResponse(error_body(detail=message, code="locked_out"), status=429)
    return render(request, "registration/locked_out.html", {"message": message}, status=429)


def page_not_found(request, exception=None):
    """404 for every unknown page or object: JSON under /api/, a plain page elsewhere.
    It says nothing about whether the thing exists for someone else."""
    if _wants_json(request):
        return JsonResponse(error_body(detail=_("Not found."), code="not_found"), status=404)
    return render(request, "404.html", status=404)


def server_error(request):
    """500 without a trace or a setting: JSON under /api/, a standalone page elsewhere
    (it must render even when the database is down)."""
    if _wants_json(request):
        return JsonResponse(
            error_body(detail=_("Something went wrong on our side."), code="server_error"),
            status=500,
        )
    # Rendered without the request: no context processor, no session, no database.
    return HttpResponseServerError(loader.get_template("500.html").render({}))
