"""Supervision terms: the conditions of a participant's parole or probation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.fields import EncryptedTextField

from .participants import Participant, format_us_phone


class SupervisionType(models.TextChoices):
    PAROLE = "parole", _("Parole")
    PROBATION = "probation", _("Probation")
    NONE = "none", _("No supervision")


class TravelLimit(models.TextChoices):
    NONE = "none", _("No travel limit")
    COUNTY = "county", _("May not leave the county")
    STATE = "state", _("May not leave the state")


class SupervisionTerms(models.Model):
    """The conditions of a participant's parole or probation (one row per participant).

    Sensitive: read only through `selectors.supervision_terms_for`, which logs every
    read by someone other than the participant. The officer's details and the standing
    meetings are encrypted at rest; the curfew and travel limits stay plain because
    matching compares them with shifts and job locations.
    """

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="supervision_terms"
    )
    supervision_type = models.CharField(
        _("supervision"), max_length=20, choices=SupervisionType.choices
    )
    officer_name = EncryptedTextField(_("officer name"), blank=True)
    officer_phone = EncryptedTextField(_("officer phone"), blank=True)
    ends_on = models.DateField(_("supervision ends on"), null=True, blank=True)
    # A window such as 22:00-06:00 crosses midnight.
    curfew_start = models.TimeField(_("curfew starts"), null=True, blank=True)
    curfew_end = models.TimeField(_("curfew ends"), null=True, blank=True)
    travel_limit = models.CharField(
        _("travel limit"), max_length=20, choices=TravelLimit.choices, default=TravelLimit.NONE
    )
    electronic_monitoring = models.BooleanField(_("electronic monitoring"), default=False)
    standing_meetings = EncryptedTextField(_("standing meetings"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("supervision terms")
        verbose_name_plural = _("supervision terms")

    def __str__(self):
        return f"{self.get_supervision_type_display()}"

    @property
    def officer_phone_display(self) -> str:
        return format_us_phone(self.officer_phone)

    @property
    def has_curfew(self) -> bool:
        return self.curfew_start is not None and self.curfew_end is not None

    def curfew_covers(self, moment) -> bool:
        """Whether the time of day `moment` falls inside the curfew (which may cross
        midnight: 22:00-06:00 covers 23:30 and 05:00)."""
        if not self.has_curfew:
            return False
        if self.curfew_start < self.curfew_end:
            return self.curfew_start <= moment < self.curfew_end
        return moment >= self.curfew_start or moment < self.curfew_end
