"""The core every app shares: users and their roles, the audit trail, the access log,
the shared taxonomy and the partner organisations."""

import hashlib
import hmac
import secrets

import phonenumbers
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

# Only the search declaration of Wagtail (django-modelsearch underneath): the resource
# directory in cms searches partner organisations with Wagtail's backend, which indexes
# only `Indexed` models. Panels and the editor stay in cms/wagtail_hooks.py.
from wagtail.search import index

from portal.core.geo import zip_location
from portal.core.i18n import localized


class Role(models.TextChoices):
    """What a user is to the program. Admin includes everything staff may do."""

    PARTICIPANT = "participant", _("Participant")
    EMPLOYER = "employer", _("Employer")
    STAFF = "staff", _("Staff")
    ADMIN = "admin", _("Program admin")


STAFF_ROLES = frozenset({Role.STAFF, Role.ADMIN})


class User(AbstractUser):
    """A person who signs in.

    `role` decides what they may do (see `portal.core.permissions`). Django's own
    `is_staff` flag only opens the Django admin and is kept for superusers; program
    staff have `role=staff` instead.
    """

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, db_index=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    # Raised by "sign out on every device". It is part of the session auth hash (below), so
    # every session signed in before the raise stops matching and Django ends it at its
    # next request, whatever the session engine (database here, Redis in production).
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="user_role_valid"
            ),
            # A superuser can do anything, so only a program admin may be one.
            models.CheckConstraint(
                condition=models.Q(is_superuser=False) | models.Q(role=Role.ADMIN),
                name="user_superuser_is_admin",
            ),
        ]

    @property
    def is_staff_member(self) -> bool:
        """Staff or admin: works with participants on a caseload."""
        return self.role in STAFF_ROLES

    @property
    def is_program_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_employer(self) -> bool:
        return self.role == Role.EMPLOYER

    @property
    def is_participant(self) -> bool:
        return self.role == Role.PARTICIPANT

    def _session_auth_hash(self, secret=None) -> str:
        # Django's own hash is an HMAC of the password hash, so a password change already
        # ends the other sessions; the generation adds "sign out everywhere" to it.
        return salted_hmac(
            "portal.core.models.User.session_auth_hash",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def get_session_auth_hash(self):
        return self._session_auth_hash()

    def get_session_auth_fallback_hash(self):
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_auth_hash(secret=fallback_secret)

    def has_perm(self, perm, obj=None):
        # Whatever groups say, the content editor is for program staff only: a participant
        # or employer added to an editors' group by mistake still cannot enter it.
        if perm.startswith(("wagtailadmin.", "wagtailcore.")) and not self.is_staff_member:
            return False
        return super().has_perm(perm, obj)


class ApiToken(models.Model):
    """An API token: `Authorization: Token <prefix><secret>`.

    Lifecycle: issued by `auth_token_issue` (the raw token is returned once and never
    stored), used until `expires_at` (8 hours for staff and admins, 30 days for others:
    settings), and revoked earlier by its owner (list/delete, logout), by "sign out on
    every device", or by a change of the owner's password, role or active flag
    (`portal.core.credential_changes`). Expired and revoked rows stay for the audit trail.

    Only `key_prefix` (the first characters, to find the row) and the SHA-256 `digest` of
    the whole token are stored, so a copy of the database opens nothing. SHA-256 without a
    salt or stretching is enough here, unlike for passwords: the token is 256 random bits,
    not something a person chose.
    """

    PREFIX_LENGTH = 12

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="portal_api_tokens",
        verbose_name=_("user"),
    )
    key_prefix = models.CharField(_("key prefix"), max_length=PREFIX_LENGTH, unique=True)
    digest = models.CharField(_("digest"), max_length=64)
    name = models.CharField(_("name"), max_length=100, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        indexes = [models.Index(fields=["user", "revoked_at", "expires_at"])]

    def __str__(self):
        return f"{self.name or _('API token')} ({self.key_prefix}…)"

    @staticmethod
    def new_raw_token() -> str:
        """43 URL-safe characters (256 random bits); the first PREFIX_LENGTH find the row."""
        return secrets.token_urlsafe(32)

    @staticmethod
    def digest_of(raw_token: str) -> str:
        return hashlib.sha256(raw_token.encode()).hexdigest()

    def matches(self, raw_token: str) -> bool:
        """Constant-time comparison, so the time taken says nothing about the digest."""
        return hmac.compare_digest(self.digest, self.digest_of(raw_token))

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class AuditEvent(models.Model):
    """One change of state made by a service: who did what to which object, and when.

    Written by `portal.core.audit.audit_record` inside the service's transaction, so an
    event exists exactly when its change does. `details` never holds sensitive values
    (no record descriptions, supervision terms, notes or secrets): see `audit.py`.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    target_label = models.CharField(_("target"), max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["target_type", "target_id", "-created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"


class AccessLog(models.Model):
    """One read of sensitive data (criminal record, supervision terms, case notes) by
    someone other than the person it is about.

    DESIGN.md: every such read is logged with who, whose record, what, why and when;
    staff and the participant can review the log. Rows are never edited or deleted.
    """

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="sensitive_reads",
        verbose_name=_("viewer"),
    )
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.CharField(max_length=64)
    subject = GenericForeignKey("subject_type", "subject_id")
    what = models.CharField(_("what was read"), max_length=100)
    why = models.CharField(_("reason"), max_length=255)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["subject_type", "subject_id", "-created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.viewer} read {self.what}"


class AccessAlert(models.Model):
    """An email sent to the program admins because `viewer` read the records of more
    distinct participants within an hour than PORTAL_ACCESS_ALERT_READS_PER_HOUR (a
    common sign of misuse). One per viewer per hour at most: the row is both the flag
    that stops a repeat and the trail of alerts sent."""

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="access_alerts",
        verbose_name=_("viewer"),
    )
    participants_read = models.PositiveIntegerField(_("participants read in the hour"))
    window_start = models.DateTimeField(_("hour from"))
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("access alert")
        verbose_name_plural = _("access alerts")
        indexes = [models.Index(fields=["viewer", "-created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.viewer}: {self.participants_read}"


class OffenseCategory(models.TextChoices):
    """The shared offense taxonomy. Employers' hiring policies and participants' records
    both speak it, so matching can compare them. Convictions only: the portal never
    stores arrests (DOMAIN_RULES.md, EEOC)."""

    VIOLENT = "violent", _("Violent offense")
    SEX_OFFENSE = "sex_offense", _("Sex offense")
    THEFT_FRAUD = "theft_fraud", _("Theft or fraud")
    DRUG = "drug", _("Drug offense")
    WEAPONS = "weapons", _("Weapons offense")
    DUI = "dui", _("Driving under the influence")
    OTHER = "other", _("Other offense")


class Skill(models.Model):
    """A skill of the shared taxonomy (jobs ask for them, participants list them).

    `synonyms` are other words people use for it ("forklift" for "Forklift operation"),
    which matching compares as well as the name. `name_es` is the name shown to readers
    who chose Spanish (`portal.core.i18n.localized`); empty falls back to `name`.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_es = models.CharField(
        _("name in Spanish"),
        max_length=100,
        blank=True,
        help_text=_("Shown to people who read the portal in Spanish. Empty: the name above."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    synonyms = models.JSONField(_("other words for it"), default=list, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self):
        # Form choices and lists print the skill: in the reader's language.
        return localized(self, "name")


class HelpKind(models.TextChoices):
    """The kind of help a partner organisation gives (the directory's filter)."""

    HOUSING = "housing", _("Housing")
    FOOD = "food", _("Food")
    ID_DOCUMENTS = "id_documents", _("ID documents")
    TRANSPORTATION = "transportation", _("Transportation")
    CLOTHING = "clothing", _("Clothing")
    MEDICAL = "medical", _("Medical care")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    SUBSTANCE_USE = "substance_use", _("Substance use treatment")
    CHILDCARE = "childcare", _("Childcare")
    EDUCATION = "education", _("Education")
    LEGAL = "legal", _("Legal help and expungement")
    BENEFITS = "benefits", _("Benefits")


class PartnerOrganisation(index.Indexed, models.Model):
    """A place that helps people coming home and their families (the program's "resource
    and referral" service): kept once, shown in the public directory (cms) and named by
    referrals (jobseekers). Staff edit it in the content editor (a Wagtail snippet
    registered in cms/wagtail_hooks.py).

    Moved here from `cms.Resource` (cms migration 0004 copied every row with its id),
    since a referral must point at it and nothing may import cms."""

    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(
        _("kind of help"), max_length=30, choices=HelpKind.choices, db_index=True
    )
    description = models.TextField(_("what they offer"))
    description_es = models.TextField(
        _("what they offer, in Spanish"),
        blank=True,
        help_text=_("Shown to people who read the portal in Spanish. Empty: the text above."),
    )
    address = models.CharField(_("street address"), max_length=250, blank=True)
    zip_code = models.CharField(
        _("ZIP code"),
        max_length=10,
        blank=True,
        help_text=_("5 digits. Needed with an address, so people can find help near them."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    hours = models.CharField(
        _("opening hours"), max_length=200, blank=True, help_text=_("For example: Mon-Fri 9-5")
    )
    hours_es = models.CharField(
        _("opening hours, in Spanish"),
        max_length=200,
        blank=True,
        help_text=_("For example: lun-vie 9-5. Empty: the hours above."),
    )
    eligibility = models.CharField(
        _("who can get help"), max_length=300, blank=True, help_text=_("For example: adults 18+")
    )
    eligibility_es = models.CharField(
        _("who can get help, in Spanish"),
        max_length=300,
        blank=True,
        help_text=_("For example: adultos de 18 años o más. Empty: the text above."),
    )
    languages = models.CharField(
        _("languages spoken"), max_length=200, blank=True, default="English"
    )
    languages_es = models.CharField(
        _("languages spoken, in Spanish"),
        max_length=200,
        blank=True,
        help_text=_("For example: inglés, español. Empty: the text above."),
    )
    website = models.URLField(
        _("website"),
        blank=True,
        error_messages={"invalid": _("Enter a full web address, starting with https://")},
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.SearchField("description_es"),
        index.SearchField("eligibility"),
        index.SearchField("eligibility_es"),
        index.SearchField("languages"),
        index.FilterField("category"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        self.phone = self.phone.strip()
        self.address = self.address.strip()
        self.zip_code = self.zip_code.strip()
        if not self.phone and not self.address:
            message = _("Give a phone number or a street address, so people can reach them.")
            errors["phone"] = message
            errors["address"] = message
        if self.phone:
            try:
                number = phonenumbers.parse(self.phone, "US")
                valid = phonenumbers.is_valid_number(number)
            except phonenumbers.NumberParseException:
                valid = False
            if valid:
                self.phone = phonenumbers.format_number(
                    number, phonenumbers.PhoneNumberFormat.NATIONAL
                )
            else:
                errors["phone"] = _("Enter a US phone number, for example (816) 555-0123.")
        if self.zip_code and zip_location(self.zip_code) is None:
            errors["zip_code"] = _("This is not a known US ZIP code.")
        elif self.address and not self.zip_code:
            errors["zip_code"] = _("Add the ZIP code of the address.")
        if errors:
            raise ValidationError(errors)

    @property
    def location(self):
        return zip_location(self.zip_code) if self.zip_code else None
