"""Résumés, their immutable versions and staff comments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .participants import Participant


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
