"""Services: happy paths, each rule, and bad input (a clear error, nothing saved)."""

import datetime
from datetime import time, timedelta

import pytest
from django.utils import timezone

from jobseekers import services
from jobseekers.exceptions import (
    AccountExistsError,
    InvitationError,
    PossibleDuplicateError,
)
from jobseekers.models import (
    Attendance,
    CaseNote,
    Consent,
    ConsentKind,
    Invitation,
    Participant,
    ParticipantStatus,
    RecordEntry,
    Resume,
    ResumeVersion,
    SupervisionTerms,
)
from jobseekers.selectors import consent_in_force
from portal.core.exceptions import ApplicationError, NotFoundError
from portal.core.models import AuditEvent, User
from portal.core.transitions import InvalidTransition
from tests.factories.jobseekers import (
    JobClubSessionFactory,
    ParticipantFactory,
    RecordEntryFactory,
    ResumeCommentFactory,
    ResumeFactory,
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
        participant=person,
        actor=staff_user,
        status=ParticipantStatus.RETURNED_TO_CUSTODY,
        custody_return_type="technical_violation",
    )
    person.refresh_from_db()
    assert person.custody_return_type == "technical_violation"

    with pytest.raises(InvalidTransition):
        services.participant_status_change(
            participant=person, actor=staff_user, status=ParticipantStatus.PLACED
        )
    person.refresh_from_db()
    assert person.status == ParticipantStatus.RETURNED_TO_CUSTODY


def test_return_to_custody_needs_its_type(person, staff_user):
    with pytest.raises(ApplicationError):
        services.participant_status_change(
            participant=person, actor=staff_user, status=ParticipantStatus.RETURNED_TO_CUSTODY
        )
    person.refresh_from_db()
    assert person.status == ParticipantStatus.ACTIVE


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


# ----------------------------------------------------------------------- invitations


def test_invitation_claim_makes_a_participant_login(staff_user):
    person = ParticipantFactory(facilitator=staff_user, user=None)
    invitation, code = services.invitation_issue(participant=person, actor=staff_user)

    # Only a hash is stored, and the code works in lower case and without its dash.
    assert code.replace("-", "") not in invitation.code_hash
    user = services.invitation_claim(
        code=code.lower().replace("-", ""), username="newperson", password="a long pass phrase 9"
    )

    person.refresh_from_db()
    assert person.user == user
    assert user.role == "participant"
    assert user.check_password("a long pass phrase 9")
    assert Invitation.objects.get().used_at is not None
    assert timezone.now() + timedelta(days=13) < invitation.expires_at


def test_used_code_is_refused(staff_user):
    person = ParticipantFactory(facilitator=staff_user, user=None)
    _invitation, code = services.invitation_issue(participant=person, actor=staff_user)
    services.invitation_claim(code=code, username="first", password="a long pass phrase 9")

    with pytest.raises(InvitationError, match="already used"):
        services.invitation_claim(code=code, username="second", password="a long pass phrase 9")
    assert not User.objects.filter(username="second").exists()


def test_expired_code_is_refused(staff_user):
    person = ParticipantFactory(facilitator=staff_user, user=None)
    invitation, code = services.invitation_issue(participant=person, actor=staff_user)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    with pytest.raises(InvitationError, match="expired"):
        services.invitation_claim(code=code, username="late", password="a long pass phrase 9")
    assert not User.objects.filter(username="late").exists()


def test_a_new_code_replaces_the_old_one(staff_user):
    person = ParticipantFactory(facilitator=staff_user, user=None)
    _first, old_code = services.invitation_issue(participant=person, actor=staff_user)
    services.invitation_issue(participant=person, actor=staff_user)

    with pytest.raises(InvitationError, match="expired"):
        services.invitation_claim(code=old_code, username="old", password="a long pass phrase 9")


def test_unknown_code_and_short_password_are_refused(staff_user):
    person = ParticipantFactory(facilitator=staff_user, user=None)
    _invitation, code = services.invitation_issue(participant=person, actor=staff_user)

    with pytest.raises(InvitationError, match="not right"):
        services.invitation_claim(code="AAAAA-BBBBB", username="x1", password="a long pass 99")
    with pytest.raises(ApplicationError) as error:
        services.invitation_claim(code=code, username="x2", password="short1")
    assert "password" in error.value.fields
    assert not User.objects.filter(username__in=["x1", "x2"]).exists()
    assert Invitation.objects.get().used_at is None


def test_no_second_account_for_one_participant(person, staff_user):
    with pytest.raises(AccountExistsError):
        services.invitation_issue(participant=person, actor=staff_user)

    # A code issued before the first account was made cannot make a second one.
    other = ParticipantFactory(facilitator=staff_user, user=None)
    _invitation, code = services.invitation_issue(participant=other, actor=staff_user)
    Participant.objects.filter(pk=other.pk).update(
        user=User.objects.create_user(username="already", role="participant")
    )
    with pytest.raises(AccountExistsError):
        services.invitation_claim(code=code, username="second", password="a long pass phrase 9")
    assert not User.objects.filter(username="second").exists()


# --------------------------------------------------------------------------- résumés


def test_resume_create_fills_contact_without_a_street_address(person, participant):
    resume = services.resume_create(participant=person, actor=participant, title="Kitchen")

    assert resume.contact_city == "Kansas City, MO"
    assert resume.versions.count() == 1


def test_saving_makes_versions_and_keeps_old_ones(person, staff_user):
    resume = ResumeFactory(participant=person)
    first = services.resume_save(resume=resume, actor=staff_user, summary="First summary")
    second = services.resume_save(
        resume=resume,
        actor=staff_user,
        summary="Second summary",
        certifications=[{"name": "Forklift", "year": "2023"}, {"name": "", "year": ""}],
    )

    first.refresh_from_db()
    assert first.content["summary"] == "First summary"
    assert second.number == first.number + 1
    assert second.content["certifications"] == [{"name": "Forklift", "year": "2023"}]
    with pytest.raises(ValueError, match="immutable"):
        first.save()


@pytest.mark.parametrize(
    "content",
    [
        {"title": "x" * 101},
        {"experience": [{"kind": "prison", "title": "Cook"}]},
        {"experience": [{"kind": "job", "title": "x" * 101}]},
        {"certifications": [{"name": f"C{i}"} for i in range(11)]},
        {"contact_phone": "123"},
    ],
)
def test_resume_bad_input_saves_nothing(person, staff_user, content):
    resume = ResumeFactory(participant=person)
    with pytest.raises(ApplicationError):
        services.resume_save(resume=resume, actor=staff_user, **content)
    assert not ResumeVersion.objects.filter(resume=resume).exists()
    assert Resume.objects.get(pk=resume.pk).title == "Warehouse"


def test_only_caseload_staff_comment_and_the_participant_resolves(person, staff_user, participant):
    resume = ResumeFactory(participant=person)
    with pytest.raises(NotFoundError):
        services.resume_comment_add(resume=resume, actor=participant, section="summary", text="x")

    comment = services.resume_comment_add(
        resume=resume, actor=staff_user, section="summary", text="Mention forklift."
    )
    services.resume_comment_resolve(comment=comment, actor=participant)
    comment.refresh_from_db()
    assert comment.resolved_by == participant
    with pytest.raises(InvalidTransition):
        services.resume_comment_resolve(comment=comment, actor=participant)


def test_other_participant_cannot_resolve(person, other_participant_user, other_person):
    comment = ResumeCommentFactory(resume__participant=person)
    with pytest.raises(NotFoundError):
        services.resume_comment_resolve(comment=comment, actor=other_participant_user)


# -------------------------------------------------------------------------- job club


def test_attendance_recorded_and_updated(person, staff_user):
    session = JobClubSessionFactory(facilitator=staff_user)
    services.attendance_record(
        session=session, actor=staff_user, participant=person, status="absent"
    )
    services.attendance_record(
        session=session, actor=staff_user, participant=person, status="excused", note="Parole"
    )
    row = Attendance.objects.get()
    assert (row.status, row.note) == ("excused", "Parole")


def test_attendance_respects_capacity(staff_user):
    session = JobClubSessionFactory(capacity=1)
    first, second = ParticipantFactory.create_batch(2, facilitator=staff_user)
    services.attendance_record(
        session=session, actor=staff_user, participant=first, status="present"
    )
    with pytest.raises(InvalidTransition):
        services.attendance_record(
            session=session, actor=staff_user, participant=second, status="present"
        )
    assert Attendance.objects.count() == 1


def test_attendance_for_another_caseload_is_refused(other_person, staff_user):
    session = JobClubSessionFactory()
    with pytest.raises(NotFoundError):
        services.attendance_record(
            session=session, actor=staff_user, participant=other_person, status="present"
        )


def test_session_needs_a_place_and_a_seat(staff_user):
    with pytest.raises(ApplicationError):
        services.job_club_session_create(
            actor=staff_user, starts_at=timezone.now(), place="", topic="resume"
        )
    with pytest.raises(ApplicationError):
        services.job_club_session_create(
            actor=staff_user, starts_at=timezone.now(), place="Room", topic="resume", capacity=0
        )
