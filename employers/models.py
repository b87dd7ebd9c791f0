"""Employers and what they do with the program: vetting, the fair-chance hiring policy,
job postings, hiring fairs and their booths.

Status fields are state machines: each `*Status` has an `ALLOWED_TRANSITIONS` table and
only a service in `employers.services` changes a status.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from employers.formatting import render_formatted_text
from portal.core.models import OffenseCategory, Skill

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


class PolicyDecision(models.TextChoices):
    CONSIDERED = "considered", _("Considered case by case")
    NOT_WITHIN_YEARS = "not_within_years", _("Not considered within a number of years")
    NEVER = "never", _("Never considered")


class PolicyReason(models.TextChoices):
    NONE = "", _("No reason given")
    LAW = "law", _("The law")
    INSURANCE = "insurance", _("Our insurance")
    POLICY = "policy", _("Company policy")


class RecordStage(models.TextChoices):
    """From which application stage an employer may see a record. Kansas City, MO Code
    Sec. 38-104: after the interview; other places: after a conditional offer."""

    INTERVIEWED = "interviewed", _("After the interview")
    CONDITIONAL_OFFER = "conditional_offer", _("After a conditional offer")


class BackgroundCheckTiming(models.TextChoices):
    NONE = "none", _("We do not run background checks")
    AFTER_INTERVIEW = "after_interview", _("After the interview")
    AFTER_CONDITIONAL_OFFER = "after_conditional_offer", _("After a conditional offer")


# How strict each decision is, for "a job may only tighten its employer's policy".
DECISION_STRICTNESS = {
    PolicyDecision.CONSIDERED: 0,
    PolicyDecision.NOT_WITHIN_YEARS: 1,
    PolicyDecision.NEVER: 2,
}


class HiringPolicy(models.Model):
    """An employer's fair-chance hiring policy: one `OffenseRule` per offense category
    (a missing rule means "considered"), supervision, check timing, and the pledge."""

    employer = models.OneToOneField(
        Employer, on_delete=models.CASCADE, related_name="hiring_policy"
    )
    accepts_parole = models.BooleanField(_("we hire people on parole"), default=True)
    accepts_probation = models.BooleanField(_("we hire people on probation"), default=True)
    background_check_timing = models.CharField(
        _("when we run a background check"),
        max_length=30,
        choices=BackgroundCheckTiming.choices,
        default=BackgroundCheckTiming.AFTER_CONDITIONAL_OFFER,
    )
    record_visible_from = models.CharField(
        _("we see a record from"),
        max_length=20,
        choices=RecordStage.choices,
        default=RecordStage.INTERVIEWED,
    )
    pledge_accepted_at = models.DateTimeField(_("pledge accepted at"), null=True, blank=True)
    pledge_signer = models.CharField(_("pledge signed by"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hiring policy")
        verbose_name_plural = _("hiring policies")

    def __str__(self):
        return f"{self.employer} policy"


class OffenseRuleBase(models.Model):
    category = models.CharField(_("offense"), max_length=20, choices=OffenseCategory.choices)
    decision = models.CharField(_("decision"), max_length=20, choices=PolicyDecision.choices)
    years = models.PositiveSmallIntegerField(_("years"), null=True, blank=True)
    reason = models.CharField(
        _("reason"), max_length=20, choices=PolicyReason.choices, blank=True, default=""
    )

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.get_category_display()}: {self.get_decision_display()}"

    def strictness(self) -> tuple[int, int]:
        return (DECISION_STRICTNESS[self.decision], self.years or 0)


class OffenseRule(OffenseRuleBase):
    """How the employer treats one offense category."""

    policy = models.ForeignKey(HiringPolicy, on_delete=models.CASCADE, related_name="rules")

    class Meta:
        ordering = ["category"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "category"], name="offense_rule_unique"),
            models.CheckConstraint(
                condition=(
                    models.Q(decision=PolicyDecision.NOT_WITHIN_YEARS, years__gte=1)
                    | (~models.Q(decision=PolicyDecision.NOT_WITHIN_YEARS) & models.Q(years=None))
                ),
                name="offense_rule_years",
            ),
        ]


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")
    TEMPORARY = "temporary", _("Temporary")
    SEASONAL = "seasonal", _("Seasonal")


class ShiftPeriod(models.TextChoices):
    DAY = "day", _("Day")
    EVENING = "evening", _("Evening")
    NIGHT = "night", _("Night")


class Weekday(models.TextChoices):
    MON = "mon", _("Monday")
    TUE = "tue", _("Tuesday")
    WED = "wed", _("Wednesday")
    THU = "thu", _("Thursday")
    FRI = "fri", _("Friday")
    SAT = "sat", _("Saturday")
    SUN = "sun", _("Sunday")


class JobStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for staff review")
    OPEN = "open", _("Open")
    FILLED = "filled", _("Filled")
    CLOSED = "closed", _("Closed")
    EXPIRED = "expired", _("Expired")


JOB_TRANSITIONS: dict[str, frozenset[str]] = {
    # Staff may send a submitted job back to draft with a note (a rejection).
    JobStatus.DRAFT: frozenset({JobStatus.SUBMITTED, JobStatus.OPEN, JobStatus.CLOSED}),
    JobStatus.SUBMITTED: frozenset({JobStatus.OPEN, JobStatus.DRAFT, JobStatus.CLOSED}),
    JobStatus.OPEN: frozenset({JobStatus.FILLED, JobStatus.CLOSED, JobStatus.EXPIRED}),
    JobStatus.FILLED: frozenset(),
    JobStatus.CLOSED: frozenset(),
    JobStatus.EXPIRED: frozenset(),
}


class JobPosting(models.Model):
    """A job an employer offers. Lifecycle (JOB_TRANSITIONS): draft -> submitted (staff
    review an employer's first postings, `employers.rules.moderated_first_postings`) ->
    open -> filled / closed, or expired by the daily task once `expires_on` passes.

    `shift_period` and `works_weekends` are derived from the shift by the service, so
    that search filters on plain columns."""

    ALLOWED_TRANSITIONS = JOB_TRANSITIONS

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="jobs")
    title = models.CharField(_("job title"), max_length=200)
    description = models.TextField(_("description"))
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="jobs", verbose_name=_("skills")
    )
    skills_other = models.CharField(_("other skills"), max_length=300, blank=True)
    certifications_required = models.CharField(
        _("certifications required"), max_length=300, blank=True
    )
    certifications_preferred = models.CharField(
        _("certifications preferred"), max_length=300, blank=True
    )
    street = models.CharField(_("work address"), max_length=200, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=10, db_index=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    transit_accessible = models.BooleanField(_("on a bus line"), default=False)
    remote = models.BooleanField(_("remote work"), default=False)
    shift_days = models.CharField(
        _("shift days"), max_length=40, help_text="Comma-separated weekday codes (mon,tue,...)."
    )
    shift_start = models.TimeField(_("shift starts"))
    shift_end = models.TimeField(_("shift ends"))
    shift_period = models.CharField(max_length=10, choices=ShiftPeriod.choices, db_index=True)
    works_weekends = models.BooleanField(default=False)
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"))
    employment_type = models.CharField(
        _("type of job"), max_length=20, choices=EmploymentType.choices
    )
    wage_min = models.DecimalField(_("lowest hourly wage"), max_digits=12, decimal_places=2)
    wage_max = models.DecimalField(_("highest hourly wage"), max_digits=12, decimal_places=2)
    openings = models.PositiveSmallIntegerField(_("openings"), default=1)
    requires_drivers_license = models.BooleanField(_("driver's licence needed"), default=False)
    lifting_pounds = models.PositiveSmallIntegerField(
        _("must lift (pounds)"), null=True, blank=True
    )
    other_requirements = models.CharField(_("other requirements"), max_length=300, blank=True)
    expires_on = models.DateField(_("closes on"))
    status = models.CharField(
        _("status"), max_length=20, choices=JobStatus.choices, default=JobStatus.DRAFT
    )
    moderation_note = models.TextField(_("note from staff"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("job posting")
        verbose_name_plural = _("job postings")
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["status", "latitude", "longitude"]),
            models.Index(fields=["status", "wage_max"]),
            # The search's page count joins open jobs to approved employers: an index of
            # open jobs' employer ids lets PostgreSQL count without reading the table.
            models.Index(
                fields=["employer"],
                condition=models.Q(status="open"),
                name="job_open_employer_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(wage_min__lte=models.F("wage_max")), name="job_wage_range"
            ),
            models.CheckConstraint(
                condition=~models.Q(shift_start=models.F("shift_end")), name="job_shift_not_empty"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=JobStatus.values), name="job_status_valid"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def description_html(self):
        """The description with its simple formatting, sanitized (employers.formatting)."""
        return render_formatted_text(self.description)

    @property
    def shift_day_list(self) -> list[str]:
        return [day for day in self.shift_days.split(",") if day]

    @property
    def shift_day_labels(self) -> list[str]:
        labels = dict(Weekday.choices)
        return [str(labels[day]) for day in self.shift_day_list if day in labels]

    @property
    def is_overnight(self) -> bool:
        return self.shift_end < self.shift_start


class JobOffenseRule(OffenseRuleBase):
    """A job's own, stricter rule for one offense category (it may only tighten the
    employer's policy, never loosen it)."""

    job = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="policy_rules")

    class Meta:
        ordering = ["category"]
        constraints = [
            models.UniqueConstraint(fields=["job", "category"], name="job_offense_rule_unique"),
        ]


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
    status = models.CharField(
        _("status"), max_length=20, choices=FairStatus.choices, default=FairStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

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
