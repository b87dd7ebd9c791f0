"""Invitation codes with which participants make their login."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.audit import audit_record
from portal.core.exceptions import NotFoundError
from portal.core.models import Role, User
from portal.core.services import user_create

from .. import rules
from ..exceptions import AccountExistsError, InvitationError
from ..models import Invitation, Participant
from ..permissions import can_edit, can_issue_invitation

# Letters and digits that cannot be mistaken for each other when read aloud or typed
# from a text message (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def _code_hash(code: str) -> str:
    """A keyed hash of the code (HMAC with the secret key): a leaked table cannot be
    turned back into working codes."""
    normalized = "".join(ch for ch in code.upper() if ch.isalnum())
    return hmac.new(
        settings.SECRET_KEY.encode(), f"invitation:{normalized}".encode(), hashlib.sha256
    ).hexdigest()


def format_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


@transaction.atomic
def invitation_issue(*, participant: Participant, actor: User) -> tuple[Invitation, str]:
    """Issue a single-use code with which the participant makes their login; it expires
    after `rules.invitation_days()` days and replaces any earlier unused code. Returns
    the invitation and the code, which is shown once and never stored.

    Raises AccountExistsError if the participant already has a login."""
    if not can_edit(actor, participant):
        raise NotFoundError()
    if not can_issue_invitation(actor, participant):
        raise AccountExistsError(_("This participant already has an account."))
    now = timezone.now()
    Invitation.objects.filter(
        participant=participant, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    invitation = Invitation.objects.create(
        participant=participant,
        code_hash=_code_hash(code),
        expires_at=now + timedelta(days=rules.invitation_days()),
        created_by=actor,
    )
    audit_record(actor=actor, action="invitation.issued", target=participant)
    return invitation, format_code(code)


@transaction.atomic
def invitation_claim(*, code: str, username: str, password: str) -> User:
    """Make a participant's login from an invitation code, a username and a password
    (at least 12 characters). The code then stops working.

    Raises InvitationError for an unknown, expired, used or replaced code;
    AccountExistsError when the participant already has a login; ApplicationError for a
    taken username or a weak password (nothing is saved then)."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("participant")
        .filter(code_hash=_code_hash(code or ""))
        .first()
    )
    if invitation is None:
        raise InvitationError(
            _("This code is not right. Check it, or ask job club staff for a new one."),
            fields={"code": [_("Unknown code.")]},
        )
    if invitation.used_at is not None:
        raise InvitationError(
            _("This code was already used. Sign in, or ask job club staff for help."),
            code="invitation_used",
            fields={"code": [_("Already used.")]},
        )
    if invitation.revoked_at is not None or invitation.expires_at <= timezone.now():
        raise InvitationError(
            _("This code has expired. Ask job club staff for a new one."),
            code="invitation_expired",
            fields={"code": [_("Expired.")]},
        )
    participant = Participant.objects.select_for_update().get(pk=invitation.participant_id)
    if participant.user_id is not None:
        raise AccountExistsError(
            _("You already have an account. Sign in, or ask job club staff for help.")
        )
    # The profile's email goes on the login (for password resets) unless another account
    # already uses it; many participants have none, and the code works alone.
    email = participant.email
    login_email = "" if email and User.objects.filter(email__iexact=email).exists() else email
    user = user_create(
        username=(username or "").strip(),
        role=Role.PARTICIPANT,
        password=password,
        actor=None,
        email=login_email,
        first_name=participant.preferred_name or participant.first_name,
        last_name=participant.last_name,
        preferred_language=participant.preferred_language,
    )
    participant.user = user
    try:
        participant.save(update_fields=["user"])
    except IntegrityError as error:  # another claim won the race
        raise AccountExistsError(_("This participant already has an account.")) from error
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    audit_record(actor=user, action="invitation.claimed", target=participant)
    return user
