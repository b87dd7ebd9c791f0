"""Reads of referrals to partner organisations: the participant and their staff (staff
reads are access-logged); employers never."""

from datetime import date

from django.db.models import (
    QuerySet,
)
from django.http import Http404

from portal.core.models import User
from portal.core.permissions import is_staff_member

from ..models import (
    OPEN_REFERRAL_STATUSES,
    Participant,
    Referral,
)

# ---------------------------------------------------------------------------- referrals
from .participants import _log_sensitive_read, access_reason, participants_visible_to


def _referrals_with_related() -> QuerySet[Referral]:
    return Referral.objects.select_related("organisation", "participant", "made_by")


def referrals_for(*, participant: Participant, viewer: User) -> list[Referral]:
    """The participant's referrals, newest first, with their partner organisation (its
    address and hours), for the participant or their staff. The caller has checked
    `permissions.can_view_referrals` (and hides staff's notes from anyone who fails
    `can_view_referral_notes`).

    A referral names the help a person needs (housing, treatment): every read by someone
    other than the participant writes an AccessLog row ("referrals")."""
    referrals = list(_referrals_with_related().filter(participant=participant))
    _log_sensitive_read(
        viewer=viewer,
        participant=participant,
        what="referrals",
        why=access_reason(viewer, participant),
    )
    return referrals


def referral_get_for_user(*, user: User, referral_id) -> Referral:
    """The referral `referral_id` if `user` may see its participant's profile (the
    participant, caseload staff, admins); otherwise Http404, as for one that does not
    exist. Writes an AccessLog row ("referrals") for a reader other than the participant."""
    try:
        referral = _referrals_with_related().get(
            pk=int(referral_id), participant__in=participants_visible_to(user=user)
        )
    except (Referral.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error
    participant = referral.participant
    _log_sensitive_read(
        viewer=user,
        participant=participant,
        what="referrals",
        why=access_reason(user, participant),
    )
    return referral


def referrals_follow_up_due(*, on_date: date) -> QuerySet[Referral]:
    """Open referrals (made or contacted) whose follow-up falls due on or before
    `on_date`, oldest due first, with participant, facilitator and organisation loaded:
    for reminders (the weekly digest, text messages). Internal use: writes no AccessLog
    row, so what it returns goes only to the participant or their own staff, and never
    with staff's note."""
    return (
        Referral.objects.filter(status__in=OPEN_REFERRAL_STATUSES, follow_up_due_on__lte=on_date)
        .select_related("organisation", "participant__facilitator", "participant__user")
        .order_by("follow_up_due_on", "id")
    )


def referrals_follow_up_due_for_staff(*, user: User, on_date: date) -> QuerySet[Referral]:
    """The follow-ups due by `on_date` on `user`'s caseload (admins: their own caseload
    too, since the dashboard is the facilitator's to-do list), oldest due first."""
    if not is_staff_member(user):
        return Referral.objects.none()
    return referrals_follow_up_due(on_date=on_date).filter(participant__facilitator=user)
