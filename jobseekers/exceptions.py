"""Errors of the participants app."""

from django.utils.translation import gettext_lazy as _

from portal.core.exceptions import ApplicationError, ConflictError, NotFoundError


class ParticipantNotFoundError(NotFoundError):
    default_code = "participant_not_found"


class PossibleDuplicateError(ConflictError):
    """Intake found someone with the same date of birth and a similar name."""

    default_code = "possible_duplicate"
    default_message = _("This person may already be in the portal. Check before saving.")

    def __init__(self, message=None, *, candidates=(), **kwargs):
        super().__init__(message, **kwargs)
        self.candidates = list(candidates)


class InvitationError(ApplicationError):
    default_code = "invitation_invalid"


class AccountExistsError(ConflictError):
    default_code = "account_exists"


class DocumentRejectedError(ApplicationError):
    """The upload is not a PDF we can keep (too large, not a PDF, damaged)."""

    default_code = "document_rejected"


class DocumentLimitError(ConflictError):
    """The participant's file already holds the most documents allowed."""

    default_code = "too_many_documents"


class TextRefusedError(ConflictError):
    """A text the portal will not send: the participant did not agree to texts (or said
    STOP), has no phone, or has had today's texts. Nothing is saved or sent."""

    default_code = "text_refused"
    default_message = _("This text cannot be sent.")
