"""Errors and helpers shared by the applications services."""

from django.utils import translation
from django.utils.translation import gettext_lazy

from jobseekers.models import Participant
from placements.applications.models import Application, ApplicationStatus
from portal.core.exceptions import ApplicationError, ConflictError
from portal.core.tasks import email_send, enqueue_on_commit


class IllegalMoveError(ConflictError):
    """A stage change the state machine does not allow (skipping a stage, moving a
    closed application)."""

    default_code = "illegal_transition"


class FairChanceStepError(ConflictError):
    """A fair-chance step out of order: a notice before the assessment, a decision
    before the notice or before the waiting period ends."""

    default_code = "fair_chance_step"


class CannotApplyError(ConflictError):
    default_code = "cannot_apply"


class InvalidInputError(ApplicationError):
    default_code = "invalid"
    default_message = gettext_lazy("Please correct the errors below.")


def field_error(field: str, message: str) -> InvalidInputError:
    return InvalidInputError(message, fields={field: [message]})


def _recipients(participant: Participant) -> list[tuple[str, str]]:
    """(email, language) of the participant's facilitator and, if they have an email,
    the participant."""
    people = []
    facilitator = participant.facilitator
    if facilitator is not None and facilitator.email:
        people.append((facilitator.email, facilitator.preferred_language))
    if participant.email:
        people.append((participant.email, participant.preferred_language))
    return people


def notify_participant_side(*, participant: Participant, subject, body) -> None:
    """Email the participant's staff and the participant (when they have an email), each
    in their language, through the task queue once the transaction commits. `subject`
    and `body` are lazy strings (or callables taking no argument) rendered per language."""
    for email, language in _recipients(participant):
        with translation.override(language):
            enqueue_on_commit(
                email_send,
                subject=str(subject() if callable(subject) else subject),
                body=str(body() if callable(body) else body),
                to=[email],
            )


def application_label(application: Application) -> dict:
    return {
        "job": application.job.title,
        "employer": application.employer.display_name,
        "name": application.participant.display_name,
    }


def stage_label(status: str) -> str:
    return str(dict(ApplicationStatus.choices)[status])
