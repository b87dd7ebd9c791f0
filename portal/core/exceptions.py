"""Domain errors. A service raises one with a message a person can act on; the API's
exception handler and `portal.core.forms.show_error_on_form` turn it into a response.

Apps subclass these in their own `exceptions.py` (e.g. `class BoothFullError(ConflictError)`).
"""

from collections.abc import Mapping, Sequence

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """Base of every domain error: the request was understood but breaks a rule.

    `message` is shown to the person as is (translate it); `code` is a stable machine
    name for API clients; `fields` maps a field name to its messages.
    """

    status_code = 400
    default_code = "invalid"
    default_message = _("This request cannot be done.")

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        fields: Mapping[str, str | Sequence[str]] | None = None,
    ):
        self.message = str(message if message is not None else self.default_message)
        self.code = code or self.default_code
        self.fields = {
            name: [str(m) for m in ([msgs] if isinstance(msgs, str | Promise) else msgs)]
            for name, msgs in (fields or {}).items()
        }
        super().__init__(self.message)


class ConflictError(ApplicationError):
    """The object's current state forbids the change (wrong status, already done, full)."""

    status_code = 409
    default_code = "conflict"
    default_message = _("This cannot be done in the current state.")


class NotFoundError(ApplicationError):
    """The object does not exist or the user may not know it does: both look the same."""

    status_code = 404
    default_code = "not_found"
    default_message = _("Not found.")


class PermissionDeniedError(ApplicationError):
    """The user is known to see the object but may not do this to it."""

    status_code = 403
    default_code = "permission_denied"
    default_message = _("You do not have permission to do this.")


class EmailInUseError(ConflictError):
    default_code = "email_in_use"


class InvalidCredentialsError(ApplicationError):
    default_code = "invalid_credentials"


class LockedOutError(ApplicationError):
    status_code = 429
    default_code = "locked_out"
