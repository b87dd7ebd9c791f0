"""The weekly job club: sessions and attendance."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .participants import Participant


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
