"""The employment plan: the needs assessment, goals and the job-club review.

Needs are stored one row per assessed need ("have", "need", "not needed"); a need not
assessed has no row. Goals keep their ids when a whole plan is replaced (an item with an
"id" updates that goal), so a goal the participant marked done stays the same goal.
Audit details name needs and count goals, never a need's state or a goal's words (they
are personal).
"""

from collections.abc import Mapping, Sequence
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.core.audit import audit_record
from portal.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from portal.core.models import User

from ..models import (
    EmploymentPlan,
    GoalOwner,
    GoalStatus,
    NeedKey,
    NeedState,
    Participant,
    PlanGoal,
    PlanNeed,
)
from ..permissions import can_edit_plan, can_set_goal_status, can_view_plan, is_self

GOAL_MAX_LENGTH = 300
MAX_GOALS = 30


def _error(field: str, message: str, *, code: str = "invalid") -> ApplicationError:
    return ApplicationError(
        _("Please correct the errors below."), code=code, fields={field: [message]}
    )


def _not_future(day: date | None, *, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise _error(field, _("The date cannot be in the future."), code="invalid_dates")


def _plan_locked(participant: Participant, *, started_on: date | None) -> EmploymentPlan:
    """The participant's plan with its participant's row locked (one writer at a time);
    a new plan begins on `started_on` or today."""
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    plan = EmploymentPlan.objects.filter(participant=participant).first()
    if plan is None:
        plan = EmploymentPlan(
            participant=participant, started_on=started_on or timezone.localdate()
        )
    elif started_on is not None:
        plan.started_on = started_on
    return plan


def _clean_needs(needs: Mapping[str, str]) -> dict[str, str]:
    unknown = sorted(str(key) for key in needs if key not in NeedKey.values)
    if unknown:
        raise _error(
            "needs",
            _("Unknown need: %(keys)s. Use one of: %(known)s.")
            % {"keys": ", ".join(unknown), "known": ", ".join(NeedKey.values)},
            code="unknown_need",
        )
    for key, state in needs.items():
        if state not in NeedState.values:
            raise _error(
                "needs",
                _("“%(need)s” must be have, need or not_needed.") % {"need": key},
                code="invalid_need_state",
            )
    return dict(needs)


def _clean_goal(values: Mapping, *, started_on: date, index: int | None = None) -> dict:
    field = "goals" if index is None else f"goals[{index}]"
    text = str(values.get("text") or "").strip()
    if not text:
        raise _error(field, _("Write the goal."), code="goal_text_missing")
    if len(text) > GOAL_MAX_LENGTH:
        raise _error(field, _("Keep a goal under 300 characters."))
    due_on = values.get("due_on")
    if not isinstance(due_on, date):
        raise _error(field, _("Give the goal a due date."))
    if due_on < started_on:
        raise _error(
            field,
            _("A goal cannot be due before the plan began (%(day)s).")
            % {"day": date_format(started_on, "DATE_FORMAT")},
            code="goal_due_before_plan",
        )
    owner = values.get("owner") or GoalOwner.PARTICIPANT
    if owner not in GoalOwner.values:
        raise _error(field, _("Say whose goal it is: the participant's or staff's."))
    status = values.get("status") or GoalStatus.OPEN
    if status not in GoalStatus.values:
        raise _error(field, _("Choose open, done or dropped."))
    return {"text": text, "due_on": due_on, "owner": owner, "status": status}


def _apply_status(goal: PlanGoal, status: str) -> None:
    if status == GoalStatus.DONE and goal.status != GoalStatus.DONE:
        goal.completed_on = timezone.localdate()
    elif status != GoalStatus.DONE:
        goal.completed_on = None
    goal.status = status


def _replace_needs(plan: EmploymentPlan, needs: dict[str, str]) -> None:
    plan.needs.exclude(need__in=needs.keys()).delete()
    existing = {row.need: row for row in plan.needs.all()}
    for key, state in needs.items():
        row = existing.get(key)
        if row is None:
            PlanNeed.objects.create(plan=plan, need=key, state=state)
        elif row.state != state:
            row.state = state
            row.save(update_fields=["state"])


@transaction.atomic
def plan_replace(
    *,
    participant: Participant,
    actor: User,
    needs: Mapping[str, str],
    goals: Sequence[Mapping] | None = None,
    started_on: date | None = None,
    reviewed_on: date | None = None,
) -> EmploymentPlan:
    """Replace the needs assessment and (unless `goals` is None) the goals; begin the
    plan if there is none (on `started_on`, default today). A goal item with an "id"
    updates that goal; goals left out are deleted. Caseload staff and admins only
    (anyone else: NotFoundError).

    Raises ApplicationError, with nothing saved, for an unknown need key
    (`unknown_need`), a state other than have / need / not_needed, a goal due before the
    plan began (`goal_due_before_plan`), a goal id not of this plan (`unknown_goal`), or
    a start or review date in the future or a review before the start.
    """
    if not can_edit_plan(actor, participant):
        raise NotFoundError()
    needs = _clean_needs(needs or {})
    _not_future(started_on, field="started_on")
    _not_future(reviewed_on, field="reviewed_on")
    plan = _plan_locked(participant, started_on=started_on)
    if reviewed_on is not None:
        if reviewed_on < plan.started_on:
            raise _error(
                "reviewed_on",
                _("The review cannot be before the plan began."),
                code="invalid_dates",
            )
        plan.reviewed_on, plan.reviewed_by = reviewed_on, actor
    existing = {goal.pk: goal for goal in plan.goals.all()} if plan.pk else {}
    if goals is not None:
        if len(goals) > MAX_GOALS:
            raise _error("goals", _("Keep the plan to at most 30 goals."))
        cleaned = []
        for index, item in enumerate(goals):
            goal_id = item.get("id")
            if goal_id is not None and goal_id not in existing:
                raise _error(
                    f"goals[{index}]", _("This goal is not in the plan."), code="unknown_goal"
                )
            cleaned.append((goal_id, _clean_goal(item, started_on=plan.started_on, index=index)))
    else:
        cleaned = None
        # The goals stay: a new start date must still come before each of them.
        for goal in existing.values():
            _clean_goal(
                {"text": goal.text, "due_on": goal.due_on, "owner": goal.owner},
                started_on=plan.started_on,
            )
    plan.save()
    _replace_needs(plan, needs)
    if cleaned is not None:
        kept = {goal_id for goal_id, _values in cleaned if goal_id is not None}
        plan.goals.exclude(pk__in=kept).delete()
        for goal_id, values in cleaned:
            goal = existing[goal_id] if goal_id is not None else PlanGoal(plan=plan)
            status = values.pop("status")
            for name, value in values.items():
                setattr(goal, name, value)
            _apply_status(goal, status)
            goal.save()
    audit_record(
        actor=actor,
        action="plan.saved",
        target=participant,
        details={
            "plan_id": plan.pk,
            # Which needs were assessed, not their states: they are personal.
            "needs": sorted(needs),
            "goals": None if cleaned is None else len(cleaned),
        },
    )
    return plan


@transaction.atomic
def plan_goal_add(
    *, participant: Participant, actor: User, text: str, due_on: date, owner: str
) -> PlanGoal:
    """Add one open goal (begins the plan today if there is none). Caseload staff and
    admins only. Raises ApplicationError for an empty goal or one due before the plan
    began."""
    if not can_edit_plan(actor, participant):
        raise NotFoundError()
    plan = _plan_locked(participant, started_on=None)
    values = _clean_goal(
        {"text": text, "due_on": due_on, "owner": owner}, started_on=plan.started_on
    )
    plan.save()
    values.pop("status")
    goal = PlanGoal.objects.create(plan=plan, **values)
    audit_record(
        actor=actor,
        action="plan.goal_added",
        target=participant,
        details={"goal_id": goal.pk, "owner": goal.owner, "due_on": due_on.isoformat()},
    )
    return goal


@transaction.atomic
def plan_goal_set_status(*, goal: PlanGoal, actor: User, status: str) -> PlanGoal:
    """Mark a goal open, done or dropped. Staff of the caseload change any goal; the
    participant marks only their own goals (not staff's) done. Anyone else:
    NotFoundError; the participant doing more than that: PermissionDeniedError."""
    goal = PlanGoal.objects.select_for_update().select_related("plan__participant").get(pk=goal.pk)
    participant = goal.plan.participant
    if not can_view_plan(actor, participant):
        raise NotFoundError()
    if status not in GoalStatus.values:
        raise _error("status", _("Choose open, done or dropped."))
    if not can_set_goal_status(actor, goal) or (
        is_self(actor, participant) and status != GoalStatus.DONE
    ):
        raise PermissionDeniedError(_("Only staff can change this goal."))
    previous = goal.status
    _apply_status(goal, status)
    goal.save(update_fields=["status", "completed_on"])
    audit_record(
        actor=actor,
        action="plan.goal_status_changed",
        target=participant,
        details={"goal_id": goal.pk, "from": previous, "to": status},
    )
    return goal


@transaction.atomic
def plan_review(*, participant: Participant, actor: User, reviewed_on: date) -> EmploymentPlan:
    """Staff note the day the plan was reviewed at job club (not in the future, not
    before the plan began; begins the plan that day if there is none)."""
    if not can_edit_plan(actor, participant):
        raise NotFoundError()
    _not_future(reviewed_on, field="reviewed_on")
    plan = _plan_locked(participant, started_on=None)
    if plan.pk is None:
        plan.started_on = reviewed_on
    if reviewed_on < plan.started_on:
        raise _error(
            "reviewed_on", _("The review cannot be before the plan began."), code="invalid_dates"
        )
    plan.reviewed_on, plan.reviewed_by = reviewed_on, actor
    plan.save()
    audit_record(
        actor=actor,
        action="plan.reviewed",
        target=participant,
        details={"plan_id": plan.pk, "reviewed_on": reviewed_on.isoformat()},
    )
    return plan
