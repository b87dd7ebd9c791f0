"""Who may see and change what about a participant: the table of DESIGN.md, "Roles and
what each may see", in one place. Pure predicates (no queries beyond the objects given);
`selectors.py` scopes querysets with the same rules, so anything else is a 404.

| who                 | profile, résumés | record, supervision | case notes | access log |
|---------------------|------------------|---------------------|------------|------------|
| the participant     | own              | own (read only)     | no         | own        |
| staff               | caseload         | caseload            | caseload   | caseload   |
| program admin       | all              | all                 | all        | all        |
| employer            | see below        | see below           | no         | no         |
| anyone else         | no (404)         | no (404)            | no         | no         |

Custody events follow the record column (their note, like a case note, is staff only);
referrals follow the profile column (their notes are staff only);
program exits follow the profile column; employers never see any of them.

Employers: this app never grants an employer anything, because `jobseekers` may not
import `employers` nor know about applications. The employer branch of the table ("only
of people who applied to its jobs, or opted in to a fair it attends"; "the record only
through an application to that employer, with consent, after the allowed stage") lives
in `placements`, which builds it from these pieces:

- `selectors.consent_in_force(participant=..., kind=ConsentKind....)` for the consent,
- `selectors.record_summary_for(participant=..., viewer=employer_user,
  why=f"application:{application.pk}")` for the record summary (categories and dates
  only, never descriptions), which writes the AccessLog row,
- `selectors.resume_version_get(...)` for the résumé version an application was sent with.

Placements decides the employer's right with its own predicate and must call these only
after it returned True.
"""

from portal.core.models import User
from portal.core.permissions import is_program_admin, is_staff_member

from .models import GoalOwner, Participant, PlanGoal, Resume, ResumeComment


def is_self(user: User, participant: Participant) -> bool:
    """The participant's own login."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and participant.user_id is not None
        and participant.user_id == user.pk
        and user.is_participant
    )


def is_on_caseload_of(user: User, participant: Participant) -> bool:
    """Staff whose caseload holds the participant, or any program admin."""
    if is_program_admin(user):
        return True
    return is_staff_member(user) and participant.facilitator_id == user.pk


def can_view_profile(user: User, participant: Participant) -> bool:
    """Profile and résumés: the participant, their caseload staff, admins."""
    return is_self(user, participant) or is_on_caseload_of(user, participant)


def can_view_record(user: User, participant: Participant) -> bool:
    """The criminal record (convictions): the participant and caseload staff. Employers
    only through placements (see the module docstring)."""
    return is_self(user, participant) or is_on_caseload_of(user, participant)


def can_view_supervision(user: User, participant: Participant) -> bool:
    """Supervision terms: same as the record."""
    return can_view_record(user, participant)


def can_view_case_notes(user: User, participant: Participant) -> bool:
    """Case notes are for staff only, not even for the participant."""
    return is_on_caseload_of(user, participant)


def can_view_access_log(user: User, participant: Participant) -> bool:
    """Who read the sensitive data: the participant and their staff."""
    return is_self(user, participant) or is_on_caseload_of(user, participant)


def can_view_custody_events(user: User, participant: Participant) -> bool:
    """Returns to custody follow the record's rule (DESIGN.md: as sensitive as the
    record): the participant (read only, without staff's note) and caseload staff.
    Employers never, not even through an application."""
    return is_self(user, participant) or is_on_caseload_of(user, participant)


def can_view_custody_event_notes(user: User, participant: Participant) -> bool:
    """The note on a custody event is staff's words, like a case note: staff only."""
    return is_on_caseload_of(user, participant)


def can_view_program_exits(user: User, participant: Participant) -> bool:
    """Program exits follow the profile's rule: the participant and caseload staff."""
    return is_self(user, participant) or is_on_caseload_of(user, participant)


def can_record_custody_event(user: User, participant: Participant) -> bool:
    """Caseload staff and admins record returns to custody."""
    return is_on_caseload_of(user, participant)


def can_record_program_exit(user: User, participant: Participant) -> bool:
    """Caseload staff and admins record exits and re-enrolments."""
    return is_on_caseload_of(user, participant)


def can_edit(user: User, participant: Participant) -> bool:
    """Everything staff record: profile, supervision, record, notes, status, invitations."""
    return is_on_caseload_of(user, participant)


def can_issue_invitation(user: User, participant: Participant) -> bool:
    """An invitation code is for a participant without a login yet, issued by their
    staff."""
    return can_edit(user, participant) and participant.user_id is None


def can_edit_own_profile(user: User, participant: Participant) -> bool:
    """The few profile fields a participant changes themself (see services)."""
    return is_self(user, participant)


def can_change_consent(user: User, participant: Participant) -> bool:
    """Only the participant or their staff give or withdraw a consent."""
    return is_self(user, participant) or is_on_caseload_of(user, participant)


def can_edit_resume(user: User, resume: Resume) -> bool:
    """Participant and staff build résumés together."""
    return can_view_profile(user, resume.participant)


def can_comment_on_resume(user: User, resume: Resume) -> bool:
    """Staff leave comments; the participant reads and resolves them."""
    return is_on_caseload_of(user, resume.participant)


def can_resolve_comment(user: User, comment: ResumeComment) -> bool:
    return can_view_profile(user, comment.resume.participant)


def can_manage_job_club(user: User) -> bool:
    """Any staff member runs job club sessions and takes attendance."""
    return is_staff_member(user)


def can_create_participant(user: User) -> bool:
    return is_staff_member(user)


# ------------------------------------------------------- direct supports and the plan
# Both follow the profile's rule (DESIGN.md): the participant reads their own, caseload
# staff and admins read and write, employers and anyone else get a 404.


def can_view_supports(user: User, participant: Participant) -> bool:
    """What the participant received: the participant and their staff."""
    return is_self(user, participant) or is_on_caseload_of(user, participant)


def can_record_support(user: User, participant: Participant) -> bool:
    """Caseload staff and admins record a support given."""
    return is_on_caseload_of(user, participant)


def can_decide_support(user: User) -> bool:
    """Only a program admin approves or declines a support over the threshold."""
    return is_program_admin(user)


def can_manage_funding_sources(user: User) -> bool:
    """Program admins keep the funding sources and their budgets."""
    return is_program_admin(user)


def can_view_plan(user: User, participant: Participant) -> bool:
    """The employment plan: the participant and their staff."""
    return is_self(user, participant) or is_on_caseload_of(user, participant)


def can_edit_plan(user: User, participant: Participant) -> bool:
    """Needs, goals and the review date: caseload staff and admins."""
    return is_on_caseload_of(user, participant)


def can_set_goal_status(user: User, goal: PlanGoal) -> bool:
    """Staff change any goal of their caseload; the participant marks only the goals
    they own (not staff's) done."""
    participant = goal.plan.participant
    if is_on_caseload_of(user, participant):
        return True
    return is_self(user, participant) and goal.owner == GoalOwner.PARTICIPANT


def can_view_referrals(user: User, participant: Participant) -> bool:
    """Referrals follow the profile's rule (DESIGN.md): the participant (read only,
    without staff's notes) and caseload staff. Employers never."""
    return is_self(user, participant) or is_on_caseload_of(user, participant)


def can_view_referral_notes(user: User, participant: Participant) -> bool:
    """Staff's note and follow-up note on a referral: staff only, like a case note."""
    return is_on_caseload_of(user, participant)


def can_make_referral(user: User, participant: Participant) -> bool:
    """Caseload staff and admins refer a participant to a partner organisation."""
    return is_on_caseload_of(user, participant)


def can_follow_up_referral(user: User, participant: Participant) -> bool:
    """Caseload staff and admins record a referral's follow-up and move its status."""
    return is_on_caseload_of(user, participant)


def can_view_text_messages(user: User, participant: Participant) -> bool:
    """The log of texts to and from a participant (and their replies): caseload staff
    and admins. Employers never (DESIGN.md: text messages follow the profile's rule)."""
    return is_on_caseload_of(user, participant)
