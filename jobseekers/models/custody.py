"""Returns to custody and program exits: what happened to a participant after release,
recorded as dated events so that outcome figures (recidivism within 1 and 3 years of
release, "after exit" quarters) have something to count (DOMAIN_RULES.md, "Outcomes").

Both are written only through `services.custody_event_record`,
`services.program_exit_record` and `services.program_reenrol`, which also move the
participant's status. Custody events are as sensitive as the record: read them only
through `selectors.custody_events_for`, which writes an AccessLog row.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.fields import EncryptedTextField

from .participants import Participant


class CustodyEventKind(models.TextChoices):
    """What brought the person back into contact with custody. Only the first two count
    as a return to incarceration (recidivism); an arrest without a conviction or a
    revocation does not (DOMAIN_RULES.md, "Counting recidivism")."""

    NEW_OFFENSE = "new_offense", _("New offense (counts as a return to custody)")
    TECHNICAL_VIOLATION = (
        "technical_violation",
        _("Technical violation of parole or probation (counts as a return to custody)"),
    )
    ARREST_NO_CONVICTION = (
        "arrest_no_conviction",
        _("Arrest without a new conviction (not counted as a return to custody)"),
    )


# The kinds that count as a return to incarceration and move the participant's status.
RETURN_TO_CUSTODY_KINDS = frozenset(
    {CustodyEventKind.NEW_OFFENSE, CustodyEventKind.TECHNICAL_VIOLATION}
)


class CustodyEvent(models.Model):
    """One dated contact with custody after release: a new offense, a technical
    violation (both count as recidivism) or an arrest without conviction (does not).

    Never before the participant's release date nor in the future. Sensitive: the note
    is encrypted and every read by someone other than the participant is access-logged.
    Employers never see these rows.
    """

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="custody_events"
    )
    occurred_on = models.DateField(_("date"))
    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=CustodyEventKind.choices,
        help_text=_("An arrest without a new conviction is not counted as recidivism."),
    )
    source = models.CharField(
        _("source"),
        max_length=120,
        help_text=_("Who told the program, e.g. Department of Corrections, probation officer."),
    )
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("custody event")
        verbose_name_plural = _("custody events")
        indexes = [models.Index(fields=["kind", "occurred_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=CustodyEventKind.values),
                name="custody_event_kind_valid",
            ),
            # The same event sent twice (a double-clicked form) is one event.
            models.UniqueConstraint(
                fields=["participant", "occurred_on", "kind"], name="custody_event_once"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.occurred_on:%Y-%m-%d})"

    @property
    def counts_as_return(self) -> bool:
        return self.kind in RETURN_TO_CUSTODY_KINDS


class ProgramExitReason(models.TextChoices):
    COMPLETED = "completed", _("Completed the program")
    WITHDREW = "withdrew", _("Withdrew")
    LOST_CONTACT = "lost_contact", _("Lost contact (no contact for 90 days)")
    TRANSFERRED = "transferred", _("Transferred to another program")
    RETURNED_TO_CUSTODY = "returned_to_custody", _("Returned to custody")


class ProgramExit(models.Model):
    """A participant leaving the program: the day and why. "After exit" measures (WIOA
    quarters) count from `exited_on`.

    Lifecycle: open (`reenrolled_on` empty) → closed by a re-enrolment. At most one open
    exit per participant (a database constraint); a later exit is a new row, so the
    history stays.
    """

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="program_exits"
    )
    exited_on = models.DateField(_("left the program on"))
    reason = models.CharField(_("reason"), max_length=30, choices=ProgramExitReason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    reenrolled_on = models.DateField(_("re-enrolled on"), null=True, blank=True)
    reenrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-exited_on", "-id"]
        verbose_name = _("program exit")
        verbose_name_plural = _("program exits")
        indexes = [models.Index(fields=["reason", "exited_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reason__in=ProgramExitReason.values),
                name="program_exit_reason_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(reenrolled_on__isnull=True)
                | models.Q(reenrolled_on__gte=models.F("exited_on")),
                name="program_exit_reenrolled_after_exit",
            ),
            models.UniqueConstraint(
                fields=["participant"],
                condition=models.Q(reenrolled_on__isnull=True),
                name="program_exit_one_open",
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.exited_on:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.reenrolled_on is None
