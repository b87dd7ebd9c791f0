import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from jobseekers.models import (
    Consent,
    EmploymentPlan,
    FundingSource,
    JobClubSession,
    Participant,
    RecordEntry,
    Referral,
    ResumeVersion,
    SupervisionTerms,
    Support,
    SupportStatus,
)
from portal.core.models import User

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo", "--force", stdout=io.StringIO())


def counts():
    return [
        model.objects.count()
        for model in (
            Participant,
            SupervisionTerms,
            RecordEntry,
            Consent,
            ResumeVersion,
            JobClubSession,
            Referral,
            User,
        )
    ]


def test_demo_participants_in_varied_situations():
    seed()
    facilitator = User.objects.get(username="facilitator")
    people = Participant.objects.filter(facilitator=facilitator)

    assert people.count() >= 4
    pat = Participant.objects.get(user__username="participant")
    assert pat.supervision_terms.curfew_start.hour == 22
    assert pat.resumes.get().versions.exists()
    assert people.filter(preferred_language="es").exists()
    assert people.filter(release_date__gt=timezone.localdate()).exists()  # pre-release
    # Someone without a car (JSON containment is not portable to SQLite: check in Python).
    assert any("car" not in person.transport for person in people)


def test_demo_twice_changes_nothing():
    seed()
    first = counts()
    seed()
    assert counts() == first


def test_demo_history_has_returns_of_each_kind_and_exits():
    from jobseekers.models import CustodyEvent, ParticipantStatus, ProgramExit

    seed()
    kinds = list(CustodyEvent.objects.values_list("kind", flat=True))
    for kind in ("new_offense", "technical_violation", "arrest_no_conviction"):
        assert kinds.count(kind) >= 2
    reasons = set(ProgramExit.objects.values_list("reason", flat=True))
    assert reasons == {"completed", "withdrew", "lost_contact", "transferred",
                       "returned_to_custody"}  # fmt: skip
    # Sparse and consistent: an arrest alone changes nothing, a re-enrolment keeps history.
    carlos = Participant.objects.get(first_name="Carlos", last_name="Martínez")
    assert carlos.status == ParticipantStatus.ACTIVE
    brandon = Participant.objects.get(first_name="Brandon", last_name="Lee")
    assert brandon.status == ParticipantStatus.ACTIVE
    assert brandon.program_exits.get().reenrolled_on is not None
    crystal = Participant.objects.get(first_name="Crystal", last_name="White")
    assert crystal.status == ParticipantStatus.RETURNED_TO_CUSTODY
    # Every event is on or after the person's release and none is in the future.
    for event in CustodyEvent.objects.select_related("participant"):
        assert event.participant.release_date <= event.occurred_on <= timezone.localdate()
    seed()
    assert CustodyEvent.objects.count() == len(kinds)


def test_large_history_is_sparse_and_consistent_with_status():
    from jobseekers.demo import seed_large
    from jobseekers.models import CustodyEvent, ParticipantStatus, ProgramExit

    seed_large(stdout=io.StringIO(), participants=600, facilitators=3)
    people = Participant.objects.filter(email__endswith="@large-demo.invalid")
    exited = people.filter(status=ParticipantStatus.EXITED)
    assert ProgramExit.objects.filter(participant__in=exited).count() == exited.count()
    events = CustodyEvent.objects.filter(participant__in=people)
    assert 0 < events.count() < people.count() * 0.15
    returned = people.filter(status=ParticipantStatus.RETURNED_TO_CUSTODY)
    assert returned.exists()
    assert all(
        person.custody_events.exclude(kind="arrest_no_conviction").exists() for person in returned
    )
    for event in events.select_related("participant"):
        assert event.participant.release_date <= event.occurred_on <= timezone.localdate()


def test_demo_has_a_plan_supports_and_one_waiting_for_approval():
    seed()
    plan = EmploymentPlan.objects.get(participant__user__username="participant")
    assert plan.needs.filter(state="need").exists()
    assert plan.goals.filter(owner="participant", status="open").exists()
    assert (
        Support.objects.filter(participant=plan.participant, status=SupportStatus.GIVEN).count()
        == 2
    )
    assert Support.objects.filter(status=SupportStatus.PENDING_APPROVAL).count() == 1
    assert FundingSource.objects.filter(is_active=False).exists()
    before = Support.objects.count()
    seed()
    assert Support.objects.count() == before


def test_demo_referrals_give_the_dashboard_and_the_digest_something_to_show():
    from jobseekers.selectors import referrals_follow_up_due

    seed()
    today = timezone.localdate()
    assert Referral.objects.filter(participant__user__username="participant").count() >= 2
    assert referrals_follow_up_due(on_date=today).exists()
    assert Referral.objects.filter(status="not_connected").exclude(reason="").exists()
