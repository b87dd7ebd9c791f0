"""Public pages: job search and detail, the vetted-employer directory, fairs, and the
employer sign-up with its email confirmation and invitations."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from employers.filters import JobSearchFilter
from employers.forms import AcceptInvitationForm, SignUpForm
from employers.links import site_url
from employers.permissions import can_book_booth
from employers.rules import job_search_exact_count_limit
from employers.search_cache import job_search_cached, job_search_shareable
from employers.selectors import (
    booth_of_employer_at,
    employer_of,
    employers_public,
    fairs_visible_to,
    job_effective_rules,
    job_get_for_user,
    job_search,
    job_search_count,
)
from employers.services import (
    EmployerDetails,
    employer_email_verify,
    employer_sign_up,
    invitation_accept,
    invitation_from_token,
)
from portal.core.exceptions import ApplicationError
from portal.core.forms import show_error_on_form
from portal.core.pagination import CountedPaginator
from portal.payments.providers import stripe_configured

JOBS_PER_PAGE = 20


def job_search_page(request):
    """Open jobs of approved employers, with filters; works without JavaScript (GET). A
    bad filter value is shown next to its field, with no results.

    Visitors who are not signed in share the form and results of a search for a while
    (employers/search_cache.py: dropped at once when a job changes); a signed-in
    participant's results mark the jobs they applied to, so theirs are their own."""
    if request.user.is_authenticated or not job_search_shareable(request.GET):
        content = _job_search_content(request)
    else:
        content = job_search_cached(
            kind="page",
            key=f"{get_language()}?{request.GET.urlencode()}",
            build=lambda: _job_search_content(request),
        )
    return render(request, "employers/job_search.html", {"content": content})


def _job_search_content(request) -> str:
    """The search form and the page of results (HTML), the page but its frame."""
    filters = JobSearchFilter(request.GET or None)
    form = filters.form
    page = Paginator([], JOBS_PER_PAGE).get_page(1)
    origin = {}
    if not filters.is_bound or filters.is_valid():
        search = filters.search()
        try:
            jobs, origin = job_search(search)
            counted = job_search_count(search, exact_up_to=job_search_exact_count_limit())
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            page = CountedPaginator(
                jobs,
                JOBS_PER_PAGE,
                count=counted.number,
                is_estimate=counted.is_estimate,
                browsable=job_search_exact_count_limit(),
            ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render_to_string(
        "employers/includes/job_search_content.html",
        {
            "form": form,
            "page": page,
            "origin": origin,
            "query": query.urlencode(),
            "filters_chosen": filters.filters_chosen(),
            "filters_open": filters.filters_have_errors(),
        },
        request,
    )


def job_detail(request, pk):
    job = job_get_for_user(user=request.user, pk=pk)
    if job is None:
        raise Http404
    return render(
        request,
        "employers/job_detail.html",
        {"job": job, "rules": job_effective_rules(job=job)},
    )


def employer_directory(request):
    page = Paginator(employers_public().order_by("display_name", "id"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "employers/employer_directory.html", {"page": page})


def fair_list(request):
    fairs = fairs_visible_to(user=request.user)
    return render(request, "employers/fair_list.html", {"fairs": fairs})


def fair_detail(request, pk):
    fair = fairs_visible_to(user=request.user).filter(pk=pk).first()
    if fair is None:
        raise Http404
    employer = employer_of(user=request.user) if request.user.is_authenticated else None
    booth = booth_of_employer_at(fair=fair, employer=employer) if employer else None
    return render(
        request,
        "employers/fair_detail.html",
        {
            "fair": fair,
            "employer": employer,
            "booth": booth,
            "stripe_enabled": stripe_configured(),
            "can_book": can_book_booth(request.user, fair),
        },
    )


def sign_up(request):
    """Sign up an organization and its first member (the owner)."""
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            employer_sign_up(
                details=EmployerDetails(**{name: data[name] for name in SignUpForm.DETAIL_FIELDS}),
                username=data["username"],
                email=data["email"],
                password=data["password"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                site_url=site_url(request),
            )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            return redirect("employers:sign-up-done")
    return render(request, "employers/sign_up.html", {"form": form})


def sign_up_done(request):
    return render(request, "employers/sign_up_done.html")


def verify_email(request, token):
    try:
        employer_email_verify(token=token)
    except ApplicationError as error:
        return render(
            request, "employers/link_invalid.html", {"message": error.message}, status=400
        )
    messages.success(request, _("Your email is confirmed. You can sign in now."))
    return redirect("login")


def accept_invitation(request, token):
    try:
        invitation = invitation_from_token(token)
    except ApplicationError as error:
        return render(
            request, "employers/link_invalid.html", {"message": error.message}, status=400
        )
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_accept(token=token, **form.cleaned_data)
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("Your account is ready. Sign in to continue."))
            return redirect("login")
    return render(
        request, "employers/accept_invitation.html", {"form": form, "invitation": invitation}
    )
