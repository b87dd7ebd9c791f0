"""Models of the placements app's transitional area (see placements/models/__init__.py).

The program employs participants on paid work crews (DOMAIN_RULES.md, "Transitional
jobs"): work sites with their supervisors, assignments (who works where, at what rate,
paid daily or weekly), time entries and daily work-readiness ratings, pay periods, and
payroll runs whose pay stubs are what each person is paid. Every change goes through
`placements.transitional.services`; the monthly sums of shifts (`TimeEntryMonth`) are
kept by database triggers (migration 0011) and never written by code.

One module at ~510 lines of field declarations and constraints: Django finds an area's
models here; the payroll models (pay periods, runs, stubs) are the first to move to a
`models/` package when it grows.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from placements.transitional.claims import (
    PayrollClaim,
    PayrollClaimHold,
    locked_expression,
    paid_run_expression,
    run_candidates,
)

__all__ = [
    "RATING_DIMENSIONS",
    "AssignmentStatus",
    "DailyRating",
    "PayAdjustment",
    "PayPeriod",
    "PaySchedule",
    "PayStub",
    "PayrollClaim",
    "PayrollClaimHold",
    "PayrollRun",
    "PayrollRunStatus",
    "TimeEntry",
    "TimeEntryMonth",
    "WorkAssignment",
    "WorkSite",
]

MONEY = {"max_digits": 12, "decimal_places": 2}
HOURS = {"max_digits": 7, "decimal_places": 2}


class PaySchedule(models.TextChoices):
    DAILY = "daily", _("Daily (paid at the end of each shift)")
    WEEKLY = "weekly", _("Weekly")


class AssignmentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class WorkSite(models.Model):
    """A place where a crew works. Its supervisors (staff) keep the crew sheet."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    address = models.CharField(_("address"), max_length=255)
    crew_capacity = models.PositiveSmallIntegerField(_("crew capacity"), default=8)
    supervisors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="supervised_work_sites",
        verbose_name=_("supervisors"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("work site")
        verbose_name_plural = _("work sites")
        constraints = [
            models.CheckConstraint(
                condition=Q(crew_capacity__gte=1), name="worksite_capacity_positive"
            )
        ]

    def __str__(self):
        return self.name


class WorkAssignment(models.Model):
    """A participant on a crew: where, from when to when, at what hourly rate (never
    below the minimum wage) and on which pay schedule. A rate change ends one
    assignment and starts another, so old time entries keep the rate they earned.
    Active → ended; an ended assignment may end earlier still (its last day corrected)."""

    ALLOWED_TRANSITIONS = {
        AssignmentStatus.ACTIVE: {AssignmentStatus.ENDED},
        AssignmentStatus.ENDED: {AssignmentStatus.ENDED},
    }

    participant = models.ForeignKey(
        "jobseekers.Participant",
        on_delete=models.PROTECT,
        related_name="work_assignments",
        verbose_name=_("participant"),
    )
    worksite = models.ForeignKey(
        WorkSite, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("work site")
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    hourly_rate = models.DecimalField(_("hourly rate"), **MONEY)
    pay_schedule = models.CharField(
        _("pay schedule"), max_length=10, choices=PaySchedule.choices, default=PaySchedule.DAILY
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.ACTIVE,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("crew assignment")
        verbose_name_plural = _("crew assignments")
        indexes = [models.Index(fields=["worksite", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="assignment_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(hourly_rate__gte=0), name="assignment_rate_positive"
            ),
        ]

    def __str__(self):
        return f"{self.participant} @ {self.worksite}"

    def covers(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class TimeEntryQuerySet(models.QuerySet):
    def with_payment(self):
        """Each shift with `paid_run_id` (the run paying it, or None) and `paid_locked`
        (approved for good): see placements/transitional/claims.py."""
        return self.annotate(paid_run_id=paid_run_expression()).annotate(
            paid_locked=ExpressionWrapper(locked_expression(), output_field=models.BooleanField())
        )

    def unpaid(self):
        return self.with_payment().filter(paid_run_id__isnull=True)

    def paid_by(self, run_id: int):
        """The shifts a run pays: the exact test on its candidates only."""
        return self.with_payment().filter(run_candidates(run_id), paid_run_id=run_id)


class TimeEntry(models.Model):
    """One shift of one participant. `hours` are the paid hours (after the unpaid break,
    rounded to the quarter hour). Approved by a supervisor; once in an approved payroll
    run it is locked: a correction is a `PayAdjustment`, never an edit. Which run pays
    it is read with `TimeEntry.objects.with_payment()` (claims.py): `payroll_run` and
    `locked` are only set on shifts paid before runs made claims."""

    participant = models.ForeignKey(
        "jobseekers.Participant", on_delete=models.PROTECT, related_name="time_entries"
    )
    assignment = models.ForeignKey(
        WorkAssignment, on_delete=models.PROTECT, related_name="time_entries"
    )
    worksite = models.ForeignKey(WorkSite, on_delete=models.PROTECT, related_name="time_entries")
    work_date = models.DateField(_("day"))
    clock_in = models.TimeField(_("clock in"), null=True, blank=True)
    clock_out = models.TimeField(_("clock out"), null=True, blank=True)
    crosses_midnight = models.BooleanField(_("shift ends after midnight"), default=False)
    break_minutes = models.PositiveSmallIntegerField(_("unpaid break (minutes)"), default=0)
    hours = models.DecimalField(_("hours"), **HOURS)
    hourly_rate = models.DecimalField(_("hourly rate"), **MONEY)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    payroll_run = models.ForeignKey(
        "PayrollRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="time_entries"
    )
    locked = models.BooleanField(_("locked by an approved payroll run"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TimeEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-work_date", "clock_in", "id"]
        verbose_name = _("time entry")
        verbose_name_plural = _("time entries")
        indexes = [
            models.Index(fields=["participant", "work_date"]),
            models.Index(fields=["worksite", "work_date"]),
            models.Index(fields=["work_date", "payroll_run"]),
            # The outcomes report's people and hours of a period, read from the index
            # alone (an index-only scan instead of the whole table at the large scale).
            models.Index(
                fields=["work_date"], include=["participant", "hours"], name="time_entry_report_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="time_entry_hours_positive"),
            # One hours-only entry per person and day; shifts with clock times may be
            # several a day, and the service refuses overlapping ones.
            models.UniqueConstraint(
                fields=["participant", "work_date", "clock_in"],
                name="time_entry_one_shift_start",
            ),
        ]

    def __str__(self):
        return f"{self.participant} {self.work_date} {self.hours} h"

    def payment(self) -> tuple[int | None, bool]:
        """(id of the run paying this shift or None, locked for good): from the
        `with_payment()` annotations when present, else one query."""
        if hasattr(self, "paid_run_id"):
            return self.paid_run_id, bool(self.paid_locked)
        row = (
            TimeEntry.objects.with_payment()
            .filter(pk=self.pk)
            .values_list("paid_run_id", "paid_locked")
            .first()
        )
        return (row[0], bool(row[1])) if row else (self.payroll_run_id, self.locked)

    def ends_at(self) -> datetime:
        """When the shift ends, aware, in the program's time zone: the clock-out (the next
        day for a shift past midnight), or the end of its day when only hours were typed
        in. Nobody is paid, and no shift approved, before this moment."""
        if self.clock_out is None:
            end = datetime.combine(self.work_date + timedelta(days=1), time(0))
        else:
            day = self.work_date + timedelta(days=1 if self.crosses_midnight else 0)
            end = datetime.combine(day, self.clock_out)
        return timezone.make_aware(end)


class TimeEntryMonth(models.Model):
    """One person's crew shifts in one calendar month: how many and their hours, summed.
    The outcomes report reads whole months here instead of every shift (a million a year
    statewide).

    Written by the database, never by Python: triggers on the shifts' table (migration
    0011) add each inserted shift, take away each deleted one and move an edited one, in
    the statement that changes the shift, so the sums stay exact whoever writes shifts
    (the services, a bulk COPY, a payroll update, the admin or a test factory). A row
    whose shifts are all gone is deleted: a row exists only for a month with shifts."""

    participant = models.ForeignKey(
        "jobseekers.Participant", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField(_("month (its first day)"))
    shifts = models.PositiveIntegerField(_("shifts"))
    hours = models.DecimalField(_("hours"), max_digits=9, decimal_places=2)

    class Meta:
        verbose_name = _("month of shifts")
        verbose_name_plural = _("months of shifts")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "month"], name="time_entry_month_one_per_person"
            ),
        ]
        indexes = [models.Index(fields=["month"], name="time_entry_month_idx")]

    def __str__(self):
        return f"{self.participant_id} {self.month:%Y-%m} {self.hours} h"


RATING_DIMENSIONS = (
    "cooperation_with_supervisor",
    "effort",
    "punctuality_and_attendance",
    "cooperation_with_coworkers",
    "personal_presentation",
)


def _rating_field(label):
    return models.PositiveSmallIntegerField(label)


class DailyRating(models.Model):
    """The supervisor's work-readiness rating of one crew day, 1 (needs much work) to 5
    (job ready) on the five dimensions of the transitional-jobs model."""

    participant = models.ForeignKey(
        "jobseekers.Participant", on_delete=models.PROTECT, related_name="daily_ratings"
    )
    worksite = models.ForeignKey(WorkSite, on_delete=models.PROTECT, related_name="ratings")
    work_date = models.DateField(_("day"))
    cooperation_with_supervisor = _rating_field(_("cooperation with supervisor"))
    effort = _rating_field(_("effort"))
    punctuality_and_attendance = _rating_field(_("punctuality and attendance"))
    cooperation_with_coworkers = _rating_field(_("cooperation with co-workers"))
    personal_presentation = _rating_field(_("personal presentation"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-work_date", "id"]
        verbose_name = _("work-readiness rating")
        verbose_name_plural = _("work-readiness ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "work_date"], name="rating_one_per_participant_day"
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"rating_{name}_1_to_5",
                )
                for name in RATING_DIMENSIONS
            ],
        ]

    def __str__(self):
        return f"{self.participant} {self.work_date}"

    @property
    def scores(self) -> list[int]:
        return [getattr(self, name) for name in RATING_DIMENSIONS]

    @property
    def average(self):
        from decimal import ROUND_HALF_UP, Decimal

        return (Decimal(sum(self.scores)) / 5).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class PayPeriod(models.Model):
    """The days one payroll run pays, on one schedule, with the day the money is paid.
    Periods of one schedule never overlap (checked by `pay_period_create`)."""

    schedule = models.CharField(_("pay schedule"), max_length=10, choices=PaySchedule.choices)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    pay_date = models.DateField(_("pay date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "schedule"]
        verbose_name = _("pay period")
        verbose_name_plural = _("pay periods")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="pay_period_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(pay_date__gte=F("ends_on")), name="pay_period_paid_after_end"
            ),
            models.UniqueConstraint(
                fields=["schedule", "starts_on"], name="pay_period_one_start_per_schedule"
            ),
        ]

    def __str__(self):
        return f"{self.get_schedule_display()} {self.starts_on:%Y-%m-%d} to {self.ends_on:%Y-%m-%d}"


class PayrollRunStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEWED = "reviewed", _("Reviewed")
    APPROVED = "approved", _("Approved")
    EXPORTED = "exported", _("Exported")


class PayrollRun(models.Model):
    """The pay of one period: draft → reviewed → approved → exported (see
    ALLOWED_TRANSITIONS). One run per period (a unique constraint, so two people
    starting one at once cannot both succeed). Approval locks the run, its stubs and its
    time entries; its total is the sum of its stubs to the cent."""

    ALLOWED_TRANSITIONS = {
        PayrollRunStatus.DRAFT: {PayrollRunStatus.REVIEWED},
        PayrollRunStatus.REVIEWED: {PayrollRunStatus.DRAFT, PayrollRunStatus.APPROVED},
        PayrollRunStatus.APPROVED: {PayrollRunStatus.EXPORTED},
        PayrollRunStatus.EXPORTED: set(),
    }

    period = models.OneToOneField(
        PayPeriod,
        on_delete=models.PROTECT,
        related_name="payroll_run",
        verbose_name=_("pay period"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PayrollRunStatus.choices,
        default=PayrollRunStatus.DRAFT,
        db_index=True,
    )
    total_gross = models.DecimalField(_("total gross pay"), default=0, **MONEY)
    total_hours = models.DecimalField(_("total hours"), default=0, max_digits=12, decimal_places=2)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    exported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-period__starts_on", "-id"]
        verbose_name = _("payroll run")
        verbose_name_plural = _("payroll runs")

    def __str__(self):
        return str(_("Payroll %(period)s") % {"period": self.period})

    @property
    def is_locked(self) -> bool:
        return self.status in (PayrollRunStatus.APPROVED, PayrollRunStatus.EXPORTED)


class PayStub(models.Model):
    """What one participant is paid by one run: regular and overtime hours of the
    period's shifts, their pay, adjustments from earlier runs, gross, and the
    year-to-date gross (set when the run is approved)."""

    # No index of its own: the unique (run, participant) index serves every look-up by
    # run, and one index fewer to fill makes writing a statewide run's stubs cheaper.
    run = models.ForeignKey(
        PayrollRun, on_delete=models.CASCADE, related_name="stubs", db_index=False
    )
    participant = models.ForeignKey(
        "jobseekers.Participant", on_delete=models.PROTECT, related_name="pay_stubs"
    )
    regular_hours = models.DecimalField(_("regular hours"), default=0, **HOURS)
    overtime_hours = models.DecimalField(_("overtime hours"), default=0, **HOURS)
    hourly_rate = models.DecimalField(_("hourly rate"), **MONEY)
    rate_changed = models.BooleanField(_("rate changed in the period"), default=False)
    work_pay = models.DecimalField(_("pay for hours worked"), default=0, **MONEY)
    adjustments_total = models.DecimalField(_("adjustments"), default=0, **MONEY)
    gross = models.DecimalField(_("gross pay"), **MONEY)
    year_to_date_gross = models.DecimalField(
        _("gross pay this year"), null=True, blank=True, **MONEY
    )

    class Meta:
        ordering = ["participant__last_name", "participant__first_name", "id"]
        verbose_name = _("pay stub")
        verbose_name_plural = _("pay stubs")
        constraints = [
            models.UniqueConstraint(fields=["run", "participant"], name="pay_stub_one_per_run"),
        ]

    def __str__(self):
        return f"{self.participant} {self.run.period}"

    @property
    def total_hours(self):
        return self.regular_hours + self.overtime_hours


class PayAdjustment(models.Model):
    """A correction to pay already approved (a missed shift, a wrong rate): never an edit
    of the locked run, but an amount with its reason, paid on the participant's stub in
    the next run that is built."""

    participant = models.ForeignKey(
        "jobseekers.Participant", on_delete=models.PROTECT, related_name="pay_adjustments"
    )
    corrects_run = models.ForeignKey(
        PayrollRun, on_delete=models.PROTECT, related_name="corrections"
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    hours = models.DecimalField(_("hours"), default=0, **HOURS)
    reason = models.CharField(_("reason"), max_length=300)
    paid_on = models.ForeignKey(
        PayStub, null=True, blank=True, on_delete=models.SET_NULL, related_name="adjustments"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("pay adjustment")
        verbose_name_plural = _("pay adjustments")
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="pay_adjustment_not_zero"),
        ]

    def __str__(self):
        return f"{self.participant} {self.amount}"
