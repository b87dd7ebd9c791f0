"""Who must, and who may, use a second factor."""

from portal.core.permissions import is_staff_member


def second_factor_required(user) -> bool:
    """Staff and admins read criminal records and supervision terms: they must sign in with
    a second factor, and reach nothing else until they have one."""
    return is_staff_member(user)


def can_remove_second_factor(user) -> bool:
    """Employers and participants may turn the factor off again; staff and admins may only
    replace theirs (set up a new authenticator)."""
    return bool(user and user.is_authenticated) and not second_factor_required(user)
