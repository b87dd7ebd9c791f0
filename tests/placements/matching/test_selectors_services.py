"""The loaders that feed the engine (fixed queries, effective policies, what counts as
supervision) and the services that store results (on demand, nightly, refresh)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from employers.models import (
    BoothStatus,
    FairBooth,
    FairKind,
    JobOffenseRule,
    JobStatus,
    OffenseRule,
    PolicyDecision,
)
from jobseekers.models import RecordEntry, SupervisionType
from placements.matching import job_index, selectors, services
from placements.models import MatchResult, MatchRun
from portal.core.models import AccessLog, AuditEvent, Skill
from tests.factories.employers import EmployerFactory, FairFactory, JobFactory
from tests.factories.jobseekers import (
    ParticipantFactory,
    RecordEntryFactory,
    ResumeFactory,
    SupervisionTermsFactory,
)
from tests.factories.transitional import DailyRatingFactory, days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index():
    services._INDEX_CACHE.clear()
    yield
    services._INDEX_CACHE.clear()


def _profile(job_id):
    return next(p for p in selectors.open_job_profiles() if p.id == job_id)


def test_job_profile_has_the_effective_policy_tightened_by_the_job():
    employer = EmployerFactory()
    policy = employer.hiring_policy
    OffenseRule.objects.create(
        policy=policy, category="theft_fraud", decision=PolicyDecision.NOT_WITHIN_YEARS, years=7
    )
    OffenseRule.objects.create(
        policy=policy, category="drug", decision=PolicyDecision.NOT_WITHIN_YEARS, years=3
    )
    policy.accepts_parole = False
    policy.save()
    job = JobFactory(employer=employer, skills_other="pallet jack; scanner")
    job.skills.set(Skill.objects.filter(slug="forklift-operation"))
    JobOffenseRule.objects.create(job=job, category="theft_fraud", decision=PolicyDecision.NEVER)
    # A looser rule on the job never loosens the employer's.
    JobOffenseRule.objects.create(job=job, category="drug", decision=PolicyDecision.CONSIDERED)
    profile = _profile(job.pk)
    assert profile.lookback_years == {"theft_fraud": None, "drug": 3}
    assert profile.accepts_parole is False and profile.accepts_probation is True
    assert {"Forklift operation", "forklift", "pallet jack", "scanner"} <= set(profile.skills)
    assert (profile.county, profile.state) == ("Jackson County", "MO")


def test_only_open_public_jobs_are_loaded_and_facility_fair_employers_are_marked():
    fair_employer = EmployerFactory()
    FairBooth.objects.create(
        fair=FairFactory(kind=FairKind.FACILITY),
        employer=fair_employer,
        fee=Decimal("0"),
        status=BoothStatus.CONFIRMED,
    )
    open_job = JobFactory(employer=fair_employer)
    other = JobFactory()
    JobFactory(status=JobStatus.CLOSED)
    JobFactory(employer=EmployerFactory(status="suspended"))
    profiles = {p.id: p for p in selectors.open_job_profiles()}
    assert set(profiles) == {open_job.pk, other.pk}
    assert profiles[open_job.pk].hires_at_facility_fairs is True
    assert profiles[other.pk].hires_at_facility_fairs is False


@pytest.mark.parametrize("rows", [1, 30])
def test_loaders_run_a_fixed_number_of_queries(rows, django_assert_max_num_queries, staff_user):
    for _ in range(rows):
        job = JobFactory()
        job.skills.set(Skill.objects.all()[:2])
        JobOffenseRule.objects.create(job=job, category="dui", decision=PolicyDecision.NEVER)
    people = ParticipantFactory.create_batch(rows, facilitator=staff_user)
    for someone in people:
        SupervisionTermsFactory(participant=someone)
        RecordEntryFactory(participant=someone)
        ResumeFactory(participant=someone)
        someone.skills.set(Skill.objects.all()[:2])
    with django_assert_max_num_queries(6):
        assert len(selectors.open_job_profiles()) == rows
    with django_assert_max_num_queries(6):
        assert len(selectors.participant_profiles(participant_ids=[p.pk for p in people])) == rows


def test_participant_profile_reads_skills_resume_supervision_and_record_without_logging():
    someone = ParticipantFactory(
        zip_code="64127",
        transport=["bike"],
        desired_job_titles=["Forklift operator"],
        preferred_shifts=["day"],
        wage_floor=Decimal("16.00"),
    )
    someone.skills.set(Skill.objects.filter(slug="warehouse-work"))
    ResumeFactory(
        participant=someone, certifications=[{"name": "Forklift operator", "year": "2023"}]
    )
    SupervisionTermsFactory(
        participant=someone, curfew_start=dt.time(22), curfew_end=dt.time(6), travel_limit="state"
    )
    RecordEntryFactory(participant=someone, offense_category="theft_fraud")
    (profile,) = selectors.participant_profiles(participant_ids=[someone.pk])
    assert ("skill", "Warehouse work") in profile.terms
    assert ("skill", "picking") in profile.terms  # a synonym of the taxonomy skill
    assert ("certification", "Forklift operator") in profile.terms
    assert ("experience", "Warehouse clerk") in profile.terms
    assert ("desired", "Forklift operator") in profile.terms
    assert (profile.curfew_start, profile.curfew_end) == (dt.time(22), dt.time(6))
    assert profile.travel_limit == "state" and profile.supervision_type == "parole"
    assert [c.category for c in profile.convictions] == ["theft_fraud"]
    assert profile.county == "Jackson County" and profile.zip_known
    assert profile.transport == frozenset({"bike"}) and not profile.has_drivers_license
    assert AccessLog.objects.count() == 0


def test_supervision_that_has_ended_no_longer_counts():
    someone = ParticipantFactory()
    SupervisionTermsFactory(
        participant=someone,
        supervision_type=SupervisionType.PROBATION,
        ends_on=timezone.localdate() - dt.timedelta(days=1),
    )
    (profile,) = selectors.participant_profiles(participant_ids=[someone.pk])
    assert profile.supervision_type == "none"


def test_readiness_comes_from_the_transitional_ratings(person):
    rated_elsewhere = ParticipantFactory()
    DailyRatingFactory(participant=person, work_date=days_ago(2), effort=5, personal_presentation=5)
    DailyRatingFactory(participant=person, work_date=days_ago(1))
    readiness = selectors.readiness_for(participant_ids=[person.pk, rated_elsewhere.pk])
    # Two days of five dimensions: (3+3+3+5+5 + 3*5) / 10 = 3.40; no ratings: absent.
    assert readiness == {person.pk: Decimal("3.40")}


def test_a_participant_with_good_ratings_gets_the_readiness_part_of_the_score(person):
    JobFactory(title="Forklift operator")
    DailyRatingFactory(
        participant=person,
        cooperation_with_supervisor=5,
        effort=5,
        punctuality_and_attendance=5,
        cooperation_with_coworkers=5,
        personal_presentation=5,
    )
    run = services.matches_recompute_for(participant=person)
    assert run.readiness == Decimal("5.00")


def test_recompute_stores_ranked_results_and_the_run(person):
    warehouse = JobFactory(title="Forklift operator")
    bank = JobFactory(title="Bank teller")
    OffenseRule.objects.create(
        policy=bank.employer.hiring_policy, category="drug", decision=PolicyDecision.NEVER
    )
    RecordEntryFactory(participant=person, offense_category="drug")
    run = services.matches_recompute_for(participant=person)
    results = list(MatchResult.objects.filter(participant=person))
    assert [r.job_id for r in results] == [warehouse.pk]
    assert results[0].rank == 1 and 0 < results[0].score <= 100
    assert {"code": "desired_matches", "name": "Forklift operator"} in results[0].reasons
    assert run.jobs_considered == 2 and run.jobs_eligible == 1
    assert run.excluded_by_rule["policy"] == 1
    # A second run replaces the first.
    bank.employer.hiring_policy.rules.all().delete()
    bank.employer.hiring_policy.save()
    services.matches_recompute_for(participant=person)
    assert MatchResult.objects.filter(participant=person).count() == 2
    assert MatchRun.objects.filter(participant=person).count() == 1


def test_page_read_recomputes_when_the_person_changed_or_the_run_is_old(person):
    JobFactory(title="Forklift operator")
    first, _results = services.matches_for_page(participant=person)
    again, _results = services.matches_for_page(participant=person)
    assert again.computed_at == first.computed_at  # fresh: read, not recomputed
    ResumeFactory(participant=person)
    changed, _results = services.matches_for_page(participant=person)
    assert changed.computed_at > first.computed_at
    MatchRun.objects.filter(pk=changed.pk).update(
        computed_at=timezone.now() - dt.timedelta(hours=25)
    )
    old, _results = services.matches_for_page(participant=person)
    assert old.computed_at > changed.computed_at


def test_closed_jobs_drop_out_of_stored_matches_at_once(person):
    job = JobFactory(title="Forklift operator")
    services.matches_recompute_for(participant=person)
    job.status = JobStatus.CLOSED
    job.save()
    assert selectors.matches_of(participant=person) == []


def test_refresh_leaves_an_audit_event(person, staff_user):
    JobFactory()
    services.matches_refresh(participant=person, actor=staff_user)
    event = AuditEvent.objects.get(action="matching.refreshed")
    assert event.actor == staff_user and event.details == {"matches": 1}


def test_nightly_run_matches_every_active_participant(staff_user):
    JobFactory.create_batch(3)
    active = ParticipantFactory.create_batch(4, facilitator=staff_user)
    ParticipantFactory(status="placed")
    result = services.matches_nightly.enqueue().return_value
    assert result["participants"] == 4 and result["jobs"] == 3 and result["matches"] == 12
    assert set(MatchRun.objects.values_list("participant_id", flat=True)) == {p.pk for p in active}


@pytest.mark.parametrize(
    ("zip_code", "notice"), [("", "no_zip"), ("00000", "unknown_zip"), ("64106", None)]
)
def test_bad_profiles_give_results_and_notices(zip_code, notice):
    JobFactory()
    someone = ParticipantFactory(zip_code=zip_code, transport=[])
    run = services.matches_recompute_for(participant=someone)
    codes = [item["code"] for item in run.notices]
    assert "no_skills" in codes
    if notice:
        assert notice in codes
    assert MatchResult.objects.filter(participant=someone).count() == 1


def test_24_hour_curfew_and_no_open_jobs():
    someone = ParticipantFactory()
    SupervisionTermsFactory(participant=someone, curfew_start=dt.time(0), curfew_end=dt.time(0))
    run = services.matches_recompute_for(participant=someone)
    assert [item["code"] for item in run.notices][:1] == ["no_open_jobs"]
    JobFactory()
    run = services.matches_recompute_for(participant=someone)
    assert run.excluded_by_rule["curfew"] == 1
    assert {"code": "curfew_all_day"} in run.notices


def test_record_entry_counts_from_release(person):
    bank = JobFactory(title="Bank teller")
    OffenseRule.objects.create(
        policy=bank.employer.hiring_policy,
        category="theft_fraud",
        decision=PolicyDecision.NOT_WITHIN_YEARS,
        years=7,
    )
    today = timezone.localdate()
    RecordEntry.objects.create(
        participant=person,
        offense_category="theft_fraud",
        level="felony",
        convicted_on=today - dt.timedelta(days=365 * 10),
        released_on=today - dt.timedelta(days=365 * 2),
    )
    run = services.matches_recompute_for(participant=person)
    assert run.jobs_eligible == 0 and run.excluded_by_rule["policy"] == 1


def test_nightly_run_is_queued_in_chunks_that_use_the_stored_index(staff_user, settings):
    settings.PORTAL_MATCHING_NIGHTLY_CHUNK = 2
    JobFactory.create_batch(2)
    active = ParticipantFactory.create_batch(5, facilitator=staff_user)
    result = services.matches_nightly.enqueue().return_value
    assert result["chunks"] == 3 and result["matches"] == 10
    assert set(MatchRun.objects.values_list("participant_id", flat=True)) == {p.pk for p in active}
    # The pages find the index the run stored.
    assert job_index.stored_job_index().index.considered == 2


def test_match_jobs_now_prints_progress_and_peak_memory(staff_user):
    JobFactory.create_batch(2)
    ParticipantFactory.create_batch(3, facilitator=staff_user)
    out = io.StringIO()
    call_command("match_jobs", "--now", stdout=out)
    text = out.getvalue()
    assert "Matched 3 of 3 (100%)" in text
    assert "peak memory" in text and "6 matches" in text


def test_a_skill_reason_names_the_skill_in_the_readers_language():
    """A Spanish reader sees the taxonomy skill's Spanish name in "why this job fits you";
    the English reader the English one, from the same stored reason."""
    from django.utils import translation

    from placements.matching.reasons import text_of

    someone = ParticipantFactory(zip_code="64127")
    someone.skills.set(Skill.objects.filter(slug="warehouse-work"))
    skill = Skill.objects.get(slug="warehouse-work")
    assert skill.name_es and skill.name_es != skill.name
    (profile,) = selectors.participant_profiles(participant_ids=[someone.pk])
    position = profile.terms.index(("skill", "Warehouse work"))
    assert profile.term_names_es[position] == skill.name_es
    assert profile.term_names_es[profile.terms.index(("skill", "picking"))] == skill.name_es

    reason = {"code": "skill_matches", "name": "Warehouse work", "name_es": skill.name_es}
    with translation.override("es"):
        assert skill.name_es in text_of(reason)
    with translation.override("en"):
        assert "Warehouse work" in text_of(reason)
    with translation.override("es"):  # a reason stored before Spanish names keeps English
        assert "Warehouse work" in text_of({"code": "skill_matches", "name": "Warehouse work"})
