"""The résumé builder, shared by the participant and their staff: one page per section
(contact, summary, experience, …) with its hint, its staff comments and its own save,
a list of the sections showing which are done; versions on save, a preview and the PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
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
    ResumeContactForm,
    ResumeCreateForm,
    ResumeReferencesForm,
    ResumeSkillsForm,
    ResumeSummaryForm,
)
from ..hints import SECTION_HINTS
from ..models import ResumeComment, ResumeSection, ResumeVersion, format_us_phone
from ..permissions import can_comment_on_resume
from .staff import staff_participant

# The editor's sections, in order: a form of the résumé's own fields, or a formset of a
# list (each list has one empty row to add an entry, and a box to remove one).
SECTIONS = {
    ResumeSection.CONTACT: ResumeContactForm,
    ResumeSection.SUMMARY: ResumeSummaryForm,
    ResumeSection.EXPERIENCE: ExperienceFormSet,
    ResumeSection.EDUCATION: EducationFormSet,
    ResumeSection.CERTIFICATIONS: CertificationFormSet,
    ResumeSection.SKILLS: ResumeSkillsForm,
    ResumeSection.REFERENCES: ResumeReferencesForm,
}
LIST_SECTIONS = (ResumeSection.EXPERIENCE, ResumeSection.EDUCATION, ResumeSection.CERTIFICATIONS)
FIRST_SECTION = ResumeSection.CONTACT


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


def _section_form(resume, name, data=None):
    """The section's form (or formset), bound to `data` or filled from the résumé."""
    form_class = SECTIONS[name]
    if name in LIST_SECTIONS:
        if data is not None:
            return form_class(data, prefix=name)
        return form_class(initial=getattr(resume, name), prefix=name)
    if data is not None:
        return form_class(data)
    initial = {field: getattr(resume, field) for field in form_class.base_fields}
    if "contact_phone" in initial:
        initial["contact_phone"] = format_us_phone(resume.contact_phone)
    return form_class(initial=initial)


def _section_content(name, form) -> dict:
    """What the section gives `resume_save`: only its own fields."""
    if name in LIST_SECTIONS:
        return {name: _entries(form)}
    return dict(form.cleaned_data)


def _section_url(resume, name) -> str:
    return reverse("jobseekers:resume-section", args=[resume.pk, name])


def _save(request, resume, forms) -> tuple[ResumeVersion | None, list[str]]:
    """Validate the posted sections and save them in one version (through the one
    service, which validates again). Returns the version, or None and the errors that
    belong to a whole list (shown at the top of that section); a field's error is put
    on its field. Nothing is saved when any section has an error."""
    # Every section is checked (not all() stopping at the first), so each shows its errors.
    valid = [form.is_valid() for form in forms.values()]
    if not all(valid):
        return None, []
    content = {}
    for name, form in forms.items():
        content.update(_section_content(name, form))
    try:
        return services.resume_save(resume=resume, actor=request.user, **content), []
    except ApplicationError as error:
        plain = [form for name, form in forms.items() if name not in LIST_SECTIONS]
        # The form holding the field the error names (the first one otherwise).
        owners = [form for form in plain if set(error.fields) & set(form.fields)]
        if owners or plain:
            show_error_on_form((owners or plain)[0], error)
            return None, []
        return None, [error.message, *(m for ms in error.fields.values() for m in ms)]


def _progress(resume, current, comments) -> list[dict]:
    done = selectors.resume_sections_done(resume=resume)
    open_by_section: dict[str, int] = {}
    for comment in comments:
        if comment.resolved_at is None:
            open_by_section[comment.section] = open_by_section.get(comment.section, 0) + 1
    return [
        {
            "key": name,
            "label": ResumeSection(name).label,
            "url": _section_url(resume, name),
            "done": done[name],
            "current": name == current,
            "open_comments": open_by_section.get(name, 0),
        }
        for name in SECTIONS
    ]


def _render(request, resume, forms, *, current=None, section_errors=()):
    comments = list(selectors.resume_comments(resume=resume))
    progress = _progress(resume, current, comments)
    names = list(SECTIONS)
    next_name = names[names.index(current) + 1] if current and current != names[-1] else None
    shown = set(forms)
    can_comment = can_comment_on_resume(request.user, resume)
    return render(
        request,
        "jobseekers/resume_builder.html",
        {
            "resume": resume,
            "sections": [
                {
                    "key": name,
                    "label": ResumeSection(name).label,
                    "form": form,
                    "is_list": name in LIST_SECTIONS,
                    "hint": SECTION_HINTS[name],
                    "extra_hint": SECTION_HINTS["gap"] if name == "experience" else "",
                }
                for name, form in forms.items()
            ],
            "section_errors": list(section_errors),
            "current": current,
            "current_number": names.index(current) + 1 if current else 0,
            "progress": progress,
            "done_count": sum(step["done"] for step in progress),
            "next_section": (
                {"label": ResumeSection(next_name).label, "url": _section_url(resume, next_name)}
                if next_name
                else None
            ),
            "open_comments": [c for c in comments if c.resolved_at is None and c.section in shown],
            "resolved_comments": [
                c for c in comments if c.resolved_at is not None and c.section in shown
            ],
            "comment_form": (
                CommentForm(initial={"section": current or FIRST_SECTION}) if can_comment else None
            ),
            "latest": selectors.resume_latest_version(resume=resume),
        },
    )


@login_required
def resume_builder(request, resume_id):
    """The résumé's old one-page address: it opens the first section. A post of the old
    whole form (every section at once) still saves them all in one version."""
    resume = _resume(request, resume_id)
    if request.method != "POST":
        return redirect(_section_url(resume, FIRST_SECTION))
    forms = {name: _section_form(resume, name, request.POST) for name in SECTIONS}
    version, section_errors = _save(request, resume, forms)
    if version is None:
        return _render(request, resume, forms, section_errors=section_errors)
    messages.success(request, _("Saved as version %(number)d.") % {"number": version.number})
    return redirect(_section_url(resume, FIRST_SECTION))


@login_required
def resume_section(request, resume_id, section):
    """One section of the résumé, saved on its own: only its fields reach the service,
    so the other sections stay as they are. Saving makes a new version and goes on to
    the next section; an error keeps the page, with the message next to its field."""
    resume = _resume(request, resume_id)
    if section not in SECTIONS:
        raise Http404
    data = request.POST if request.method == "POST" else None
    forms = {section: _section_form(resume, section, data)}
    if data is None:
        return _render(request, resume, forms, current=section)
    version, section_errors = _save(request, resume, forms)
    if version is None:
        return _render(request, resume, forms, current=section, section_errors=section_errors)
    messages.success(
        request,
        _("%(section)s is saved, as version %(number)d.")
        % {"section": ResumeSection(section).label, "number": version.number},
    )
    names = list(SECTIONS)
    following = names[names.index(section) + 1] if section != names[-1] else section
    return redirect(_section_url(resume, following))


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
    section = form.cleaned_data.get("section") if form.is_valid() else None
    return redirect(_section_url(resume, section or FIRST_SECTION))


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
    return redirect(_section_url(resume, comment.section))


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
