"""Staff pages: the vetting queue, job moderation, fair management."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from employers.filters import EmployerStatusFilter
from employers.forms import DecisionNoteForm, FairForm
from employers.permissions import (
    can_assign_fair_staff,
    can_cancel_booth,
    can_cancel_fair,
    can_complete_fair,
    can_publish_fair,
    can_record_booth_payment,
    can_review_job,
    vetting_decisions_for,
)
from employers.selectors import (
    booth_get_for_user,
    employer_members,
    employer_policy,
    employers_visible_to,
    fair_booths,
    fairs_visible_to,
    jobs_moderation_queue,
    jobs_visible_to,
    vetting_queue,
)
from employers.services import (
    FairDetails,
    VettingDecision,
    booth_cancel,
    employer_vet,
    fair_cancel,
    fair_complete,
    fair_create,
    fair_publish,
    fair_update,
    job_approve,
    job_reject,
)
from portal.core.exceptions import ApplicationError
from portal.core.forms import show_error_on_form
from portal.core.models import OffenseCategory, Role
from portal.core.permissions import role_required
from portal.payments.forms import OfflineConfirmForm


@role_required(Role.STAFF)
def vetting_queue_page(request):
    """Employers waiting for a decision, and every employer by state (a bad `status` is
    shown next to the filter, with no list)."""
    filters = EmployerStatusFilter(
        request.GET or None,
        queryset=employers_visible_to(user=request.user).order_by("display_name", "id"),
    )
    employers = filters.qs if filters.is_valid() or not filters.is_bound else []
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "employers/staff/vetting_queue.html",
        {
            "queue": vetting_queue(user=request.user),
            "page": Paginator(employers, 50).get_page(request.GET.get("page")),
            "filter_form": filters.form,
            "query": query.urlencode(),
        },
    )


@role_required(Role.STAFF)
def employer_review(request, pk):
    """One employer's details and policy, and the decision with a note."""
    employer = get_object_or_404(employers_visible_to(user=request.user), pk=pk)
    form = DecisionNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            employer_vet(
                employer=employer,
                decision=request.POST.get("decision", ""),
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("Decision saved. The employer gets an email."))
            return redirect("employers:staff-vetting")
    policy = employer_policy(employer_id=employer.pk)
    labels = dict(OffenseCategory.choices)
    return render(
        request,
        "employers/staff/employer_review.html",
        {
            "employer": employer,
            "members": employer_members(employer=employer),
            "policy": policy,
            "policy_rules": [(labels[code], rule) for code, rule in policy.rules.items()],
            "form": form,
            "decisions": _decisions_for(request.user, employer),
        },
    )


def _decisions_for(user, employer) -> list[tuple[str, str]]:
    """The decisions the user may take now, with their button labels, in page order."""
    allowed = vetting_decisions_for(user, employer)
    labels = {
        VettingDecision.APPROVE: _("Approve"),
        VettingDecision.REQUEST_CHANGES: _("Ask for changes"),
        VettingDecision.REJECT: _("Reject"),
        VettingDecision.SUSPEND: _("Suspend"),
    }
    return [(decision, label) for decision, label in labels.items() if decision in allowed]


@role_required(Role.STAFF)
def job_moderation_queue(request):
    return render(
        request,
        "employers/staff/job_queue.html",
        {"jobs": jobs_moderation_queue(user=request.user)},
    )


@role_required(Role.STAFF)
def job_review(request, pk):
    job = get_object_or_404(jobs_visible_to(user=request.user).prefetch_related("skills"), pk=pk)
    form = DecisionNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("decision") == "approve":
                job_approve(job=job, actor=request.user)
                messages.success(request, _("The job is published."))
            else:
                job_reject(job=job, note=form.cleaned_data["note"], actor=request.user)
                messages.success(request, _("The job is sent back to the employer."))
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            return redirect("employers:staff-jobs")
    return render(
        request,
        "employers/staff/job_review.html",
        {"job": job, "form": form, "can_review": can_review_job(request.user, job)},
    )


@role_required(Role.STAFF)
def fair_manage_list(request):
    return render(
        request, "employers/staff/fair_list.html", {"fairs": fairs_visible_to(user=request.user)}
    )


@role_required(Role.STAFF)
def fair_form(request, pk=None):
    fair = get_object_or_404(fairs_visible_to(user=request.user), pk=pk) if pk else None
    initial = {name: getattr(fair, name) for name in FairForm.base_fields} if fair else None
    if fair is not None:
        initial["staff_working"] = list(fair.staff_working.all())
    form = FairForm(
        request.POST or None,
        initial=initial,
        can_assign_staff=can_assign_fair_staff(request.user, fair),
    )
    if request.method == "POST" and form.is_valid():
        details = FairDetails(**form.fair_details())
        staff = form.staff_working_ids()
        try:
            if fair is None:
                fair = fair_create(details=details, actor=request.user, staff_working=staff)
            else:
                fair = fair_update(
                    fair=fair, details=details, actor=request.user, staff_working=staff
                )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("The fair is saved."))
            return redirect("employers:staff-fair", pk=fair.pk)
    return render(request, "employers/staff/fair_form.html", {"form": form, "fair": fair})


@role_required(Role.STAFF)
def fair_manage(request, pk):
    """One fair: its state, booths and their payments (confirm offline payments here)."""
    fair = get_object_or_404(fairs_visible_to(user=request.user), pk=pk)
    return render(
        request,
        "employers/staff/fair_manage.html",
        {
            "fair": fair,
            "booth_rows": [
                {
                    "booth": booth,
                    "can_record_payment": can_record_booth_payment(request.user, booth),
                    "can_cancel": can_cancel_booth(request.user, booth),
                }
                for booth in fair_booths(fair=fair, user=request.user)
            ],
            "confirm_form": OfflineConfirmForm(),
            "staff_working": list(fair.staff_working.all()),
            "can_assign_staff": can_assign_fair_staff(request.user, fair),
            "can_publish": can_publish_fair(request.user, fair),
            "can_complete": can_complete_fair(request.user, fair),
            "can_cancel": can_cancel_fair(request.user, fair),
        },
    )


FAIR_ACTIONS = {"publish": fair_publish, "complete": fair_complete, "cancel": fair_cancel}


@role_required(Role.STAFF)
@require_POST
def fair_action(request, pk, action):
    fair = get_object_or_404(fairs_visible_to(user=request.user), pk=pk)
    if action not in FAIR_ACTIONS:
        raise Http404
    try:
        FAIR_ACTIONS[action](fair=fair, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The fair is updated."))
    return redirect("employers:staff-fair", pk=fair.pk)


@role_required(Role.STAFF)
@require_POST
def booth_cancel_staff(request, pk):
    """Staff cancel one booth (a paid fee is refunded in full before the deadline)."""
    booth = booth_get_for_user(user=request.user, pk=pk)
    if booth is None:
        raise Http404
    try:
        booth_cancel(booth=booth, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The booth is cancelled."))
    return redirect("employers:staff-fair", pk=booth.fair_id)
