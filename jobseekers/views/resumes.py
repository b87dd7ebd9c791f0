"""The résumé builder, shared by the participant and their staff: sections with hints,
staff comments, versions on save, a preview and the PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.core.exceptions import ApplicationError
from portal.core.forms import show_error_on_form
from portal.core.models import Role
from portal.core.permissions import role_required

from .. import selectors, services
from ..api import resume_pdf_response
from ..forms import (
    CertificationFormSet,
    CommentForm,
    EducationFormSet,
    ExperienceFormSet,
    ResumeCreateForm,
    ResumeForm,
)
from ..hints import SECTION_HINTS
from ..models import ResumeComment, format_us_phone
from ..permissions import can_comment_on_resume
from .staff import staff_participant

SECTIONS = (
    ("experience", ExperienceFormSet),
    ("education", EducationFormSet),
    ("certifications", CertificationFormSet),
)


def _resume(request, resume_id):
    return selectors.resume_get_for_user(user=request.user, resume_id=resume_id)


def _entries(formset) -> list[dict]:
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if not data or data.get("DELETE"):
            continue
        rows.append({key: value for key, value in data.items() if key != "DELETE"})
    return rows


@login_required
def resume_builder(request, resume_id):
    """Edit every section on one page (works without JavaScript: each list has one empty
    row to add an entry, and a box to remove one). Saving makes a new version."""
    resume = _resume(request, resume_id)
    if request.method == "POST":
        form = ResumeForm(request.POST)
        formsets = {name: cls(request.POST, prefix=name) for name, cls in SECTIONS}
        if form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
            content = dict(form.cleaned_data)
            content.update({name: _entries(fs) for name, fs in formsets.items()})
            try:
                version = services.resume_save(resume=resume, actor=request.user, **content)
            except ApplicationError as error:
                show_error_on_form(form, error)
            else:
                messages.success(
                    request,
                    _("Saved as version %(number)d.") % {"number": version.number},
                )
                return redirect("jobseekers:resume", resume_id=resume.pk)
    else:
        initial = {name: getattr(resume, name) for name in ResumeForm.base_fields}
        initial["contact_phone"] = format_us_phone(resume.contact_phone)
        form = ResumeForm(initial=initial)
        formsets = {name: cls(initial=getattr(resume, name), prefix=name) for name, cls in SECTIONS}
    comments = list(selectors.resume_comments(resume=resume))
    return render(
        request,
        "jobseekers/resume_builder.html",
        {
            "resume": resume,
            "form": form,
            "formsets": formsets,
            "hints": SECTION_HINTS,
            "open_comments": [c for c in comments if c.resolved_at is None],
            "resolved_comments": [c for c in comments if c.resolved_at is not None],
            "comment_form": CommentForm() if can_comment_on_resume(request.user, resume) else None,
            "latest": selectors.resume_latest_version(resume=resume),
        },
    )


@login_required
def resume_preview(request, resume_id):
    """The latest saved version as it prints."""
    resume = _resume(request, resume_id)
    version = selectors.resume_latest_version(resume=resume)
    return render(
        request,
        "jobseekers/resume_preview.html",
        {
            "resume": resume,
            "version": version,
            "content": version.content if version else services.resume_snapshot(resume),
        },
    )


@login_required
def resume_pdf(request, resume_id):
    return resume_pdf_response(_resume(request, resume_id))


@require_POST
@login_required
def comment_add(request, resume_id):
    resume = _resume(request, resume_id)
    if not can_comment_on_resume(request.user, resume):
        raise Http404
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.resume_comment_add(resume=resume, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The comment is added."))
    else:
        messages.error(request, _("Write a comment and choose its section."))
    return redirect("jobseekers:resume", resume_id=resume.pk)


@require_POST
@login_required
def comment_resolve(request, resume_id, comment_id):
    resume = _resume(request, resume_id)
    comment = ResumeComment.objects.filter(resume=resume, pk=comment_id).first()
    if comment is None:
        raise Http404
    try:
        services.resume_comment_resolve(comment=comment, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The comment is marked done."))
    return redirect("jobseekers:resume", resume_id=resume.pk)


@role_required(Role.STAFF)
def resume_new_for_participant(request, participant_id):
    """Staff start a résumé for a participant of their caseload."""
    participant = staff_participant(request, participant_id)
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
        "jobseekers/staff/edit.html",
        {"participant": participant, "form": form, "title": _("New résumé")},
    )
