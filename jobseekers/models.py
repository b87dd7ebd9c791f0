"""Participants and everything about them: supervision terms, record, consents, case
notes, résumés, job club and invitations.

Who may see what is decided in `permissions.py` and enforced by `selectors.py`
(DESIGN.md, "Roles and what each may see"). Writes go through `services/`.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from portal.core.models import OffenseCategory, Skill
from portal.core.storage import private_storage as _private_storage

from .fields import EncryptedTextField


def format_us_phone(e164: str) -> str:
    """A stored US number as people write it: "+18165550123" -> "(816) 555-0123"."""
    if e164 and e164.startswith("+1") and len(e164) == 12:
        digits = e164[2:]
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    return e164 or ""


class ParticipantStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PLACED = "placed", _("Placed in a job")
    EXITED = "exited", _("Left the program")
    RETURNED_TO_CUSTODY = "returned_to_custody", _("Returned to custody")


# From each status, the statuses a service may move a participant to.
ALLOWED_STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    ParticipantStatus.ACTIVE: frozenset(
        {ParticipantStatus.PLACED, ParticipantStatus.EXITED, ParticipantStatus.RETURNED_TO_CUSTODY}
    ),
    ParticipantStatus.PLACED: frozenset(
        {ParticipantStatus.ACTIVE, ParticipantStatus.EXITED, ParticipantStatus.RETURNED_TO_CUSTODY}
    ),
    # People come back to the program: after leaving it or after a return to custody.
    ParticipantStatus.EXITED: frozenset({ParticipantStatus.ACTIVE}),
    ParticipantStatus.RETURNED_TO_CUSTODY: frozenset({ParticipantStatus.ACTIVE}),
}


class CustodyReturnType(models.TextChoices):
    NEW_OFFENSE = "new_offense", _("New offense")
    TECHNICAL_VIOLATION = "technical_violation", _("Technical violation")


class Housing(models.TextChoices):
    OWN = "own", _("Own place")
    FAMILY = "family", _("With family")
    HALFWAY_HOUSE = "halfway_house", _("Halfway house")
    SHELTER = "shelter", _("Shelter")
    HOMELESS = "homeless", _("No stable housing")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MODERATE = "moderate", _("Moderate")
    HIGH = "high", _("High")
    VERY_HIGH = "very_high", _("Very high")


class Program(models.TextChoices):
    JOB_CLUB = "job_club", _("Job club")
    CBT_GROUP = "cbt_group", _("Cognitive-behavioral group")
    HOUSING = "housing", _("Housing help")
    MENTORING = "mentoring", _("Mentoring")
    TRANSITIONAL_JOBS = "transitional_jobs", _("Transitional jobs")


class Transport(models.TextChoices):
    CAR = "car", _("Car with a valid licence")
    BUS = "bus", _("Bus")
    BIKE = "bike", _("Bike")
    RIDES = "rides", _("Rides from others")


class Shift(models.TextChoices):
    DAY = "day", _("Day")
    EVENING = "evening", _("Evening")
    NIGHT = "night", _("Night")
    WEEKEND = "weekend", _("Weekend")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")


class Participant(models.Model):
    """A person coming home, usually created by staff at intake.

    Lifecycle: active → placed / exited / returned to custody (and back to active), only
    through `services.participant_status_change` (see ALLOWED_STATUS_TRANSITIONS). The
    person gets a login by claiming an `Invitation`; until then `user` is empty.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participant",
        verbose_name=_("login"),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    preferred_name = models.CharField(_("preferred name"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"))
    # Stored in E.164 ("+18165550123"), validated by the phonenumbers library.
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    housing = models.CharField(_("housing"), max_length=20, choices=Housing.choices, blank=True)
    # In the future for a person still inside (pre-release).
    release_date = models.DateField(_("release date"), null=True, blank=True)
    facility = models.CharField(_("facility"), max_length=150, blank=True)
    risk_level = models.CharField(
        _("risk level"), max_length=20, choices=RiskLevel.choices, blank=True
    )
    programs = models.JSONField(_("programs"), default=list, blank=True)
    has_state_id = models.BooleanField(_("has a state ID"), default=False)
    has_social_security_card = models.BooleanField(_("has a Social Security card"), default=False)
    has_birth_certificate = models.BooleanField(_("has a birth certificate"), default=False)
    transport = models.JSONField(_("transport"), default=list, blank=True)
    desired_job_titles = models.JSONField(_("jobs wanted"), default=list, blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="participants")
    preferred_shifts = models.JSONField(_("preferred shifts"), default=list, blank=True)
    wage_floor = models.DecimalField(
        _("lowest hourly wage wanted"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="caseload",
        verbose_name=_("facilitator"),
    )
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.ACTIVE,
        db_index=True,
    )
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    custody_return_type = models.CharField(
        _("type of return to custody"),
        max_length=30,
        choices=CustodyReturnType.choices,
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        indexes = [
            models.Index(fields=["facilitator", "status"]),
            models.Index(fields=["date_of_birth"]),
            models.Index(fields=["release_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ParticipantStatus.values),
                name="participant_status_valid",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.preferred_name or self.first_name} {self.last_name}".strip()

    @property
    def phone_display(self) -> str:
        return format_us_phone(self.phone)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def missing_id_documents(self) -> list[str]:
        """Identity documents the person does not have yet (a barrier staff track)."""
        missing = []
        if not self.has_state_id:
            missing.append(str(_("State ID")))
        if not self.has_social_security_card:
            missing.append(str(_("Social Security card")))
        if not self.has_birth_certificate:
            missing.append(str(_("Birth certificate")))
        return missing


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


class ConsentKind(models.TextChoices):
    SHARE_PROFILE_WITH_APPLIED_EMPLOYERS = (
        "share_profile_with_applied_employers",
        _("Share my profile and résumé with employers I apply to"),
    )
    SHARE_RECORD_SUMMARY = (
        "share_record_summary",
        _(
            "Share a summary of my record (kinds of offense and dates, never details) "
            "with employers I apply to, when the law allows them to ask"
        ),
    )
    SHARE_PROFILE_WITH_FAIR_EMPLOYERS = (
        "share_profile_with_fair_employers",
        _("Share my profile with employers at hiring fairs I attend"),
    )


class Consent(models.Model):
    """One change of a consent: given or withdrawn, when, and who recorded it.

    Rows are only added, never edited, so the history stays; the consent in force is the
    newest row of its kind (`selectors.consent_in_force`). A withdrawal takes effect at
    once because every check reads the newest row.
    """

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(_("consent"), max_length=50, choices=ConsentKind.choices)
    given = models.BooleanField(_("given"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["participant", "kind", "-recorded_at"])]

    def __str__(self):
        return f"{self.kind}: {'given' if self.given else 'withdrawn'}"


class CaseNoteKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    CALL = "call", _("Call")
    JOB_CLUB = "job_club", _("Job club")
    EMPLOYER_CONTACT = "employer_contact", _("Employer contact")


class CaseNote(models.Model):
    """A staff note about a participant (staff only; the text is encrypted at rest)."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="case_notes"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CaseNoteKind.choices)
    text = EncryptedTextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"


class ExperienceKind(models.TextChoices):
    JOB = "job", _("Job")
    TRANSITIONAL_JOB = "transitional_job", _("Transitional job")
    FACILITY_WORK = "facility_work", _("Work assignment while inside")
    VOLUNTEER = "volunteer", _("Volunteer")


class EducationKind(models.TextChoices):
    GED = "ged", _("GED or HiSET")
    HIGH_SCHOOL = "high_school", _("High school diploma")
    VOCATIONAL = "vocational", _("Vocational training")
    COLLEGE = "college", _("College")


class ResumeSection(models.TextChoices):
    CONTACT = "contact", _("Contact")
    SUMMARY = "summary", _("Summary")
    EXPERIENCE = "experience", _("Experience")
    EDUCATION = "education", _("Education")
    CERTIFICATIONS = "certifications", _("Certifications")
    SKILLS = "skills", _("Skills")
    REFERENCES = "references", _("References")


class Resume(models.Model):
    """One of a participant's résumés ("Warehouse", "Kitchen"), edited with staff.

    The editable draft lives here; every save makes an immutable `ResumeVersion`, which
    is what an application points to. Experience, education and certifications are lists
    of small dicts (see `services.resume_save` for their keys). There is no street
    address: the contact section shows the city only.
    """

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="resumes")
    title = models.CharField(_("name of this résumé"), max_length=100)
    contact_phone = models.CharField(_("phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    contact_city = models.CharField(_("city"), max_length=100, blank=True)
    summary = models.TextField(_("summary"), max_length=1500, blank=True)
    experience = models.JSONField(_("experience"), default=list, blank=True)
    education = models.JSONField(_("education"), default=list, blank=True)
    certifications = models.JSONField(_("certifications"), default=list, blank=True)
    skills = models.TextField(_("skills"), max_length=1500, blank=True)
    references = models.TextField(_("references"), max_length=1500, blank=True)
    include_references = models.BooleanField(_("show references"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("résumé")
        verbose_name_plural = _("résumés")

    def __str__(self):
        return self.title


class ResumeVersion(models.Model):
    """An immutable snapshot of a résumé, made on each save. Applications keep the
    version they were sent with, so a version is never changed or deleted while the
    résumé exists."""

    resume = models.ForeignKey(Resume, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("résumé version")
        verbose_name_plural = _("résumé versions")
        constraints = [
            models.UniqueConstraint(fields=["resume", "number"], name="resume_version_unique")
        ]

    def __str__(self):
        return f"{self.resume} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A résumé version is immutable; save a new version instead.")
        super().save(*args, **kwargs)


class ResumeComment(models.Model):
    """A staff comment on one section of a résumé, which the participant reads and
    marks resolved."""

    resume = models.ForeignKey(Resume, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(_("section"), max_length=20, choices=ResumeSection.choices)
    text = models.TextField(_("comment"), max_length=1000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("résumé comment")
        verbose_name_plural = _("résumé comments")

    def __str__(self):
        return f"{self.get_section_display()}: {self.text[:40]}"


class JobClubTopic(models.TextChoices):
    RESUME = "resume", _("Résumé")
    INTERVIEW = "interview", _("Interview practice")
    WORKPLACE = "workplace", _("Workplace expectations")
    JOB_SEARCH = "job_search", _("Job search")
    OTHER = "other", _("Other")


class JobClubSession(models.Model):
    """One meeting of the weekly job club."""

    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    place = models.CharField(_("place"), max_length=200)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="job_club_sessions",
        verbose_name=_("facilitator"),
    )
    topic = models.CharField(_("topic"), max_length=20, choices=JobClubTopic.choices)
    capacity = models.PositiveIntegerField(_("capacity"), default=20)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("job club session")
        verbose_name_plural = _("job club sessions")

    def __str__(self):
        return f"{self.get_topic_display()} {self.starts_at:%Y-%m-%d %H:%M}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


class Attendance(models.Model):
    session = models.ForeignKey(JobClubSession, on_delete=models.CASCADE, related_name="attendance")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        ordering = ["session__starts_at", "id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="attendance_once_per_session"
            )
        ]

    def __str__(self):
        return f"{self.participant} {self.status}"


class Invitation(models.Model):
    """A single-use code that lets a participant make their login (many have no email,
    so the code works alone). Only a keyed hash of the code is stored; staff see the code
    once, when they issue it."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="invitations"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"))
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("replaced at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"Invitation for {self.participant_id}"


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


def private_storage():
    """The private storage (STORAGES["private"]): outside MEDIA_ROOT and without a URL, so
    a document can only be fetched through the permission-checked download view. A lazy
    proxy of `storages["private"]`, so that settings (and tests) decide where it is."""
    return _private_storage


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
