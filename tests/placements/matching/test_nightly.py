"""The nightly run's fast path (`engine.rank_jobs_batch`, the batched store, worker
processes) gives exactly what the reference engine (`engine.rank_jobs`, one person at a
time) gives: the same jobs in the same order, the same scores to the last bit, the same
reasons and cautions, the same counts per rule."""

import dataclasses
import datetime as dt
import io
from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from employers.models import JobOffenseRule, OffenseRule, PolicyDecision
from placements.matching import rules, selectors, services
from placements.matching.engine import JobIndex, LiveJobIndex, rank_jobs, rank_jobs_batch
from placements.models import MatchResult, MatchRun
from portal.core.models import Skill
from tests.factories.employers import EmployerFactory, JobFactory
from tests.factories.jobseekers import (
    ParticipantFactory,
    RecordEntryFactory,
    ResumeFactory,
    SupervisionTermsFactory,
)
from tests.factories.matching import TODAY, job, person
from tests.factories.transitional import DailyRatingFactory, days_ago
from tests.placements.matching.test_hard_rules_property import jobs, people

TITLES = ["Stocker", "Line cook", "Welder helper", "Janitor", "Forklift operator", "Cashier"]


@st.composite
def varied_jobs(draw):
    """The property test's jobs, with the parts of the score varied too."""
    posting = draw(jobs())
    return dataclasses.replace(
        posting,
        title=draw(st.sampled_from(TITLES)),
        skills=tuple(draw(st.lists(st.sampled_from(TITLES), max_size=2))),
        wage_max=Decimal(draw(st.integers(1100, 2600))) / 100,
        shift_period=draw(st.sampled_from(["", "day", "evening", "night"])),
        works_weekends=draw(st.booleans()),
    )


@st.composite
def varied_people(draw):
    someone = draw(people())
    terms = draw(st.lists(st.sampled_from(TITLES), max_size=3))
    return dataclasses.replace(
        someone,
        terms=(*someone.terms, *(("desired", title) for title in terms)),
        wage_floor=draw(st.one_of(st.none(), st.sampled_from([Decimal(13), Decimal("16.50")]))),
        preferred_shifts=frozenset(
            draw(st.lists(st.sampled_from(["day", "evening", "night", "weekend"]), unique=True))
        ),
        readiness=draw(st.one_of(st.none(), st.sampled_from([Decimal("2.40"), Decimal(5)]))),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    crowd=st.lists(varied_people(), min_size=1, max_size=6),
    postings=st.lists(varied_jobs(), min_size=1, max_size=25),
    limit=st.sampled_from([0, 1, 3, 20]),
)
def test_batch_ranking_is_the_reference_ranking(crowd, postings, limit):
    # People who share a home, a curfew and a record share the batch's columns.
    crowd = [*crowd, *(dataclasses.replace(someone, id=someone.id + 10**6) for someone in crowd)]
    index = JobIndex(postings)
    expected = [rank_jobs(index, someone, today=TODAY, limit=limit) for someone in crowd]
    fast = rank_jobs_batch(JobIndex(postings), crowd, today=TODAY, limit=limit)
    assert fast == expected
    # Scores to the last bit, not only once rounded.
    assert [[m.rank_total for m in r.matches] for r in fast] == [
        [m.rank_total for m in r.matches] for r in expected
    ]


def test_a_live_index_with_changes_is_ranked_one_person_at_a_time():
    postings = [job("Stocker"), job("Janitor"), job("Cook")]
    someone = person(terms=(("desired", "Stocker"),))
    live = LiveJobIndex(JobIndex(postings), withdrawn_ids=[postings[0].id])
    assert rank_jobs_batch(live, [someone], today=TODAY) == [rank_jobs(live, someone, today=TODAY)]


def _sample(staff):
    """Jobs and people of every kind the rules and the score tell apart."""
    today = timezone.localdate()
    strict = EmployerFactory()
    OffenseRule.objects.create(
        policy=strict.hiring_policy,
        category="theft_fraud",
        decision=PolicyDecision.NOT_WITHIN_YEARS,
        years=7,
    )
    strict.hiring_policy.accepts_parole = False
    strict.hiring_policy.save()
    JobFactory(employer=strict, title="Bank teller", wage_max=Decimal("21.00"))
    night = JobFactory(
        title="Night stocker",
        shift_start=dt.time(22),
        shift_end=dt.time(6),
        shift_period="night",
        wage_min=Decimal("15.00"),
        wage_max=Decimal("17.25"),
    )
    JobOffenseRule.objects.create(job=night, category="drug", decision=PolicyDecision.NEVER)
    JobFactory(title="Forklift operator", certifications_required="Forklift", wage_max=18)
    JobFactory(title="Delivery driver", requires_drivers_license=True, transit_accessible=False)
    JobFactory(title="Warehouse associate", zip_code="64050", latitude=39.099, longitude=-94.424)
    JobFactory(title="Call center agent", remote=True)
    JobFactory(title="Line cook", zip_code="66101", state="KS", latitude=39.117, longitude=-94.627)
    JobFactory.create_batch(
        4, title="Dishwasher", wage_min=Decimal("13.00"), wage_max=Decimal("14.00")
    )

    people = [
        ParticipantFactory(facilitator=staff, desired_job_titles=["Stocker"], transport=["bus"]),
        ParticipantFactory(
            facilitator=staff, zip_code="64127", transport=["bike"], wage_floor=Decimal(16)
        ),
        ParticipantFactory(facilitator=staff, zip_code="", preferred_shifts=["night"]),
        ParticipantFactory(
            facilitator=staff, release_date=today + timedelta(days=40), transport=["car"]
        ),
        ParticipantFactory(facilitator=staff, zip_code="64118", desired_job_titles=["Cook"]),
    ]
    people[0].skills.set(Skill.objects.all()[:3])
    ResumeFactory(participant=people[1], certifications=[{"name": "Forklift", "year": "2022"}])
    SupervisionTermsFactory(participant=people[0], travel_limit="county")
    SupervisionTermsFactory(
        participant=people[2],
        supervision_type="probation",
        curfew_start=time(20),
        curfew_end=time(7),
    )
    RecordEntryFactory(participant=people[0], offense_category="theft_fraud")
    RecordEntryFactory(participant=people[2], offense_category="drug")
    DailyRatingFactory(participant=people[4], work_date=days_ago(1), effort=5)
    return people


def _stored():
    results = {
        (row.participant_id, row.rank): (
            row.job_id,
            row.score,
            row.reasons,
            row.cautions,
            row.available_from,
        )
        for row in MatchResult.objects.all()
    }
    runs = {
        run.participant_id: (
            run.jobs_considered,
            run.jobs_eligible,
            run.excluded_by_rule,
            run.notices,
            run.readiness,
            run.available_from,
        )
        for run in MatchRun.objects.all()
    }
    return results, runs


def _reference(people):
    """What the reference engine finds, one person at a time, written the way it was
    before the nightly run had its own path (model instances, json.dumps)."""
    today = timezone.localdate()
    index = JobIndex(selectors.open_job_profiles())
    results, runs = {}, {}
    for profile in selectors.participant_profiles(participant_ids=[p.pk for p in people]):
        ranking = rank_jobs(
            index,
            profile,
            today=today,
            weights=rules.matching_weights(),
            limits=rules.matching_limits(),
            limit=rules.matching_results_per_participant(),
        )
        for rank, match in enumerate(ranking.matches, start=1):
            results[(profile.id, rank)] = (
                match.job_id,
                match.score,
                match.reasons,
                match.cautions,
                match.available_from,
            )
        readiness = ranking.readiness
        runs[profile.id] = (
            ranking.considered,
            ranking.eligible,
            ranking.excluded,
            ranking.notices,
            None if readiness is None else Decimal(str(round(1 + 4 * readiness, 2))),
            ranking.matches[0].available_from if ranking.matches else None,
        )
    return results, runs


@pytest.mark.django_db
def test_the_nightly_run_stores_what_the_reference_engine_finds(staff_user):
    people = _sample(staff_user)
    # Batches of two: people of one batch share columns, the next batch reuses them.
    result = services.matches_recompute_all(batch_size=2)
    assert result["participants"] == len(people)
    results, runs = _stored()
    expected_results, expected_runs = _reference(people)
    assert results == expected_results
    assert runs == expected_runs
    # The sample reaches every hard rule and the reasons a person reads.
    excluded = {rule for run in expected_runs.values() for rule, n in run[2].items() if n}
    assert excluded >= {"policy", "supervision", "curfew", "travel", "requirements", "transport"}
    assert result["matches"] == len(expected_results)


@pytest.mark.django_db
def test_a_rolled_back_run_leaves_the_stored_matches(staff_user):
    people = _sample(staff_user)
    services.matches_recompute_all()
    before = _stored()
    MatchResult.objects.filter(participant=people[0]).update(score=1)
    changed = _stored()
    result = services.matches_recompute_all(rollback=True)
    assert result["matches"] == len(before[0])
    assert _stored() == changed


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="worker processes need a shared database"
)
@pytest.mark.django_db(transaction=True)
def test_two_worker_processes_store_what_one_process_stores(staff_user):
    people = _sample(staff_user)
    services.matches_recompute_all()
    alone = _stored()
    MatchResult.objects.all().delete()
    MatchRun.objects.all().delete()
    out = io.StringIO()
    call_command("match_jobs", "--now", "--workers", "2", "--batch-size", "2", stdout=out)
    assert _stored() == alone
    text = out.getvalue()
    assert f"Matched {len(people)} of {len(people)} (100%)" in text
    assert "2 worker processes" in text and "peak memory" in text
