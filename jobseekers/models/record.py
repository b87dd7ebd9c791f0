"""The record: a participant's convictions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.fields import EncryptedTextField
from portal.core.models import OffenseCategory

from .participants import Participant


class OffenseLevel(models.TextChoices):
    FELONY = "felony", _("Felony")
    MISDEMEANOR = "misdemeanor", _("Misdemeanor")


class RecordEntry(models.Model):
    """One conviction (never an arrest: an arrest alone is not proof of conduct).

    Sensitive: read only through `selectors.record_entries_for` or
    `selectors.record_summary_for`, which log every read by someone other than the
    participant. The description is encrypted and never leaves the caseload.
    """

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="record_entries"
    )
    offense_category = models.CharField(
        _("offense category"), max_length=20, choices=OffenseCategory.choices
    )
    level = models.CharField(_("level"), max_length=20, choices=OffenseLevel.choices)
    convicted_on = models.DateField(_("conviction date"))
    released_on = models.DateField(_("release date"), null=True, blank=True)
    description = EncryptedTextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-convicted_on", "-id"]
        verbose_name = _("conviction")
        verbose_name_plural = _("record")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(released_on__isnull=True)
                | models.Q(released_on__gte=models.F("convicted_on")),
                name="record_entry_release_after_conviction",
            ),
            models.CheckConstraint(
                condition=models.Q(offense_category__in=OffenseCategory.values),
                name="record_entry_category_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_level_display()} ({self.convicted_on:%Y})"
