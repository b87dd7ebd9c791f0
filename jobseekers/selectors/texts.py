"""Reads of text messages: consent in force, the message log (caseload staff and admins)
and the replies waiting for a facilitator."""

from django.db.models import (
    OuterRef,
    QuerySet,
    Subquery,
)
from django.http import Http404

from portal.core.models import User

from ..models import (
    Consent,
    ConsentKind,
    Participant,
    TextDirection,
    TextMessage,
    TextMessageKind,
)
from ..permissions import (
    can_view_text_messages,
)

# ------------------------------------------------------------------ text messages
from .participants import caseload_for, consent_in_force


def text_consent_in_force(*, participant: Participant) -> bool:
    """Whether the participant agrees to texts right now (a STOP withdrew it)."""
    return consent_in_force(participant=participant, kind=ConsentKind.TEXT_MESSAGES)


def text_messages_for(*, participant: Participant, viewer: User) -> QuerySet[TextMessage]:
    """The texts to and from the participant, newest first: for caseload staff and
    admins (`can_view_text_messages`); anyone else gets Http404."""
    if not can_view_text_messages(viewer, participant):
        raise Http404
    return TextMessage.objects.filter(participant=participant)


def text_replies_unread_for(*, user: User) -> QuerySet[TextMessage]:
    """Replies from participants on `user`'s caseload that no staff member has read yet
    (admins: every participant's)."""
    return TextMessage.objects.filter(
        participant__in=caseload_for(user=user).values("pk"),
        direction=TextDirection.INBOUND,
        kind=TextMessageKind.REPLY,
        read_at__isnull=True,
    ).select_related("participant")


def participants_agreeing_to_texts() -> QuerySet[Participant]:
    """Participants with a phone whose newest text-message consent is given (for the
    daily reminders); one query whatever their number."""
    newest = (
        Consent.objects.filter(participant=OuterRef("pk"), kind=ConsentKind.TEXT_MESSAGES)
        .order_by("-recorded_at", "-id")
        .values("given")[:1]
    )
    return (
        Participant.objects.exclude(phone="")
        .annotate(agrees_to_texts=Subquery(newest))
        .filter(agrees_to_texts=True)
    )
