"""Errors of the outcomes area."""

from django.utils.translation import gettext_lazy as _

from portal.core.exceptions import ApplicationError


class InvalidPeriodError(ApplicationError):
    """A report period that cannot be read: end before start, a date far off, an unknown
    facilitator. The report is not built; the message says what to fix."""

    default_code = "invalid_period"
    default_message = _("Choose a period with a start and an end date.")
