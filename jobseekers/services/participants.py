"""Intake, profile changes, status and reassignment of participants."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.audit import audit_record
from portal.core.exceptions import ApplicationError, NotFoundError
from portal.core.models import Skill, User
from portal.core.permissions import is_staff_member
from portal.core.transitions import transition_to

from .. import dashboard
from ..exceptions import PossibleDuplicateError
from ..models import ALLOWED_STATUS_TRANSITIONS, Participant, ParticipantStatus, ProgramExit
from ..permissions import can_edit
from ..selectors import participant_duplicates
from ._common import PARTICIPANT_OWN_FIELDS, PROFILE_FIELDS, _apply_profile, _check_facilitator
from .custody import program_reenrol


@transaction.atomic
def participant_create(
    *,
    actor: User,
    first_name: str,
    last_name: str,
    date_of_birth: date,
    facilitator: User | None = None,
    skills: list[Skill] | None = None,
    confirmed_not_duplicate: bool = False,
    **profile,
) -> Participant:
    """Intake: create a participant (staff only), on `facilitator`'s caseload (by default
    the staff member doing the intake).

    Raises PossibleDuplicateError (with `.candidates`) when someone with the same date of
    birth and a similar name exists, unless staff confirmed it is a different person;
    ApplicationError for an invalid phone or ZIP, dates out of order or fields too long.
    """
    if not is_staff_member(actor):
        raise NotFoundError()
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown participant fields: {sorted(unknown)}")
    facilitator = facilitator or actor
    _check_facilitator(facilitator)
    participant = Participant(
        first_name=(first_name or "").strip(),
        last_name=(last_name or "").strip(),
        date_of_birth=date_of_birth,
        facilitator=facilitator,
        status=ParticipantStatus.ACTIVE,
    )
    _apply_profile(participant, dict(profile))
    if not confirmed_not_duplicate:
        candidates = participant_duplicates(
            first_name=participant.first_name,
            last_name=participant.last_name,
            date_of_birth=date_of_birth,
        )
        if candidates:
            raise PossibleDuplicateError(
                _(
                    "Someone with the same date of birth and a similar name is already in "
                    "the portal. Check that this is a different person before saving."
                ),
                candidates=candidates,
            )
    participant.save()
    if skills:
        participant.skills.set(skills)
    audit_record(
        actor=actor,
        action="participant.created",
        target=participant,
        details={"facilitator_id": facilitator.pk, "duplicate_confirmed": confirmed_not_duplicate},
    )
    dashboard.program_counts_changed()
    return participant


@transaction.atomic
def participant_update(
    *, participant: Participant, actor: User, skills: list[Skill] | None = None, **changes
) -> Participant:
    """Staff change profile fields (only those given). Same checks as intake."""
    if not can_edit(actor, participant):
        raise NotFoundError()
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown participant fields: {sorted(unknown)}")
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    changed = _apply_profile(participant, changes)
    if changed:
        participant.save()
    if skills is not None:
        participant.skills.set(skills)
        changed.append("skills")
    if changed:
        audit_record(
            actor=actor,
            action="participant.updated",
            target=participant,
            details={"fields": sorted(changed)},
        )
    return participant


@transaction.atomic
def participant_update_own(*, participant: Participant, actor: User, **changes) -> Participant:
    """The participant changes what is theirs to change: preferred name, phone, email,
    language, jobs wanted and shifts. Anything else raises ApplicationError."""
    if participant.user_id != actor.pk:
        raise NotFoundError()
    forbidden = set(changes) - set(PARTICIPANT_OWN_FIELDS)
    if forbidden:
        raise ApplicationError(
            _("Staff change these details for you."),
            code="not_editable",
            fields={name: [_("Ask your facilitator to change this.")] for name in forbidden},
        )
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    changed = _apply_profile(participant, changes)
    if changed:
        participant.save()
        audit_record(
            actor=actor,
            action="participant.updated_by_self",
            target=participant,
            details={"fields": sorted(changed)},
        )
    return participant


@transaction.atomic
def participant_status_change(
    *,
    participant: Participant,
    actor: User,
    status: str,
    on_date: date | None = None,
    custody_return_type: str = "",
) -> Participant:
    """Move a participant along ALLOWED_STATUS_TRANSITIONS: placed, back to active.

    Leaving the program and returning to custody are dated records the outcome figures
    count, so they are refused here (code "use_program_exit" / "use_custody_event", with
    the form to use) and made by `program_exit_record` and `custody_event_record`, which
    move the status themselves. Back to active after an exit is a re-enrolment
    (`program_reenrol`, which keeps the exit in the history). Raises InvalidTransition
    (code "invalid_transition") for a move the table does not allow."""
    if not can_edit(actor, participant):
        raise NotFoundError()
    if status == ParticipantStatus.EXITED:
        message = _("Record the exit with its date and reason under “Exits from the program”.")
        raise ApplicationError(message, code="use_program_exit", fields={"status": [message]})
    if status == ParticipantStatus.RETURNED_TO_CUSTODY:
        message = _(
            "Record the return to custody under “Custody events”, with its date, what "
            "happened and who told the program."
        )
        raise ApplicationError(message, code="use_custody_event", fields={"status": [message]})
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if (
        status == ParticipantStatus.ACTIVE
        and participant.status == ParticipantStatus.EXITED
        and ProgramExit.objects.filter(participant=participant, reenrolled_on__isnull=True).exists()
    ):
        program_reenrol(participant=participant, actor=actor, reenrolled_on=on_date)
        participant.refresh_from_db()
        return participant
    previous = transition_to(
        participant,
        status,
        allowed=ALLOWED_STATUS_TRANSITIONS,
        code="invalid_transition",
        message=_("A participant who is “%(current)s” cannot be moved to this status.")
        % {"current": participant.get_status_display()},
    )
    on_date = on_date or timezone.localdate()
    if on_date > timezone.localdate():
        raise ApplicationError(
            _("The date cannot be in the future."), fields={"on_date": [_("Use a past date.")]}
        )
    # The type of a return belongs to the return; it ends with it.
    custody_return_type = ""
    participant.status_changed_on = on_date
    participant.custody_return_type = custody_return_type
    participant.save(update_fields=["status", "status_changed_on", "custody_return_type"])
    audit_record(
        actor=actor,
        action="participant.status_changed",
        target=participant,
        details={"from": previous, "to": status, "return_type": custody_return_type},
    )
    return participant


@transaction.atomic
def participant_reassign(
    *, participant: Participant, actor: User, facilitator: User
) -> Participant:
    """Move a participant to another facilitator's caseload (their résumés, notes and
    record follow, since they hang on the participant)."""
    if not can_edit(actor, participant):
        raise NotFoundError()
    _check_facilitator(facilitator)
    previous = participant.facilitator_id
    participant.facilitator = facilitator
    participant.save(update_fields=["facilitator"])
    audit_record(
        actor=actor,
        action="participant.reassigned",
        target=participant,
        details={"from_facilitator_id": previous, "to_facilitator_id": facilitator.pk},
    )
    return participant


@transaction.atomic
def participant_mark_placed(
    *, participant: Participant, placement_reference: int | str, actor: User | None
) -> Participant:
    """A job was recorded for the participant (a hire through the portal, or a job staff
    recorded from outside): move them from active to placed, audited with the placement
    reference. Narrow on purpose, for the placements app to call in its own transaction
    after it has checked who may record the job (the actor may be the hiring employer):
    only active → placed; already placed, exited or returned to custody are left as they
    are (no error, nothing written). Returns the participant as saved."""
    reference = str(placement_reference or "").strip()
    if not reference:
        raise ApplicationError(_("A placement is needed to mark a participant as placed."))
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.status != ParticipantStatus.ACTIVE:
        return participant
    transition_to(
        participant,
        ParticipantStatus.PLACED,
        allowed=ALLOWED_STATUS_TRANSITIONS,
        code="invalid_transition",
    )
    participant.status_changed_on = timezone.localdate()
    participant.custody_return_type = ""
    participant.save(update_fields=["status", "status_changed_on", "custody_return_type"])
    audit_record(
        actor=actor,
        action="participant.status_changed",
        target=participant,
        details={
            "from": ParticipantStatus.ACTIVE,
            "to": ParticipantStatus.PLACED,
            "placement_id": reference,
        },
    )
    return participant
