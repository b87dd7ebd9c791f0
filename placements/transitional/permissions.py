"""Who may do what in the transitional-jobs area: pure predicates on a user and an object,
the thin DRF permission class around them, and the scope of the people a supervisor acts
on. Selectors scope what a user reads; services call these before they write; views pass
their answers to templates as booleans.

| action                                                  | who                            |
|---------------------------------------------------------|--------------------------------|
| a site's crew sheet, its crew's assignments and ratings | program admins, the site's own |
|                                                         | supervisors (staff)            |
| work sites, pay periods, payroll runs, adjustments      | program admins                 |
| anything in this area                                   | never an employer (404)        |
"""

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission

from jobseekers.models import Participant
from jobseekers.selectors import participants_visible_to
from placements.transitional.models import (
    AssignmentStatus,
    PayPeriod,
    PayrollRun,
    PayrollRunStatus,
    WorkAssignment,
    WorkSite,
)
from portal.core.drf import refuse_a_method_the_route_lacks
from portal.core.models import User
from portal.core.permissions import is_program_admin, is_staff_member

# --- Work sites and crews ---------------------------------------------------------------


def can_supervise(user: User, worksite: WorkSite) -> bool:
    """Program admins supervise every site; other staff the sites that name them."""
    if is_program_admin(user):
        return True
    return is_staff_member(user) and worksite.supervisors.filter(pk=user.pk).exists()


def can_manage_worksites(user: User) -> bool:
    """Adding a work site is for program admins."""
    return is_program_admin(user)


def can_change_assignment(user: User, assignment: WorkAssignment) -> bool:
    """A new rate or schedule, or an end, is for an active assignment, by someone who
    supervises its site."""
    return assignment.status == AssignmentStatus.ACTIVE and can_supervise(user, assignment.worksite)


def participants_acted_on(*, user: User, worksite: WorkSite | None = None) -> QuerySet:
    """The people `user` may act on: at a work site, the people assigned to its crew
    (someone from another site is a 404, even for an admin: a shift belongs to a crew);
    otherwise the people `user` may see (staff: their caseload; admins: all)."""
    if worksite is not None:
        return Participant.objects.filter(work_assignments__worksite=worksite).distinct()
    return participants_visible_to(user=user)


# --- Payroll ----------------------------------------------------------------------------


def can_run_payroll(user: User) -> bool:
    """Pay periods, payroll runs and pay adjustments are for program admins."""
    return is_program_admin(user)


def _run_may_become(run: PayrollRun, status: str) -> bool:
    return status in PayrollRun.ALLOWED_TRANSITIONS.get(run.status, ())


def can_start_run(user: User, period: PayPeriod, *, today) -> bool:
    """A period's payroll is run once, after its last day has ended (nobody is paid
    before the work is done)."""
    # hasattr: a period without a run raises on `period.payroll_run`.
    has_run = hasattr(period, "payroll_run")
    return can_run_payroll(user) and period.ends_on < today and not has_run


def shift_has_ended(entry, *, now) -> bool:
    """A shift is approved (and paid) only once it has ended: its clock-out, or the end
    of its day when only hours were typed in, is past."""
    return entry.ends_at() <= now


def can_review_run(user: User, run: PayrollRun) -> bool:
    return can_run_payroll(user) and _run_may_become(run, PayrollRunStatus.REVIEWED)


def can_approve_run(user: User, run: PayrollRun) -> bool:
    return can_run_payroll(user) and _run_may_become(run, PayrollRunStatus.APPROVED)


def can_recalculate_run(user: User, run: PayrollRun) -> bool:
    """A run is built again until it is approved; after that it is locked."""
    return can_run_payroll(user) and not run.is_locked


def can_export_run(user: User, run: PayrollRun) -> bool:
    return can_run_payroll(user) and _run_may_become(run, PayrollRunStatus.EXPORTED)


def can_adjust_run(user: User, run: PayrollRun) -> bool:
    """A correction is for an approved (locked) run, paid in a later run."""
    return can_run_payroll(user) and run.is_locked


# --- DRF --------------------------------------------------------------------------------


class NoEmployers(BasePermission):
    """Employers have nothing to do with the program's own payroll: 404, not 403."""

    def has_permission(self, request, view) -> bool:
        refuse_a_method_the_route_lacks(request, view)  # 405 before this 404
        if request.user.is_authenticated and request.user.is_employer:
            raise NotFound()
        return True
