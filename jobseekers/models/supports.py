"""Direct supports: the small things that let a person start work (a bus pass, boots,
tools, a fee), paid from funding sources that each have a budget for a period
(DOMAIN_RULES.md, "Direct supports").

Written only through `services.support_record`, `services.support_decide` and the
funding-source services, which lock the funding source's row so that a budget is never
overspent, not even by two saves at the same moment. Supports follow the profile's rule
(the participant and their staff; employers never).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .participants import Participant


class FundingSource(models.Model):
    """A grant or fund the program pays supports from: a budget for a period.

    A support counts against the source's budget while it is given or waiting for an
    admin's approval (the money is set aside as soon as staff ask for it), so an approval
    can never overspend. Kept even when inactive: past supports point at it.
    """

    name = models.CharField(_("name"), max_length=120)
    budget = models.DecimalField(_("budget"), max_digits=12, decimal_places=2)
    starts_on = models.DateField(_("period starts on"))
    ends_on = models.DateField(_("period ends on"))
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active sources can pay for new supports.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_active", "name", "-starts_on"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget__gte=0), name="funding_source_budget_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="funding_source_period_in_order",
            ),
            models.UniqueConstraint(fields=["name", "starts_on"], name="funding_source_once"),
        ]

    def __str__(self):
        return f"{self.name} ({self.starts_on:%Y-%m-%d} to {self.ends_on:%Y-%m-%d})"

    def covers(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on


class SupportKind(models.TextChoices):
    BUS_PASS = "bus_pass", _("Bus pass")
    WORK_CLOTHES = "work_clothes", _("Work clothes or boots")
    TOOLS = "tools", _("Tools")
    ID_FEE = "id_fee", _("ID or licence fee")
    CERTIFICATION_FEE = "certification_fee", _("Certification fee")
    PHONE_MINUTES = "phone_minutes", _("Phone minutes")
    OTHER = "other", _("Other")


class SupportStatus(models.TextChoices):
    PENDING_APPROVAL = "pending_approval", _("Waiting for an admin's approval")
    GIVEN = "given", _("Given")
    DECLINED = "declined", _("Declined")


# Only an admin's decision moves a support, and only once.
ALLOWED_SUPPORT_TRANSITIONS = {
    SupportStatus.PENDING_APPROVAL: {SupportStatus.GIVEN, SupportStatus.DECLINED},
    SupportStatus.GIVEN: set(),
    SupportStatus.DECLINED: set(),
}

# The statuses whose amount is taken from the funding source's budget.
RESERVING_SUPPORT_STATUSES = (SupportStatus.PENDING_APPROVAL, SupportStatus.GIVEN)


class Support(models.Model):
    """One support given to a participant, paid by a funding source.

    Lifecycle: given at once when staff record it (its recorder approved it), or waiting
    for an admin's approval when the amount is over PORTAL_SUPPORT_APPROVAL_THRESHOLD;
    the admin then approves (given) or declines it (its money goes back to the budget).
    """

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="supports")
    kind = models.CharField(_("kind"), max_length=30, choices=SupportKind.choices)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    given_on = models.DateField(_("date given"))
    funding_source = models.ForeignKey(
        FundingSource,
        on_delete=models.PROTECT,
        related_name="supports",
        verbose_name=_("funding source"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SupportStatus.choices, default=SupportStatus.GIVEN
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who approved it: the staff member who gave it, or the admin."),
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        indexes = [models.Index(fields=["funding_source", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="support_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=SupportKind.values), name="support_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=SupportStatus.values), name="support_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount} ({self.given_on:%Y-%m-%d})"
