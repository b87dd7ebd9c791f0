"""The participant's own pages: claim an invitation, my profile, my consents, my job
club dates, who read my information."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.core.exceptions import ApplicationError
from portal.core.forms import show_error_on_form
from portal.core.models import Role
from portal.core.permissions import role_required
from portal.messaging.quiet_hours import quiet_window

from .. import rules, selectors, services
from ..forms import ClaimForm, ResumeCreateForm, SelfProfileForm
from .staff import _consent_post


def own_participant(request):
    participant = selectors.participant_for_user_account(user=request.user)
    if participant is None:
        raise Http404
    return participant


def claim(request):
    """Make a login from an invitation code (no email needed), then sign in."""
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = ClaimForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_claim(
                code=form.cleaned_data["code"],
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("Your account is ready. Sign in with it now."))
            return redirect("login")
    return render(request, "jobseekers/self/claim.html", {"form": form})


@role_required(Role.PARTICIPANT)
def my_profile(request):
    """What the participant may change themself; the rest is shown read-only."""
    participant = own_participant(request)
    if request.method == "POST":
        form = SelfProfileForm(request.POST)
        if form.is_valid():
            try:
                services.participant_update_own(
                    participant=participant, actor=request.user, **form.cleaned_data
                )
            except ApplicationError as error:
                show_error_on_form(form, error)
            else:
                messages.success(request, _("Your profile is saved."))
                return redirect("jobseekers:my-profile")
    else:
        initial = {name: getattr(participant, name) for name in SelfProfileForm.base_fields}
        form = SelfProfileForm(initial={**initial, "phone": participant.phone_display})
    return render(
        request, "jobseekers/self/profile.html", {"participant": participant, "form": form}
    )


@role_required(Role.PARTICIPANT)
def my_resumes(request):
    participant = own_participant(request)
    form = ResumeCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            resume = services.resume_create(
                participant=participant, actor=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            return redirect("jobseekers:resume", resume_id=resume.pk)
    return render(
        request,
        "jobseekers/self/resumes.html",
        {
            "participant": participant,
            "resumes": selectors.resumes_of(participant=participant),
            "form": form,
        },
    )


@role_required(Role.PARTICIPANT)
def my_consents(request):
    participant = own_participant(request)
    return render(
        request,
        "jobseekers/self/consents.html",
        {
            "participant": participant,
            "consents": selectors.consents_current(participant=participant),
            "history": selectors.consent_history(participant=participant)[:50],
            "consent_url": reverse("jobseekers:my-consent-change"),
            "texts": _texts_help(),
        },
    )


def _texts_help() -> dict:
    """What the consents page tells about texts: how many a day and the quiet hours."""
    quiet_start, quiet_end = quiet_window()
    return {"limit": rules.text_daily_limit(), "quiet_start": quiet_start, "quiet_end": quiet_end}


@require_POST
@role_required(Role.PARTICIPANT)
def my_consent_change(request):
    participant = own_participant(request)
    return _consent_post(request, participant, redirect_to=reverse("jobseekers:my-consents"))


@role_required(Role.PARTICIPANT)
def my_job_club(request):
    participant = own_participant(request)
    return render(
        request,
        "jobseekers/self/job_club.html",
        {
            "upcoming": selectors.job_club_sessions_for(user=request.user, upcoming=True)[:10],
            "attendance": selectors.attendance_of(participant=participant).order_by(
                "-session__starts_at"
            )[:50],
        },
    )


@role_required(Role.PARTICIPANT)
def my_access_log(request):
    participant = own_participant(request)
    page = Paginator(selectors.access_log_for(participant=participant), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "jobseekers/access_log.html",
        {"participant": participant, "page": page, "own": True},
    )
