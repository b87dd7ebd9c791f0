"""Pages of the core: sign-in, the dashboard each role lands on, account, health, errors."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.core.drf import error_body, request_too_large_body
from portal.core.exceptions import ApplicationError
from portal.core.forms import ProfileForm, show_error_on_form
from portal.core.i18n import remember_language
from portal.core.mfa.signin import needs_code_step, start_code_step
from portal.core.panels import (
    dashboard_figures,
    dashboard_panels,
    figures_counted_at,
    kept_dashboard,
)
from portal.core.services import LOCKOUT_MESSAGE, user_profile_update, user_sign_out_everywhere


def _wants_json(request) -> bool:
    return request.path.startswith("/api/")


class LoginView(auth_views.LoginView):
    """Django's sign-in page; afterwards the portal speaks the user's language. A user
    with a second factor is not signed in by the password alone: the code page comes
    next (portal.core.mfa.signin)."""

    def form_valid(self, form):
        user = form.get_user()
        if needs_code_step(user):
            return start_code_step(self.request, user=user, next_url=self.get_success_url())
        response = super().form_valid(form)
        remember_language(response, form.get_user().preferred_language)
        return response


class SignOutView(auth_views.LogoutView):
    """Django's sign-out (POST), plus a page (GET) that offers "Sign out on every device":
    every session of the user on any device ends and their API tokens are revoked."""

    http_method_names = ["get", "post", "options"]
    template_name = "registration/sign_out.html"

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(settings.LOGIN_URL)
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        everywhere = request.POST.get("everywhere") and request.user.is_authenticated
        if everywhere:
            user_sign_out_everywhere(user=request.user)
        response = super().post(request, *args, **kwargs)
        if everywhere:
            messages.success(request, _("You are signed out on every device."))
        return response


@login_required
def dashboard(request):
    """Each role lands on its own dashboard; the apps add their panels to these templates.
    The panels' HTML is kept a short time per session (`kept_dashboard`)."""

    def build() -> str:
        panels = dashboard_panels(request)
        figures = dashboard_figures(panels)
        return render_to_string(
            f"core/dashboard/{request.user.role}.html",
            {
                "panels": [panel for panel in panels if not panel.top],
                "top_panels": [panel for panel in panels if panel.top],
                "figures": figures,
                "figures_counted_at": figures_counted_at(figures),
            },
            request=request,
        )

    kept = kept_dashboard(request, language=get_language(), build=build)
    return render(
        request,
        "core/dashboard/page.html",
        {
            "dashboard": mark_safe(kept.html),  # noqa: S308 (our own templates' output)
            "built_at": kept.built_at,
            "kept": settings.PORTAL_DASHBOARD_SECONDS > 0,
        },
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
                remember_language(response, form.cleaned_data["preferred_language"])
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


def bad_request(request, exception=None):
    """400 for a request Django refuses before any view runs (a body over
    DATA_UPLOAD_MAX_MEMORY_SIZE, too many fields, a bad Host): under /api/ the API's JSON
    shape (413 `request_too_large` for a body too big), elsewhere the plain page."""
    if _wants_json(request):
        if isinstance(exception, RequestDataTooBig):
            return JsonResponse(request_too_large_body(), status=413)
        return JsonResponse(
            error_body(detail=_("The request could not be understood."), code="bad_request"),
            status=400,
        )
    return render(request, "400.html", status=400)


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
