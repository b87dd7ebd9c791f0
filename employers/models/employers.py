"""Employers, their members and invitations, and their vetting by program staff."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

US_STATES = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"),
    ("CA", "California"), ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"),
    ("DC", "District of Columbia"), ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"),
    ("ID", "Idaho"), ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"),
    ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"),
    ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"),
    ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"),
    ("OR", "Oregon"), ("PA", "Pennsylvania"), ("RI", "Rhode Island"),
    ("SC", "South Carolina"), ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"),
    ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"), ("WA", "Washington"),
    ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
]  # fmt: skip


class Industry(models.TextChoices):
    CONSTRUCTION = "construction", _("Construction")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    WAREHOUSE = "warehouse", _("Warehouse and logistics")
    FOOD_SERVICE = "food_service", _("Restaurants and food service")
    HOSPITALITY = "hospitality", _("Hotels and hospitality")
    RETAIL = "retail", _("Retail")
    HEALTHCARE = "healthcare", _("Health care")
    CLEANING = "cleaning", _("Cleaning and maintenance")
    TRANSPORT = "transport", _("Transport and driving")
    OTHER = "other", _("Other")


class VettingStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    REJECTED = "rejected", _("Not approved")
    SUSPENDED = "suspended", _("Suspended")


VETTING_TRANSITIONS: dict[str, frozenset[str]] = {
    VettingStatus.PENDING: frozenset(
        {VettingStatus.APPROVED, VettingStatus.CHANGES_REQUESTED, VettingStatus.REJECTED}
    ),
    # The employer fixes what staff asked for and sends it back for review.
    VettingStatus.CHANGES_REQUESTED: frozenset({VettingStatus.PENDING}),
    VettingStatus.REJECTED: frozenset(),
    VettingStatus.APPROVED: frozenset({VettingStatus.SUSPENDED}),
    VettingStatus.SUSPENDED: frozenset({VettingStatus.APPROVED}),
}


class VettingDecision:
    """What staff decide on an employer, and the vetting state each leads to."""

    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_CHANGES = "request_changes"
    SUSPEND = "suspend"

    ALL = (APPROVE, REJECT, REQUEST_CHANGES, SUSPEND)
    TARGET = {
        APPROVE: VettingStatus.APPROVED,
        REJECT: VettingStatus.REJECTED,
        REQUEST_CHANGES: VettingStatus.CHANGES_REQUESTED,
        SUSPEND: VettingStatus.SUSPENDED,
    }


class Employer(models.Model):
    """A fair-chance employer. Lifecycle (VETTING_TRANSITIONS): pending -> approved,
    changes requested (-> pending again) or rejected; approved <-> suspended. Only an
    approved employer publishes jobs, books fair booths or receives applications."""

    ALLOWED_TRANSITIONS = VETTING_TRANSITIONS

    legal_name = models.CharField(_("legal name"), max_length=200)
    display_name = models.CharField(_("name shown to job seekers"), max_length=200)
    ein = models.CharField(_("EIN"), max_length=10, unique=True, help_text="12-3456789")
    street = models.CharField(_("street address"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    state = models.CharField(_("state"), max_length=2, choices=US_STATES)
    zip_code = models.CharField(_("ZIP code"), max_length=10)
    industry = models.CharField(_("industry"), max_length=30, choices=Industry.choices)
    employee_count = models.PositiveIntegerField(_("number of employees"))
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=30)
    status = models.CharField(
        _("vetting status"),
        max_length=20,
        choices=VettingStatus.choices,
        default=VettingStatus.PENDING,
        db_index=True,
    )
    vetting_note = models.TextField(_("note from staff"), blank=True)
    vetted_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    vetted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)

    class Meta:
        ordering = ["display_name", "id"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=VettingStatus.values), name="employer_status_valid"
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def is_approved(self) -> bool:
        return self.status == VettingStatus.APPROVED


class EmployerMembership(models.Model):
    """A user's place in one employer. The core reads `user.employer_membership`."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employer_membership"
    )
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="memberships")
    is_owner = models.BooleanField(_("owner"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_owner", "created_at"]
        verbose_name = _("employer member")
        verbose_name_plural = _("employer members")

    def __str__(self):
        return f"{self.user} @ {self.employer}"


class EmployerInvitation(models.Model):
    """An owner's invitation by email; accepted through a signed link that makes the
    account and its membership."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return self.email
