"""The supports and plan pages: what staff, admins and the participant see and do, who
gets a 404, the one-click suggestions from a need, Spanish, and the query budgets."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from jobseekers import services
from jobseekers.models import GoalStatus, PlanGoal, Support, SupportStatus
from tests.factories.jobseekers import ParticipantFactory
from tests.factories.supports import FundingSourceFactory, SupportFactory

pytestmark = pytest.mark.django_db


def day(offset):
    return timezone.localdate() + datetime.timedelta(days=offset)


def test_staff_see_the_budget_left_and_record_a_support(client, person, staff_user):
    source = FundingSourceFactory(name="Bus fund", budget=Decimal("500.00"))
    SupportFactory(funding_source=source, amount=Decimal("120.50"))
    client.force_login(staff_user)
    page = client.get(f"/participants/{person.pk}/supports/").content.decode()
    assert "Bus fund: $379.50 left of $500.00" in page

    response = client.post(
        f"/participants/{person.pk}/supports/",
        {
            "kind": "work_clothes",
            "amount": "79.99",
            "given_on": day(0).isoformat(),
            "funding_source": source.pk,
        },
    )
    assert response.status_code == 302
    support = Support.objects.get(participant=person)
    assert (support.amount, support.status) == (Decimal("79.99"), SupportStatus.GIVEN)
    assert "$299.51 left" in client.get(response.url).content.decode()


def test_a_support_above_the_budget_left_is_shown_and_not_saved(client, person, staff_user):
    source = FundingSourceFactory(name="Tools fund", budget=Decimal("50.00"))
    client.force_login(staff_user)
    response = client.post(
        f"/participants/{person.pk}/supports/",
        {"kind": "tools", "amount": "50.01", "given_on": day(0).isoformat(),
         "funding_source": source.pk},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Only $50.00 is left in “Tools fund”." in response.content.decode()
    assert not Support.objects.exists()


def test_the_kind_comes_preselected_from_a_need(client, person, staff_user):
    FundingSourceFactory()
    client.force_login(staff_user)
    response = client.get(f"/participants/{person.pk}/supports/?kind=bus_pass")
    assert response.context["form"]["kind"].value() == "bus_pass"


def test_a_needed_need_suggests_a_support_and_a_referral_in_one_click(client, person, staff_user):
    services.plan_replace(
        participant=person,
        actor=staff_user,
        needs={"transport": "need", "work_clothes": "need", "housing": "have"},
    )
    client.force_login(staff_user)
    page = client.get(f"/participants/{person.pk}/plan/").content.decode()
    assert f"/participants/{person.pk}/supports/?kind=bus_pass" in page
    # Each needed need links to the referral form with the partner's kind of help chosen.
    assert f"/participants/{person.pk}/referrals/add/?need=clothing" in page
    assert f"/participants/{person.pk}/referrals/add/?need=other" in page
    # A need the person has suggests nothing.
    assert "?need=housing" not in page
    form = client.get(f"/participants/{person.pk}/referrals/add/?need=clothing")
    assert form.context["form"].initial["need"] == "clothing"


def test_staff_assess_needs_add_a_goal_and_note_the_review(client, person, staff_user):
    client.force_login(staff_user)
    base = f"/participants/{person.pk}/plan"
    saved = client.post(
        f"{base}/needs/",
        {"started_on": day(-3).isoformat(), "need_id_documents": "need", "need_phone": "have"},
    )
    assert saved.status_code == 302
    added = client.post(
        f"{base}/goals/",
        {"text": "Get a state ID", "due_on": day(10).isoformat(), "owner": "participant"},
    )
    assert added.status_code == 302
    too_early = client.post(
        f"{base}/goals/",
        {"text": "Too early", "due_on": day(-10).isoformat(), "owner": "staff"},
    )
    assert "cannot be due before the plan began" in too_early.content.decode()
    reviewed = client.post(f"{base}/review/", {"reviewed_on": day(0).isoformat()})
    assert reviewed.status_code == 302
    page = client.get(f"{base}/").content.decode()
    assert "Get a state ID" in page
    assert "Last reviewed at job club on" in page
    assert list(PlanGoal.objects.values_list("text", flat=True)) == ["Get a state ID"]


def test_the_participant_sees_their_plan_and_marks_their_own_goal_done(
    client, person, participant, staff_user
):
    own = services.plan_goal_add(
        participant=person, actor=staff_user, text="Apply to 3 jobs", due_on=day(7),
        owner="participant",
    )  # fmt: skip
    staffs = services.plan_goal_add(
        participant=person, actor=staff_user, text="Find boots", due_on=day(7), owner="staff"
    )
    client.force_login(participant)
    page = client.get("/my/plan/").content.decode()
    assert "Apply to 3 jobs" in page and "Find boots" in page
    assert f"/plan-goals/{own.pk}/status/" in page
    assert f"/plan-goals/{staffs.pk}/status/" not in page

    client.post(f"/plan-goals/{own.pk}/status/", {"status": "done"})
    client.post(f"/plan-goals/{staffs.pk}/status/", {"status": "done"})
    own.refresh_from_db()
    staffs.refresh_from_db()
    assert (own.status, staffs.status) == (GoalStatus.DONE, GoalStatus.OPEN)


def test_the_participant_sees_what_they_received(client, person, participant):
    SupportFactory(participant=person, amount=Decimal("1234.56"), note="Staff-only words")
    SupportFactory(participant=person, status="declined", amount=Decimal("99.00"))
    client.force_login(participant)
    page = client.get("/my/supports/").content.decode()
    assert "$1,234.56" in page
    assert "Staff-only words" not in page
    assert "$99.00" not in page


@pytest.mark.parametrize("who", ["other_staff", "employer_user", "other_participant_user"])
def test_nobody_else_reaches_the_pages(request, client, person, staff_user, who):
    goal = services.plan_goal_add(
        participant=person, actor=staff_user, text="Apply", due_on=day(7), owner="participant"
    )
    client.force_login(request.getfixturevalue(who))
    for path in (f"/participants/{person.pk}/supports/", f"/participants/{person.pk}/plan/"):
        assert client.get(path).status_code == 404
    assert client.post(f"/plan-goals/{goal.pk}/status/", {"status": "done"}).status_code == 404
    goal.refresh_from_db()
    assert goal.status == GoalStatus.OPEN


def test_only_admins_manage_funding_sources_and_approve(
    client, person, staff_user, admin_user, settings
):
    settings.PORTAL_SUPPORT_APPROVAL_THRESHOLD = "200.00"
    source = FundingSourceFactory(name="Tools fund", budget=Decimal("1000.00"))
    pending = services.support_record(
        participant=person, actor=staff_user, kind="tools", amount="350.00",
        given_on=day(0), funding_source=source,
    )  # fmt: skip
    client.force_login(staff_user)
    for path in ("/supports/approvals/", "/supports/funding-sources/"):
        assert client.get(path).status_code == 404
    assert (
        client.post(f"/supports/{pending.pk}/decision/", {"decision": "approve"}).status_code == 404
    )

    client.force_login(admin_user)
    assert "Waiting for your approval: 1" in client.get("/dashboard/").content.decode()
    page = client.get("/supports/approvals/").content.decode()
    assert "$350.00" in page
    client.post(f"/supports/{pending.pk}/decision/", {"decision": "approve"})
    pending.refresh_from_db()
    assert (pending.status, pending.approved_by) == (SupportStatus.GIVEN, admin_user)

    added = client.post(
        "/supports/funding-sources/",
        {"name": "Fees fund", "budget": "750.00", "starts_on": day(-1).isoformat(),
         "ends_on": day(300).isoformat(), "is_active": "on"},
    )  # fmt: skip
    assert added.status_code == 302
    listing = client.get("/supports/funding-sources/").content.decode()
    assert "Fees fund" in listing and "$650.00" in listing  # Tools fund: 1000 - 350


def test_the_pages_speak_spanish(client, person, staff_user, participant, settings):
    FundingSourceFactory(budget=Decimal("1500.00"))
    client.force_login(staff_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    page = client.get(f"/participants/{person.pk}/plan/").content.decode()
    assert "Necesidades" in page and "Plan de empleo" in page
    page = client.get(f"/participants/{person.pk}/supports/").content.decode()
    assert "Registrar un apoyo" in page
    client.force_login(participant)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    assert "Mi plan" in client.get("/my/plan/").content.decode()


@pytest.mark.parametrize("rows", [1, 30])
def test_list_pages_query_budget(
    client, person, staff_user, admin_user, django_assert_max_num_queries, rows, settings
):
    settings.PORTAL_SUPPORT_APPROVAL_THRESHOLD = "10.00"
    for _ in range(rows):
        source = FundingSourceFactory()
        SupportFactory(participant=person, funding_source=source)
        SupportFactory(
            participant=ParticipantFactory(), funding_source=source, status="pending_approval",
            approved_by=None, amount=Decimal("20.00"),
        )  # fmt: skip
    client.force_login(staff_user)
    with django_assert_max_num_queries(12):
        assert client.get(f"/participants/{person.pk}/supports/").status_code == 200
    client.force_login(admin_user)
    for path in ("/supports/approvals/", "/supports/funding-sources/"):
        with django_assert_max_num_queries(12):
            assert client.get(path).status_code == 200


@pytest.mark.parametrize("rows", [1, 30])
def test_plan_pages_query_budget(
    client, person, participant, staff_user, django_assert_max_num_queries, rows
):
    services.plan_replace(
        participant=person,
        actor=staff_user,
        needs={"transport": "need", "phone": "have"},
        goals=[
            {"text": f"Goal {n}", "due_on": day(n), "owner": "participant"} for n in range(rows)
        ],
    )
    client.force_login(staff_user)
    with django_assert_max_num_queries(12):
        assert client.get(f"/participants/{person.pk}/plan/").status_code == 200
    client.force_login(participant)
    with django_assert_max_num_queries(12):
        assert client.get("/my/plan/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/my/supports/").status_code == 200
