"""Documents in a participant's file, kept in the private storage."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from portal.core.storage import private_storage

from .participants import Participant


class DocumentKind(models.TextChoices):
    RESUME = "resume", _("Résumé they already had")
    CERTIFICATE = "certificate", _("Certificate")
    DIPLOMA = "diploma", _("Diploma or GED")
    RECOMMENDATION = "recommendation", _("Letter of recommendation")
    OTHER = "other", _("Other")


def document_storage_name(instance, filename) -> str:
    """A random name for the stored file: never the name the person's computer gave it
    (it can hold personal details, odd characters or a path), and not guessable."""
    return f"participant-documents/{secrets.token_urlsafe(24)}.pdf"


class ParticipantDocument(models.Model):
    """A PDF in a participant's file (a certificate, a GED, a letter...). Uploaded by the
    participant or their staff through `services.document_upload`, which checks the
    content is a real PDF, its size and the number per participant. The file lives in
    the private storage (`private_storage`: outside MEDIA_ROOT, no URL) under a random
    name and is only ever served by the download view, which checks the same right as
    the profile (`permissions.can_view_profile`)."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind of document"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=150)
    file = models.FileField(
        _("file"), upload_to=document_storage_name, storage=private_storage, max_length=200
    )
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    @property
    def download_filename(self) -> str:
        """A safe name for the browser's save dialog, made from the title."""
        return f"{slugify(self.title)[:80] or 'document'}.pdf"
