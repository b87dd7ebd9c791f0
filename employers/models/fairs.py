"""Hiring fairs and employer booths (the booth fee is a `portal.payments` Payment)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from employers.models.employers import Employer


class FairKind(models.TextChoices):
    COMMUNITY = "community", _("Community venue")
    FACILITY = "facility", _("Inside a correctional facility")
    VIRTUAL = "virtual", _("Virtual (video)")


class FairStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


FAIR_TRANSITIONS: dict[str, frozenset[str]] = {
    FairStatus.DRAFT: frozenset({FairStatus.PUBLISHED, FairStatus.CANCELLED}),
    FairStatus.PUBLISHED: frozenset({FairStatus.COMPLETED, FairStatus.CANCELLED}),
    FairStatus.COMPLETED: frozenset(),
    FairStatus.CANCELLED: frozenset(),
}


class HiringFair(models.Model):
    """A hiring fair. Lifecycle (FAIR_TRANSITIONS): draft -> published -> completed;
    cancelled at any point before completion (booths are refunded). A facility fair is
    for pre-release participants only."""

    ALLOWED_TRANSITIONS = FAIR_TRANSITIONS

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind of fair"), max_length=20, choices=FairKind.choices)
    venue = models.CharField(
        _("venue, facility or video link"), max_length=300, help_text=_("Where it happens.")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    registration_deadline = models.DateTimeField(_("registration closes"))
    employer_capacity = models.PositiveSmallIntegerField(_("employer booths"))
    participant_capacity = models.PositiveIntegerField(_("participant places"))
    booth_fee = models.DecimalField(_("booth fee"), max_digits=12, decimal_places=2, default=0)
    description = models.TextField(_("description"), blank=True)
    # Shown instead of the description to readers who chose Spanish (portal.core.i18n).
    description_es = models.TextField(
        _("description in Spanish"),
        blank=True,
        help_text=_("Shown to people who read the portal in Spanish. Empty: the description."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=FairStatus.choices, default=FairStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The staff assigned to work the fair (the door, the booths): they see every RSVP's
    # name and status for check-in; other staff see only their caseload's RSVPs. Set by
    # a program admin or the fair's organiser (`created_by`).
    staff_working = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="fairs_working",
        verbose_name=_("staff working the fair"),
        limit_choices_to={"role__in": ["staff", "admin"]},
    )

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("hiring fair")
        verbose_name_plural = _("hiring fairs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="fair_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(booth_fee__gte=0), name="fair_fee_positive"),
        ]

    def __str__(self):
        return self.title


class BoothStatus(models.TextChoices):
    PENDING_PAYMENT = "pending_payment", _("Waiting for payment")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")


BOOTH_TRANSITIONS: dict[str, frozenset[str]] = {
    BoothStatus.PENDING_PAYMENT: frozenset({BoothStatus.CONFIRMED, BoothStatus.CANCELLED}),
    BoothStatus.CONFIRMED: frozenset({BoothStatus.CANCELLED}),
    BoothStatus.CANCELLED: frozenset(),
}
# A booth waiting for payment holds its place, so that a payment never finds the fair full.
BOOTH_HOLDS_PLACE = (BoothStatus.PENDING_PAYMENT, BoothStatus.CONFIRMED)


class FairBooth(models.Model):
    """An employer's booth at a fair. Lifecycle (BOOTH_TRANSITIONS): pending payment ->
    confirmed once paid (at once when the fee is 0); cancelled at any point (refunded in
    full before the registration deadline)."""

    ALLOWED_TRANSITIONS = BOOTH_TRANSITIONS

    fair = models.ForeignKey(HiringFair, on_delete=models.CASCADE, related_name="booths")
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="booths")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=BoothStatus.choices,
        default=BoothStatus.PENDING_PAYMENT,
    )
    fee = models.DecimalField(_("fee"), max_digits=12, decimal_places=2)
    payment = models.OneToOneField(
        "payments.Payment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="booth",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["fair__starts_at", "id"]
        verbose_name = _("fair booth")
        verbose_name_plural = _("fair booths")
        constraints = [
            models.UniqueConstraint(
                fields=["fair", "employer"],
                condition=~models.Q(status=BoothStatus.CANCELLED),
                name="booth_one_per_employer",
            ),
        ]

    def __str__(self):
        return f"{self.employer} at {self.fair}"
