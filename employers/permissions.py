"""Who may do what with employers, jobs and fairs: pure predicates on a user and an
object. Views pass their answers to templates as booleans; services call them before
acting."""

from employers.models import (
    FAIR_TRANSITIONS,
    VETTING_TRANSITIONS,
    BoothStatus,
    Employer,
    FairBooth,
    FairStatus,
    HiringFair,
    JobPosting,
    JobStatus,
    VettingDecision,
    VettingStatus,
)
from portal.core.models import Role
from portal.core.permissions import has_role, is_program_admin, is_staff_member
from portal.payments.permissions import can_confirm_offline_payment

# --- Employers ---------------------------------------------------------------------------


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


def can_resubmit_employer(user, employer: Employer) -> bool:
    """A member sends the organization back for review after staff asked for changes."""
    return is_member_of(user, employer) and employer.status == VettingStatus.CHANGES_REQUESTED


def can_vet_employers(user) -> bool:
    return is_staff_member(user)


def vetting_decisions_for(user, employer: Employer) -> list[str]:
    """The decisions `user` may take on `employer` now: none for non-staff; for staff,
    those whose new state the vetting table allows from the current one."""
    if not can_vet_employers(user):
        return []
    allowed = VETTING_TRANSITIONS.get(employer.status, frozenset())
    return [
        decision for decision in VettingDecision.ALL if VettingDecision.TARGET[decision] in allowed
    ]


# --- Jobs --------------------------------------------------------------------------------


def can_post_jobs(user, employer: Employer) -> bool:
    """Members of an approved employer write jobs."""
    return is_member_of(user, employer) and employer.status == VettingStatus.APPROVED


def can_edit_job(user, job: JobPosting) -> bool:
    return employer_id_of(user) == job.employer_id or is_staff_member(user)


def can_change_job(user, job: JobPosting) -> bool:
    """A job may be changed until it is filled, closed or expired."""
    return can_edit_job(user, job) and job.status in (
        JobStatus.DRAFT,
        JobStatus.SUBMITTED,
        JobStatus.OPEN,
    )


def can_submit_job(user, job: JobPosting) -> bool:
    return employer_id_of(user) == job.employer_id and job.status == JobStatus.DRAFT


def can_close_job(user, job: JobPosting) -> bool:
    """The employer (or staff) closes an open job, as filled or not."""
    return can_edit_job(user, job) and job.status == JobStatus.OPEN


def can_moderate_jobs(user) -> bool:
    return is_staff_member(user)


def can_review_job(user, job: JobPosting) -> bool:
    """Staff publish or send back a job waiting for review."""
    return can_moderate_jobs(user) and job.status == JobStatus.SUBMITTED


# --- Fairs -------------------------------------------------------------------------------


def can_manage_fairs(user) -> bool:
    return is_staff_member(user)


def can_assign_fair_staff(user, fair: HiringFair | None) -> bool:
    """Who works a fair (and so sees its whole RSVP list at the door) is decided by a
    program admin or the fair's organiser, the staff member who created it (`fair` None:
    a fair being created, whose organiser the user becomes)."""
    if not can_manage_fairs(user):
        return False
    return is_program_admin(user) or fair is None or fair.created_by_id == user.pk


def works_at_fair(user, fair: HiringFair) -> bool:
    """The user is one of the staff assigned to work the fair. Reads `staff_working`
    through `.all()`, so a prefetched list costs no query (else one small one)."""
    if not is_staff_member(user):
        return False
    return any(member.pk == user.pk for member in fair.staff_working.all())


def _fair_may_become(user, fair: HiringFair, status: str) -> bool:
    return can_manage_fairs(user) and status in FAIR_TRANSITIONS.get(fair.status, frozenset())


def can_publish_fair(user, fair: HiringFair) -> bool:
    return _fair_may_become(user, fair, FairStatus.PUBLISHED)


def can_complete_fair(user, fair: HiringFair) -> bool:
    return _fair_may_become(user, fair, FairStatus.COMPLETED)


def can_cancel_fair(user, fair: HiringFair) -> bool:
    return _fair_may_become(user, fair, FairStatus.CANCELLED)


def can_book_booth(user, fair: HiringFair) -> bool:
    """A member of an organization books a booth at a published fair (the service also
    checks the organization is approved, the deadline and the places left)."""
    return employer_id_of(user) is not None and fair.status == FairStatus.PUBLISHED


def can_book_booth_for(user, employer: Employer) -> bool:
    """A member books for their own organization; staff for any."""
    return employer_id_of(user) == employer.pk or can_manage_fairs(user)


def can_manage_booth(user, booth: FairBooth) -> bool:
    return employer_id_of(user) == booth.employer_id or is_staff_member(user)


def can_cancel_booth(user, booth: FairBooth) -> bool:
    """The booth's employer or staff cancel a booth that is not cancelled yet (after the
    registration deadline the service lets only staff, without refund)."""
    return can_manage_booth(user, booth) and booth.status != BoothStatus.CANCELLED


def can_pay_booth(user, booth: FairBooth) -> bool:
    """The booth's employer pays a fee the booth is waiting for."""
    return (
        employer_id_of(user) == booth.employer_id
        and booth.status == BoothStatus.PENDING_PAYMENT
        and booth.payment is not None
    )


def can_record_booth_payment(user, booth: FairBooth) -> bool:
    """Staff record the invoice or check that pays a booth waiting for its fee."""
    return (
        booth.status == BoothStatus.PENDING_PAYMENT
        and booth.payment is not None
        and can_confirm_offline_payment(user, booth.payment)
    )
