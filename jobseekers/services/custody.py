"""Returns to custody and program exits: the dated events outcome figures count, and the
participant's status that follows from them.

How the status follows (ALLOWED_STATUS_TRANSITIONS):

- a new offense or a technical violation moves an active or placed participant to
  "returned to custody" (with its type), unless the event is older than the current
  status (a late entry of an old event keeps today's status) or the person has left
  the program (the open exit says so; the event still counts for recidivism);
- an arrest without a conviction never changes the status (it is not recidivism);
- an exit moves the participant to "left the program"; a re-enrolment back to active.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.core.audit import audit_record
from portal.core.exceptions import ApplicationError, ConflictError, NotFoundError
from portal.core.models import User
from portal.core.transitions import transition_to

from ..models import (
    ALLOWED_STATUS_TRANSITIONS,
    RETURN_TO_CUSTODY_KINDS,
    CustodyEvent,
    CustodyEventKind,
    Participant,
    ParticipantStatus,
    ProgramExit,
    ProgramExitReason,
)
from ..permissions import can_record_custody_event, can_record_program_exit
from ._common import _full_clean

NOTE_MAX_LENGTH = 5000


def _field_error(field: str, message: str, *, code: str = "invalid") -> ApplicationError:
    return ApplicationError(
        _("Please correct the errors below."), code=code, fields={field: [message]}
    )


def _locked(participant: Participant) -> Participant:
    return Participant.objects.select_for_update().get(pk=participant.pk)


def _move_status(
    *,
    participant: Participant,
    status: str,
    on_date: date,
    custody_return_type: str = "",
) -> str:
    """Move the (locked) participant to `status` through the transitions table and save;
    return the previous status. Raises InvalidTransition for a move the table refuses."""
    previous = transition_to(
        participant,
        status,
        allowed=ALLOWED_STATUS_TRANSITIONS,
        code="invalid_transition",
        message=_("A participant who is “%(current)s” cannot be moved to this status.")
        % {"current": participant.get_status_display()},
    )
    participant.status_changed_on = on_date
    participant.custody_return_type = custody_return_type
    participant.save(update_fields=["status", "status_changed_on", "custody_return_type"])
    return previous


@transaction.atomic
def custody_event_record(
    *,
    participant: Participant,
    actor: User,
    occurred_on: date,
    kind: str,
    source: str,
    note: str = "",
) -> CustodyEvent:
    """Record a return to custody (new offense, technical violation) or an arrest without
    a conviction (not counted as recidivism). Caseload staff and admins only; anyone else
    gets NotFoundError, as for a participant that does not exist.

    The date must be on or after the participant's release date (a return is counted
    from it, so a release date is needed) and not in the future. A new offense or a
    technical violation moves the status to "returned to custody" (see the module
    docstring), audited with the event in this transaction.

    Raises ApplicationError (fields `occurred_on`, `kind`, `source`, `note`) for bad
    input, ConflictError if the same event (day and kind) is already recorded.
    """
    if not can_record_custody_event(actor, participant):
        raise NotFoundError()
    participant = _locked(participant)
    if kind not in CustodyEventKind.values:
        raise _field_error("kind", _("Choose what happened from the list."))
    source = (source or "").strip()
    if not source:
        raise _field_error("source", _("Say who told the program, e.g. the probation officer."))
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise _field_error("note", _("Keep the note under 5,000 characters."))
    if occurred_on > timezone.localdate():
        raise _field_error(
            "occurred_on", _("The date cannot be in the future."), code="invalid_dates"
        )
    if participant.release_date is None:
        raise _field_error(
            "occurred_on",
            _("Record the person's release date first: a return to custody counts from it."),
            code="no_release_date",
        )
    if occurred_on < participant.release_date:
        raise _field_error(
            "occurred_on",
            _("The date cannot be before the release date (%(day)s).")
            % {"day": date_format(participant.release_date, "DATE_FORMAT")},
            code="invalid_dates",
        )
    if CustodyEvent.objects.filter(
        participant=participant, occurred_on=occurred_on, kind=kind
    ).exists():
        raise ConflictError(
            _("This event is already recorded for that day."), code="duplicate_custody_event"
        )
    event = CustodyEvent(
        participant=participant,
        occurred_on=occurred_on,
        kind=kind,
        source=source,
        note=note,
        recorded_by=actor,
    )
    _full_clean(event, exclude=["participant", "recorded_by"])
    try:
        with transaction.atomic():
            event.save()
    except IntegrityError as error:
        # Two requests raced past the check above: the constraint keeps one.
        raise ConflictError(
            _("This event is already recorded for that day."), code="duplicate_custody_event"
        ) from error

    status_from = status_to = participant.status
    if (
        kind in RETURN_TO_CUSTODY_KINDS
        and participant.status in (ParticipantStatus.ACTIVE, ParticipantStatus.PLACED)
        and (participant.status_changed_on is None or occurred_on >= participant.status_changed_on)
    ):
        status_from = _move_status(
            participant=participant,
            status=ParticipantStatus.RETURNED_TO_CUSTODY,
            on_date=occurred_on,
            custody_return_type=kind,
        )
        status_to = participant.status
        audit_record(
            actor=actor,
            action="participant.status_changed",
            target=participant,
            details={
                "from": status_from,
                "to": status_to,
                "return_type": kind,
                "custody_event_id": event.pk,
            },
        )
    audit_record(
        actor=actor,
        action="custody_event.recorded",
        target=participant,
        details={
            "custody_event_id": event.pk,
            "kind": kind,
            "occurred_on": occurred_on.isoformat(),
            "status_from": status_from,
            "status_to": status_to,
        },
    )
    return event


@transaction.atomic
def program_exit_record(
    *,
    participant: Participant,
    actor: User,
    exited_on: date,
    reason: str,
    note: str = "",
) -> ProgramExit:
    """Record that the participant left the program: the day (not in the future, not
    before their last exit or re-enrolment) and the reason. Moves the status to "left
    the program", audited in this transaction. Caseload staff and admins only (anyone
    else: NotFoundError).

    Raises ApplicationError for a bad date or reason; ConflictError (code
    "exit_already_open") while an earlier exit has no re-enrolment: re-enrol first.
    """
    if not can_record_program_exit(actor, participant):
        raise NotFoundError()
    participant = _locked(participant)
    if reason not in ProgramExitReason.values:
        raise _field_error("reason", _("Choose why the person left from the list."))
    note = (note or "").strip()
    if len(note) > 500:
        raise _field_error("note", _("Keep the note under 500 characters."))
    if exited_on > timezone.localdate():
        raise _field_error(
            "exited_on", _("The date cannot be in the future."), code="invalid_dates"
        )
    latest = ProgramExit.objects.filter(participant=participant).order_by("-exited_on", "-id")
    latest = latest.first()
    if latest is not None and latest.is_open:
        raise ConflictError(
            _(
                "This person already left the program on %(day)s. Record their re-enrolment "
                "before a new exit."
            )
            % {"day": date_format(latest.exited_on, "DATE_FORMAT")},
            code="exit_already_open",
        )
    if latest is not None and exited_on < latest.reenrolled_on:
        raise _field_error(
            "exited_on",
            _("The date cannot be before the last re-enrolment (%(day)s).")
            % {"day": date_format(latest.reenrolled_on, "DATE_FORMAT")},
            code="invalid_dates",
        )
    program_exit = ProgramExit(
        participant=participant,
        exited_on=exited_on,
        reason=reason,
        note=note,
        recorded_by=actor,
    )
    _full_clean(program_exit, exclude=["participant", "recorded_by", "reenrolled_by"])
    try:
        with transaction.atomic():
            program_exit.save()
    except IntegrityError as error:
        raise ConflictError(
            _("This person already left the program. Record their re-enrolment first."),
            code="exit_already_open",
        ) from error
    status_from = participant.status
    if participant.status != ParticipantStatus.EXITED:
        _move_status(participant=participant, status=ParticipantStatus.EXITED, on_date=exited_on)
    audit_record(
        actor=actor,
        action="program_exit.recorded",
        target=participant,
        details={
            "program_exit_id": program_exit.pk,
            "reason": reason,
            "exited_on": exited_on.isoformat(),
            "status_from": status_from,
            "status_to": participant.status,
        },
    )
    return program_exit


@transaction.atomic
def program_reenrol(
    *, participant: Participant, actor: User, reenrolled_on: date | None = None
) -> ProgramExit:
    """The participant comes back to the program: the open exit is closed with
    `reenrolled_on` (default today; not before the exit, not in the future) and the status
    goes back to active. The exit row stays (history); a later exit is a new row.
    Caseload staff and admins only (anyone else: NotFoundError).

    Raises ConflictError (code "no_open_exit") when the person has not left the program,
    ApplicationError for a bad date.
    """
    if not can_record_program_exit(actor, participant):
        raise NotFoundError()
    participant = _locked(participant)
    program_exit = (
        ProgramExit.objects.select_for_update()
        .filter(participant=participant, reenrolled_on__isnull=True)
        .first()
    )
    if program_exit is None:
        raise ConflictError(
            _("This person has not left the program: there is nothing to re-enrol."),
            code="no_open_exit",
        )
    reenrolled_on = reenrolled_on or timezone.localdate()
    if reenrolled_on > timezone.localdate():
        raise _field_error(
            "reenrolled_on", _("The date cannot be in the future."), code="invalid_dates"
        )
    if reenrolled_on < program_exit.exited_on:
        raise _field_error(
            "reenrolled_on",
            _("The date cannot be before the exit (%(day)s).")
            % {"day": date_format(program_exit.exited_on, "DATE_FORMAT")},
            code="invalid_dates",
        )
    program_exit.reenrolled_on = reenrolled_on
    program_exit.reenrolled_by = actor
    program_exit.save(update_fields=["reenrolled_on", "reenrolled_by"])
    status_from = participant.status
    if participant.status != ParticipantStatus.ACTIVE:
        _move_status(
            participant=participant, status=ParticipantStatus.ACTIVE, on_date=reenrolled_on
        )
    audit_record(
        actor=actor,
        action="program_exit.reenrolled",
        target=participant,
        details={
            "program_exit_id": program_exit.pk,
            "reenrolled_on": reenrolled_on.isoformat(),
            "status_from": status_from,
            "status_to": participant.status,
        },
    )
    return program_exit
