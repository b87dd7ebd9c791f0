"""The applications area's domain errors. An illegal stage change is the portal's one
`portal.core.transitions.InvalidTransition` (409, code "illegal_transition")."""

from django.utils.translation import gettext_lazy

from portal.core.exceptions import ApplicationError, ConflictError


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
    """The error of one input field, shown next to it (form) or under its name (API)."""
    return InvalidInputError(message, fields={field: [message]})


class JobDoesNotFitError(InvalidInputError):
    """The job breaks one of the participant's supervision terms or travel limits
    (issue 14): the participant may not apply alone (field "job"), and staff must
    confirm with a note (fields "fit_confirmed", "fit_note"). A 400, like any input the
    person can correct, here by asking their job club staff."""

    default_code = "job_does_not_fit"
