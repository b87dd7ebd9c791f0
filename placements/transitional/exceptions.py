"""The transitional-jobs area's domain errors (see portal/core/exceptions.py). An illegal
payroll-run status change is portal.core.transitions.InvalidTransition, like every other
lifecycle's."""

from portal.core.exceptions import ConflictError


class PayrollConflictError(ConflictError):
    """The payroll run or its period forbids this: a second run for one period, a second
    export."""

    default_code = "payroll_conflict"


class LockedError(ConflictError):
    """An approved shift or payroll run never changes: a correction is a pay adjustment."""

    default_code = "locked"
