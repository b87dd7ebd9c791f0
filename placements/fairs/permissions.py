"""Who may do what in the fairs area: pure predicates on a user and an object (no
queries beyond the rows already loaded). Selectors scope with them, services call them
before a change, views hand their answers to templates as booleans.

Seeing is scoped in `selectors.py` (someone else's row is a 404); these decide actions.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from employers.models import (
    BoothStatus,
    Employer,
    FairBooth,
    FairKind,
    FairStatus,
    HiringFair,
)
from employers.permissions import employer_id_of, is_member_of, works_at_fair
from jobseekers.models import Participant
from jobseekers.permissions import is_on_caseload_of, is_self
from placements.fairs.exceptions import NotPreReleaseError, NotReleasedByFairError
from placements.fairs.models import InterviewBooking, InterviewSlot
from portal.core.exceptions import ConflictError
from portal.core.models import User
from portal.core.permissions import is_program_admin, is_staff_member


def can_act_for(user: User, participant: Participant) -> bool:
    """RSVP, change the opt-in, cancel, book an interview: the participant themself, the
    staff whose caseload holds them, any program admin."""
    return is_self(user, participant) or is_on_caseload_of(user, participant)


def can_act_for_everyone(user: User) -> bool:
    """Staff act for their caseload; a program admin for every participant (e.g. when
    registering a walk-in at the door)."""
    return is_program_admin(user)


def can_check_in(user: User, fair: HiringFair) -> bool:
    """The door of a fair (its whole RSVP list, names and status only; check-in;
    walk-ins) is for a program admin and the staff assigned to work that fair. Other
    staff see only their caseload's RSVPs (a fair inside a prison would otherwise tell
    them who is not released yet)."""
    return is_program_admin(user) or works_at_fair(user, fair)


def is_pre_release(participant: Participant) -> bool:
    """Not released yet: the release date is still ahead (in the program's time zone)."""
    return participant.release_date is not None and participant.release_date > timezone.localdate()


def is_released_in_time_for(participant: Participant, fair: HiringFair) -> bool:
    """Out of custody by the fair's last day (in the program's time zone): released
    already, or released on or before the day the fair ends."""
    if not is_pre_release(participant):
        return True
    return participant.release_date <= timezone.localdate(fair.ends_at)


def attend_refusal(participant: Participant, fair: HiringFair) -> ConflictError | None:
    """Why `participant` cannot go to `fair`, as the error a service raises and a page
    shows, or None when they can: a fair inside a correctional facility is only for
    people not released yet; a community fair only for people out by its last day
    (someone still inside cannot walk into a community venue); a virtual fair is for
    anyone."""
    if fair.kind == FairKind.FACILITY and not is_pre_release(participant):
        return NotPreReleaseError()
    if fair.kind == FairKind.COMMUNITY and not is_released_in_time_for(participant, fair):
        return NotReleasedByFairError(
            _(
                "%(name)s is not released until %(release)s, and this community fair ends "
                "on %(fair_day)s, so they cannot go. Virtual fairs and fairs inside the "
                "facility are open to them."
            )
            % {
                "name": participant.display_name,
                "release": formats.date_format(participant.release_date, "DATE_FORMAT"),
                "fair_day": formats.date_format(timezone.localdate(fair.ends_at), "DATE_FORMAT"),
            }
        )
    return None


def can_attend(participant: Participant, fair: HiringFair) -> bool:
    """Whether `participant` may go to `fair` (see `attend_refusal`)."""
    return attend_refusal(participant, fair) is None


def can_rsvp(user: User, fair: HiringFair, participant: Participant | None = None) -> bool:
    """A participant answers for themself while the fair is published and they can
    attend it (`can_attend`, when their record is given; staff answer for their
    caseload from the participant's page)."""
    return (
        bool(user.is_authenticated and user.is_participant)
        and fair.status == FairStatus.PUBLISHED
        and (participant is None or can_attend(participant, fair))
    )


def can_see_attendees_with(booth: FairBooth | None) -> bool:
    """An employer sees a fair's opted-in attendees once its booth is confirmed."""
    return booth is not None and booth.status == BoothStatus.CONFIRMED


def can_offer_slots_for(user: User, employer: Employer) -> bool:
    """Interview times are offered by a member of the employer's own organization."""
    return is_member_of(user, employer)


def can_manage_slot(user: User, slot: InterviewSlot) -> bool:
    """Withdraw an interview time (or see it to do so): a member of the slot's employer,
    or staff."""
    return employer_id_of(user) == slot.employer_id or is_staff_member(user)


def can_cancel_booking(user: User, booking: InterviewBooking) -> bool:
    """Cancel a booked interview: whoever may act for the person (self, caseload staff,
    admins) or a member of the slot's employer."""
    return (
        can_act_for(user, booking.participant) or employer_id_of(user) == booking.slot.employer_id
    )


def employer_sees_booked_person(booking: InterviewBooking) -> bool:
    """An employer sees who booked its interview time only while the person shares their
    profile with this fair and their fair consent is in force (`consent_given`, read by
    the selector in the same query)."""
    return bool(booking.registration.shares_profile and getattr(booking, "consent_given", False))
