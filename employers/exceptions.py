"""The employers app's domain errors."""

from django.utils.translation import gettext_lazy as _

from portal.core.exceptions import ApplicationError, ConflictError


class InvalidEinError(ApplicationError):
    default_code = "invalid_ein"


class EmployerNotApprovedError(ConflictError):
    default_code = "employer_not_approved"
    default_message = _(
        "Your organization is not approved yet. Program staff review it first; you will get "
        "an email."
    )


class InvalidJobError(ApplicationError):
    default_code = "invalid_job"


class FairClosedError(ConflictError):
    default_code = "fair_closed"


class BoothFullError(ConflictError):
    default_code = "fair_full"
    default_message = _("This fair is full: every employer booth is taken.")


class BoothTakenError(ConflictError):
    default_code = "booth_exists"
    default_message = _("Your organization already has a booth at this fair.")


class InvalidTokenError(ApplicationError):
    default_code = "invalid_link"
    default_message = _("This link is wrong or too old. Ask for a new one.")
