"""Readiness summaries (the contract matching relies on) and scoped reads."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from placements.transitional.selectors import (
    ReadinessSummary,
    pay_stubs_visible_to,
    readiness_summaries,
    time_entries_visible_to,
)
from tests.factories.jobseekers import ParticipantFactory
from tests.factories.transitional import (
    DailyRatingFactory,
    TimeEntryFactory,
    WorkAssignmentFactory,
)
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

START = date(2026, 3, 2)


def rate_days(participant, scores, start=START):
    """One rating a day from `start`, every dimension at the given score (oldest first)."""
    for offset, score in enumerate(scores):
        DailyRatingFactory(
            participant=participant,
            work_date=start + timedelta(days=offset),
            **dict.fromkeys(
                [
                    "cooperation_with_supervisor",
                    "effort",
                    "punctuality_and_attendance",
                    "cooperation_with_coworkers",
                    "personal_presentation",
                ],
                score,
            ),
        )


def test_average_days_and_an_upward_trend():
    person = ParticipantFactory()
    rate_days(person, [2, 2, 2, 2, 2, 4, 4, 4, 4, 4])
    assignment = WorkAssignmentFactory(participant=person)
    for offset in range(12):
        TimeEntryFactory(assignment=assignment, work_date=START + timedelta(days=offset))
    summary = readiness_summaries(participant_ids=[person.pk])[person.pk]
    assert summary == ReadinessSummary(
        average=Decimal("3.00"), days_rated=10, days_worked=12, trend="up"
    )


def test_the_average_mixes_the_five_dimensions_to_two_places():
    person = ParticipantFactory()
    DailyRatingFactory(participant=person, work_date=START, effort=5, personal_presentation=4)
    DailyRatingFactory(participant=person, work_date=START + timedelta(days=1), effort=1)
    # (3+5+3+3+4) + (3+1+3+3+3) = 18 + 13 = 31 points over 10 scores.
    summary = readiness_summaries(participant_ids=[person.pk])[person.pk]
    assert summary.average == Decimal("3.10")
    assert summary.days_worked == 0
    assert summary.trend == "steady"  # no five earlier days to compare with


def test_a_downward_trend_compares_the_last_five_with_the_five_before():
    person = ParticipantFactory()
    # The oldest days (1) are outside the two windows of five.
    rate_days(person, [1, 1, 1, 5, 5, 5, 5, 5, 3, 3, 3, 3, 3])
    assert readiness_summaries(participant_ids=[person.pk])[person.pk].trend == "down"


def test_equal_windows_are_steady_and_people_without_ratings_are_absent():
    rated, unrated = ParticipantFactory(), ParticipantFactory()
    rate_days(rated, [3] * 10)
    result = readiness_summaries(participant_ids=[rated.pk, unrated.pk])
    assert set(result) == {rated.pk}
    assert result[rated.pk].trend == "steady"
    assert readiness_summaries(participant_ids=[]) == {}


@pytest.mark.parametrize("people", [1, 30])
def test_readiness_summaries_run_a_fixed_number_of_queries(django_assert_max_num_queries, people):
    ids = []
    for _ in range(people):
        person = ParticipantFactory()
        rate_days(person, [3, 4, 5])
        ids.append(person.pk)
    with django_assert_max_num_queries(3):
        assert len(readiness_summaries(participant_ids=ids)) == people


def test_a_participant_reads_only_their_own_shifts_and_final_stubs():
    login = UserFactory(role="participant")
    mine = TimeEntryFactory(assignment=WorkAssignmentFactory(participant__user=login))
    TimeEntryFactory()
    assert list(time_entries_visible_to(user=login)) == [mine]
    assert not pay_stubs_visible_to(user=login).exists()


def test_an_employer_reads_nothing(employer_user):
    TimeEntryFactory()
    assert not time_entries_visible_to(user=employer_user).exists()
    assert not pay_stubs_visible_to(user=employer_user).exists()
