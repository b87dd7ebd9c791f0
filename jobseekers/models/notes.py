"""Case notes: what staff write about a participant (encrypted at rest)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.fields import EncryptedTextField

from .participants import Participant


class CaseNoteKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    CALL = "call", _("Call")
    JOB_CLUB = "job_club", _("Job club")
    EMPLOYER_CONTACT = "employer_contact", _("Employer contact")


class CaseNote(models.Model):
    """A staff note about a participant (staff only; the text is encrypted at rest)."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="case_notes"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CaseNoteKind.choices)
    text = EncryptedTextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"
