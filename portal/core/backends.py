"""Permissions that follow from a user's role rather than from groups."""

from portal.core.permissions import is_staff_member

# Program staff may enter the content editor (Wagtail admin); what they may edit there
# is still decided by Wagtail's page and collection permissions.
STAFF_ROLE_PERMISSIONS = frozenset({"wagtailadmin.access_admin"})


class RolePermissionBackend:
    """An authentication backend that authenticates nobody and only grants permissions."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return perm in STAFF_ROLE_PERMISSIONS and is_staff_member(user_obj)
