"""Helpers shared by the applications services: who hears of a change, a stage's name,
and a number typed by a person."""

from collections.abc import Mapping
from decimal import Decimal
from functools import partial

from django.db import transaction

from jobseekers.models import Participant
from jobseekers.services import text_message_try_send
from placements.applications.exceptions import field_error
from placements.applications.models import ApplicationStatus
from portal.core.emails import email_on_commit
from portal.core.exceptions import ApplicationError
from portal.core.money import positive_decimal

EMAILS = "placements/applications/email"


def participant_side_recipients(participant: Participant) -> list[tuple[str, str]]:
    """(email, language) of the participant's facilitator and, if they have an email,
    the participant."""
    people = []
    facilitator = participant.facilitator
    if facilitator is not None and facilitator.email:
        people.append((facilitator.email, facilitator.preferred_language))
    if participant.email:
        people.append((participant.email, participant.preferred_language))
    return people


def notify_participant_side(*, participant: Participant, email: str, context: Mapping) -> None:
    """Email `templates/placements/applications/email/<email>` to the participant's staff
    and the participant (when they have an email), each in their language, once the
    transaction commits."""
    email_on_commit(
        f"{EMAILS}/{email}", context, recipients=participant_side_recipients(participant)
    )


def text_participant_on_commit(
    *, participant: Participant, kind: str, context: Mapping, dedupe_key: str, actor=None
) -> None:
    """Text the participant (if they agreed to texts) once the transaction commits; the
    text's own rules (quiet hours, daily limit, once per `dedupe_key`) apply there."""
    transaction.on_commit(
        partial(
            text_message_try_send,
            participant=participant,
            kind=kind,
            context=dict(context),
            dedupe_key=dedupe_key,
            actor=actor,
        )
    )


def stage_label(status: str):
    """The stage's name, lazy: it reads in the language of whoever it is shown to."""
    return ApplicationStatus(status).label


def decimal_input(value, field: str, message: str, *, upper: Decimal | None = None) -> Decimal:
    """`portal.core.money.positive_decimal`, refused as this area's input error (code
    "invalid", the code its API clients know)."""
    try:
        return positive_decimal(value, field=field, message=message, upper=upper)
    except ApplicationError as error:
        raise field_error(field, message) from error
