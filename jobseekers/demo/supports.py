"""Demo direct supports and employment plans for `seed_demo`: two funding sources (one
inactive), Pat's plan (needs, goals, a job-club review) and supports given, and one large
support waiting for the admin's approval. Idempotent: rows are found by natural keys."""

from datetime import timedelta
from decimal import Decimal

from portal.core.models import User

from ..models import (
    EmploymentPlan,
    FundingSource,
    GoalOwner,
    GoalStatus,
    Participant,
    PlanGoal,
    PlanNeed,
    Support,
    SupportStatus,
)

PAT_NEEDS = {
    "id_documents": "have",
    "drivers_licence": "need",
    "transport": "need",
    "housing": "have",
    "childcare": "not_needed",
    "work_clothes": "need",
    "phone": "have",
}
# (text, days from today, owner, status)
PAT_GOALS = [
    ("Get a Missouri state ID", -5, GoalOwner.PARTICIPANT, GoalStatus.DONE),
    ("Apply to three warehouse jobs", 7, GoalOwner.PARTICIPANT, GoalStatus.OPEN),
    ("Find steel-toe boots in Pat's size", 3, GoalOwner.STAFF, GoalStatus.OPEN),
    ("Sign up for the forklift class", 21, GoalOwner.PARTICIPANT, GoalStatus.OPEN),
]


def _sources(today):
    fund, _created = FundingSource.objects.get_or_create(
        name="Reentry supports fund",
        defaults={
            "budget": Decimal("5000.00"),
            "starts_on": today - timedelta(days=180),
            "ends_on": today + timedelta(days=185),
        },
    )
    FundingSource.objects.get_or_create(
        name="County tools grant (spent)",
        defaults={
            "budget": Decimal("1500.00"),
            "starts_on": today - timedelta(days=545),
            "ends_on": today - timedelta(days=181),
            "is_active": False,
        },
    )
    return fund


def _support(participant, fund, facilitator, today, *, kind, amount, days_ago, status, approver):
    Support.objects.get_or_create(
        participant=participant,
        kind=kind,
        amount=Decimal(amount),
        funding_source=fund,
        defaults={
            "given_on": max(fund.starts_on, today - timedelta(days=days_ago)),
            "status": status,
            "recorded_by": facilitator,
            "approved_by": approver,
        },
    )


def seed_supports_and_plans(*, facilitator: User, today) -> None:
    fund = _sources(today)
    pat = Participant.objects.filter(user__username="participant").first()
    if pat is not None:
        plan, _created = EmploymentPlan.objects.get_or_create(
            participant=pat,
            defaults={
                "started_on": today - timedelta(days=21),
                "reviewed_on": today - timedelta(days=7),
                "reviewed_by": facilitator,
            },
        )
        for need, state in PAT_NEEDS.items():
            PlanNeed.objects.get_or_create(plan=plan, need=need, defaults={"state": state})
        for text, days, owner, status in PAT_GOALS:
            PlanGoal.objects.get_or_create(
                plan=plan,
                text=text,
                defaults={
                    "due_on": today + timedelta(days=days),
                    "owner": owner,
                    "status": status,
                    "completed_on": (
                        today - timedelta(days=6) if status == GoalStatus.DONE else None
                    ),
                },
            )
        for kind, amount, days_ago in (("bus_pass", "45.00", 14), ("work_clothes", "89.99", 6)):
            _support(
                pat, fund, facilitator, today, kind=kind, amount=amount, days_ago=days_ago,
                status=SupportStatus.GIVEN, approver=facilitator,
            )  # fmt: skip
    other = (
        Participant.objects.filter(facilitator=facilitator)
        .exclude(user__username="participant")
        .order_by("id")
        .first()
    )
    if other is not None:
        # Over the $200 threshold: waits for the admin (shown on the admin's dashboard).
        _support(
            other, fund, facilitator, today, kind="tools", amount="325.00", days_ago=2,
            status=SupportStatus.PENDING_APPROVAL, approver=None,
        )  # fmt: skip
