"""Selectors other apps rely on (placements): consent, record summary, matching input,
duplicates."""

import datetime

import pytest

from jobseekers import selectors
from jobseekers.models import ConsentKind
from portal.core.models import AccessLog, Role
from tests.factories.jobseekers import ConsentFactory, ParticipantFactory, RecordEntryFactory

pytestmark = pytest.mark.django_db


def test_record_summary_never_has_descriptions_and_is_logged(person, employer_user):
    RecordEntryFactory(participant=person, description="Secret words")

    rows = selectors.record_summary_for(
        participant=person, viewer=employer_user, why="application:42"
    )

    assert rows[0]["offense_category"] == "drug"
    assert "description" not in rows[0]
    assert "Secret words" not in str(rows)
    log = AccessLog.objects.get()
    assert (log.viewer, log.what, log.why) == (employer_user, "record_summary", "application:42")


def test_own_reads_are_not_logged(person, participant):
    RecordEntryFactory(participant=person)
    selectors.record_entries_for(participant=person, viewer=participant, why="self")
    selectors.supervision_terms_for(participant=person, viewer=participant, why="self")
    assert not AccessLog.objects.exists()


def test_consent_in_force_reads_the_newest_row(person):
    kind = ConsentKind.SHARE_RECORD_SUMMARY
    assert not selectors.consent_in_force(participant=person, kind=kind)
    ConsentFactory(participant=person, kind=kind, given=True)
    assert selectors.consent_in_force(participant=person, kind=kind)
    ConsentFactory(participant=person, kind=kind, given=False)
    assert not selectors.consent_in_force(participant=person, kind=kind)
    # Another kind is unaffected.
    assert not selectors.consent_in_force(
        participant=person, kind=ConsentKind.SHARE_PROFILE_WITH_FAIR_EMPLOYERS
    )


def test_matching_input_groups_convictions_without_logging(person, other_person):
    RecordEntryFactory(participant=person)
    RecordEntryFactory(participant=person, offense_category="dui")

    grouped = selectors.record_entries_for_matching(participant_ids=[person.pk, other_person.pk])

    assert sorted(entry.offense_category for entry in grouped[person.pk]) == ["drug", "dui"]
    assert other_person.pk not in grouped
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize(
    ("name", "found"),
    [(("John", "Smith"), True), (("Smith", "John"), True), (("Joan", "Smythe"), False)],
)
def test_duplicates_by_similar_name_and_same_birthday(name, found):
    existing = ParticipantFactory(
        first_name="Jon", last_name="Smith", date_of_birth=datetime.date(1980, 1, 1)
    )
    result = selectors.participant_duplicates(
        first_name=name[0], last_name=name[1], date_of_birth=datetime.date(1980, 1, 1)
    )
    assert (result == [existing]) is found


def test_participants_visible_to_each_role(users_by_role, person, other_person, other_staff):
    def visible(user):
        return set(selectors.participants_visible_to(user=user))

    assert visible(users_by_role[Role.PARTICIPANT]) == {person}
    assert visible(users_by_role[Role.EMPLOYER]) == set()
    assert visible(users_by_role[Role.STAFF]) == {person}
    assert visible(other_staff) == {other_person}
    assert visible(users_by_role[Role.ADMIN]) == {person, other_person}
