"""The employment plan: staff assess needs, set goals and note the job-club review on one
page (each part its own small form, so it works on a phone without JavaScript); the
participant sees their plan and marks their own goals done."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.core.exceptions import ApplicationError
from portal.core.forms import show_error_on_form
from portal.core.models import Role
from portal.core.permissions import role_required

from .. import selectors, services
from ..forms_supports import GoalForm, GoalStatusForm, PlanNeedsForm, PlanReviewForm
from ..models import GoalOwner, GoalStatus, NeedState
from ..permissions import can_set_goal_status, is_self
from .self_service import own_participant
from .staff import staff_participant

# The support a need usually calls for, preselected on the support form ("one click").
SUPPORT_FOR_NEED = {
    "id_documents": "id_fee",
    "drivers_licence": "id_fee",
    "transport": "bus_pass",
    "work_clothes": "work_clothes",
    "phone": "phone_minutes",
    "education": "certification_fee",
}


# The partner's kind of help a need usually calls for, preselected on the referral form.
REFERRAL_FOR_NEED = {
    "id_documents": "id_documents",
    "housing": "housing",
    "childcare": "childcare",
    "treatment": "treatment",
    "education": "education",
    "work_clothes": "clothing",
}


def _needs_with_suggestions(plan) -> list[dict]:
    rows = selectors.plan_needs_table(plan=plan)
    for row in rows:
        row["needed"] = row["state"] == NeedState.NEED
        row["support_kind"] = SUPPORT_FOR_NEED.get(row["key"], "other")
        row["referral_need"] = REFERRAL_FOR_NEED.get(row["key"], "other")
    return rows


def _goal_rows(plan, user) -> list[dict]:
    if plan is None:
        return []
    return [
        {"goal": goal, "can_mark_done": can_set_goal_status(user, goal)}
        for goal in plan.goals.all()
    ]


def _plan_page(request, participant, **forms):
    plan = selectors.plan_of(participant=participant)
    if "needs_form" not in forms:
        initial = {"started_on": plan.started_on if plan else None}
        initial |= {f"need_{row.need}": row.state for row in (plan.needs.all() if plan else [])}
        forms["needs_form"] = PlanNeedsForm(initial=initial)
    forms.setdefault("goal_form", GoalForm(initial={"owner": GoalOwner.PARTICIPANT}))
    forms.setdefault("review_form", PlanReviewForm())
    return render(
        request,
        "jobseekers/staff/plan.html",
        {
            "participant": participant,
            "plan": plan,
            "needs": _needs_with_suggestions(plan),
            "goals": _goal_rows(plan, request.user),
            "goal_statuses": GoalStatus.choices,
            **forms,
        },
    )


@role_required(Role.STAFF)
def participant_plan(request, participant_id):
    return _plan_page(request, staff_participant(request, participant_id))


def _saved(request, participant, message, anchor):
    messages.success(request, message)
    return redirect(reverse("jobseekers:plan", args=[participant.pk]) + anchor)


@require_POST
@role_required(Role.STAFF)
def plan_needs_save(request, participant_id):
    participant = staff_participant(request, participant_id)
    form = PlanNeedsForm(request.POST)
    if form.is_valid():
        try:
            services.plan_replace(
                participant=participant,
                actor=request.user,
                needs=form.needs(),
                started_on=form.cleaned_data["started_on"],
            )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            return _saved(request, participant, _("The needs are saved."), "#needs")
    return _plan_page(request, participant, needs_form=form)


@require_POST
@role_required(Role.STAFF)
def plan_goal_add(request, participant_id):
    participant = staff_participant(request, participant_id)
    form = GoalForm(request.POST)
    if form.is_valid():
        try:
            services.plan_goal_add(participant=participant, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            return _saved(request, participant, _("The goal is added."), "#goals")
    return _plan_page(request, participant, goal_form=form)


@require_POST
@role_required(Role.STAFF)
def plan_review(request, participant_id):
    participant = staff_participant(request, participant_id)
    form = PlanReviewForm(request.POST)
    if form.is_valid():
        try:
            services.plan_review(participant=participant, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            return _saved(request, participant, _("The review is noted."), "#review")
    return _plan_page(request, participant, review_form=form)


@require_POST
@role_required(Role.STAFF, Role.PARTICIPANT)
def goal_status(request, goal_id):
    """Staff set any status on a goal of their caseload; the participant marks their own
    goal done. Anyone else: 404."""
    goal = selectors.plan_goal_get_for_user(user=request.user, goal_id=goal_id)
    participant = goal.plan.participant
    form = GoalStatusForm(request.POST)
    if form.is_valid():
        try:
            services.plan_goal_set_status(
                goal=goal, actor=request.user, status=form.cleaned_data["status"]
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The goal is updated."))
    if is_self(request.user, participant):
        return redirect(reverse("jobseekers:my-plan") + "#goals")
    return redirect(reverse("jobseekers:plan", args=[participant.pk]) + "#goals")


@role_required(Role.PARTICIPANT)
def my_plan(request):
    participant = own_participant(request)
    plan = selectors.plan_of(participant=participant)
    return render(
        request,
        "jobseekers/self/plan.html",
        {
            "plan": plan,
            "needs": [row for row in selectors.plan_needs_table(plan=plan) if row["state"]],
            "goals": _goal_rows(plan, request.user),
        },
    )
