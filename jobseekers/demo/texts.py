"""Demo text messages: for each demo participant who agreed to texts, a reminder that was
delivered and, for the first, a reply waiting for the facilitator (shown on the
dashboard as a new reply). Idempotent by each row's fixed key."""

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from ..models import Participant, TextDirection, TextMessage, TextMessageKind, TextMessageStatus
from ..selectors import participants_agreeing_to_texts
from ..services import text_message_render


def seed_texts(*, facilitator) -> int:
    """Returns how many demo participants have texts."""
    now = timezone.now()
    # Pat (the "participant" login) first: the reply is theirs.
    people = list(
        participants_agreeing_to_texts()
        .filter(facilitator=facilitator)
        .order_by(F("user__username").asc(nulls_last=True), "pk")
    )
    for number, person in enumerate(people):
        _delivered_reminder(person, now)
        if number == 0:
            TextMessage.objects.get_or_create(
                participant=person,
                direction=TextDirection.INBOUND,
                provider_id=f"demo-reply-{person.pk}",
                defaults={
                    "kind": TextMessageKind.REPLY,
                    "phone": person.phone,
                    "body": "Bus was late, I will be 15 min late to job club.",
                    "status": TextMessageStatus.RECEIVED,
                },
            )
    return len(people)


def _delivered_reminder(person: Participant, now) -> None:
    sent_at = now - timedelta(days=1)
    body = text_message_render(
        kind=TextMessageKind.JOB_CLUB_TOMORROW,
        context={"time": now.replace(hour=16, minute=0), "place": "3200 Wayne Ave"},
        language=person.preferred_language,
    )
    TextMessage.objects.get_or_create(
        participant=person,
        dedupe_key="demo:job_club",
        defaults={
            "direction": TextDirection.OUTBOUND,
            "kind": TextMessageKind.JOB_CLUB_TOMORROW,
            "phone": person.phone,
            "body": body,
            "status": TextMessageStatus.DELIVERED,
            "send_after": sent_at,
            "send_day": timezone.localdate(sent_at),
            "attempts": 1,
            "provider": "console",
            "provider_id": f"demo-{person.pk}",
            "sent_at": sent_at,
            "delivered_at": sent_at,
        },
    )
