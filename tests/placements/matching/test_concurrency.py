"""Two recomputes of one person at once (two page loads, a page during the nightly
batch) on PostgreSQL: both succeed and one set of results is left. SQLite has no row
locks to race on."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from placements.matching.services import matches_rank, matches_store
from placements.models import MatchResult, MatchRun
from tests.factories.employers import JobFactory
from tests.factories.jobseekers import ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite has no row locks (select_for_update) to race on.")


def test_two_stores_for_one_person_at_once_both_succeed():
    person = ParticipantFactory(zip_code="64106")
    JobFactory(title="Forklift operator")
    JobFactory(title="Line cook")
    rankings = matches_rank(participant_ids=[person.pk])
    barrier = threading.Barrier(2)
    results: list[str] = []

    def store():
        try:
            barrier.wait()
            matches_store(rankings=rankings, computed_at=timezone.now())
            results.append("ok")
        except Exception as error:  # the race's failure is what we look for
            results.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=store) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["ok", "ok"]
    assert MatchRun.objects.filter(participant=person).count() == 1
    stored = MatchResult.objects.filter(participant=person).count()
    assert stored == len(rankings[0].matches)
