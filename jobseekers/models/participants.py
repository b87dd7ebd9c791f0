"""The participant: who they are, their situation, the jobs they want and their status."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.models import Skill


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
    # A person in custody may be exited from the program (`services.program_exit_record`).
    ParticipantStatus.RETURNED_TO_CUSTODY: frozenset(
        {ParticipantStatus.ACTIVE, ParticipantStatus.EXITED}
    ),
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


class Gender(models.TextChoices):
    """As the person describes themselves; optional. Recorded only so that the program's
    outcomes can be cut by gender, as funders ask."""

    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    ANOTHER = "another", _("Another gender")


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
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices, blank=True)
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
