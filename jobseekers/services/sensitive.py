"""The sensitive sections: supervision terms, record, consents and case notes."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.audit import audit_record
from portal.core.exceptions import ApplicationError, NotFoundError
from portal.core.models import User

from ..models import CaseNote, Consent, ConsentKind, Participant, RecordEntry, SupervisionTerms
from ..permissions import can_change_consent, can_edit
from ._common import _full_clean, normalize_us_phone


@transaction.atomic
def supervision_terms_set(
    *,
    participant: Participant,
    actor: User,
    supervision_type: str,
    officer_name: str = "",
    officer_phone: str = "",
    ends_on: date | None = None,
    curfew_start=None,
    curfew_end=None,
    travel_limit: str = "none",
    electronic_monitoring: bool = False,
    standing_meetings: str = "",
) -> SupervisionTerms:
    """Record (or replace) the participant's supervision terms. Staff of the caseload
    only. A curfew needs both ends, and they must differ (it may cross midnight)."""
    if not can_edit(actor, participant):
        raise NotFoundError()
    errors: dict[str, list[str]] = {}
    if (curfew_start is None) != (curfew_end is None):
        errors["curfew_end"] = [_("Give both the start and the end of the curfew.")]
    elif curfew_start is not None and curfew_start == curfew_end:
        errors["curfew_end"] = [_("The curfew cannot start and end at the same time.")]
    if errors:
        raise ApplicationError(
            _("Please correct the curfew."), code="invalid_curfew", fields=errors
        )
    officer_phone = normalize_us_phone(officer_phone, field="officer_phone")
    terms, _created = SupervisionTerms.objects.select_for_update().get_or_create(
        participant=participant,
        defaults={"supervision_type": supervision_type, "updated_by": actor},
    )
    values = {
        "supervision_type": supervision_type,
        "officer_name": (officer_name or "").strip(),
        "officer_phone": officer_phone,
        "ends_on": ends_on,
        "curfew_start": curfew_start,
        "curfew_end": curfew_end,
        "travel_limit": travel_limit,
        "electronic_monitoring": bool(electronic_monitoring),
        "standing_meetings": (standing_meetings or "").strip(),
    }
    changed = sorted(name for name, value in values.items() if getattr(terms, name) != value)
    for name, value in values.items():
        setattr(terms, name, value)
    terms.updated_by = actor
    _full_clean(terms, exclude=["participant", "updated_by"])
    terms.save()
    audit_record(
        actor=actor,
        action="supervision_terms.set",
        target=participant,
        details={"fields": changed},
    )
    return terms


def _check_record_dates(
    *, participant: Participant, convicted_on: date, released_on: date | None
) -> None:
    errors: dict[str, list[str]] = {}
    if convicted_on > timezone.localdate():
        errors["convicted_on"] = [_("The conviction date cannot be in the future.")]
    if convicted_on < participant.date_of_birth:
        errors["convicted_on"] = [_("The conviction date cannot be before the date of birth.")]
    if released_on is not None:
        if released_on < convicted_on:
            errors["released_on"] = [_("The release date cannot be before the conviction.")]
        if released_on < participant.date_of_birth:
            errors["released_on"] = [_("The release date cannot be before the date of birth.")]
    if errors:
        raise ApplicationError(
            _("The dates are out of order. Check them."), code="invalid_dates", fields=errors
        )


def _new_record_entry(*, participant: Participant, actor: User, values: dict) -> RecordEntry:
    _check_record_dates(
        participant=participant,
        convicted_on=values["convicted_on"],
        released_on=values.get("released_on"),
    )
    entry = RecordEntry(
        participant=participant,
        offense_category=values["offense_category"],
        level=values["level"],
        convicted_on=values["convicted_on"],
        released_on=values.get("released_on"),
        description=(values.get("description") or "").strip(),
        created_by=actor,
    )
    _full_clean(entry, exclude=["participant", "created_by"])
    entry.save()
    return entry


@transaction.atomic
def record_entry_add(
    *,
    participant: Participant,
    actor: User,
    offense_category: str,
    level: str,
    convicted_on: date,
    released_on: date | None = None,
    description: str = "",
) -> RecordEntry:
    """Add a conviction (never an arrest). Dates must be in order: birth, conviction,
    release. Staff of the caseload only."""
    if not can_edit(actor, participant):
        raise NotFoundError()
    entry = _new_record_entry(
        participant=participant,
        actor=actor,
        values={
            "offense_category": offense_category,
            "level": level,
            "convicted_on": convicted_on,
            "released_on": released_on,
            "description": description,
        },
    )
    audit_record(
        actor=actor, action="record.entry_added", target=participant, details={"entry": entry.pk}
    )
    return entry


@transaction.atomic
def record_entry_delete(*, entry: RecordEntry, actor: User) -> None:
    """Remove a conviction entered by mistake."""
    participant = entry.participant
    if not can_edit(actor, participant):
        raise NotFoundError()
    entry_id = entry.pk
    entry.delete()
    audit_record(
        actor=actor, action="record.entry_deleted", target=participant, details={"entry": entry_id}
    )


@transaction.atomic
def record_replace(
    *, participant: Participant, actor: User, entries: list[dict]
) -> list[RecordEntry]:
    """Replace the whole record with `entries` (dicts of offense_category, level,
    convicted_on, released_on, description): what the API's PUT does. All or nothing."""
    if not can_edit(actor, participant):
        raise NotFoundError()
    RecordEntry.objects.filter(participant=participant).delete()
    created = []
    for index, values in enumerate(entries):
        try:
            created.append(_new_record_entry(participant=participant, actor=actor, values=values))
        except ApplicationError as error:
            raise ApplicationError(
                error.message,
                code=error.code,
                fields={f"entries.{index}.{name}": msgs for name, msgs in error.fields.items()},
            ) from error
    audit_record(
        actor=actor,
        action="record.replaced",
        target=participant,
        details={"entries": len(created)},
    )
    return created


# ------------------------------------------------------------------ consents and notes


@transaction.atomic
def consent_set(*, participant: Participant, actor: User, kind: str, given: bool) -> Consent:
    """Give or withdraw a consent, keeping the history (a new row each time). Only the
    participant or their staff; anyone else gets NotFoundError. A withdrawal takes effect
    at once: every check reads the newest row (`selectors.consent_in_force`)."""
    if not can_change_consent(actor, participant):
        raise NotFoundError()
    if kind not in ConsentKind.values:
        raise ApplicationError(
            _("Unknown consent."), fields={"kind": [_("Choose a consent from the list.")]}
        )
    consent = Consent.objects.create(
        participant=participant, kind=kind, given=bool(given), recorded_by=actor
    )
    audit_record(
        actor=actor,
        action="consent.given" if given else "consent.withdrawn",
        target=participant,
        details={"kind": kind},
    )
    return consent


@transaction.atomic
def case_note_add(*, participant: Participant, actor: User, kind: str, text: str) -> CaseNote:
    """A staff note (encrypted at rest). Staff of the caseload only."""
    if not can_edit(actor, participant):
        raise NotFoundError()
    note = CaseNote(participant=participant, kind=kind, text=(text or "").strip(), author=actor)
    if len(note.text) > 5000:
        raise ApplicationError(
            _("Please correct the errors below."),
            fields={"text": [_("Keep the note under 5,000 characters.")]},
        )
    _full_clean(note, exclude=["participant", "author"])
    note.save()
    audit_record(actor=actor, action="case_note.added", target=participant, details={"kind": kind})
    return note
