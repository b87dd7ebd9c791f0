"""Helpers shared by the employers services."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from portal.core.exceptions import ApplicationError
from portal.core.transitions import transition_to


def move(obj: models.Model, status: str) -> None:
    """Change `obj.status` to `status` through `portal.core.transitions.transition_to`,
    with the message the employers app has always given: both states by name. Raises
    InvalidTransition (code "illegal_transition")."""
    labels = dict(obj._meta.get_field("status").choices)
    transition_to(
        obj,
        status,
        message=_("This cannot change from “%(current)s” to “%(new)s”.")
        % {"current": labels[obj.status], "new": labels[status]},
    )


def full_clean_or_error(obj: models.Model, **kwargs) -> None:
    try:
        obj.full_clean(**kwargs)
    except ValidationError as error:
        raise ApplicationError(
            _("Please correct the errors below."), fields=error.message_dict
        ) from error


def absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + path
