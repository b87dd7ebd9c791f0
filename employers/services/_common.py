"""Helpers shared by the employers services."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from employers.exceptions import IllegalTransitionError
from portal.core.exceptions import ApplicationError


def move(obj: models.Model, status: str) -> None:
    """Change `obj.status` to `status` if its ALLOWED_TRANSITIONS allow it."""
    if status not in obj.ALLOWED_TRANSITIONS[obj.status]:
        raise IllegalTransitionError(
            _("This cannot change from “%(current)s” to “%(new)s”.")
            % {
                "current": obj.get_status_display(),
                "new": dict(obj._meta.get_field("status").choices)[status],
            }
        )
    obj.status = status


def full_clean_or_error(obj: models.Model, **kwargs) -> None:
    try:
        obj.full_clean(**kwargs)
    except ValidationError as error:
        raise ApplicationError(
            _("Please correct the errors below."), fields=error.message_dict
        ) from error


def absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + path
