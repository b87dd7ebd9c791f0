"""Services: happy paths, each rule, and bad input (a clear error, nothing saved)."""

import datetime
from datetime import time, timedelta

import pytest
from django.utils import timezone

from jobseekers import services
from jobseekers.exceptions import (
    PossibleDuplicateError,
)
from jobseekers.models import (
    CaseNote,
    Consent,
    ConsentKind,
    Participant,
    ParticipantStatus,
    RecordEntry,
    SupervisionTerms,
)
from jobseekers.selectors import consent_in_force
from portal.core.exceptions import ApplicationError, NotFoundError
from portal.core.models import AuditEvent
from tests.factories.jobseekers import (
    ParticipantFactory,
    RecordEntryFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def intake(actor, **overrides):
    values = {
        "first_name": "John",
        "last_name": "Smith",
        "date_of_birth": datetime.date(1985, 4, 2),
        "phone": "(816) 555-0123",
        "zip_code": "64106",
        "release_date": TODAY() - timedelta(days=10),
        "programs": ["job_club"],
        "transport": ["bus"],
    }
    values.update(overrides)
    return services.participant_create(actor=actor, **values)


# ----------------------------------------------------------------------------- intake


def test_intake_creates_a_participant_on_the_staff_caseload(staff_user):
    person = intake(staff_user)

    assert person.facilitator == staff_user
    assert person.status == ParticipantStatus.ACTIVE
    assert person.phone == "+18165550123"
    assert AuditEvent.objects.filter(action="participant.created").count() == 1


def test_intake_accepts_a_future_release_for_pre_release_people(staff_user):
    person = intake(staff_user, release_date=TODAY() + timedelta(days=45))
    assert person.release_date > TODAY()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"phone": "555-0123"}, "phone"),
        ({"phone": "not a phone"}, "phone"),
        ({"release_date": datetime.date(1980, 1, 1)}, "release_date"),
        ({"date_of_birth": TODAY() + timedelta(days=1), "release_date": None}, "date_of_birth"),
        ({"zip_code": "00000"}, "zip_code"),
        ({"first_name": "x" * 101}, "first_name"),
        ({"programs": ["flying"]}, "programs"),
    ],
)
def test_intake_bad_input_saves_nothing(staff_user, overrides, field):
    with pytest.raises(ApplicationError) as error:
        intake(staff_user, **overrides)

    assert field in error.value.fields
    assert Participant.objects.count() == 0
    assert not AuditEvent.objects.filter(action="participant.created").exists()


def test_intake_by_a_participant_or_employer_is_refused(participant, employer_user):
    for actor in (participant, employer_user):
        with pytest.raises(NotFoundError):
            intake(actor)
    assert Participant.objects.count() == 0


def test_intake_catches_a_similar_name_with_the_same_birthday(staff_user):
    existing = ParticipantFactory(
        first_name="Jon", last_name="Smith", date_of_birth=datetime.date(1985, 4, 2)
    )

    with pytest.raises(PossibleDuplicateError) as error:
        intake(staff_user)

    assert error.value.candidates == [existing]
    assert Participant.objects.count() == 1


def test_intake_does_not_flag_a_different_birthday_or_name(staff_user):
    ParticipantFactory(first_name="Jon", last_name="Smith", date_of_birth=datetime.date(1986, 4, 2))
    ParticipantFactory(
        first_name="Maria", last_name="Lopez", date_of_birth=datetime.date(1985, 4, 2)
    )

    intake(staff_user)

    assert Participant.objects.count() == 3


def test_staff_confirm_a_different_person_to_continue(staff_user):
    ParticipantFactory(first_name="Jon", last_name="Smith", date_of_birth=datetime.date(1985, 4, 2))

    person = intake(staff_user, confirmed_not_duplicate=True)

    assert person.pk
    event = AuditEvent.objects.get(action="participant.created")
    assert event.details["duplicate_confirmed"] is True


# ------------------------------------------------------------------- profile & status


def test_participant_edits_only_their_own_fields(person, participant):
    services.participant_update_own(
        participant=person, actor=participant, preferred_name="P.", phone="816 555 0188"
    )
    person.refresh_from_db()
    assert person.phone == "+18165550188"

    with pytest.raises(ApplicationError) as error:
        services.participant_update_own(participant=person, actor=participant, release_date=TODAY())
    assert "release_date" in error.value.fields


def test_staff_of_another_caseload_cannot_edit(person, other_staff):
    with pytest.raises(NotFoundError):
        services.participant_update(participant=person, actor=other_staff, facility="X")


def test_status_follows_the_allowed_transitions(person, staff_user):
    services.participant_status_change(
        participant=person, actor=staff_user, status=ParticipantStatus.PLACED
    )
    person.refresh_from_db()
    assert person.status == ParticipantStatus.PLACED
    services.participant_status_change(
        participant=person, actor=staff_user, status=ParticipantStatus.ACTIVE
    )
    person.refresh_from_db()
    assert person.status == ParticipantStatus.ACTIVE


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (ParticipantStatus.EXITED, "use_program_exit"),
        (ParticipantStatus.RETURNED_TO_CUSTODY, "use_custody_event"),
    ],
)
def test_leaving_and_returning_to_custody_need_their_dated_record(person, staff_user, status, code):
    # A bare status would leave the outcome figures without the date and reason they count.
    with pytest.raises(ApplicationError) as refused:
        services.participant_status_change(
            participant=person,
            actor=staff_user,
            status=status,
            custody_return_type="technical_violation",
        )
    assert refused.value.code == code
    assert "status" in refused.value.fields
    person.refresh_from_db()
    assert person.status == ParticipantStatus.ACTIVE
    assert not person.custody_events.exists()
    assert not person.program_exits.exists()


def test_back_to_active_after_an_exit_is_a_reenrolment(person, staff_user):
    services.program_exit_record(
        participant=person,
        actor=staff_user,
        exited_on=timezone.localdate(),
        reason="withdrew",
    )
    services.participant_status_change(
        participant=person, actor=staff_user, status=ParticipantStatus.ACTIVE
    )
    person.refresh_from_db()
    assert person.status == ParticipantStatus.ACTIVE
    program_exit = person.program_exits.get()
    assert program_exit.reenrolled_on == timezone.localdate()


def test_reassign_moves_the_caseload(person, staff_user, other_staff):
    services.participant_reassign(participant=person, actor=staff_user, facilitator=other_staff)
    person.refresh_from_db()
    assert person.facilitator == other_staff


def test_reassign_to_a_non_staff_user_is_refused(person, staff_user, employer_user):
    with pytest.raises(ApplicationError):
        services.participant_reassign(
            participant=person, actor=staff_user, facilitator=employer_user
        )
    person.refresh_from_db()
    assert person.facilitator == staff_user


# --------------------------------------------------------------- supervision & record


def test_supervision_with_a_curfew_across_midnight(person, staff_user):
    terms = services.supervision_terms_set(
        participant=person,
        actor=staff_user,
        supervision_type="parole",
        officer_phone="816-555-0100",
        curfew_start=time(22, 0),
        curfew_end=time(6, 0),
    )
    assert terms.curfew_covers(time(23, 30))
    assert terms.curfew_covers(time(5, 0))
    assert not terms.curfew_covers(time(12, 0))
    # The audit trail names the fields, never their values.
    event = AuditEvent.objects.get(action="supervision_terms.set")
    assert "816" not in str(event.details)


@pytest.mark.parametrize(
    ("start", "end"), [(time(22, 0), time(22, 0)), (time(22, 0), None), (None, time(6, 0))]
)
def test_curfew_must_have_two_different_ends(person, staff_user, start, end):
    with pytest.raises(ApplicationError) as error:
        services.supervision_terms_set(
            participant=person,
            actor=staff_user,
            supervision_type="parole",
            curfew_start=start,
            curfew_end=end,
        )
    assert "curfew_end" in error.value.fields
    assert not SupervisionTerms.objects.exists()


def test_supervision_rejects_an_invalid_officer_phone(person, staff_user):
    with pytest.raises(ApplicationError) as error:
        services.supervision_terms_set(
            participant=person, actor=staff_user, supervision_type="parole", officer_phone="12"
        )
    assert "officer_phone" in error.value.fields
    assert not SupervisionTerms.objects.exists()


def test_participant_cannot_change_their_supervision(person, participant):
    with pytest.raises(NotFoundError):
        services.supervision_terms_set(
            participant=person, actor=participant, supervision_type="none"
        )


def test_record_entry_added(person, staff_user):
    entry = services.record_entry_add(
        participant=person,
        actor=staff_user,
        offense_category="theft_fraud",
        level="felony",
        convicted_on=TODAY() - timedelta(days=1000),
        released_on=TODAY() - timedelta(days=30),
        description="Details",
    )
    assert entry.pk
    event = AuditEvent.objects.get(action="record.entry_added")
    assert "Details" not in str(event.details)


@pytest.mark.parametrize(
    ("convicted", "released", "field"),
    [
        (-10, -100, "released_on"),  # conviction after release
        (5, None, "convicted_on"),  # in the future
        (-40000, None, "convicted_on"),  # before birth
    ],
)
def test_record_dates_must_be_in_order(person, staff_user, convicted, released, field):
    with pytest.raises(ApplicationError) as error:
        services.record_entry_add(
            participant=person,
            actor=staff_user,
            offense_category="drug",
            level="felony",
            convicted_on=TODAY() + timedelta(days=convicted),
            released_on=TODAY() + timedelta(days=released) if released else None,
        )
    assert field in error.value.fields
    assert not RecordEntry.objects.exists()


def test_record_replace_is_all_or_nothing(person, staff_user):
    RecordEntryFactory(participant=person)
    good = {
        "offense_category": "drug",
        "level": "misdemeanor",
        "convicted_on": TODAY() - timedelta(days=500),
    }
    bad = {**good, "released_on": TODAY() - timedelta(days=900)}

    with pytest.raises(ApplicationError) as error:
        services.record_replace(participant=person, actor=staff_user, entries=[good, bad])

    assert "entries.1.released_on" in error.value.fields
    assert RecordEntry.objects.filter(participant=person).count() == 1


def test_record_rejects_unknown_category(person, staff_user):
    with pytest.raises(ApplicationError):
        services.record_entry_add(
            participant=person,
            actor=staff_user,
            offense_category="arrest",
            level="felony",
            convicted_on=TODAY() - timedelta(days=500),
        )
    assert not RecordEntry.objects.exists()


# -------------------------------------------------------------------------- consents


def test_consent_history_and_immediate_withdrawal(person, participant, staff_user):
    kind = ConsentKind.SHARE_RECORD_SUMMARY
    services.consent_set(participant=person, actor=staff_user, kind=kind, given=True)
    assert consent_in_force(participant=person, kind=kind)

    services.consent_set(participant=person, actor=participant, kind=kind, given=False)

    assert not consent_in_force(participant=person, kind=kind)
    assert Consent.objects.filter(participant=person, kind=kind).count() == 2
    assert AuditEvent.objects.filter(action="consent.withdrawn").count() == 1


@pytest.mark.parametrize("who", ["other_staff", "employer_user", "other_participant_user"])
def test_consent_changes_by_others_are_refused(request, person, who):
    with pytest.raises(NotFoundError):
        services.consent_set(
            participant=person,
            actor=request.getfixturevalue(who),
            kind=ConsentKind.SHARE_RECORD_SUMMARY,
            given=True,
        )
    assert not Consent.objects.exists()


def test_case_note_only_by_caseload_staff(person, staff_user, participant):
    services.case_note_add(participant=person, actor=staff_user, kind="call", text="Called.")
    with pytest.raises(NotFoundError):
        services.case_note_add(participant=person, actor=participant, kind="call", text="Hi")
    assert CaseNote.objects.count() == 1


def test_case_note_bad_kind_saves_nothing(person, staff_user):
    with pytest.raises(ApplicationError):
        services.case_note_add(participant=person, actor=staff_user, kind="gossip", text="x")
    assert not CaseNote.objects.exists()
