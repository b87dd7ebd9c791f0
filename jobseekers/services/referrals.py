"""Referrals to partner organisations and their follow-up (the closed loop).

A referral is made by caseload staff for one need, with staff's note (encrypted) and the
participant's answer on sharing their name and phone with the partner. A follow-up is
due `rules.referral_follow_up_days()` later; each follow-up recorded while the referral
stays open sets the next one, and closing it (connected, not connected, cancelled)
clears it. Statuses move only through `Referral.ALLOWED_TRANSITIONS`.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.audit import audit_record
from portal.core.exceptions import ApplicationError, NotFoundError
from portal.core.models import User
from portal.core.selectors import partner_organisation_get
from portal.core.transitions import transition_to

from .. import rules
from ..models import Participant, Referral, ReferralNeed, ReferralStatus
from ..permissions import can_follow_up_referral, can_make_referral
from ._common import _full_clean

NOTE_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 500


def _field_error(field: str, message: str, *, code: str = "invalid") -> ApplicationError:
    return ApplicationError(
        _("Please correct the errors below."), code=code, fields={field: [message]}
    )


def _clean_note(note: str, *, field: str = "note") -> str:
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise _field_error(field, _("Keep the note under 2,000 characters."))
    return note


@transaction.atomic
def referral_make(
    *,
    participant: Participant,
    actor: User,
    organisation_id: int,
    need: str,
    consent_to_share: bool,
    note: str = "",
) -> Referral:
    """Refer the participant to the partner organisation `organisation_id` for `need`.
    Caseload staff and admins only (anyone else: NotFoundError, as for a participant that
    does not exist). The follow-up falls due `PORTAL_REFERRAL_FOLLOW_UP_DAYS` from today.
    Audited in this transaction (the note's words never go to the audit trail).

    Raises ApplicationError (fields `organisation`, `need`, `note`) for an organisation
    that does not exist, a need not in the list or a note too long.
    """
    if not can_make_referral(actor, participant):
        raise NotFoundError()
    organisation = partner_organisation_get(organisation_id=organisation_id)
    if organisation is None:
        raise _field_error(
            "organisation",
            _("This partner organisation does not exist. Choose one from the list."),
            code="unknown_organisation",
        )
    if need not in ReferralNeed.values:
        raise _field_error("need", _("Choose the need from the list."))
    today = timezone.localdate()
    referral = Referral(
        participant=participant,
        organisation=organisation,
        need=need,
        note=_clean_note(note),
        consent_to_share=bool(consent_to_share),
        consent_recorded_at=timezone.now(),
        status=ReferralStatus.MADE,
        made_on=today,
        follow_up_due_on=today + timedelta(days=rules.referral_follow_up_days()),
        made_by=actor,
    )
    _full_clean(referral, exclude=["participant", "organisation", "made_by"])
    referral.save()
    audit_record(
        actor=actor,
        action="referral.made",
        target=participant,
        details={
            "referral_id": referral.pk,
            "organisation_id": organisation.pk,
            "need": need,
            "consent_to_share": referral.consent_to_share,
            "follow_up_due_on": referral.follow_up_due_on.isoformat(),
        },
    )
    return referral


@transaction.atomic
def referral_follow_up(
    *,
    referral: Referral,
    actor: User,
    status: str,
    reason: str = "",
    note: str = "",
) -> Referral:
    """Record a follow-up of an open referral: what came of it (`status`) and a note.

    `status` equal to the current one (made or contacted) records that staff checked and
    nothing changed yet; any other goes through `Referral.ALLOWED_TRANSITIONS`
    (made → contacted → connected; not connected, with a `reason`, or cancelled from made
    or contacted). While the referral stays open the next follow-up falls due
    `PORTAL_REFERRAL_FOLLOW_UP_DAYS` from today; once it is closed none is due.
    Caseload staff and admins only (anyone else: NotFoundError). Audited here.

    Raises InvalidTransition (409, code "illegal_referral_transition") for a move the
    table refuses, including any follow-up of a closed referral; ApplicationError (400)
    for "not connected" without a reason, an unknown status or a note too long.
    """
    if not can_follow_up_referral(actor, referral.participant):
        raise NotFoundError()
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if status not in ReferralStatus.values:
        raise _field_error("status", _("Choose what came of the referral from the list."))
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX_LENGTH:
        raise _field_error("reason", _("Keep the reason under 500 characters."))
    if status == ReferralStatus.NOT_CONNECTED and not reason:
        raise _field_error(
            "reason",
            _("Say why the person was not connected, so the next referral can do better."),
            code="reason_required",
        )
    note = _clean_note(note)
    previous = referral.status
    if not (status == previous and referral.is_open):
        transition_to(
            referral,
            status,
            code="illegal_referral_transition",
            message=_("A referral that is “%(current)s” cannot be marked “%(next)s”.")
            % {
                "current": referral.get_status_display(),
                "next": ReferralStatus(status).label,
            },
        )
    today = timezone.localdate()
    referral.reason = reason if status == ReferralStatus.NOT_CONNECTED else ""
    if note:
        referral.follow_up_note = note
    referral.last_followed_up_on = today
    referral.follow_up_due_on = (
        today + timedelta(days=rules.referral_follow_up_days()) if referral.is_open else None
    )
    referral.save()
    audit_record(
        actor=actor,
        action="referral.followed_up",
        target=referral.participant,
        details={
            "referral_id": referral.pk,
            "status_from": previous,
            "status_to": referral.status,
            "follow_up_due_on": (
                referral.follow_up_due_on.isoformat() if referral.follow_up_due_on else None
            ),
        },
    )
    return referral
