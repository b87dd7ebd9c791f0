"""Text messages to participants: the one send service, its delivery through the task
queue, the replies (STOP / START / HELP or a message for the facilitator) and Twilio's
delivery reports. The provider is behind `portal.messaging`; this module decides who may
be texted, what is said, and keeps the log.

The rules (DOMAIN_RULES.md, "Text messages"; TCPA and carrier rules): only to a person who
agreed to texts (a `Consent` of kind `text_messages`, with its date) and has not said
STOP since; never in the quiet hours (9 p.m. to 8 a.m. program time: the text waits for
the morning); at most PORTAL_SMS_DAILY_LIMIT a day per person; short, in the person's
language, and never about an offense, a record or supervision (every text is one of the
fixed `MESSAGES` below, filled with a job, an employer, a time or a place only).

One module at ~520 lines: sending, delivery, replies and the reminders share the consent,
quiet-hour and daily-limit checks; the reminders (job club, referral follow-ups) are the
first to move to `services/text_reminders.py` when it grows.
"""

import logging
from datetime import date, datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.audit import audit_record
from portal.core.exceptions import ApplicationError
from portal.core.models import User
from portal.core.transitions import transition_to
from portal.messaging.exceptions import TextProviderError, TextProviderRefusal
from portal.messaging.keywords import Keyword, keyword_of
from portal.messaging.providers import delivery_report_url, text_provider
from portal.messaging.quiet_hours import (
    is_quiet,
    next_send_time,
    program_day,
)
from portal.messaging.registry import DeliveryReport, InboundText

from .. import rules, selectors
from ..exceptions import TextRefusedError
from ..models import (
    Consent,
    ConsentKind,
    JobClubSession,
    Participant,
    ParticipantStatus,
    Program,
    TextDirection,
    TextMessage,
    TextMessageKind,
    TextMessageStatus,
)
from ._common import normalize_us_phone

logger = logging.getLogger(__name__)

K = TextMessageKind
S = TextMessageStatus

# Every text the portal sends, by kind. Each names only a job, an employer, a time, a day
# or a place: never an offense, a record, supervision or a case note.
MESSAGES = {
    K.INTERVIEW_TOMORROW: gettext_lazy(
        "%(program)s: tomorrow at %(time)s you have an interview with %(employer)s."
    ),
    K.JOB_CLUB_TOMORROW: gettext_lazy(
        "%(program)s: job club is tomorrow at %(time)s, %(place)s. See you there!"
    ),
    K.APPLICATION_STAGE: gettext_lazy(
        "%(program)s: news on your application for %(job)s: %(stage)s. Sign in to see it."
    ),
    K.RETENTION_CHECK_IN: gettext_lazy(
        "%(program)s: checking in on your job at %(employer)s. How is it going? Reply here."
    ),
    K.REFERRAL_FOLLOW_UP: gettext_lazy(
        "%(program)s: did you connect with %(organization)s? Reply here or call us."
    ),
    K.PAY_STUB_READY: gettext_lazy(
        "%(program)s: your pay stub for %(day)s is ready. Sign in to see it."
    ),
}
OUTBOUND_KINDS = frozenset(MESSAGES)
STOP_HINT = gettext_lazy("Reply STOP to end texts.")
HELP_TEXT = gettext_lazy(
    "%(program)s job texts: up to %(limit)s a day. Reply STOP to end, START to resume."
)
HELP_PHONE = gettext_lazy("Call %(phone)s.")
# A text past two SMS segments is cut (the fixed messages stay well under).
MAX_LENGTH = 320
# Minutes before the second and later tries after a provider failure.
RETRY_MINUTES = (5, 30, 120)


def _value_for_text(value):
    """A context value as the reader reads it: a time of day, a date, or a string."""
    if isinstance(value, datetime):
        return formats.time_format(timezone.localtime(value), "TIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "MONTH_DAY_FORMAT")
    return str(value)


def text_message_render(*, kind: str, context: dict, language: str) -> str:
    """The text of `kind` in `language` (en or es), filled from `context`, with the STOP
    hint. Raises ApplicationError for an unknown kind or a missing value."""
    if kind not in OUTBOUND_KINDS:
        raise ApplicationError(_("Unknown kind of text message."), code="text_kind")
    with translation.override(language):
        values = {name: _value_for_text(value) for name, value in context.items()}
        values.setdefault("program", settings.PORTAL_PROGRAM_NAME)
        try:
            body = f"{MESSAGES[kind] % values} {STOP_HINT}"
        except KeyError as error:
            raise ApplicationError(
                _("A value of the text message is missing."), code="text_context"
            ) from error
    return body[:MAX_LENGTH]


def _refuse(message: str, code: str):
    raise TextRefusedError(message, code=code)


@transaction.atomic
def text_message_send(
    *,
    participant: Participant,
    kind: str,
    context: dict | None = None,
    dedupe_key: str = "",
    actor: User | None = None,
) -> TextMessage:
    """Queue one text of `kind` to `participant`, in their language, and send it through
    the task queue once the transaction commits: at once, or at the end of the quiet
    hours. A reminder about one event (`dedupe_key`, e.g. "interview:42") is sent once:
    asking again returns the first one.

    Raises TextRefusedError (nothing saved, nothing sent) when the person has no phone,
    has not agreed to texts or said STOP, or has had PORTAL_SMS_DAILY_LIMIT texts on the
    day this one would go out; ApplicationError for an unknown kind."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    dedupe_key = (dedupe_key or "")[:100]
    if dedupe_key:
        earlier = TextMessage.objects.filter(participant=participant, dedupe_key=dedupe_key)
        if earlier.exists():
            return earlier.get()
    body = text_message_render(
        kind=kind, context=dict(context or {}), language=participant.preferred_language
    )
    if not participant.phone:
        _refuse(_("This participant has no phone number to text."), "text_no_phone")
    if not selectors.text_consent_in_force(participant=participant):
        _refuse(
            _("This participant has not agreed to text messages, or replied STOP."),
            "text_no_consent",
        )
    send_after = next_send_time()
    day = program_day(send_after)
    limit = rules.text_daily_limit()
    that_day = TextMessage.objects.filter(
        participant=participant,
        direction=TextDirection.OUTBOUND,
        status__in=[S.QUEUED, S.SENT, S.DELIVERED],
        send_day=day,
    ).count()
    if that_day >= limit:
        _refuse(
            _("This participant has had %(limit)s texts that day, the most allowed.")
            % {"limit": limit},
            "text_daily_limit",
        )
    message = TextMessage.objects.create(
        participant=participant,
        direction=TextDirection.OUTBOUND,
        kind=kind,
        phone=participant.phone,
        body=body,
        status=S.QUEUED,
        dedupe_key=dedupe_key,
        send_after=send_after,
        send_day=day,
    )
    audit_record(
        actor=actor,
        action="text_message.queued",
        target=participant,
        details={"kind": kind, "text_message": message.pk},
    )
    _deliver_on_commit(message)
    return message


def text_message_try_send(**kwargs) -> TextMessage | None:
    """`text_message_send` for the automatic reminders: a refusal (no consent, no phone,
    today's texts used) is normal and returns None instead of raising."""
    try:
        return text_message_send(**kwargs)
    except TextRefusedError as refusal:
        logger.info("Text not sent (%s)", refusal.code)
        return None


def _deliver_on_commit(message: TextMessage) -> None:
    transaction.on_commit(partial(_enqueue_delivery, message.pk, message.send_after))


def _enqueue_delivery(message_id: int, when: datetime | None) -> None:
    """Queue the delivery task: now, or at `when` on a queue that can wait (the database
    queue in production). A queue that cannot wait (the immediate one of `make run` and
    the tests) leaves it to `text_messages_send_due`, which runs every few minutes."""
    from django_tasks import default_task_backend

    from ..tasks import text_message_deliver_task

    if when is None or when <= timezone.now():
        text_message_deliver_task.enqueue(message_id)
    elif default_task_backend.supports_defer:
        text_message_deliver_task.using(run_after=when).enqueue(message_id)


def _move(message: TextMessage, status: str) -> None:
    transition_to(message, status)
    now = timezone.now()
    if status == S.SENT:
        message.sent_at = now
    elif status == S.DELIVERED:
        message.delivered_at = now
    elif status in (S.FAILED, S.REFUSED):
        message.failed_at = now


@transaction.atomic
def text_message_deliver(*, message_id: int) -> TextMessage | None:
    """Hand a queued text to the provider, if its time has come and the person still
    agrees to texts (withdrawn since: "refused", nothing sent). A provider failure is
    tried again later (PORTAL_SMS_MAX_ATTEMPTS tries, then "failed"); a provider refusal
    is final, and a number that said STOP to the carrier withdraws the consent.
    Idempotent: anything but a queued text whose time has come is left as it is."""
    message = (
        TextMessage.objects.select_for_update()
        .filter(pk=message_id, direction=TextDirection.OUTBOUND)
        .first()
    )
    now = timezone.now()
    if message is None or message.status != S.QUEUED:
        return message
    if message.send_after and message.send_after > now:
        return message
    if is_quiet(now):
        # A retry that fell into the night waits for the morning.
        message.send_after = next_send_time(now)
        message.save(update_fields=["send_after"])
        _deliver_on_commit(message)
        return message
    participant = message.participant
    if not selectors.text_consent_in_force(participant=participant):
        _move(message, S.REFUSED)
        message.error = "consent withdrawn before sending"
        message.save()
        return message
    message.attempts += 1
    provider = text_provider()
    message.provider = provider.name
    try:
        sent = provider.send(
            to=message.phone, body=message.body, status_callback=delivery_report_url()
        )
    except TextProviderRefusal as refusal:
        _move(message, S.REFUSED if refusal.opted_out else S.FAILED)
        message.error = f"refused by the provider ({refusal.provider_code or '-'})"
        message.save()
        if refusal.opted_out:
            _consent_withdraw_by_text(participant, how="carrier_opt_out")
        return message
    except TextProviderError:
        if message.attempts >= rules.text_max_attempts():
            _move(message, S.FAILED)
            message.error = "the provider failed every try"
        else:
            wait = RETRY_MINUTES[min(message.attempts, len(RETRY_MINUTES)) - 1]
            message.send_after = next_send_time(now + timedelta(minutes=wait))
            message.error = "the provider failed; trying again"
            _deliver_on_commit(message)
        message.save()
        return message
    _move(message, S.SENT)
    message.provider_id = sent.provider_id
    message.error = ""
    message.save()
    return message


def text_messages_send_due(*, limit: int = 500) -> int:
    """Deliver the queued texts whose time has come (the end of the quiet hours, a retry),
    each in its own transaction. Run every few minutes. Returns how many were tried."""
    due = list(
        TextMessage.objects.filter(
            direction=TextDirection.OUTBOUND, status=S.QUEUED, send_after__lte=timezone.now()
        )
        .order_by("send_after", "id")
        .values_list("pk", flat=True)[:limit]
    )
    for message_id in due:
        text_message_deliver(message_id=message_id)
    return len(due)


# ------------------------------------------------------------------ replies and reports


def _consent_withdraw_by_text(participant: Participant, *, how: str) -> None:
    """STOP: a withdrawal row (recorded by no staff member: the person's own text), and
    every text still queued for them is refused."""
    Consent.objects.create(participant=participant, kind=ConsentKind.TEXT_MESSAGES, given=False)
    for message in TextMessage.objects.select_for_update().filter(
        participant=participant, direction=TextDirection.OUTBOUND, status=S.QUEUED
    ):
        _move(message, S.REFUSED)
        message.error = "the participant replied STOP"
        message.save()
    audit_record(
        actor=None,
        action="consent.withdrawn",
        target=participant,
        details={"kind": ConsentKind.TEXT_MESSAGES, "by": how},
    )


def _consent_give_by_text(participant: Participant) -> None:
    Consent.objects.create(participant=participant, kind=ConsentKind.TEXT_MESSAGES, given=True)
    audit_record(
        actor=None,
        action="consent.given",
        target=participant,
        details={"kind": ConsentKind.TEXT_MESSAGES, "by": "text_reply"},
    )


def help_text(language: str) -> str:
    """The answer to HELP: the program's name, what it sends, how to stop, its phone."""
    with translation.override(language):
        text = str(HELP_TEXT) % {
            "program": settings.PORTAL_PROGRAM_NAME,
            "limit": rules.text_daily_limit(),
        }
        if settings.PORTAL_SMS_HELP_PHONE:
            text += " " + str(HELP_PHONE) % {"phone": settings.PORTAL_SMS_HELP_PHONE}
    return text


def _e164(number: str) -> str:
    try:
        return normalize_us_phone(number)
    except ApplicationError:
        return ""


@transaction.atomic
def text_reply_receive(inbound: InboundText) -> str:
    """A text from a participant's phone (matched by number): STOP (or STOPALL,
    UNSUBSCRIBE, CANCEL, END, QUIT, PARAR) withdraws their consent and refuses every text
    still queued; START resumes texts for someone who had agreed before; HELP is answered
    with `help_text`; anything else is filed in their message log for their facilitator
    ("new replies"). A webhook delivered twice (same message id) has no second effect.
    Returns the answer to send back ("" for none). A number no participant has: nothing
    is stored; HELP is still answered."""
    phone = _e164(inbound.from_number)
    participants = list(
        Participant.objects.select_for_update().filter(phone=phone).order_by("pk") if phone else []
    )
    keyword = keyword_of(inbound.body)
    language = participants[0].preferred_language if participants else settings.LANGUAGE_CODE
    answer = help_text(language) if keyword is Keyword.HELP else ""
    if (
        inbound.provider_id
        and TextMessage.objects.filter(
            direction=TextDirection.INBOUND, provider_id=inbound.provider_id
        ).exists()
    ):
        return answer
    if not participants:
        logger.info("A text from a number no participant has")
        return answer
    now = timezone.now()
    for participant in participants:
        kind = K.REPLY
        if keyword is Keyword.STOP:
            kind = K.OPT_OUT
            if selectors.text_consent_in_force(participant=participant):
                _consent_withdraw_by_text(participant, how="text_reply")
        elif keyword is Keyword.START:
            agreed_before = Consent.objects.filter(
                participant=participant, kind=ConsentKind.TEXT_MESSAGES, given=True
            ).exists()
            # Someone who never agreed has to agree with staff first: the START waits
            # for the facilitator as a reply.
            if agreed_before:
                kind = K.OPT_IN
                if not selectors.text_consent_in_force(participant=participant):
                    _consent_give_by_text(participant)
        elif keyword is Keyword.HELP:
            kind = K.HELP
        TextMessage.objects.create(
            participant=participant,
            direction=TextDirection.INBOUND,
            kind=kind,
            phone=phone,
            body=(inbound.body or "")[:1600],
            status=S.RECEIVED,
            provider_id=inbound.provider_id[:64],
            # Only a real reply waits for the facilitator.
            read_at=None if kind == K.REPLY else now,
        )
    return answer


@transaction.atomic
def text_delivery_report_record(report: DeliveryReport) -> TextMessage | None:
    """The provider's news about a text it took: sent -> delivered or failed. Reports
    that arrive late or twice change nothing (the table allows no step back). A carrier
    opt-out (Twilio 21610) withdraws the consent like a STOP."""
    message = (
        TextMessage.objects.select_for_update()
        .filter(direction=TextDirection.OUTBOUND, provider_id=report.provider_id)
        .first()
        if report.provider_id
        else None
    )
    if message is None:
        return None
    if report.status in message.ALLOWED_TRANSITIONS.get(message.status, frozenset()):
        _move(message, report.status)
        if report.error_code:
            message.error = f"provider error {report.error_code}"[:200]
        message.save()
    if report.error_code == "21610" and selectors.text_consent_in_force(
        participant=message.participant
    ):
        _consent_withdraw_by_text(message.participant, how="carrier_opt_out")
    return message


@transaction.atomic
def text_replies_mark_read(*, participant: Participant, actor: User) -> int:
    """The facilitator has read the participant's replies (shown on their message log).
    Returns how many were new."""
    from ..permissions import can_view_text_messages

    if not can_view_text_messages(actor, participant):
        return 0
    return TextMessage.objects.filter(
        participant=participant,
        direction=TextDirection.INBOUND,
        kind=K.REPLY,
        read_at__isnull=True,
    ).update(read_at=timezone.now())


# ------------------------------------------------------------------ reminders


def job_club_text_reminders_send() -> int:
    """Text each participant in the job club program who agreed to texts about each job
    club session tomorrow (program time), once per session and person. Returns how many
    texts were queued."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))
    sessions = list(
        JobClubSession.objects.filter(starts_at__gte=start, starts_at__lt=start + timedelta(days=1))
    )
    if not sessions:
        return 0
    people = [
        person
        for person in selectors.participants_agreeing_to_texts().filter(
            status=ParticipantStatus.ACTIVE
        )
        if Program.JOB_CLUB in (person.programs or [])
    ]
    count = 0
    for session in sessions:
        for person in people:
            sent = text_message_try_send(
                participant=person,
                kind=K.JOB_CLUB_TOMORROW,
                context={"time": session.starts_at, "place": session.place},
                dedupe_key=f"job_club:{session.pk}",
            )
            count += sent is not None
    return count


def referral_follow_up_texts_send() -> int:
    """Text each participant whose referral follow-up is due today or overdue, asking
    whether they connected with the organisation (once per referral: a referral left
    open after a follow-up is not texted again). Run daily. Returns how many were queued."""
    count = 0
    for referral in selectors.referrals_follow_up_due(on_date=timezone.localdate()):
        sent = referral_follow_up_text_send(
            participant=referral.participant,
            referral_id=referral.pk,
            organization=referral.organisation.name,
        )
        count += sent is not None
    return count


def referral_follow_up_text_send(
    *, participant: Participant, referral_id: int, organization: str, actor: User | None = None
) -> TextMessage | None:
    """Ask the participant whether they connected with the organisation they were
    referred to (once per referral). For the referrals part to call when a follow-up
    comes due; None when the person cannot be texted."""
    return text_message_try_send(
        participant=participant,
        kind=K.REFERRAL_FOLLOW_UP,
        context={"organization": organization},
        dedupe_key=f"referral:{referral_id}",
        actor=actor,
    )
