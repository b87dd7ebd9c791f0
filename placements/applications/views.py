"""Pages of the applications area. Thin: parse a form, call one service, redirect; a
service's ApplicationError shows on the form (`show_error_on_form`).

One module at ~530 lines of short views, each one URL of `urls.py`; the staff pages
(questions about jobs that do not fit, retention, tax credits) are the first to move to
`views/staff.py` when it grows."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from employers.selectors import job_get_for_user
from jobseekers.models import ConsentKind, ResumeVersion
from jobseekers.selectors import (
    consent_in_force,
    participant_for_user_account,
    participants_visible_to,
)
from placements.applications import permissions, selectors, services
from placements.applications.filters import ApplicationFilter
from placements.applications.models import ApplicationStatus, RecordDecision
from placements.matching.fit import conflict_texts, job_fit_of
from portal.core.exceptions import ApplicationError
from portal.core.forms import show_error_on_form
from portal.core.models import OffenseCategory
from portal.core.permissions import is_staff_member

from . import forms as f

S = ApplicationStatus
# The one-click moves forward that need nothing more than a button.
SIMPLE_MOVES = {
    S.SUBMITTED: S.REVIEWING,
    S.INTERVIEW_SCHEDULED: S.INTERVIEWED,
    S.INTERVIEWED: S.CONDITIONAL_OFFER,
}


def _latest_versions(participant) -> list[ResumeVersion]:
    """The newest version of each of the participant's résumés (one query)."""
    versions = (
        ResumeVersion.objects.filter(resume__participant=participant)
        .select_related("resume")
        .order_by("resume__title", "resume_id", "-number")
    )
    latest: dict[int, ResumeVersion] = {}
    for version in versions:
        latest.setdefault(version.resume_id, version)
    return list(latest.values())


@login_required
def apply(request, job_pk):
    """Apply to a job: a participant for themself; staff for a participant of their
    caseload, who chooses first (works without JavaScript: two plain forms)."""
    user = request.user
    job = job_get_for_user(user=user, pk=job_pk)
    if job is None or not permissions.can_apply(user):
        raise Http404
    staff = is_staff_member(user)
    if staff:
        chooser = f.ChooseParticipantForm(
            request.GET or None, participants=participants_visible_to(user=user)
        )
        if not chooser.is_valid():
            return render(
                request, "placements/applications/apply.html", {"job": job, "chooser": chooser}
            )
        participant = chooser.cleaned_data["participant"]
    else:
        participant = participant_for_user_account(user=user)
        if participant is None:
            raise Http404
    # A job that breaks a supervision term or travel limit says why before the form;
    # staff confirm it with a note, the participant asks their staff (issue 14).
    fit = job_fit_of(participant=participant, job=job, viewer=user)
    versions = _latest_versions(participant)
    form = f.ApplyForm(
        request.POST or None, versions=versions, staff=staff, fit_needed=bool(fit.conflicts)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        version = next(v for v in versions if str(v.pk) == data["resume_version"])
        try:
            application = services.application_submit(
                participant=participant,
                job=job,
                resume_version=version,
                actor=user,
                share_profile=data["share_profile"],
                share_record_summary=data["share_record_summary"],
                participant_agreed=data.get("participant_agreed", False),
                cover_note=data["cover_note"],
                fit_confirmed=data.get("fit_confirmed", False),
                fit_note=data.get("fit_note", ""),
            )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("The application is sent."))
            return redirect("placements:application-detail", application.pk)
    elif request.method != "POST":
        form.initial["share_record_summary"] = consent_in_force(
            participant=participant, kind=ConsentKind.SHARE_RECORD_SUMMARY
        )
        if versions:
            form.initial["resume_version"] = str(versions[0].pk)
    return render(
        request,
        "placements/applications/apply.html",
        {
            "job": job,
            "participant": participant,
            "form": form,
            "versions": versions,
            "staff": staff,
            "fit": fit,
        },
    )


@login_required
@require_POST
def apply_ask_staff(request, job_pk):
    """A participant asks their facilitator to look with them at a job that does not fit
    their supervision terms or travel limits (they cannot apply to it alone)."""
    job = job_get_for_user(user=request.user, pk=job_pk)
    participant = participant_for_user_account(user=request.user)
    if job is None or participant is None:
        raise Http404
    try:
        question = services.application_fit_review_request(
            participant=participant, job=job, actor=request.user
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        facilitator = question.facilitator
        name = facilitator.get_full_name() or facilitator.username
        messages.success(
            request,
            _("We told %(name)s. They will look at this job with you and can apply with you.")
            % {"name": name},
        )
    return redirect("employers:job-detail", job.pk)


@login_required
def fit_question_list(request):
    """Staff: their caseload's open questions about jobs that do not fit (admins: all),
    the longest waiting first, each with why and the next action (apply together, or
    answer). Anyone else: 404."""
    if not is_staff_member(request.user):
        raise Http404
    questions = selectors.fit_questions_open(user=request.user)
    page = Paginator(questions, 30).get_page(request.GET.get("page"))
    rows = [
        {"question": question, "why": conflict_texts(question.conflicts)}
        for question in page.object_list
    ]
    return render(
        request, "placements/applications/fit_questions.html", {"page": page, "rows": rows}
    )


@login_required
def fit_question_answer(request, pk):
    """Staff answer one question in a few words (or go and apply together)."""
    if not is_staff_member(request.user):
        raise Http404
    question = selectors.fit_question_get_for_staff(user=request.user, pk=pk)
    form = f.FitQuestionAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.fit_question_answer(
                question=question, actor=request.user, answer=form.cleaned_data["answer"]
            )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("Your answer is saved. The participant sees it."))
            return redirect("placements:fit-question-list")
    return render(
        request,
        "placements/applications/fit_question.html",
        {"question": question, "why": conflict_texts(question.conflicts), "form": form},
    )


@login_required
def application_list(request):
    """The applications the user sees, newest change first; `?status=` one stage (an
    unknown stage shows its error next to the filter, and the list unfiltered)."""
    filters = ApplicationFilter(
        request.GET,
        queryset=selectors.applications_visible_to(user=request.user).order_by(
            "-status_changed_at", "-id"
        ),
    )
    page = Paginator(filters.qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "placements/applications/application_list.html",
        {"page": page, "filters": filters},
    )


def _action_forms(request, application, bound=None) -> dict:
    """The forms this user may use on this application now (empty ones, or the one the
    user just sent with its errors)."""
    user = request.user
    review = selectors.record_review_of(application)
    forms: dict = {}
    if permissions.can_record_stage_change(user, application):
        if application.status in SIMPLE_MOVES:
            forms["move_to"] = SIMPLE_MOVES[application.status]
        if application.status in (S.REVIEWING, S.INTERVIEW_SCHEDULED):
            forms["interview"] = f.InterviewForm()
        if application.status == S.CONDITIONAL_OFFER:
            forms["hire"] = f.HireForm(
                initial={
                    "hourly_wage": application.job.wage_min,
                    "hours_per_week": application.job.hours_per_week,
                }
            )
        forms["decline"] = f.DeclineForm()
    if permissions.can_withdraw(user, application):
        forms["withdraw"] = True
    if permissions.can_take_fair_chance_steps(user, application):
        in_progress = review is not None and review.is_in_progress
        if not (in_progress and review.notice_pending):
            forms["assess"] = f.AssessmentForm(
                initial={
                    "nature_and_gravity": review.nature_and_gravity,
                    "time_elapsed": review.time_elapsed,
                    "nature_of_job": review.nature_of_job,
                }
                if in_progress
                else None
            )
        if in_progress and not review.notice_sent_at:
            forms["notice"] = f.NoticeForm()
        if in_progress and review.notice_pending:
            forms["decide"] = f.DecisionForm()
    if permissions.can_answer_notice(user, application):
        forms["respond"] = f.ResponseForm()
    if bound is not None:
        name, form = bound
        forms[name] = form
    return forms


ACTIONS = {
    "interview": f.InterviewForm,
    "hire": f.HireForm,
    "decline": f.DeclineForm,
    "assess": f.AssessmentForm,
    "notice": f.NoticeForm,
    "respond": f.ResponseForm,
    "decide": f.DecisionForm,
}


def _run_action(request, application, action, form):
    user = request.user
    data = form.cleaned_data if form is not None else {}
    common = {"application": application, "actor": user}
    if action == "move":
        services.application_transition(**common, to=request.POST.get("to", ""))
    elif action == "withdraw":
        services.application_transition(**common, to=S.WITHDRAWN)
    elif action == "interview":
        details = services.InterviewDetails(
            starts_at=form.starts_at(),
            mode=data["mode"],
            place=data["place"],
            video_link=data["video_link"],
        )
        if application.status == S.INTERVIEW_SCHEDULED:
            services.interview_add(**common, details=details)
        else:
            services.application_transition(**common, to=S.INTERVIEW_SCHEDULED, interview=details)
    elif action == "hire":
        services.application_transition(**common, to=S.HIRED, hire=services.HireDetails(**data))
    elif action == "decline":
        services.application_transition(**common, to=S.DECLINED, reason=data["reason"])
    elif action == "assess":
        services.record_review_assess(**common, **data)
    elif action == "notice":
        services.record_review_send_notice(**common, **data)
    elif action == "respond":
        services.record_review_respond(**common, **data)
    elif action == "decide":
        services.record_review_decide(**common, **data)
    else:
        raise Http404


@login_required
def application_detail(request, pk):
    """The application: stage and history, interviews, the fair-chance steps, and the
    actions this user may take now (each a plain form)."""
    application = selectors.application_get_for_user(user=request.user, application_id=pk)
    bound = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        form = ACTIONS[action](request.POST) if action in ACTIONS else None
        if form is None or form.is_valid():
            try:
                _run_action(request, application, action, form)
            except ApplicationError as error:
                if form is None:
                    messages.error(request, error.message)
                    return redirect("placements:application-detail", pk)
                show_error_on_form(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("placements:application-detail", pk)
        bound = (action, form)
        application = selectors.application_get_for_user(user=request.user, application_id=pk)
    review = selectors.record_review_of(application)
    employer_side = permissions.is_employer_side(request.user, application)
    participant_side = permissions.is_participant_side(request.user, application)
    staff_side = participant_side and not request.user.is_participant
    return render(
        request,
        "placements/applications/application_detail.html",
        {
            "application": application,
            # Staff applied to a job that does not fit the person's terms: why, for staff.
            "fit_texts": (
                conflict_texts(application.fit_conflicts)
                if permissions.can_view_fit_confirmation(request.user, application)
                else []
            ),
            "review": review,
            "forms": _action_forms(request, application, bound),
            "employer_side": employer_side,
            "participant_side": participant_side,
            # Caseload staff read it about someone else: their wording and actions.
            "staff_side": staff_side,
            "progress": selectors.application_progress(application),
            "fair_chance": selectors.fair_chance_progress(review),
            "can_view_record": permissions.can_view_application_record(request.user, application),
            "can_view_resume": permissions.can_view_resume(request.user, application),
            "next_step": (
                selectors.staff_next_step_for(application)
                if staff_side
                else selectors.next_step_for(application)
            ),
            # The employer's members read their next move in one line.
            "employer_next_step": (
                selectors.employer_next_step_for(application) if employer_side else ""
            ),
            "placement": getattr(application, "placement", None),
            "decisions": RecordDecision,
        },
    )


@login_required
def application_record(request, pk):
    """The record summary behind the application: 404 (no hint) unless allowed; each
    view is written to the access log."""
    application = selectors.application_get_for_user(user=request.user, application_id=pk)
    convictions = selectors.record_summary_for_application(
        user=request.user, application=application
    )
    labels = dict(OffenseCategory.choices)
    rows = [
        {**row, "category_label": labels.get(row["offense_category"], "")} for row in convictions
    ]
    return render(
        request,
        "placements/applications/record.html",
        {"application": application, "convictions": rows},
    )


@login_required
def placement_list(request):
    placements = selectors.placements_visible_to(user=request.user)
    page = Paginator(placements, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "placements/applications/placement_list.html",
        {
            "page": page,
            "can_record_outside": permissions.can_record_outside_placement(request.user),
        },
    )


# Each action on a placement's page: its form, and who may send it.
PLACEMENT_ACTIONS = {
    "check": (f.RetentionCheckForm, permissions.can_view_retention_checks),
    "separate": (f.SeparationForm, permissions.is_placement_staff),
    "wotc": (f.WotcForm, permissions.can_edit_wotc),
    "bonding": (f.BondingForm, permissions.can_request_bond),
    "bond-decision": (f.BondDecisionForm, permissions.is_placement_staff),
}


def _run_placement_action(request, placement, action, form):
    data = form.cleaned_data
    if action == "check":
        check = placement.retention_checks.filter(pk=request.POST.get("check")).first()
        if check is None:
            raise Http404
        services.retention_check_record(check=check, actor=request.user, **data)
    elif action == "separate":
        services.placement_separate(
            placement=placement,
            actor=request.user,
            separated_on=data["separated_on"],
            reason=data["separation_reason"],
        )
    elif action == "wotc":
        services.wotc_update(screening=placement.wotc, actor=request.user, **data)
    elif action == "bond-decision":
        bond = placement.bonding_requests.filter(pk=request.POST.get("bond")).first()
        if bond is None:
            raise Http404
        services.bonding_request_decide(bond=bond, actor=request.user, **data)
    else:
        services.bonding_request_create(
            placement=placement, actor=request.user, amount=data["amount"]
        )


@login_required
def placement_detail(request, pk):
    """A placement: terms, retention checks (staff record them), the end of the job, the
    tax credit (what the employer may claim, the Form 8850 deadline) and bonding."""
    placement = selectors.placement_get_for_user(user=request.user, placement_id=pk)
    user = request.user
    staff = permissions.is_placement_staff(user, placement)
    bound: dict = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        form_class, allowed = PLACEMENT_ACTIONS.get(action, (None, None))
        if form_class is None or not allowed(user, placement):
            raise Http404
        options = {"applicant_signature": staff} if action == "wotc" else {}
        form = form_class(request.POST, **options)
        if form.is_valid():
            try:
                _run_placement_action(request, placement, action, form)
            except ApplicationError as error:
                show_error_on_form(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("placements:placement-detail", pk)
        key = {
            "check": f"check-{request.POST.get('check')}",
            "bond-decision": f"bond-{request.POST.get('bond')}",
        }.get(action, action)
        bound[key] = form
        placement = selectors.placement_get_for_user(user=request.user, placement_id=pk)
    checks = [
        {
            "check": check,
            "can_record": permissions.can_record_retention_check(user, check),
            "form": bound.get(f"check-{check.pk}") or f.RetentionCheckForm(),
        }
        for check in placement.retention_checks.all()
    ]
    screening = placement.wotc
    disclosed = permissions.wotc_disclosed_to(user=user, screening=screening)
    if disclosed and permissions.wotc_shown_to_employer(user=user, placement=placement):
        selectors.wotc_disclosure_log(viewer=user, placements=[placement])
    return render(
        request,
        "placements/applications/placement_detail.html",
        {
            "placement": placement,
            "staff": staff,
            "employer": permissions.is_placement_employer(user, placement),
            "can_view_retention_checks": permissions.can_view_retention_checks(user, placement),
            "can_record_separation": permissions.can_record_separation(user, placement),
            "can_edit_wotc": permissions.can_edit_wotc(user, placement),
            "can_request_bond": permissions.can_request_bond_now(user, placement),
            "checks": checks,
            "separation_reason": selectors.separation_reason_for(
                user=request.user, placement=placement
            )[1],
            "wotc": selectors.wotc_summary(screening, disclosed=disclosed),
            "screening": screening,
            "wotc_form": bound.get("wotc")
            or f.WotcForm(
                initial={name: getattr(screening, name) for name in f.WotcForm.base_fields},
                applicant_signature=staff,
            ),
            "bonding_form": bound.get("bonding") or f.BondingForm(),
            "separation_form": bound.get("separate") or f.SeparationForm(),
            "bonds": [
                {
                    "bond": bond,
                    "can_decide": permissions.can_decide_bond(user, bond),
                    "form": bound.get(f"bond-{bond.pk}") or f.BondDecisionForm(),
                }
                for bond in placement.bonding_requests.all()
            ],
            "incentives_url": selectors.INCENTIVES_URL,
        },
    )


@login_required
def placement_new(request):
    """Staff record a job a participant found outside the portal."""
    if not permissions.can_record_outside_placement(request.user):
        raise Http404
    form = f.OutsidePlacementForm(
        request.POST or None,
        participants=participants_visible_to(user=request.user),
        initial={"participant": request.GET.get("participant")},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        participant = data.pop("participant")
        try:
            placement = services.placement_record_outside(
                participant=participant,
                actor=request.user,
                details=services.OutsidePlacement(**data),
            )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("The placement is saved with its follow-up checks."))
            return redirect("placements:placement-detail", placement.pk)
    return render(request, "placements/applications/placement_form.html", {"form": form})
