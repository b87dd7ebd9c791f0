"""Models of the placements app's applications area (see placements/models/__init__.py):
applications with their history and fair-chance record review, interviews, placements,
retention checks, tax-credit screening (WOTC, Form 8850) and Federal Bonding requests.

Only `placements.applications.services` changes these rows; status fields are state
machines with an allowed-transitions table.

One module at ~570 lines of field declarations, choices and transition tables: Django
finds an app area's models here and the services import them from one place. When it
grows, the tax-credit and bonding models (WotcScreening, BondingRequest) and the questions
about jobs that do not fit (FitQuestion) move first into `models/` beside the pipeline.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "ACTIVE_APPLICATION_STATES",
    "APPLICATION_TRANSITIONS",
    "OPEN_APPLICATION_STATES",
    "Application",
    "ApplicationEvent",
    "ApplicationStatus",
    "BondingRequest",
    "BondingStatus",
    "DeclineReason",
    "FitQuestion",
    "FitQuestionStatus",
    "Interview",
    "InterviewMode",
    "Placement",
    "RecordDecision",
    "RecordReview",
    "RetentionCheck",
    "RetentionOutcome",
    "RetentionVerification",
    "SeparationReason",
    "WotcScreening",
]


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Sent")
    REVIEWING = "reviewing", _("Being reviewed")
    INTERVIEW_SCHEDULED = "interview_scheduled", _("Interview scheduled")
    INTERVIEWED = "interviewed", _("Interviewed")
    CONDITIONAL_OFFER = "conditional_offer", _("Conditional offer")
    HIRED = "hired", _("Hired")
    DECLINED = "declined", _("Not hired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = ApplicationStatus

# The pipeline in order; an application moves one step forward at a time.
PIPELINE = (S.SUBMITTED, S.REVIEWING, S.INTERVIEW_SCHEDULED, S.INTERVIEWED, S.CONDITIONAL_OFFER)
OPEN_APPLICATION_STATES = frozenset(PIPELINE)
# "One active application per participant and job": open ones and a hire.
ACTIVE_APPLICATION_STATES = OPEN_APPLICATION_STATES | {S.HIRED}

APPLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    S.SUBMITTED: frozenset({S.REVIEWING, S.DECLINED, S.WITHDRAWN}),
    S.REVIEWING: frozenset({S.INTERVIEW_SCHEDULED, S.DECLINED, S.WITHDRAWN}),
    S.INTERVIEW_SCHEDULED: frozenset({S.INTERVIEWED, S.DECLINED, S.WITHDRAWN}),
    S.INTERVIEWED: frozenset({S.CONDITIONAL_OFFER, S.DECLINED, S.WITHDRAWN}),
    S.CONDITIONAL_OFFER: frozenset({S.HIRED, S.DECLINED, S.WITHDRAWN}),
    S.HIRED: frozenset(),
    S.DECLINED: frozenset(),
    S.WITHDRAWN: frozenset(),
}


class DeclineReason(models.TextChoices):
    NOT_SELECTED = "not_selected", _("Another applicant was chosen")
    POSITION_FILLED = "position_filled", _("The job was filled")
    RECORD_BASED = "record_based", _("Because of the record (after the fair-chance steps)")


class Application(models.Model):
    """A participant's application to one job.

    Lifecycle (APPLICATION_TRANSITIONS): submitted → reviewing → interview scheduled →
    interviewed → conditional offer → hired; declined (with a reason) or withdrawn from
    any open state. Keeps the résumé version it was sent with and a copy of the consents
    in force when it was sent. One active application per participant and job (a partial
    unique constraint). Staff who apply for a participant record that the participant
    agreed (`participant_agreed_at`), and, for a job that does not fit the person's
    supervision terms, the conflicts and their note (`fit_conflicts`, `fit_note`).
    """

    ALLOWED_TRANSITIONS = APPLICATION_TRANSITIONS

    participant = models.ForeignKey(
        "jobseekers.Participant", on_delete=models.PROTECT, related_name="applications"
    )
    job = models.ForeignKey(
        "employers.JobPosting", on_delete=models.PROTECT, related_name="applications"
    )
    # The job's employer, copied so that the employer's lists filter on one column.
    employer = models.ForeignKey(
        "employers.Employer", on_delete=models.PROTECT, related_name="applications"
    )
    resume_version = models.ForeignKey(
        "jobseekers.ResumeVersion",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("résumé sent"),
    )
    consents_at_application = models.JSONField(_("consents when sent"), default=list)
    status = models.CharField(
        _("stage"), max_length=30, choices=ApplicationStatus.choices, default=S.SUBMITTED
    )
    status_changed_at = models.DateTimeField(_("stage changed at"))
    decline_reason = models.CharField(
        _("reason"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    cover_note = models.TextField(_("note to the employer"), max_length=1500, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    participant_agreed_at = models.DateTimeField(_("participant agreed at"))
    # A job that breaks the participant's supervision terms or travel limits (issue 14):
    # caseload staff applied anyway, having confirmed it with a note. The conflicts as
    # they were then (`placements.matching.fit` dicts); staff-only, never the employer.
    fit_conflicts = models.JSONField(
        _("conflicts with supervision terms"), default=list, blank=True
    )
    fit_note = models.TextField(_("why staff applied anyway"), max_length=1000, blank=True)
    offered_on = models.DateField(_("offer day"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            models.Index(fields=["employer", "status"]),
            models.Index(fields=["job", "status"]),
            models.Index(fields=["participant", "status"]),
            # The dashboard's "applications waiting", longest first: the first rows of
            # this index, not a sort of every open application (issue 15).
            models.Index(
                fields=["status_changed_at", "id"],
                condition=models.Q(status__in=sorted(OPEN_APPLICATION_STATES)),
                name="application_open_by_wait",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "job"],
                condition=models.Q(status__in=sorted(ACTIVE_APPLICATION_STATES)),
                name="application_one_active_per_job",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ApplicationStatus.values),
                name="application_status_valid",
            ),
        ]

    def __str__(self):
        return f"Application {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_APPLICATION_STATES


class ApplicationEvent(models.Model):
    """One change of stage, with its time and who made it: the application's history."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=30, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(max_length=30, choices=ApplicationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class RecordDecision(models.TextChoices):
    CONFIRMED = "confirmed", _("Decline confirmed")
    REVERSED = "reversed", _("Decision reversed: the application goes on")


class RecordReview(models.Model):
    """The fair-chance steps before a record-based decline (EEOC 915.002, FCRA), in order:
    individualized assessment → pre-adverse action notice (the participant and staff see
    it) → at least `rules.fair_chance_waiting_business_days()` business days, during which
    the participant may respond → the employer confirms (the application is declined,
    reason "record based") or reverses. One per application; a reversed review may be
    started again later."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="record_review"
    )
    nature_and_gravity = models.TextField(_("nature and gravity of the offense"), max_length=2000)
    time_elapsed = models.TextField(_("time since the offense or sentence"), max_length=2000)
    nature_of_job = models.TextField(_("nature of the job"), max_length=2000)
    assessed_at = models.DateTimeField(_("assessment recorded at"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    notice_text = models.TextField(_("pre-adverse action notice"), max_length=3000, blank=True)
    notice_sent_at = models.DateTimeField(_("notice sent at"), null=True, blank=True)
    decision_allowed_from = models.DateField(_("decision possible from"), null=True, blank=True)
    participant_response = models.TextField(
        _("participant's response"), max_length=3000, blank=True
    )
    responded_at = models.DateTimeField(_("response at"), null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=20, choices=RecordDecision.choices, blank=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("record review")

    def __str__(self):
        return f"Record review of application {self.application_id}"

    @property
    def is_in_progress(self) -> bool:
        return not self.decision

    @property
    def notice_pending(self) -> bool:
        """The notice is sent and the employer has not decided: the participant may
        answer, and the application waits for the decision."""
        return bool(self.notice_sent_at) and not self.decision


class InterviewMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video")


class Interview(models.Model):
    """An interview for an application: when, how (a video link for video), where. The
    reminder task emails the participant's staff and the participant the day before."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="interviews"
    )
    starts_at = models.DateTimeField(_("date and time"), db_index=True)
    mode = models.CharField(_("how"), max_length=20, choices=InterviewMode.choices)
    video_link = models.URLField(_("video link"), blank=True)
    place = models.CharField(_("place or phone number"), max_length=300, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self):
        return f"Interview {self.starts_at:%Y-%m-%d %H:%M}"


class SeparationReason(models.TextChoices):
    QUIT = "quit", _("Quit")
    DISMISSED = "dismissed", _("Dismissed")
    LAID_OFF = "laid_off", _("Laid off")
    RETURNED_TO_CUSTODY = "returned_to_custody", _("Returned to custody")


class Placement(models.Model):
    """A job a participant got: through an application ("hired" makes one) or found
    outside the portal (staff record it, `employer` empty and `employer_name` set).
    Retention checks and the tax-credit screening hang off it."""

    participant = models.ForeignKey(
        "jobseekers.Participant", on_delete=models.PROTECT, related_name="placements"
    )
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="placement"
    )
    employer = models.ForeignKey(
        "employers.Employer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="placements",
    )
    employer_name = models.CharField(_("employer"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200)
    offered_on = models.DateField(_("offer day"), null=True, blank=True)
    start_date = models.DateField(_("start date"), db_index=True)
    hourly_wage = models.DecimalField(_("hourly wage"), max_digits=12, decimal_places=2)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=5, decimal_places=2)
    benefits = models.CharField(_("benefits"), max_length=300, blank=True)
    subsidized = models.BooleanField(_("subsidized job"), default=False)
    separated_on = models.DateField(_("left the job on"), null=True, blank=True)
    separation_reason = models.CharField(
        _("why the job ended"), max_length=30, choices=SeparationReason.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        indexes = [
            # Newest hires first (the dashboard's "Recent hires", the lists): read in
            # this order from the index rather than sorted (issue 15).
            models.Index(fields=["start_date", "id"], name="placement_by_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(separated_on__isnull=True)
                | models.Q(separated_on__gte=models.F("start_date")),
                name="placement_separation_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.job_title} at {self.employer_name}"

    @property
    def from_outside(self) -> bool:
        return self.application_id is None


class RetentionOutcome(models.TextChoices):
    SAME_EMPLOYER = "same_employer", _("Working for the same employer")
    OTHER_EMPLOYER = "other_employer", _("Working for another employer")
    NOT_WORKING = "not_working", _("Not working")
    UNKNOWN = "unknown", _("Unknown")


class RetentionVerification(models.TextChoices):
    PAY_STUB = "pay_stub", _("Pay stub")
    EMPLOYER = "employer", _("The employer")
    PARTICIPANT = "participant", _("The participant")


class RetentionCheck(models.Model):
    """A follow-up `days` after the placement's start (30, 90, 180, 365): due on
    `due_on`, recorded by staff from that day with the outcome and how it was verified."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="retention_checks"
    )
    days = models.PositiveSmallIntegerField(_("days after the start"))
    due_on = models.DateField(_("due on"), db_index=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=RetentionOutcome.choices, blank=True
    )
    verified_by = models.CharField(
        _("verified by"), max_length=20, choices=RetentionVerification.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    # Earnings at the check, for the quarterly measures (WIOA median earnings): only for a
    # person working (same or another employer); empty when not known.
    hours_per_week = models.DecimalField(
        _("hours a week"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    hourly_wage = models.DecimalField(
        _("hourly wage"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("retention check")
        verbose_name_plural = _("retention checks")
        indexes = [
            # The outcomes report's jobs lost at a checkpoint: the few checks that say
            # the person was not working there, without reading every check.
            models.Index(
                fields=["days", "placement"],
                condition=models.Q(outcome__in=("not_working", "other_employer")),
                name="retention_check_not_there_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["placement", "days"], name="retention_check_once"),
            models.CheckConstraint(
                condition=models.Q(hours_per_week__isnull=True)
                | models.Q(hours_per_week__gte=0, hours_per_week__lte=80),
                name="retention_check_hours_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(hourly_wage__isnull=True) | models.Q(hourly_wage__gte=0),
                name="retention_check_wage_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.days}-day check"

    @property
    def is_recorded(self) -> bool:
        return bool(self.outcome)

    @property
    def still_employed(self) -> bool | None:
        """Working (for this or another employer) at the check: True, False ("not
        working", the "no longer employed" answer), or None (unknown or not recorded)."""
        if self.outcome in (RetentionOutcome.SAME_EMPLOYER, RetentionOutcome.OTHER_EMPLOYER):
            return True
        if self.outcome == RetentionOutcome.NOT_WORKING:
            return False
        return None


class WotcScreening(models.Model):
    """The Work Opportunity Tax Credit file of one placement: ex-felon eligibility
    decided from the record (felony; hired within a year of conviction or release), the
    Form 8850 dates, the first-year hours and wages for the estimate, and why it is not
    eligible when it is not."""

    placement = models.OneToOneField(Placement, on_delete=models.CASCADE, related_name="wotc")
    record_eligible = models.BooleanField(_("eligible from the record"), default=False)
    eligibility_note = models.CharField(_("why"), max_length=300, blank=True)
    # The last day of the one-year window after the latest felony conviction or release
    # (none: no felony on record). Readers get the sentence built from it in their own
    # language (placements/applications/wotc_text.py); `eligibility_note` keeps the
    # English one written at the hire.
    eligibility_window_ends_on = models.DateField(
        _("eligibility window ends"), null=True, blank=True
    )
    applicant_signed_on = models.DateField(
        _("applicant signed Form 8850 on"), null=True, blank=True
    )
    employer_signed_on = models.DateField(_("employer signed Form 8850 on"), null=True, blank=True)
    submitted_on = models.DateField(_("sent to the state on"), null=True, blank=True)
    first_year_hours = models.DecimalField(
        _("first-year hours"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    first_year_wages = models.DecimalField(
        _("first-year wages"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    ineligible_reason = models.CharField(_("not eligible because"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tax-credit screening")

    def __str__(self):
        return f"WOTC for placement {self.placement_id}"

    @property
    def eligible(self) -> bool:
        return self.record_eligible and not self.ineligible_reason


class BondingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ISSUED = "issued", _("Bond issued")
    DENIED = "denied", _("Not issued")


class BondingRequest(models.Model):
    """A Federal Bonding Program fidelity bond for a placement: $5,000 units up to
    $25,000, covering six months from the first day of work."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="bonding_requests"
    )
    amount = models.DecimalField(_("bond amount"), max_digits=12, decimal_places=2)
    coverage_starts_on = models.DateField(_("coverage starts"))
    coverage_ends_on = models.DateField(_("coverage ends"))
    status = models.CharField(
        _("status"), max_length=20, choices=BondingStatus.choices, default=BondingStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    bond_number = models.CharField(_("bond number"), max_length=50, blank=True)
    denial_reason = models.CharField(_("why it was not issued"), max_length=300, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    # The only moves: a request is issued or denied, once. Issued and denied are final.
    ALLOWED_TRANSITIONS = {
        BondingStatus.REQUESTED: frozenset({BondingStatus.ISSUED, BondingStatus.DENIED}),
        BondingStatus.ISSUED: frozenset(),
        BondingStatus.DENIED: frozenset(),
    }

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("bonding request")
        verbose_name_plural = _("bonding requests")

    def __str__(self):
        return f"Bond ${self.amount}"


class FitQuestionStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an answer")
    APPLIED = "applied", _("Applied together")
    ANSWERED = "answered", _("Answered")


class FitQuestion(models.Model):
    """A participant asked their facilitator about a job that does not fit their
    supervision terms or travel limits (issue 14): they cannot apply to it alone.

    Lifecycle: open → applied (caseload staff applied with them, confirming it with a
    note; `application` points at it) or answered (staff replied in a few words, e.g.
    "Your officer says no work in Kansas"). One open question per participant and job (a
    partial unique constraint): asking again while it is open changes nothing. The
    conflicts are kept as they were when asked (`placements.matching.fit` dicts), so the
    list says why without reading the terms again; staff-only, never the employer.
    """

    participant = models.ForeignKey(
        "jobseekers.Participant", on_delete=models.CASCADE, related_name="fit_questions"
    )
    job = models.ForeignKey(
        "employers.JobPosting", on_delete=models.CASCADE, related_name="fit_questions"
    )
    # Who was asked: the facilitator then (the caseload may move on later).
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    conflicts = models.JSONField(_("why it does not fit"), default=list, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=FitQuestionStatus.choices,
        default=FitQuestionStatus.OPEN,
    )
    asked_at = models.DateTimeField(_("asked at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.CharField(_("answer"), max_length=500, blank=True)
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    ALLOWED_TRANSITIONS = {
        FitQuestionStatus.OPEN: frozenset({FitQuestionStatus.APPLIED, FitQuestionStatus.ANSWERED}),
        FitQuestionStatus.APPLIED: frozenset(),
        FitQuestionStatus.ANSWERED: frozenset(),
    }

    class Meta:
        ordering = ["asked_at", "id"]
        verbose_name = _("question about a job")
        verbose_name_plural = _("questions about jobs")
        indexes = [models.Index(fields=["status", "asked_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "job"],
                condition=models.Q(status="open"),
                name="fit_question_one_open_per_job",
            )
        ]

    def __str__(self):
        return f"Question about job {self.job_id}"

    @property
    def is_open(self) -> bool:
        return self.status == FitQuestionStatus.OPEN
