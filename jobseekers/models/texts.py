"""Text messages to and from a participant: the log staff read on the participant page.

Consent to texts is a `Consent` of kind `text_messages` (given with its date, withdrawn
by the participant, their staff, or a STOP reply); this module keeps what was sent and
received."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .participants import Participant


class TextMessageKind(models.TextChoices):
    INTERVIEW_TOMORROW = "interview_tomorrow", _("Interview tomorrow")
    JOB_CLUB_TOMORROW = "job_club_tomorrow", _("Job club tomorrow")
    APPLICATION_STAGE = "application_stage", _("Application news")
    RETENTION_CHECK_IN = "retention_check_in", _("Check-in at work")
    REFERRAL_FOLLOW_UP = "referral_follow_up", _("Referral follow-up")
    PAY_STUB_READY = "pay_stub_ready", _("Pay stub ready")
    # Sent by the participant.
    REPLY = "reply", _("Reply")
    OPT_OUT = "opt_out", _("STOP")
    OPT_IN = "opt_in", _("START")
    HELP = "help", _("HELP")


class TextDirection(models.TextChoices):
    OUTBOUND = "outbound", _("Sent to the participant")
    INBOUND = "inbound", _("From the participant")


class TextMessageStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")
    REFUSED = "refused", _("Not sent")
    RECEIVED = "received", _("Received")


S = TextMessageStatus
TEXT_MESSAGE_TRANSITIONS: dict[str, frozenset[str]] = {
    # Refused: consent withdrawn (or STOP) before it went out, or the carrier refuses.
    S.QUEUED: frozenset({S.SENT, S.FAILED, S.REFUSED}),
    # Delivery reports may arrive out of order; "delivered" and "failed" are final.
    S.SENT: frozenset({S.DELIVERED, S.FAILED}),
    S.DELIVERED: frozenset(),
    S.FAILED: frozenset(),
    S.REFUSED: frozenset(),
    S.RECEIVED: frozenset(),
}


class TextMessage(models.Model):
    """One text to or from a participant.

    Outbound lifecycle (TEXT_MESSAGE_TRANSITIONS): queued (until `send_after`: the end of
    the quiet hours, or the next try) -> sent -> delivered / failed; queued -> refused
    (consent withdrawn before it went out) or failed (the provider failed every try).
    Inbound messages are "received"; a reply (not a keyword) waits for the facilitator
    until `read_at`. `dedupe_key` names the event a reminder is about ("interview:42"),
    unique per participant, so no reminder goes twice."""

    ALLOWED_TRANSITIONS = TEXT_MESSAGE_TRANSITIONS

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="text_messages"
    )
    direction = models.CharField(_("direction"), max_length=10, choices=TextDirection.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=TextMessageKind.choices)
    # The participant's number at the time (E.164), whichever way the text went.
    phone = models.CharField(_("phone"), max_length=20)
    body = models.CharField(_("message"), max_length=1600)
    status = models.CharField(
        _("status"), max_length=10, choices=TextMessageStatus.choices, db_index=True
    )
    dedupe_key = models.CharField(max_length=100, blank=True)
    send_after = models.DateTimeField(_("send after"), null=True, blank=True)
    # The program-time day the daily limit counts an outbound text on (the day it was
    # first due: a text queued at 10 p.m. counts on the next day).
    send_day = models.DateField(_("day"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("tries"), default=0)
    provider = models.CharField(_("sent by"), max_length=20, blank=True)
    provider_id = models.CharField(_("provider's id"), max_length=64, blank=True, db_index=True)
    error = models.CharField(_("error"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read by staff at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("text message")
        verbose_name_plural = _("text messages")
        indexes = [
            models.Index(fields=["participant", "-created_at"]),
            models.Index(fields=["status", "send_after"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="text_message_once_per_event",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=TextMessageStatus.values),
                name="text_message_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.direction} {self.kind} {self.status}"
