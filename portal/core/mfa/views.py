"""Pages of two-factor sign-in: set it up, the code step of signing in, recovery codes,
turning it off. They work without JavaScript."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from portal.core.exceptions import ApplicationError
from portal.core.forms import show_error_on_form
from portal.core.i18n import remember_language
from portal.core.mfa import services
from portal.core.mfa.exceptions import WrongCodeError
from portal.core.mfa.forms import (
    AuthenticatorCodeForm,
    EnrolForm,
    PasswordAndCodeForm,
    RecoveryCodeForm,
)
from portal.core.mfa.permissions import can_remove_second_factor, second_factor_required
from portal.core.mfa.selectors import has_second_factor, recovery_codes_left
from portal.core.mfa.signin import (
    count_wrong_code,
    end_code_step,
    finish_sign_in,
    is_locked_out,
    lockout_page,
    pending_sign_in,
)

# The secret being set up, kept in the (server-side) session between showing the QR code
# and the first code: nothing is saved until the user proves their app has it.
ENROL_SECRET_SESSION_KEY = "mfa_enrol_secret"  # noqa: S105 (a session key name)
# New recovery codes, kept only until the page that shows them once is rendered.
NEW_CODES_SESSION_KEY = "mfa_new_recovery_codes"


def _safe_next(request, url: str | None) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url("dashboard")


def _grouped(text: str, size: int = 4) -> str:
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


def _verified_required(view):
    """The factor's own settings need a session verified by it (the middleware lets
    nobody else this far, but these pages must not rely on it alone)."""

    @login_required
    def wrapped(request, *args, **kwargs):
        if not request.user.is_verified():
            return redirect("mfa:verify")
        return view(request, *args, **kwargs)

    return wrapped


@never_cache
@login_required
def enrol(request):
    """Set up an authenticator (or replace the one in use): a QR code and the secret as
    text, then the app's first code confirms it."""
    user = request.user
    replacing = has_second_factor(user=user)
    if replacing and not user.is_verified():
        return redirect("mfa:verify")
    key = request.session.get(ENROL_SECRET_SESSION_KEY)
    if not key:
        key = services.new_totp_secret()
        request.session[ENROL_SECRET_SESSION_KEY] = key
    form = EnrolForm(request.POST or None, needs_password=replacing)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.totp_enrol(
                request=request,
                user=user,
                key=key,
                code=form.cleaned_data["code"],
                password=form.cleaned_data.get("password"),
            )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            del request.session[ENROL_SECRET_SESSION_KEY]
            otp_login(request, device)
            request.session[NEW_CODES_SESSION_KEY] = codes
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect("mfa:recovery-codes")
    uri = services.otpauth_uri(user=user, key=key)
    qr_svg = segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff")
    context = {
        "form": form,
        "replacing": replacing,
        "required": second_factor_required(user),
        # segno writes the SVG itself from the URI: no user input reaches the markup.
        "qr_svg": mark_safe(qr_svg),  # noqa: S308
        "secret_groups": _grouped(services.secret_as_base32(key)),
        "otpauth_uri": uri,
    }
    return render(request, "mfa/enrol.html", context)


@never_cache
def verify(request):
    """The code step of signing in: a code from the authenticator app, or a recovery
    code. Wrong codes count toward the same lockout as wrong passwords."""
    pending = pending_sign_in(request)
    if request.user.is_authenticated:
        if request.user.is_verified():
            return redirect(_safe_next(request, request.GET.get("next")))
        user = request.user
        if not has_second_factor(user=user):
            return redirect("mfa:enrol")
        next_url = request.GET.get("next") or request.POST.get("next")
        pending = None
    elif pending is not None:
        user, next_url = pending.user, pending.next_url
    else:
        messages.info(request, _("Your sign-in took too long. Please sign in again."))
        return redirect("login")

    code_form, recovery_form = AuthenticatorCodeForm(), RecoveryCodeForm()
    if request.method == "POST":
        using_recovery = "recovery_code" in request.POST
        form = (
            RecoveryCodeForm(request.POST)
            if using_recovery
            else AuthenticatorCodeForm(request.POST)
        )
        if using_recovery:
            recovery_form = form
        else:
            code_form = form
        if is_locked_out(request, user=user):
            return _end_locked_sign_in(request, user)
        if form.is_valid():
            typed = form.cleaned_data["recovery_code" if using_recovery else "code"]
            try:
                device = services.second_factor_verify(user=user, code=typed)
            except WrongCodeError as error:
                if count_wrong_code(request, user=user):
                    return _end_locked_sign_in(request, user)
                if using_recovery and "code" in error.fields:
                    # The service names the typed code `code`; this form, `recovery_code`.
                    error.fields = {"recovery_code": error.fields["code"]}
                show_error_on_form(form, error)
            else:
                finish_sign_in(request, pending=pending, user=user, device=device)
                if isinstance(device, StaticDevice):
                    messages.warning(
                        request,
                        _(
                            "You used a recovery code. %(count)s are left: make new ones "
                            "on the two-factor sign-in page if you are running out."
                        )
                        % {"count": recovery_codes_left(user=user)},
                    )
                response = redirect(_safe_next(request, next_url))
                remember_language(response, user.preferred_language)
                return response
    return render(
        request,
        "mfa/verify.html",
        {"code_form": code_form, "recovery_form": recovery_form, "next": next_url or ""},
    )


def _end_locked_sign_in(request, user):
    # Too many wrong passwords and codes: this sign-in ends (a half-verified session too).
    end_code_step(request)
    if request.user.is_authenticated:
        logout(request)
    return lockout_page(request, user=user)


@never_cache
@login_required
def manage(request):
    """The account's two-factor page: on or off, recovery codes left, what to do next."""
    user = request.user
    enrolled = has_second_factor(user=user)
    return render(
        request,
        "mfa/manage.html",
        {
            "enrolled": enrolled,
            "required": second_factor_required(user),
            "can_remove": enrolled and can_remove_second_factor(user),
            "codes_left": recovery_codes_left(user=user) if enrolled else 0,
        },
    )


@never_cache
@_verified_required
def recovery_codes(request):
    """New recovery codes, shown once (with a text download and a print layout); after
    this page they exist only as the user saved them."""
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("mfa:manage")
    text = "\n".join(
        [
            _("Recovery codes for %(user)s (%(portal)s). Each one works once.")
            % {"user": request.user.get_username(), "portal": settings.PORTAL_NAME},
            "",
            *codes,
            "",
        ]
    )
    return render(request, "mfa/recovery_codes.html", {"codes": codes, "codes_text": text})


@never_cache
@_verified_required
def regenerate(request):
    """Make a new set of recovery codes (the old ones stop working)."""
    return _password_and_code_page(
        request,
        template="mfa/regenerate.html",
        action=services.recovery_codes_regenerate,
        done=_codes_made,
    )


@never_cache
@_verified_required
def remove(request):
    """Turn two-factor sign-in off (employers and participants only)."""
    if not can_remove_second_factor(request.user) or not has_second_factor(user=request.user):
        raise Http404
    return _password_and_code_page(
        request, template="mfa/remove.html", action=services.second_factor_remove, done=_removed
    )


def _codes_made(request, codes):
    request.session[NEW_CODES_SESSION_KEY] = codes
    return redirect("mfa:recovery-codes")


def _removed(request, _result):
    messages.success(request, _("Two-factor sign-in is off."))
    return redirect("account")


def _password_and_code_page(request, *, template, action, done):
    form = PasswordAndCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = action(request=request, user=request.user, **form.cleaned_data)
        except WrongCodeError as error:
            count_wrong_code(request, user=request.user)
            show_error_on_form(form, error)
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            return done(request, result)
    return render(request, template, {"form": form})
