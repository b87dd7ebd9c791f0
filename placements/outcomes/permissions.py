"""Who sees which outcome figures (DESIGN.md, "Roles"): staff and admins the program's
report (its totals, cut by facilitator); an employer member only its own results page;
participants and everyone else nothing (404)."""

from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission

from employers.permissions import employer_id_of
from portal.core.drf import refuse_a_method_the_route_lacks
from portal.core.models import User
from portal.core.permissions import is_staff_member


def can_view_program_report(user: User) -> bool:
    return is_staff_member(user)


def employer_results_scope(user: User) -> int | None:
    """The employer whose results page `user` may read (their own), or None."""
    if is_staff_member(user):
        return None
    return employer_id_of(user)


class ProgramReportReader(BasePermission):
    """Staff and admins; any other signed-in user gets 404, as for a page that does not
    exist (an outsider learns nothing about the report)."""

    def has_permission(self, request, view) -> bool:
        if not request.user.is_authenticated:
            return False
        refuse_a_method_the_route_lacks(request, view)  # 405 before this 404
        if not can_view_program_report(request.user):
            raise NotFound()
        return True
