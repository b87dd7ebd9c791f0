from django.utils.translation import gettext_lazy as _

from portal.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError


class WrongCodeError(ApplicationError):
    """The code matches neither the authenticator nor an unused recovery code."""

    default_code = "wrong_code"
    default_message = _("That code is not right. Check the code and try again.")


class CodeThrottledError(WrongCodeError):
    """Several wrong codes in a row: django-otp waits a little longer after each one."""

    default_code = "code_throttled"
    default_message = _("Too many wrong codes in a row. Wait a minute, then try again.")


class WrongPasswordError(ApplicationError):
    default_code = "wrong_password"
    default_message = _("That password is not right.")


class NotEnrolledError(ConflictError):
    default_code = "not_enrolled"
    default_message = _("Two-factor sign-in is not set up for this account.")


class SecondFactorRequiredError(PermissionDeniedError):
    default_code = "second_factor_required"
    default_message = _(
        "Staff and admins must keep two-factor sign-in. To change phones, set up a new "
        "authenticator instead: it replaces the old one."
    )
