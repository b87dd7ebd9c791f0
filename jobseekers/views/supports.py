"""Direct supports: staff record them on a participant's page (with what is left in each
funding source), program admins keep the funding sources and decide the supports over the
approval threshold, the participant sees what they received."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from portal.core.exceptions import ApplicationError
from portal.core.forms import show_error_on_form
from portal.core.models import Role
from portal.core.permissions import role_required
from portal.core.templatetags.formatting import date_display, money

from .. import rules, selectors, services
from ..forms_supports import FundingSourceForm, SupportForm
from ..models import SupportKind, SupportStatus
from ..permissions import can_manage_funding_sources
from .self_service import own_participant
from .staff import staff_participant

STATUS_TONES = {
    SupportStatus.GIVEN: "success",
    SupportStatus.PENDING_APPROVAL: "warning",
    SupportStatus.DECLINED: "neutral",
}


SUPPORT_HEADERS = [
    gettext_lazy("Date"),
    gettext_lazy("What"),
    gettext_lazy("Amount"),
    gettext_lazy("Funding source"),
    gettext_lazy("Status"),
]
STAFF_SUPPORT_HEADERS = [*SUPPORT_HEADERS, gettext_lazy("Recorded by"), gettext_lazy("Approved by")]
FUNDING_SOURCE_HEADERS = [
    gettext_lazy("Name"),
    gettext_lazy("Period"),
    gettext_lazy("Budget"),
    gettext_lazy("Used or set aside"),
    gettext_lazy("Left"),
    gettext_lazy("Status"),
]


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else "—"


def support_rows(supports, *, for_staff: bool) -> list[list]:
    """Rows of components/data_table.html: date, what, amount, source, status (a badge),
    and for staff who recorded and who approved it."""
    rows = []
    for support in supports:
        row = [
            date_display(support.given_on),
            support.get_kind_display(),
            money(support.amount),
            support.funding_source.name,
            {"text": support.get_status_display(), "tone": STATUS_TONES[support.status]},
        ]
        if for_staff:
            row += [_name(support.recorded_by), _name(support.approved_by)]
        rows.append(row)
    return rows


def funding_source_rows(sources) -> list[list]:
    return [
        [
            {
                "text": source.name,
                "url": reverse("jobseekers:funding-source-edit", args=[source.pk]),
            },
            _("%(start)s to %(end)s")
            % {"start": date_display(source.starts_on), "end": date_display(source.ends_on)},
            money(source.budget),
            money(source.used),
            money(source.left),
            {"text": _("Active"), "tone": "success"}
            if source.is_active
            else {"text": _("Inactive"), "tone": "neutral"},
        ]
        for source in sources
    ]


@role_required(Role.STAFF)
def participant_supports(request, participant_id):
    """GET: the supports given and the form (`?kind=bus_pass` preselects the kind, from
    a need on the plan). POST: record one; a refused one shows why, nothing saved."""
    participant = staff_participant(request, participant_id)
    sources = list(selectors.funding_sources_with_left(active_only=True))
    threshold = rules.support_approval_threshold()
    kind = request.GET.get("kind")
    initial = {"kind": kind} if kind in SupportKind.values else {}
    form = SupportForm(
        request.POST if request.method == "POST" else None,
        sources=sources,
        threshold=threshold,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            support = services.support_record(
                participant=participant, actor=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            if support.status == "pending_approval":
                messages.success(request, _("The support is saved and waits for an admin."))
            else:
                messages.success(request, _("The support is recorded."))
            return redirect("jobseekers:supports", participant_id=participant.pk)
    return render(
        request,
        "jobseekers/staff/supports.html",
        {
            "participant": participant,
            "rows": support_rows(selectors.supports_of(participant=participant), for_staff=True),
            "headers": STAFF_SUPPORT_HEADERS,
            "sources": sources,
            "can_manage_funding_sources": can_manage_funding_sources(request.user),
            "form": form,
        },
    )


@role_required(Role.PARTICIPANT)
def my_supports(request):
    participant = own_participant(request)
    return render(
        request,
        "jobseekers/self/supports.html",
        {
            "rows": support_rows(
                selectors.supports_received(participant=participant), for_staff=False
            ),
            "headers": SUPPORT_HEADERS,
        },
    )


@role_required(Role.ADMIN)
def support_approvals(request):
    """Program admins: the supports waiting for a decision, oldest first."""
    return render(
        request,
        "jobseekers/staff/support_approvals.html",
        {"supports": selectors.supports_pending_approval(user=request.user)},
    )


@require_POST
@role_required(Role.ADMIN)
def support_decide(request, support_id):
    support = selectors.support_get_pending_for_admin(user=request.user, support_id=support_id)
    approve = request.POST.get("decision") == "approve"
    try:
        services.support_decide(support=support, actor=request.user, approve=approve)
    except ApplicationError as error:
        messages.error(request, error.fields.get("amount", [error.message])[0])
    else:
        messages.success(
            request, _("The support is approved.") if approve else _("The support is declined.")
        )
    return redirect("jobseekers:support-approvals")


@role_required(Role.ADMIN)
def funding_sources(request):
    """Program admins: every funding source with its budget, used and left; a form to add
    one."""
    form = FundingSourceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.funding_source_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("The funding source is added."))
            return redirect("jobseekers:funding-sources")
    return render(
        request,
        "jobseekers/staff/funding_sources.html",
        {
            "rows": funding_source_rows(selectors.funding_sources_with_left()),
            "headers": FUNDING_SOURCE_HEADERS,
            "form": form,
        },
    )


@role_required(Role.ADMIN)
def funding_source_edit(request, funding_source_id):
    source = selectors.funding_source_get_for_admin(
        user=request.user, funding_source_id=funding_source_id
    )
    if request.method == "POST":
        form = FundingSourceForm(request.POST)
        if form.is_valid():
            try:
                services.funding_source_update(
                    actor=request.user, funding_source=source, **form.cleaned_data
                )
            except ApplicationError as error:
                show_error_on_form(form, error)
            else:
                messages.success(request, _("The funding source is saved."))
                return redirect("jobseekers:funding-sources")
    else:
        form = FundingSourceForm(
            initial={name: getattr(source, name) for name in FundingSourceForm.base_fields}
        )
    return render(
        request, "jobseekers/staff/funding_source_edit.html", {"source": source, "form": form}
    )
