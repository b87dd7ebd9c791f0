"""Who may do what with applications and placements: the predicates behind the
selectors' scoping, the services' checks and the booleans the pages receive.

Pure functions of a user and an object, except where a rule needs one more fact: the
employer's policy (`employer_record_stage_reached`) and the participant's consent in
force (`can_view_application_record`, `can_view_resume`, `wotc_disclosed_to`).

The participant's side (the participant, their caseload staff, admins) comes from
`jobseekers.permissions`; the employer's side is a member of the employer whose job it
is (DESIGN.md, "Roles and what each may see")."""

from django.utils import timezone

from employers.models import JobPosting, JobStatus, RecordStage
from employers.permissions import employer_id_of
from employers.selectors import employer_policy
from jobseekers import permissions as participant_rules
from jobseekers.models import ConsentKind
from jobseekers.permissions import is_on_caseload_of
from jobseekers.selectors import consent_in_force
from placements.applications.models import (
    Application,
    ApplicationStatus,
    BondingRequest,
    BondingStatus,
    FitQuestion,
    Placement,
    RetentionCheck,
    WotcScreening,
)
from portal.core.models import User
from portal.core.permissions import is_staff_member

S = ApplicationStatus

# From which stage on the employer may see the record, per policy setting.
RECORD_VISIBLE_STATES = {
    RecordStage.INTERVIEWED: frozenset({S.INTERVIEWED, S.CONDITIONAL_OFFER, S.HIRED}),
    RecordStage.CONDITIONAL_OFFER: frozenset({S.CONDITIONAL_OFFER, S.HIRED}),
}


# --- Applications ------------------------------------------------------------------------


def is_employer_side(user: User, application: Application) -> bool:
    """A member of the employer whose job the application is for."""
    own = employer_id_of(user)
    return own is not None and own == application.employer_id


def is_participant_side(user: User, application: Application) -> bool:
    """The participant themself, or their caseload staff (admins: anyone's)."""
    return participant_rules.can_view_profile(user, application.participant)


def can_view_fit_confirmation(user: User, application: Application) -> bool:
    """Why staff applied to a job that does not fit the person's supervision terms: the
    participant's caseload staff and admins (it speaks of the terms); never the
    employer, and the participant reads their terms on their own pages."""
    return is_on_caseload_of(user, application.participant)


def can_answer_fit_question(user: User, question: FitQuestion) -> bool:
    """A participant's question about a job that does not fit their terms: their
    caseload staff and admins answer it (or apply with them)."""
    return is_on_caseload_of(user, question.participant)


def can_apply(user: User) -> bool:
    """Participants apply for themselves; staff with a participant of their caseload."""
    return is_staff_member(user) or bool(user.is_authenticated and user.is_participant)


def can_apply_to(user: User, job: JobPosting) -> bool:
    """An open job takes applications from those who `can_apply`."""
    return job.status == JobStatus.OPEN and can_apply(user)


def can_view_application(user: User, application: Application) -> bool:
    return is_participant_side(user, application) or is_employer_side(user, application)


def can_move_for_employer(user: User, application: Application) -> bool:
    """The employer's moves (review, interview, offer, hire, decline): its members, and
    caseload staff who record them for it."""
    return is_employer_side(user, application) or is_on_caseload_of(user, application.participant)


def can_move_application(user: User, application: Application, to: str) -> bool:
    """Withdrawing is the participant's (or their staff's) decision; every other move is
    the employer's, which caseload staff may also record for them."""
    if to == S.WITHDRAWN:
        return is_participant_side(user, application)
    return can_move_for_employer(user, application)


def _notice_pending(application: Application) -> bool:
    review = getattr(application, "record_review", None)
    return review is not None and review.notice_pending


def can_record_stage_change(user: User, application: Application) -> bool:
    """The page's stage buttons and forms: an open application, on the employer's side,
    and no pre-adverse action notice waiting for its decision."""
    return (
        application.is_open
        and can_move_for_employer(user, application)
        and not _notice_pending(application)
    )


def can_withdraw(user: User, application: Application) -> bool:
    return application.is_open and is_participant_side(user, application)


def record_stage_reached(application: Application, *, record_visible_from: str) -> bool:
    allowed = RECORD_VISIBLE_STATES.get(
        record_visible_from, RECORD_VISIBLE_STATES[RecordStage.INTERVIEWED]
    )
    return application.status in allowed


def employer_record_stage_reached(application: Application) -> bool:
    """Whether the application has reached the stage at which its employer's policy lets
    it consider a record (default: interviewed; or a conditional offer)."""
    policy = employer_policy(employer_id=application.employer_id)
    return record_stage_reached(application, record_visible_from=policy.record_visible_from)


def can_take_fair_chance_steps(user: User, application: Application) -> bool:
    """The employer's fair-chance steps (assessment, notice, decision): an open
    application that has reached the stage its policy allows."""
    return (
        application.is_open
        and is_employer_side(user, application)
        and employer_record_stage_reached(application)
    )


def can_answer_notice(user: User, application: Application) -> bool:
    """The participant (or their staff) answers a notice until the employer decides."""
    return _notice_pending(application) and is_participant_side(user, application)


def can_view_application_record(user: User, application: Application) -> bool:
    """The record summary through an application: the participant and their staff
    always; the employer only with the participant's record-sharing consent in force now
    and once the application has reached the stage its policy allows."""
    if participant_rules.can_view_record(user, application.participant):
        return True
    if not is_employer_side(user, application):
        return False
    return employer_record_stage_reached(application) and consent_in_force(
        participant=application.participant, kind=ConsentKind.SHARE_RECORD_SUMMARY
    )


def can_view_resume(user: User, application: Application) -> bool:
    """The résumé sent (with contact details): the participant and their staff always;
    the employer only while the participant's profile-sharing consent is in force, so a
    withdrawal hides it at once. Reads the `profile_shared` annotation of
    `applications_visible_to` when there is one."""
    if participant_rules.can_view_profile(user, application.participant):
        return True
    if not is_employer_side(user, application):
        return False
    if hasattr(application, "profile_shared"):
        return bool(application.profile_shared)
    return consent_in_force(
        participant=application.participant,
        kind=ConsentKind.SHARE_PROFILE_WITH_APPLIED_EMPLOYERS,
    )


# --- Placements --------------------------------------------------------------------------


def is_placement_staff(user: User, placement: Placement) -> bool:
    return is_on_caseload_of(user, placement.participant)


def is_placement_employer(user: User, placement: Placement) -> bool:
    own = employer_id_of(user)
    return own is not None and placement.employer_id == own


def can_record_outside_placement(user: User) -> bool:
    """Staff record a job found outside the portal (for their caseload: see the service)."""
    return is_staff_member(user)


def can_view_retention_checks(user: User, placement: Placement) -> bool:
    """Retention checks (outcomes, staff's notes) are caseload staff's."""
    return is_placement_staff(user, placement)


def can_record_retention_check(user: User, check: RetentionCheck) -> bool:
    """The page's form for one check: caseload staff, from its due day, once, while the
    job has not ended."""
    return (
        is_placement_staff(user, check.placement)
        and not check.outcome
        and check.due_on <= timezone.localdate()
        and not check.placement.separated_on
    )


def can_record_separation(user: User, placement: Placement) -> bool:
    return is_placement_staff(user, placement) and not placement.separated_on


def can_edit_wotc(user: User, placement: Placement) -> bool:
    """Form 8850 dates and first-year figures: caseload staff or the employer (only
    staff record the participant's signature, see `services.wotc_update`)."""
    return is_placement_staff(user, placement) or is_placement_employer(user, placement)


def can_request_bond(user: User, placement: Placement) -> bool:
    """A Federal Bonding request: caseload staff or the employer."""
    return is_placement_staff(user, placement) or is_placement_employer(user, placement)


def can_request_bond_now(user: User, placement: Placement) -> bool:
    """The page's bonding form: while the job lasts and before any request was made."""
    return (
        can_request_bond(user, placement)
        and not placement.separated_on
        and not placement.bonding_requests.all()
    )


def can_decide_bond(user: User, bond: BondingRequest) -> bool:
    """Caseload staff record the bonding agency's answer to a request still open."""
    return is_placement_staff(user, bond.placement) and bond.status == BondingStatus.REQUESTED


# --- Tax credit --------------------------------------------------------------------------


def wotc_disclosed_to(
    *, user: User, screening: WotcScreening, record_consent: bool | None = None
) -> bool:
    """Whether `user` may see the ex-felon eligibility (it reveals a felony) and the
    credit estimate that depends on it. Staff and the participant always may; the
    employer only once the participant signed the applicant part of Form 8850 (their
    own disclosure for the credit) or while the record-sharing consent is in force.
    `record_consent` may be passed precomputed (lists) to save a query."""
    placement = screening.placement
    if not is_placement_employer(user, placement) or is_placement_staff(user, placement):
        return True
    if screening.applicant_signed_on is not None:
        return True
    if record_consent is None:
        record_consent = consent_in_force(
            participant=placement.participant, kind=ConsentKind.SHARE_RECORD_SUMMARY
        )
    return bool(record_consent)


def wotc_shown_to_employer(*, user: User, placement: Placement) -> bool:
    """Whether `user` reads the tax-credit file as the employer (not as staff): the
    eligibility, once disclosed, is then a record-derived read to log, and the note
    (which names the felony and its dates) stays hidden."""
    return is_placement_employer(user, placement) and not is_placement_staff(user, placement)
