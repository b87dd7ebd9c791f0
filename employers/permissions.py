"""Who may do what with employers, jobs and fairs: pure predicates."""

from employers.models import Employer, FairBooth, JobPosting
from portal.core.models import Role
from portal.core.permissions import has_role, is_staff_member


def membership_of(user):
    """The user's EmployerMembership, or None."""
    if not has_role(user, Role.EMPLOYER):
        return None
    return getattr(user, "employer_membership", None)


def employer_id_of(user) -> int | None:
    membership = membership_of(user)
    return membership.employer_id if membership is not None else None


def is_member_of(user, employer: Employer) -> bool:
    return employer_id_of(user) == employer.pk


def is_owner_of(user, employer: Employer) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.employer_id == employer.pk and membership.is_owner


def can_edit_employer(user, employer: Employer) -> bool:
    return is_member_of(user, employer)


def can_invite_members(user, employer: Employer) -> bool:
    return is_owner_of(user, employer)


def can_vet_employers(user) -> bool:
    return is_staff_member(user)


def can_edit_job(user, job: JobPosting) -> bool:
    return employer_id_of(user) == job.employer_id or is_staff_member(user)


def can_moderate_jobs(user) -> bool:
    return is_staff_member(user)


def can_manage_fairs(user) -> bool:
    return is_staff_member(user)


def can_manage_booth(user, booth: FairBooth) -> bool:
    return employer_id_of(user) == booth.employer_id or is_staff_member(user)
