"""Job postings and their own, stricter offense rules."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from employers.formatting import render_formatted_text
from employers.models.employers import Employer
from employers.models.policies import OffenseRuleBase
from portal.core.models import Skill


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
            # A participant's "Jobs for you" asks when any job last changed (the newest
            # `updated_at`): one step down this index, not a pass over 20,000 jobs.
            models.Index(fields=["updated_at"], name="job_updated_at_idx"),
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
