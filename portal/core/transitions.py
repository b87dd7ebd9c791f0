"""The one way a status moves: through its model's table of allowed transitions.

Every lifecycle in the portal (an employer's vetting, a job, a fair, a booth, a payment, a
participant, an application, a payroll run) is a `TextChoices` status plus a table
`{status: frozenset(next statuses)}`. Services call `transition_to`; an illegal move raises
`InvalidTransition`, a 409 with a message the person can act on.
"""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from portal.core.exceptions import ConflictError


class InvalidTransition(ConflictError):
    """A status change its allowed-transitions table does not allow."""

    default_code = "illegal_transition"
    default_message = _("This cannot be done in its current state.")


def transition_to(
    obj,
    status: str,
    *,
    allowed: Mapping[str, frozenset[str]] | None = None,
    field: str = "status",
    message: str | None = None,
    code: str | None = None,
) -> str:
    """Set `obj.<field>` to `status` if `allowed` (by default the model's
    `ALLOWED_TRANSITIONS`) permits the move from the current value; return the previous
    value. Does not save: the calling service saves with its other changes.

    Raises `InvalidTransition` (with `message` and `code` when given) otherwise.
    """
    table = allowed if allowed is not None else type(obj).ALLOWED_TRANSITIONS
    current = getattr(obj, field)
    if status not in table.get(current, frozenset()):
        raise InvalidTransition(message, code=code)
    setattr(obj, field, status)
    return current
