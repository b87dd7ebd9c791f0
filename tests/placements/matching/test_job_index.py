"""The stored index of open jobs kept up to date without a rebuild in a page request:
a stored index with the changes applied ranks exactly like one built now; a closed job
leaves a participant's matches and a new one enters them, with only the changed jobs
indexed; a cold process serves matches from the stored index; employers' job changes
queue the background rebuild."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from employers.models import Employer, HiringPolicy, JobPosting
from employers.services import job_close
from placements.matching import job_index, selectors, services
from placements.matching.engine import JobIndex, LiveJobIndex, rank_jobs
from placements.matching.exceptions import MatchingNotReadyError
from placements.models import MatchResult
from tests.factories.employers import HiringPolicyFactory, JobFactory
from tests.factories.matching import TODAY, replace
from tests.placements.matching.test_hard_rules_property import jobs, people

# --- The engine: a stored index with changes applied ranks like a fresh one ----------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    someone=people(),
    postings=st.lists(jobs(), min_size=1, max_size=14),
    data=st.data(),
)
def test_live_index_ranks_exactly_like_an_index_built_now(someone, postings, data):
    stored = postings[: data.draw(st.integers(0, len(postings)))]
    closed = {p.id for p in stored if data.draw(st.booleans())}
    changed = {p.id for p in stored if p.id not in closed and data.draw(st.booleans())}
    new = [p for p in postings if p not in stored]
    # A changed job pays more now: it must be ranked with its new wage.
    now_open = [p for p in stored if p.id not in closed and p.id not in changed]
    rewritten = [
        replace(p, wage_max=p.wage_max + Decimal("4.00")) for p in stored if p.id in changed
    ]
    live = LiveJobIndex(JobIndex(stored), withdrawn_ids=closed | changed, added=[*rewritten, *new])
    fresh = JobIndex(sorted([*now_open, *rewritten, *new], key=lambda p: p.id))
    for limit in (0, 3):
        expected = rank_jobs(fresh, someone, today=TODAY, limit=limit)
        got = rank_jobs(live, someone, today=TODAY, limit=limit)
        assert [(m.job_id, m.score, m.reasons, m.cautions) for m in got.matches] == [
            (m.job_id, m.score, m.reasons, m.cautions) for m in expected.matches
        ]
        assert got.excluded == expected.excluded
        assert (got.considered, got.eligible, got.notices) == (
            expected.considered,
            expected.eligible,
            expected.notices,
        )


# --- Pages: closed jobs leave, new ones enter, no rebuild ---------------------------------


def _stored_index_of_old_jobs():
    """The stored index, built when the jobs so far had not changed for hours (in a
    test everything is seconds old, and changes of the last minute are applied again
    to be safe)."""
    hours_ago = timezone.now() - dt.timedelta(hours=3)
    JobPosting.objects.update(updated_at=hours_ago)
    HiringPolicy.objects.update(updated_at=hours_ago)
    Employer.objects.update(vetted_at=hours_ago)
    return job_index.job_index_build()


def _no_full_rebuild(monkeypatch):
    """Fail the test if anything indexes every open job again; return the job ids the
    page did index."""
    indexed: list[int] = []
    original = selectors.open_job_profiles

    def only_changes(*, job_ids=None):
        assert job_ids is not None, "the whole index was rebuilt"
        profiles = original(job_ids=job_ids)
        indexed.extend(profile.id for profile in profiles)
        return profiles

    monkeypatch.setattr(selectors, "open_job_profiles", only_changes)
    return indexed


@pytest.mark.django_db
def test_closed_job_leaves_and_new_job_enters_matches_without_a_rebuild(
    person, employer, employer_user, monkeypatch
):
    kept = JobFactory(title="Forklift operator", employer=employer)
    closing = JobFactory(title="Forklift operator", employer=kept.employer)
    others = JobFactory.create_batch(3, title="Line cook")
    _stored_index_of_old_jobs()
    run, results = services.matches_for_page(participant=person)
    assert {r.job_id for r in results} == {kept.pk, closing.pk, *(o.pk for o in others)}

    indexed = _no_full_rebuild(monkeypatch)
    # The background rebuild the change queues has not run yet.
    monkeypatch.setattr(services, "job_index_refresh_soon", lambda job_ids=None: None)
    job_close(job=closing, actor=employer_user)
    opened = JobFactory(title="Forklift driver")
    run, results = services.matches_for_page(participant=person)

    shown = [r.job_id for r in results]
    assert closing.pk not in shown
    assert opened.pk in shown and kept.pk in shown
    assert MatchResult.objects.filter(participant=person, job=closing).count() == 0
    assert run.jobs_considered == 5  # 4 of the stored index, less 1 closed, plus 1 new
    assert set(indexed) == {opened.pk}


@pytest.mark.django_db
def test_a_changed_job_is_ranked_with_its_new_details(person, monkeypatch):
    job = JobFactory(title="Line cook")
    _stored_index_of_old_jobs()
    services.matches_for_page(participant=person)
    indexed = _no_full_rebuild(monkeypatch)
    job.title = "Forklift operator"
    job.save()
    _run, results = services.matches_for_page(participant=person)
    assert {"code": "desired_matches", "name": "Forklift operator"} in results[0].reasons
    assert indexed == [job.pk]


@pytest.mark.django_db
def test_a_cold_process_serves_matches_from_the_stored_index(person, monkeypatch):
    job = JobFactory(title="Forklift operator")
    job_index.job_index_build()
    # Another server: nothing of it in this process's memory.
    job_index.PROCESS_MEMO.clear()
    indexed = _no_full_rebuild(monkeypatch)
    run, results = services.matches_for_page(participant=person)
    assert [r.job_id for r in results] == [job.pk]
    assert indexed == [] and run.jobs_considered == 1


@pytest.mark.django_db
def test_without_a_stored_index_the_page_shows_the_stored_matches(person, monkeypatch):
    job = JobFactory(title="Forklift operator")
    services.matches_recompute_for(participant=person)
    job_index.job_index_forget()
    monkeypatch.setattr(services, "job_index_refresh_soon", lambda job_ids=None: None)
    person.wage_floor = Decimal("16.00")
    person.save()  # stale: the page would recompute if it could
    _run, results = services.matches_for_page(participant=person)
    assert [r.job_id for r in results] == [job.pk]
    with pytest.raises(MatchingNotReadyError):
        services.matches_recompute_for(participant=person)


@pytest.mark.django_db
def test_closing_a_job_queues_one_rebuild_after_the_commit(
    employer, employer_user, django_capture_on_commit_callbacks
):
    jobs_open = JobFactory.create_batch(2, employer=employer)
    first = job_index.job_index_build()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job_close(job=jobs_open[0], actor=employer_user)
    assert len(callbacks) == 1
    rebuilt = job_index.stored_job_index()
    assert rebuilt.token != first.token
    assert rebuilt.index.ids.tolist() == [jobs_open[1].pk]


@pytest.mark.django_db
def test_many_changes_wait_for_the_background_rebuild(person, monkeypatch, settings):
    settings.PORTAL_MATCHING_MAX_LIVE_CHANGES = 1
    JobFactory(title="Forklift operator")
    job_index.job_index_build()
    services.matches_for_page(participant=person)
    queued = []
    monkeypatch.setattr(services, "job_index_refresh_soon", lambda job_ids=None: queued.append(1))
    JobFactory.create_batch(2, title="Forklift operator")
    _no_full_rebuild(monkeypatch)
    _run, results = services.matches_for_page(participant=person)
    assert len(results) == 1  # the stored matches, until the rebuild has run
    assert queued == [1]


@pytest.mark.django_db
def test_the_last_change_is_the_signatures_whichever_row_changed_last(employer):
    """`jobs_last_changed` (what a participant's page reads) is the moment the whole
    signature gives, whether a job, a policy or a vetting decision changed last."""
    assert selectors.jobs_last_changed() == selectors.jobs_changed_at(
        selectors.open_jobs_signature()
    )
    job = JobFactory(employer=employer)
    policy = HiringPolicy.objects.filter(employer=employer).first() or HiringPolicyFactory(
        employer=employer
    )
    for change in ("job", "policy", "vetting"):
        moment = timezone.now() + dt.timedelta(minutes=len(change))
        if change == "job":
            JobPosting.objects.filter(pk=job.pk).update(updated_at=moment)
        elif change == "policy":
            HiringPolicy.objects.filter(pk=policy.pk).update(updated_at=moment)
        else:
            Employer.objects.filter(pk=employer.pk).update(vetted_at=moment)
        last = selectors.jobs_last_changed()
        assert last == selectors.jobs_changed_at(selectors.open_jobs_signature())
        assert last == moment
