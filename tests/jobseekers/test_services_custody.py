"""Returns to custody and program exits: the rules each service enforces, the status that
follows, the audit trail, and nothing saved on bad input."""

import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from jobseekers import selectors, services
from jobseekers.models import (
    CustodyEvent,
    CustodyEventKind,
    ParticipantStatus,
    ProgramExit,
    ProgramExitReason,
)
from portal.core.exceptions import ApplicationError, ConflictError, NotFoundError
from portal.core.models import AccessLog, AuditEvent
from tests.factories.jobseekers import ParticipantFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def days_ago(days: int) -> datetime.date:
    return TODAY() - datetime.timedelta(days=days)


def record_event(person, actor, **overrides):
    values = {
        "participant": person,
        "actor": actor,
        "occurred_on": days_ago(10),
        "kind": CustodyEventKind.TECHNICAL_VIOLATION,
        "source": "Probation officer",
        "note": "Missed two meetings in a row.",
    }
    values.update(overrides)
    return services.custody_event_record(**values)


# ------------------------------------------------------------------ custody events


def test_a_technical_violation_returns_the_person_to_custody_audited(person, staff_user):
    event = record_event(person, staff_user)

    person.refresh_from_db()
    assert person.status == ParticipantStatus.RETURNED_TO_CUSTODY
    assert person.custody_return_type == CustodyEventKind.TECHNICAL_VIOLATION
    assert person.status_changed_on == days_ago(10)
    assert event.recorded_by == staff_user
    actions = list(
        AuditEvent.objects.filter(target_id=str(person.pk)).values_list("action", flat=True)
    )
    assert "custody_event.recorded" in actions
    assert "participant.status_changed" in actions
    recorded = AuditEvent.objects.get(action="custody_event.recorded")
    assert recorded.details["status_to"] == ParticipantStatus.RETURNED_TO_CUSTODY
    # The note is never copied into the audit trail.
    assert "Missed" not in str(recorded.details)


def test_the_note_is_encrypted_at_rest(person, staff_user):
    from django.db import connection

    event = record_event(person, staff_user)
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM jobseekers_custodyevent WHERE id = %s", [event.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("fernet:")
    assert "Missed" not in stored
    assert CustodyEvent.objects.get(pk=event.pk).note == "Missed two meetings in a row."


def test_an_arrest_without_conviction_leaves_the_status(person, staff_user):
    record_event(person, staff_user, kind=CustodyEventKind.ARREST_NO_CONVICTION)
    person.refresh_from_db()
    assert person.status == ParticipantStatus.ACTIVE
    assert CustodyEvent.objects.filter(participant=person).count() == 1
    assert not AuditEvent.objects.filter(action="participant.status_changed").exists()


def test_a_placed_person_with_a_new_offense_returns_to_custody(person, staff_user):
    person.status = ParticipantStatus.PLACED
    person.save()
    record_event(person, staff_user, kind=CustodyEventKind.NEW_OFFENSE)
    person.refresh_from_db()
    assert person.status == ParticipantStatus.RETURNED_TO_CUSTODY
    assert person.custody_return_type == CustodyEventKind.NEW_OFFENSE


def test_an_old_event_entered_late_keeps_the_newer_status(person, staff_user):
    person.status = ParticipantStatus.PLACED
    person.status_changed_on = days_ago(5)
    person.save()
    record_event(person, staff_user, occurred_on=days_ago(20))
    person.refresh_from_db()
    assert person.status == ParticipantStatus.PLACED
    assert CustodyEvent.objects.filter(participant=person).count() == 1


def test_an_exited_person_keeps_the_exit_but_the_event_counts(person, staff_user):
    services.program_exit_record(
        participant=person, actor=staff_user, exited_on=days_ago(30), reason="withdrew"
    )
    record_event(person, staff_user, occurred_on=days_ago(3))
    person.refresh_from_db()
    assert person.status == ParticipantStatus.EXITED
    assert person.custody_events.count() == 1


def _nothing_saved(person):
    person.refresh_from_db()
    assert person.status == ParticipantStatus.ACTIVE
    assert not CustodyEvent.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="custody_event").exists()


def test_a_date_before_the_release_is_refused(person, staff_user):
    with pytest.raises(ApplicationError) as caught:
        record_event(person, staff_user, occurred_on=person.release_date - datetime.timedelta(1))
    assert "occurred_on" in caught.value.fields
    assert "before the release date" in caught.value.fields["occurred_on"][0]
    _nothing_saved(person)


def test_a_date_in_the_future_is_refused(person, staff_user):
    with pytest.raises(ApplicationError) as caught:
        record_event(person, staff_user, occurred_on=TODAY() + datetime.timedelta(days=1))
    assert caught.value.fields["occurred_on"] == ["The date cannot be in the future."]
    _nothing_saved(person)


def test_the_release_day_itself_is_accepted(person, staff_user):
    record_event(person, staff_user, occurred_on=person.release_date)
    assert person.custody_events.count() == 1


def test_a_person_without_a_release_date_is_refused(person, staff_user):
    person.release_date = None
    person.save()
    with pytest.raises(ApplicationError) as caught:
        record_event(person, staff_user)
    assert caught.value.code == "no_release_date"
    _nothing_saved(person)


def test_an_unknown_kind_is_refused(person, staff_user):
    with pytest.raises(ApplicationError) as caught:
        record_event(person, staff_user, kind="parking_ticket")
    assert "kind" in caught.value.fields
    _nothing_saved(person)


def test_a_missing_source_is_refused(person, staff_user):
    with pytest.raises(ApplicationError) as caught:
        record_event(person, staff_user, source="   ")
    assert "source" in caught.value.fields
    _nothing_saved(person)


def test_the_same_event_twice_is_a_conflict(person, staff_user):
    record_event(person, staff_user, kind=CustodyEventKind.ARREST_NO_CONVICTION)
    with pytest.raises(ConflictError):
        record_event(person, staff_user, kind=CustodyEventKind.ARREST_NO_CONVICTION)
    assert person.custody_events.count() == 1


@pytest.mark.parametrize("who", ["other_staff", "employer_user", "participant"])
def test_only_caseload_staff_record(request, person, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(NotFoundError):
        record_event(person, actor)
    _nothing_saved(person)


def test_an_admin_records_for_anyone(person, admin_user):
    record_event(person, admin_user)
    assert person.custody_events.count() == 1


# ------------------------------------------------------------------ reading them


def test_staff_reads_are_access_logged(person, staff_user, admin_user):
    record_event(person, staff_user)
    events = selectors.custody_events_for(participant=person, viewer=staff_user)
    assert len(events) == 1
    log = AccessLog.objects.get()
    assert (log.viewer, log.what, log.why) == (staff_user, "custody_events", "caseload")
    selectors.custody_events_for(participant=person, viewer=admin_user)
    assert AccessLog.objects.filter(viewer=admin_user, why="admin").count() == 1


def test_the_participant_reading_their_own_is_not_logged(person, staff_user, participant):
    record_event(person, staff_user)
    selectors.custody_events_for(participant=person, viewer=participant)
    assert not AccessLog.objects.exists()


# ------------------------------------------------------------------ program exits


def test_an_exit_moves_the_status_and_is_audited(person, staff_user):
    program_exit = services.program_exit_record(
        participant=person,
        actor=staff_user,
        exited_on=days_ago(7),
        reason=ProgramExitReason.COMPLETED,
        note="Finished job club and kept the job 90 days.",
    )
    person.refresh_from_db()
    assert person.status == ParticipantStatus.EXITED
    assert person.status_changed_on == days_ago(7)
    assert program_exit.is_open
    event = AuditEvent.objects.get(action="program_exit.recorded")
    assert event.details["reason"] == "completed"
    assert event.details["status_to"] == ParticipantStatus.EXITED


def test_a_person_in_custody_can_be_exited(person, staff_user):
    record_event(person, staff_user, occurred_on=days_ago(20))
    services.program_exit_record(
        participant=person,
        actor=staff_user,
        exited_on=days_ago(15),
        reason=ProgramExitReason.RETURNED_TO_CUSTODY,
    )
    person.refresh_from_db()
    assert person.status == ParticipantStatus.EXITED


def test_a_second_exit_without_reenrolment_is_refused(person, staff_user):
    services.program_exit_record(
        participant=person, actor=staff_user, exited_on=days_ago(7), reason="withdrew"
    )
    with pytest.raises(ConflictError) as caught:
        services.program_exit_record(
            participant=person, actor=staff_user, exited_on=days_ago(1), reason="lost_contact"
        )
    assert caught.value.code == "exit_already_open"
    assert "re-enrolment" in caught.value.message
    assert ProgramExit.objects.filter(participant=person).count() == 1
    assert AuditEvent.objects.filter(action="program_exit.recorded").count() == 1


def test_reenrolment_keeps_history_and_allows_a_new_exit(person, staff_user):
    first = services.program_exit_record(
        participant=person, actor=staff_user, exited_on=days_ago(100), reason="lost_contact"
    )
    services.program_reenrol(participant=person, actor=staff_user, reenrolled_on=days_ago(40))
    person.refresh_from_db()
    assert person.status == ParticipantStatus.ACTIVE
    first.refresh_from_db()
    assert first.reenrolled_on == days_ago(40)
    assert AuditEvent.objects.filter(action="program_exit.reenrolled").count() == 1

    services.program_exit_record(
        participant=person, actor=staff_user, exited_on=days_ago(2), reason="completed"
    )
    exits = list(person.program_exits.order_by("exited_on"))
    assert [e.reason for e in exits] == ["lost_contact", "completed"]
    assert exits[1].is_open


def test_a_new_exit_cannot_be_before_the_last_reenrolment(person, staff_user):
    services.program_exit_record(
        participant=person, actor=staff_user, exited_on=days_ago(100), reason="lost_contact"
    )
    services.program_reenrol(participant=person, actor=staff_user, reenrolled_on=days_ago(40))
    with pytest.raises(ApplicationError) as caught:
        services.program_exit_record(
            participant=person, actor=staff_user, exited_on=days_ago(50), reason="withdrew"
        )
    assert "exited_on" in caught.value.fields
    assert person.program_exits.count() == 1


def test_reenrol_without_an_open_exit_is_refused(person, staff_user):
    with pytest.raises(ConflictError) as caught:
        services.program_reenrol(participant=person, actor=staff_user)
    assert caught.value.code == "no_open_exit"


def test_reenrol_before_the_exit_is_refused(person, staff_user):
    services.program_exit_record(
        participant=person, actor=staff_user, exited_on=days_ago(10), reason="withdrew"
    )
    with pytest.raises(ApplicationError):
        services.program_reenrol(participant=person, actor=staff_user, reenrolled_on=days_ago(11))
    person.refresh_from_db()
    assert person.status == ParticipantStatus.EXITED
    assert person.program_exits.get().is_open


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"exited_on": TODAY() + datetime.timedelta(days=1)}, "exited_on"),
        ({"reason": "graduated"}, "reason"),
        ({"note": "x" * 501}, "note"),
    ],
)
def test_a_bad_exit_is_refused_and_nothing_saved(person, staff_user, values, field):
    arguments = {"exited_on": days_ago(1), "reason": "completed"} | values
    with pytest.raises(ApplicationError) as caught:
        services.program_exit_record(participant=person, actor=staff_user, **arguments)
    assert field in caught.value.fields
    person.refresh_from_db()
    assert person.status == ParticipantStatus.ACTIVE
    assert not ProgramExit.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="program_exit").exists()


@pytest.mark.parametrize("who", ["other_staff", "employer_user", "participant"])
def test_only_caseload_staff_record_exits(request, person, staff_user, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(NotFoundError):
        services.program_exit_record(
            participant=person, actor=actor, exited_on=days_ago(1), reason="completed"
        )
    services.program_exit_record(
        participant=person, actor=staff_user, exited_on=days_ago(1), reason="completed"
    )
    with pytest.raises(NotFoundError):
        services.program_reenrol(participant=person, actor=actor)
    assert person.program_exits.get().is_open


def test_someone_elses_participant_is_not_found_by_id(other_staff, person):
    with pytest.raises(Http404):
        selectors.participant_get_for_user(user=other_staff, participant_id=person.pk)


def test_a_participant_without_release_date_may_still_exit(staff_user):
    pre_release = ParticipantFactory(facilitator=staff_user, release_date=None)
    services.program_exit_record(
        participant=pre_release, actor=staff_user, exited_on=days_ago(1), reason="transferred"
    )
    assert pre_release.program_exits.count() == 1


def test_the_database_keeps_one_open_exit_even_past_the_service(person, staff_user):
    """Two requests racing past the service's check still cannot both open an exit."""
    from django.db import IntegrityError, transaction

    ProgramExit.objects.create(participant=person, exited_on=days_ago(5), reason="withdrew")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgramExit.objects.create(participant=person, exited_on=days_ago(1), reason="completed")
    # A closed exit does not count: history rows may be many.
    ProgramExit.objects.filter(participant=person).update(reenrolled_on=days_ago(3))
    ProgramExit.objects.create(participant=person, exited_on=days_ago(1), reason="completed")
    assert person.program_exits.count() == 2
