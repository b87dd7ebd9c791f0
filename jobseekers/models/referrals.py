"""Referrals to partner organisations, with follow-up until the loop is closed.

Staff refer a participant to a partner organisation (`portal.core.PartnerOrganisation`,
the same places the public directory lists) for one need. A follow-up is due
`PORTAL_REFERRAL_FOLLOW_UP_DAYS` after the referral (and again after each follow-up that
leaves it open); it shows on the facilitator's dashboard until recorded, and the weekly
digest lists the overdue ones.

Lifecycle (`ALLOWED_TRANSITIONS`): made → contacted → connected; from made or contacted
also not connected (with a reason) or cancelled. Only `services.referral_*` change it.
Referrals follow the profile's rule (the participant and caseload staff; employers never);
staff's note is encrypted at rest and shown to staff only.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.fields import EncryptedTextField
from portal.core.models import PartnerOrganisation

from .participants import Participant


class ReferralNeed(models.TextChoices):
    HOUSING = "housing", _("Housing")
    TREATMENT = "treatment", _("Treatment")
    ID_DOCUMENTS = "id_documents", _("ID documents")
    CHILDCARE = "childcare", _("Childcare")
    LEGAL_AID = "legal_aid", _("Legal aid")
    FOOD = "food", _("Food")
    CLOTHING = "clothing", _("Clothing")
    EDUCATION = "education", _("Education")
    OTHER = "other", _("Other")


class ReferralStatus(models.TextChoices):
    MADE = "made", _("Referral made")
    CONTACTED = "contacted", _("Partner contacted")
    CONNECTED = "connected", _("Connected")
    NOT_CONNECTED = "not_connected", _("Not connected")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_REFERRAL_STATUSES = frozenset({ReferralStatus.MADE, ReferralStatus.CONTACTED})


class Referral(models.Model):
    """One referral of a participant to a partner organisation for a need.

    `follow_up_due_on` is set while the referral is open and cleared once it is closed
    (connected, not connected, cancelled). `consent_to_share` records whether the
    participant agreed that the program gives the partner their name and phone, and
    `consent_recorded_at` when staff recorded that answer.
    """

    ALLOWED_TRANSITIONS = {
        ReferralStatus.MADE: frozenset(
            {ReferralStatus.CONTACTED, ReferralStatus.NOT_CONNECTED, ReferralStatus.CANCELLED}
        ),
        ReferralStatus.CONTACTED: frozenset(
            {ReferralStatus.CONNECTED, ReferralStatus.NOT_CONNECTED, ReferralStatus.CANCELLED}
        ),
        ReferralStatus.CONNECTED: frozenset(),
        ReferralStatus.NOT_CONNECTED: frozenset(),
        ReferralStatus.CANCELLED: frozenset(),
    }

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="referrals")
    organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("partner organisation"),
    )
    need = models.CharField(_("need"), max_length=20, choices=ReferralNeed.choices)
    note = EncryptedTextField(_("note for staff"), blank=True)
    consent_to_share = models.BooleanField(
        _("the person agrees we give the partner their name and phone"), default=False
    )
    consent_recorded_at = models.DateTimeField(_("consent recorded at"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.MADE
    )
    reason = models.CharField(_("why not connected"), max_length=500, blank=True)
    follow_up_note = EncryptedTextField(_("last follow-up note"), blank=True)
    made_on = models.DateField(_("referred on"))
    follow_up_due_on = models.DateField(_("follow-up due on"), null=True, blank=True)
    last_followed_up_on = models.DateField(_("last follow-up on"), null=True, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-made_on", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [models.Index(fields=["status", "follow_up_due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(need__in=ReferralNeed.values), name="referral_need_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ReferralStatus.values),
                name="referral_status_valid",
            ),
            # "Not connected" always says why.
            models.CheckConstraint(
                condition=~models.Q(status=ReferralStatus.NOT_CONNECTED) | ~models.Q(reason=""),
                name="referral_not_connected_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.get_need_display()}: {self.organisation_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REFERRAL_STATUSES
