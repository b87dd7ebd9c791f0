"""Reads of direct supports, funding sources and the employment plan. Both follow the
profile's rule (DESIGN.md); neither is as sensitive as the record, so no AccessLog."""

from decimal import Decimal

from django.db.models import (
    DecimalField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from portal.core.models import User

from ..models import (
    RESERVING_SUPPORT_STATUSES,
    EmploymentPlan,
    FundingSource,
    NeedKey,
    NeedState,
    Participant,
    PlanGoal,
    Support,
    SupportStatus,
)
from ..permissions import (
    can_decide_support,
    can_manage_funding_sources,
    can_view_plan,
)

# ------------------------------------------------------- direct supports and the plan
# Both follow the profile's rule: the caller has the participant from
# `participant_get_for_user`; neither is as sensitive as the record, so no AccessLog.


def funding_sources_with_left(*, active_only: bool = False) -> QuerySet[FundingSource]:
    """Funding sources annotated with `used` (given or waiting for approval) and `left`
    (budget minus used), to the cent, in one query."""
    used = Coalesce(
        Sum("supports__amount", filter=Q(supports__status__in=RESERVING_SUPPORT_STATUSES)),
        Value(Decimal("0.00")),
        output_field=DecimalField(max_digits=12, decimal_places=2),
    )
    sources = FundingSource.objects.annotate(used=used).annotate(
        left=ExpressionWrapper(
            F("budget") - F("used"), output_field=DecimalField(max_digits=12, decimal_places=2)
        )
    )
    return sources.filter(is_active=True) if active_only else sources


def funding_source_get_for_admin(*, user: User, funding_source_id) -> FundingSource:
    """A funding source for the admin who manages them; anyone else: Http404."""
    if not can_manage_funding_sources(user):
        raise Http404
    try:
        return FundingSource.objects.get(pk=int(funding_source_id))
    except (FundingSource.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error


def supports_of(*, participant: Participant) -> QuerySet[Support]:
    """The participant's supports, newest first, with their source and who recorded and
    approved them (a fixed number of queries)."""
    return Support.objects.filter(participant=participant).select_related(
        "funding_source", "recorded_by", "approved_by"
    )


def supports_received(*, participant: Participant) -> QuerySet[Support]:
    """What the participant sees: supports given or waiting for approval (a declined one
    was never received)."""
    return supports_of(participant=participant).filter(status__in=RESERVING_SUPPORT_STATUSES)


def supports_pending_approval(*, user: User) -> QuerySet[Support]:
    """Supports waiting for an admin's decision, oldest first: every one for a program
    admin, none for anyone else."""
    if not can_decide_support(user):
        return Support.objects.none()
    return (
        Support.objects.filter(status=SupportStatus.PENDING_APPROVAL)
        .select_related("participant", "funding_source", "recorded_by")
        .order_by("created_at", "id")
    )


def support_get_pending_for_admin(*, user: User, support_id) -> Support:
    try:
        return supports_pending_approval(user=user).get(pk=int(support_id))
    except (Support.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error


def plan_of(*, participant: Participant) -> EmploymentPlan | None:
    """The participant's plan with its needs and goals prefetched, or None."""
    return (
        EmploymentPlan.objects.filter(participant=participant)
        .select_related("reviewed_by")
        .prefetch_related("needs", "goals")
        .first()
    )


def plan_needs_table(*, plan: EmploymentPlan | None) -> list[dict]:
    """Every need in the assessment's order with its state ("" when not assessed)."""
    states = {row.need: row.state for row in plan.needs.all()} if plan else {}
    return [
        {
            "key": key,
            "label": label,
            "state": states.get(key, ""),
            "state_label": NeedState(states[key]).label if key in states else "",
        }
        for key, label in NeedKey.choices
    ]


def plan_goal_get_for_user(*, user: User, goal_id) -> PlanGoal:
    """A goal of a plan the user may see; anyone else: Http404."""
    try:
        goal = PlanGoal.objects.select_related("plan__participant").get(pk=int(goal_id))
    except (PlanGoal.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error
    if not can_view_plan(user, goal.plan.participant):
        raise Http404
    return goal
