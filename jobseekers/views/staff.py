"""Staff pages: caseload, intake, the participant page and its sensitive sections."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.core.exceptions import ApplicationError
from portal.core.forms import show_error_on_form
from portal.core.models import Role
from portal.core.permissions import role_required

from .. import selectors, services
from ..exceptions import PossibleDuplicateError
from ..filters import CaseloadFilter
from ..forms import (
    INTAKE_STEPS,
    CaseNoteForm,
    CustodyEventForm,
    DocumentUploadForm,
    DuplicateConfirmForm,
    ParticipantEditForm,
    ProgramExitForm,
    ReassignForm,
    RecordEntryForm,
    ReenrolForm,
    StatusForm,
    SupervisionForm,
)
from ..models import ConsentKind, RecordEntry
from ..permissions import can_edit, can_issue_invitation

INTAKE_SESSION_KEY = "jobseekers_intake"
STEP_NAMES = [name for name, _label, _form in INTAKE_STEPS]


def staff_participant(request, participant_id):
    """A participant on the signed-in staff member's caseload (admins: anyone), or 404."""
    participant = selectors.participant_get_for_user(
        user=request.user, participant_id=participant_id
    )
    if not can_edit(request.user, participant):
        raise Http404
    return participant


@role_required(Role.STAFF)
def caseload(request):
    """The caseload: search and filters (a bad value is shown next to its filter), 25 a
    page, a fixed number of queries."""
    filterset = CaseloadFilter(
        request.GET or None, queryset=selectors.caseload_for(user=request.user), request=request
    )
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "jobseekers/staff/caseload.html",
        {"form": filterset.form, "page": page, "query": query.urlencode()},
    )


# ------------------------------------------------------------------------------ intake


def _draft(request) -> dict:
    return request.session.get(INTAKE_SESSION_KEY, {})


def _bound_step(request, name, form_class):
    stored = _draft(request).get(name)
    if stored is None:
        return None
    data = QueryDict(mutable=True)
    for key, values in stored.items():
        data.setlist(key, values)
    return form_class(data)


@role_required(Role.STAFF)
def intake_start(request):
    request.session.pop(INTAKE_SESSION_KEY, None)
    return redirect("jobseekers:intake-step", step=STEP_NAMES[0])


@role_required(Role.STAFF)
def intake_step(request, step):
    """One short page of the intake; the draft is kept in the session between pages, so
    it works on a phone without JavaScript."""
    if step not in STEP_NAMES:
        raise Http404
    index = STEP_NAMES.index(step)
    _name, label, form_class = INTAKE_STEPS[index]
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            draft = _draft(request)
            draft[step] = {key: request.POST.getlist(key) for key in form.fields}
            request.session[INTAKE_SESSION_KEY] = draft
            if index + 1 < len(STEP_NAMES):
                return redirect("jobseekers:intake-step", step=STEP_NAMES[index + 1])
            return redirect("jobseekers:intake-check")
    else:
        # Going back to a step shows what was typed before.
        form = _bound_step(request, step, form_class) or form_class()
    return render(
        request,
        "jobseekers/staff/intake_step.html",
        {
            "form": form,
            "step_label": label,
            "step_number": index + 1,
            "step_count": len(STEP_NAMES) + 1,
            "previous": STEP_NAMES[index - 1] if index else None,
        },
    )


def _readable(form) -> list[tuple[str, str]]:
    """(label, value as a person reads it) for each answered field of a valid form."""
    rows = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, "", [], False) or (hasattr(value, "exists") and not value.exists()):
            continue
        choices = dict(getattr(field, "choices", []) or [])
        if value is True:
            shown = _("Yes")
        elif isinstance(value, list | tuple) or hasattr(value, "exists"):
            shown = ", ".join(str(choices.get(item, item)) for item in value)
        else:
            shown = str(choices.get(value, value))
        rows.append((field.label, shown))
    return rows


@role_required(Role.STAFF)
def intake_check(request):
    """The last page: a summary, the duplicate check, and saving."""
    values = {}
    summary = []
    for name, label, form_class in INTAKE_STEPS:
        form = _bound_step(request, name, form_class)
        if form is None or not form.is_valid():
            return redirect("jobseekers:intake-step", step=name)
        values.update(form.cleaned_data)
        summary.append((label, name, _readable(form)))
    confirm = DuplicateConfirmForm(request.POST if request.method == "POST" else None)
    candidates = []
    if request.method == "POST" and confirm.is_valid():
        try:
            participant = services.participant_create(
                actor=request.user,
                confirmed_not_duplicate=confirm.cleaned_data["confirmed_not_duplicate"],
                **values,
            )
        except PossibleDuplicateError as error:
            candidates = error.candidates
            show_error_on_form(confirm, error)
        except ApplicationError as error:
            show_error_on_form(confirm, error)
        else:
            request.session.pop(INTAKE_SESSION_KEY, None)
            messages.success(request, _("The participant is saved."))
            return redirect("jobseekers:participant", participant_id=participant.pk)
    return render(
        request,
        "jobseekers/staff/intake_check.html",
        {
            "summary": summary,
            "form": confirm,
            "candidates": candidates,
            "step_count": len(STEP_NAMES) + 1,
        },
    )


# ------------------------------------------------------------------- participant page


@role_required(Role.STAFF)
def participant_detail(request, participant_id):
    """Everything about one participant, in sections. Reading the record, supervision
    terms and notes here writes the access log."""
    participant = staff_participant(request, participant_id)
    why = selectors.access_reason(request.user, participant)
    context = {
        "participant": participant,
        "supervision": selectors.supervision_terms_for(
            participant=participant, viewer=request.user, why=why
        ),
        "record": selectors.record_entries_for(
            participant=participant, viewer=request.user, why=why
        ),
        "notes": selectors.case_notes_for(participant=participant, viewer=request.user),
        "consents": selectors.consents_current(participant=participant),
        "resumes": selectors.resumes_of(participant=participant),
        "documents": selectors.documents_of(participant=participant),
        "document_form": DocumentUploadForm(),
        "attendance": selectors.attendance_of(participant=participant)[:20],
        "access_log": selectors.access_log_for(participant=participant)[:20],
        "skills": participant.skills.all(),
        "note_form": CaseNoteForm(),
        "status_form": StatusForm(),
        "reassign_form": ReassignForm(initial={"facilitator": participant.facilitator_id}),
        "can_issue_invitation": can_issue_invitation(request.user, participant),
        "invitation_code": request.session.pop(f"invitation_code_{participant.pk}", None),
        "consent_url": reverse("jobseekers:consent-change", args=[participant.pk]),
        "custody_events": selectors.custody_events_for(
            participant=participant, viewer=request.user
        ),
        "program_exits": selectors.program_exits_of(participant=participant),
        "open_exit": selectors.program_exit_open(participant=participant),
        "referrals": selectors.referrals_for(participant=participant, viewer=request.user),
        "custody_form": CustodyEventForm(),
        "exit_form": ProgramExitForm(),
        "reenrol_form": ReenrolForm(),
        "text_messages": selectors.text_messages_for(participant=participant, viewer=request.user)[
            :5
        ],
        "texts_agreed": selectors.text_consent_in_force(participant=participant),
    }
    return render(request, "jobseekers/staff/participant.html", context)


def _edit_page(request, participant, form, *, title, template="jobseekers/staff/edit.html"):
    return render(request, template, {"participant": participant, "form": form, "title": title})


@role_required(Role.STAFF)
def participant_edit(request, participant_id):
    participant = staff_participant(request, participant_id)
    if request.method == "POST":
        form = ParticipantEditForm(request.POST)
        if form.is_valid():
            try:
                services.participant_update(
                    participant=participant, actor=request.user, **form.cleaned_data
                )
            except ApplicationError as error:
                show_error_on_form(form, error)
            else:
                messages.success(request, _("The profile is saved."))
                return redirect("jobseekers:participant", participant_id=participant.pk)
    else:
        initial = {name: getattr(participant, name) for name in ParticipantEditForm.base_fields}
        initial["skills"] = participant.skills.all()
        form = ParticipantEditForm(initial=initial)
    return _edit_page(request, participant, form, title=_("Edit profile"))


@role_required(Role.STAFF)
def supervision_edit(request, participant_id):
    participant = staff_participant(request, participant_id)
    if request.method == "POST":
        form = SupervisionForm(request.POST)
        if form.is_valid():
            try:
                services.supervision_terms_set(
                    participant=participant, actor=request.user, **form.cleaned_data
                )
            except ApplicationError as error:
                show_error_on_form(form, error)
            else:
                messages.success(request, _("The supervision terms are saved."))
                return redirect(
                    reverse("jobseekers:participant", args=[participant.pk]) + "#supervision"
                )
    else:
        terms = selectors.supervision_terms_for(
            participant=participant,
            viewer=request.user,
            why=selectors.access_reason(request.user, participant),
        )
        initial = (
            {name: getattr(terms, name) for name in SupervisionForm.base_fields} if terms else {}
        )
        form = SupervisionForm(initial=initial)
    return _edit_page(request, participant, form, title=_("Supervision terms"))


@role_required(Role.STAFF)
def record_add(request, participant_id):
    participant = staff_participant(request, participant_id)
    form = RecordEntryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_entry_add(
                participant=participant, actor=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("The conviction is added."))
            return redirect(reverse("jobseekers:participant", args=[participant.pk]) + "#record")
    return _edit_page(request, participant, form, title=_("Add a conviction"))


@require_POST
@role_required(Role.STAFF)
def record_delete(request, participant_id, entry_id):
    participant = staff_participant(request, participant_id)
    entry = RecordEntry.objects.filter(participant=participant, pk=entry_id).first()
    if entry is None:
        raise Http404
    services.record_entry_delete(entry=entry, actor=request.user)
    messages.success(request, _("The conviction is removed."))
    return redirect(reverse("jobseekers:participant", args=[participant.pk]) + "#record")


@require_POST
@role_required(Role.STAFF)
def note_add(request, participant_id):
    participant = staff_participant(request, participant_id)
    form = CaseNoteForm(request.POST)
    if form.is_valid():
        try:
            services.case_note_add(participant=participant, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("The note is saved."))
            return redirect(reverse("jobseekers:participant", args=[participant.pk]) + "#notes")
    return _edit_page(request, participant, form, title=_("Add a note"))


@require_POST
@role_required(Role.STAFF)
def status_change(request, participant_id):
    participant = staff_participant(request, participant_id)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.participant_status_change(
                participant=participant, actor=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("The status is changed."))
            return redirect("jobseekers:participant", participant_id=participant.pk)
    return _edit_page(request, participant, form, title=_("Change status"))


def _custody_section_post(request, participant_id, *, form_class, service, done, title):
    """One of the "Custody and program status" forms: call `service` with the form's
    values; on success back to the section, otherwise the form again with the error."""
    participant = staff_participant(request, participant_id)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(participant=participant, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, done)
            return redirect(reverse("jobseekers:participant", args=[participant.pk]) + "#custody")
    return _edit_page(request, participant, form, title=title)


@require_POST
@role_required(Role.STAFF)
def custody_event_add(request, participant_id):
    return _custody_section_post(
        request,
        participant_id,
        form_class=CustodyEventForm,
        service=services.custody_event_record,
        done=_("The custody event is recorded."),
        title=_("Record a custody event"),
    )


@require_POST
@role_required(Role.STAFF)
def program_exit_add(request, participant_id):
    return _custody_section_post(
        request,
        participant_id,
        form_class=ProgramExitForm,
        service=services.program_exit_record,
        done=_("The exit from the program is recorded."),
        title=_("Record an exit from the program"),
    )


@require_POST
@role_required(Role.STAFF)
def program_reenrol(request, participant_id):
    return _custody_section_post(
        request,
        participant_id,
        form_class=ReenrolForm,
        service=services.program_reenrol,
        done=_("The person is back in the program."),
        title=_("Re-enrol in the program"),
    )


@require_POST
@role_required(Role.STAFF)
def reassign(request, participant_id):
    participant = staff_participant(request, participant_id)
    form = ReassignForm(request.POST)
    if form.is_valid():
        try:
            services.participant_reassign(
                participant=participant, actor=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("The participant has a new facilitator."))
            if can_edit(request.user, participant):
                return redirect("jobseekers:participant", participant_id=participant.pk)
            return redirect("jobseekers:caseload")
    return _edit_page(request, participant, form, title=_("Change facilitator"))


@require_POST
@role_required(Role.STAFF)
def invitation_issue(request, participant_id):
    """Issue a code and show it once on the participant page (kept in the session only
    until that page shows it)."""
    participant = staff_participant(request, participant_id)
    try:
        _invitation, code = services.invitation_issue(participant=participant, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        request.session[f"invitation_code_{participant.pk}"] = code
    return redirect(reverse("jobseekers:participant", args=[participant.pk]) + "#account")


@require_POST
@role_required(Role.STAFF)
def consent_change(request, participant_id):
    participant = staff_participant(request, participant_id)
    return _consent_post(
        request,
        participant,
        redirect_to=reverse("jobseekers:participant", args=[participant.pk]) + "#consents",
    )


def _consent_post(request, participant, *, redirect_to):
    kind = request.POST.get("kind", "")
    given = request.POST.get("given") == "yes"
    if kind not in ConsentKind.values:
        raise Http404
    services.consent_set(participant=participant, actor=request.user, kind=kind, given=given)
    messages.success(
        request, _("The consent is recorded.") if given else _("The consent is withdrawn.")
    )
    return redirect(redirect_to)


@role_required(Role.STAFF)
def access_log_page(request, participant_id):
    participant = staff_participant(request, participant_id)
    page = Paginator(selectors.access_log_for(participant=participant), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "jobseekers/access_log.html",
        {"participant": participant, "page": page, "own": False},
    )
