"""Role predicates and the thin wrappers that views and the API put around them.

Authorize by scoping first (selectors return only what a user may see, so anything else
is a 404), then by these predicates for actions. Apps add their own `can_*` predicates
in their `permissions.py`.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from rest_framework.permissions import BasePermission

from portal.core.models import Role


def has_role(user, *roles: Role) -> bool:
    """True when `user` is signed in, active and holds one of `roles`.

    Admin includes staff: `has_role(user, Role.STAFF)` is true for an admin too.
    """
    if not (user and user.is_authenticated and user.is_active):
        return False
    wanted = set(roles)
    if Role.STAFF in wanted:
        wanted.add(Role.ADMIN)
    return user.role in wanted


def is_staff_member(user) -> bool:
    return has_role(user, Role.STAFF)


def is_program_admin(user) -> bool:
    return has_role(user, Role.ADMIN)


def role_required(*roles: Role):
    """Page decorator: sign-in required; a signed-in user of another role gets a 404,
    so that an outsider learns nothing about what exists."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class HasRole(BasePermission):
    """DRF permission: `permission_classes = [HasRole.of(Role.STAFF)]`."""

    roles: tuple[Role, ...] = ()

    @classmethod
    def of(cls, *roles: Role) -> type["HasRole"]:
        return type(f"HasRole_{'_'.join(roles)}", (cls,), {"roles": roles})

    def has_permission(self, request, view) -> bool:
        return has_role(request.user, *self.roles)


IsStaffMember = HasRole.of(Role.STAFF)
IsProgramAdmin = HasRole.of(Role.ADMIN)
