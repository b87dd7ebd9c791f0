"""The employment plan: needs, goals, the review, who marks a goal done, and bad input
refused with nothing saved."""

import datetime

import pytest
from django.utils import timezone

from jobseekers import selectors, services
from jobseekers.models import EmploymentPlan, GoalOwner, GoalStatus, PlanGoal, PlanNeed
from portal.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from portal.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def day(offset):
    return timezone.localdate() + datetime.timedelta(days=offset)


def goal(text="Get a state ID", due=14, owner="participant", **extra):
    return {"text": text, "due_on": day(due), "owner": owner} | extra


def test_staff_assess_needs_and_set_goals(person, staff_user):
    plan = services.plan_replace(
        participant=person,
        actor=staff_user,
        started_on=day(-10),
        needs={"id_documents": "need", "transport": "have", "childcare": "not_needed"},
        goals=[goal(), goal("Call the housing office", owner="staff")],
    )
    table = {row["key"]: row["state"] for row in selectors.plan_needs_table(plan=plan)}
    assert table["id_documents"] == "need"
    assert table["housing"] == ""
    assert plan.goals.count() == 2
    event = AuditEvent.objects.get(action="plan.saved")
    assert event.details["needs"] == ["childcare", "id_documents", "transport"]
    assert "need" not in str(event.details["needs"]).replace("id_documents", "")


def test_put_replaces_needs_and_goals_and_keeps_a_goal_by_its_id(person, staff_user):
    plan = services.plan_replace(
        participant=person,
        actor=staff_user,
        needs={"housing": "need", "phone": "need"},
        goals=[goal("A"), goal("B")],
    )
    kept = plan.goals.get(text="A")
    services.plan_replace(
        participant=person,
        actor=staff_user,
        needs={"housing": "have"},
        goals=[goal("A again", id=kept.pk, status="done"), goal("C")],
    )
    assert dict(PlanNeed.objects.values_list("need", "state")) == {"housing": "have"}
    kept.refresh_from_db()
    assert (kept.text, kept.status, kept.completed_on) == (
        "A again",
        GoalStatus.DONE,
        timezone.localdate(),
    )
    assert sorted(PlanGoal.objects.values_list("text", flat=True)) == ["A again", "C"]


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"needs": {"car": "need"}}, "unknown_need"),
        ({"needs": {"housing": "maybe"}}, "invalid_need_state"),
        ({"goals": [goal(due=-30)]}, "goal_due_before_plan"),
        ({"goals": [goal(text="  ")]}, "goal_text_missing"),
        ({"goals": [goal(id=999999)]}, "unknown_goal"),
        ({"reviewed_on": day(-20)}, "invalid_dates"),
        ({"started_on": day(3)}, "invalid_dates"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(person, staff_user, values, code):
    request = {"needs": {"housing": "need"}, "goals": [goal()], "started_on": day(-10)}
    with pytest.raises(ApplicationError) as error:
        services.plan_replace(participant=person, actor=staff_user, **(request | values))
    assert error.value.code == code
    assert not EmploymentPlan.objects.exists()
    assert not PlanNeed.objects.exists()
    assert not PlanGoal.objects.exists()


def test_a_bad_put_leaves_the_saved_plan_as_it_was(person, staff_user):
    services.plan_replace(
        participant=person, actor=staff_user, needs={"housing": "need"}, goals=[goal("Keep")]
    )
    with pytest.raises(ApplicationError):
        services.plan_replace(
            participant=person,
            actor=staff_user,
            needs={"housing": "have", "spaceship": "need"},
            goals=[],
        )
    assert dict(PlanNeed.objects.values_list("need", "state")) == {"housing": "need"}
    assert list(PlanGoal.objects.values_list("text", flat=True)) == ["Keep"]


def test_the_participant_marks_their_own_goal_done_but_not_staffs(person, staff_user, participant):
    own = services.plan_goal_add(
        participant=person,
        actor=staff_user,
        text="Apply to 3 jobs",
        due_on=day(7),
        owner="participant",
    )
    staffs = services.plan_goal_add(
        participant=person, actor=staff_user, text="Find boots", due_on=day(7), owner="staff"
    )
    services.plan_goal_set_status(goal=own, actor=participant, status=GoalStatus.DONE)
    own.refresh_from_db()
    assert own.status == GoalStatus.DONE
    with pytest.raises(PermissionDeniedError):
        services.plan_goal_set_status(goal=staffs, actor=participant, status=GoalStatus.DONE)
    with pytest.raises(PermissionDeniedError):
        services.plan_goal_set_status(goal=own, actor=participant, status=GoalStatus.DROPPED)
    services.plan_goal_set_status(goal=staffs, actor=staff_user, status=GoalStatus.DROPPED)
    staffs.refresh_from_db()
    assert staffs.status == GoalStatus.DROPPED
    assert staffs.owner == GoalOwner.STAFF


def test_nobody_else_touches_the_plan(person, staff_user, other_staff, other_participant_user):
    own = services.plan_goal_add(
        participant=person, actor=staff_user, text="Apply", due_on=day(7), owner="participant"
    )
    for outsider in (other_staff, other_participant_user):
        with pytest.raises(NotFoundError):
            services.plan_goal_set_status(goal=own, actor=outsider, status=GoalStatus.DONE)
        with pytest.raises(NotFoundError):
            services.plan_replace(participant=person, actor=outsider, needs={})


def test_staff_record_the_job_club_review(person, staff_user):
    services.plan_replace(participant=person, actor=staff_user, needs={}, started_on=day(-5))
    plan = services.plan_review(participant=person, actor=staff_user, reviewed_on=day(-1))
    assert (plan.reviewed_on, plan.reviewed_by) == (day(-1), staff_user)
    with pytest.raises(ApplicationError):
        services.plan_review(participant=person, actor=staff_user, reviewed_on=day(-6))
    with pytest.raises(ApplicationError):
        services.plan_review(participant=person, actor=staff_user, reviewed_on=day(1))
