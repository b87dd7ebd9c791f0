"""Consents: what a participant agreed to share, as a history of rows."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .participants import Participant


class ConsentKind(models.TextChoices):
    SHARE_PROFILE_WITH_APPLIED_EMPLOYERS = (
        "share_profile_with_applied_employers",
        _("Share my profile and résumé with employers I apply to"),
    )
    SHARE_RECORD_SUMMARY = (
        "share_record_summary",
        _(
            "Share a summary of my record (kinds of offense and dates, never details) "
            "with employers I apply to, when the law allows them to ask"
        ),
    )
    SHARE_PROFILE_WITH_FAIR_EMPLOYERS = (
        "share_profile_with_fair_employers",
        _("Share my profile with employers at hiring fairs I attend"),
    )
    # Carriers and the TCPA: texts only to people who agreed in writing, with the date
    # kept (the row's `recorded_at`); a STOP reply withdraws it like the page does.
    TEXT_MESSAGES = (
        "text_messages",
        _(
            "Send me text messages about my interviews, job club, applications and pay "
            "(reply STOP to end them)"
        ),
    )


class Consent(models.Model):
    """One change of a consent: given or withdrawn, when, and who recorded it.

    Rows are only added, never edited, so the history stays; the consent in force is the
    newest row of its kind (`selectors.consent_in_force`). A withdrawal takes effect at
    once because every check reads the newest row.
    """

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(_("consent"), max_length=50, choices=ConsentKind.choices)
    given = models.BooleanField(_("given"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["participant", "kind", "-recorded_at"])]

    def __str__(self):
        return f"{self.kind}: {'given' if self.given else 'withdrawn'}"
