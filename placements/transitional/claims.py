"""Which payroll run pays a shift, without writing to the shift (issue 15).

A run does not mark its 70,000 shifts paid one row at a time (rewriting each row and
its dozen index entries took 80 % of a statewide run). It records one *claim*: the
shifts of its pay schedule worked on or before its period's last day
(`through_day`) and recorded before the claim (id up to `through_entry`, read under a
lock that keeps shifts from being saved meanwhile), less the shifts still running past
midnight it held back (`PayrollClaimHold`, a row each, usually none).

A shift is paid by the run of the **first** claim (in the order claims were made) that
covers it: a claim never takes a shift an earlier claim already took. A late shift of
an earlier day, saved after that day's run, has a higher id than that claim covers, so
the next run of its schedule pays it, never lost and never twice. Building a draft run
again adds a claim at the end instead of removing one, so the shifts that later runs
counted as already paid stay with this run.

Shifts paid before claims existed keep their `TimeEntry.payroll_run` (set row by row
then); it wins over any claim. `TimeEntry.objects.with_payment()` annotates each shift's
paying run (`paid_run_id`) and whether that run is approved (`paid_locked`); reads use
it, so the API's `payroll_run` and `locked` fields of a shift mean what they meant.
"""

from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

LOCKED_STATUSES = ("approved", "exported")


class PayrollClaim(models.Model):
    """The shifts one build of a payroll run pays (see the module's docstring)."""

    run = models.ForeignKey("PayrollRun", on_delete=models.CASCADE, related_name="claims")
    schedule = models.CharField(_("pay schedule"), max_length=10)
    through_day = models.DateField(_("shifts worked up to"))
    through_entry = models.BigIntegerField(_("shifts recorded up to (id)"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("payroll claim")
        verbose_name_plural = _("payroll claims")
        indexes = [models.Index(fields=["schedule", "through_day"])]

    def __str__(self):
        return f"{self.run_id}: {self.schedule} to {self.through_day} (#{self.through_entry})"


class PayrollClaimHold(models.Model):
    """A shift inside a claim that the run did not pay: it was still going on past
    midnight when the run was built, so the next run pays it."""

    claim = models.ForeignKey(PayrollClaim, on_delete=models.CASCADE, related_name="holds")
    entry_id = models.BigIntegerField()

    class Meta:
        verbose_name = _("shift held back from a payroll claim")
        verbose_name_plural = _("shifts held back from payroll claims")
        constraints = [
            models.UniqueConstraint(fields=["claim", "entry_id"], name="claim_hold_once"),
        ]

    def __str__(self):
        return f"{self.claim_id}: shift {self.entry_id} held back"


def covering_claims(*, entry_ref: str = "pk", day_ref: str = "work_date", schedule_ref: str):
    """Claims covering the outer query's shift, first claim first."""
    held = PayrollClaimHold.objects.filter(
        claim=OuterRef("pk"), entry_id=OuterRef(OuterRef(entry_ref))
    )
    return (
        PayrollClaim.objects.filter(
            schedule=OuterRef(schedule_ref),
            through_day__gte=OuterRef(day_ref),
            through_entry__gte=OuterRef(entry_ref),
        )
        .filter(~Exists(held))
        .order_by("pk")
    )


def paid_run_expression():
    """The id of the run paying the outer TimeEntry query's shift, or NULL if unpaid."""
    first = covering_claims(schedule_ref="assignment__pay_schedule").values("run_id")[:1]
    return Coalesce("payroll_run_id", Subquery(first), output_field=models.BigIntegerField())


def run_candidates(run_id: int) -> Q:
    """A superset of the shifts a run pays, cheap to find at statewide size (the exact
    test, `paid_run_expression`, is then made on these only): shifts marked with the
    run, or shifts of its claims' schedule and extent that the claim made just before
    the run's first one did not cover (or held back). Everything that claim covered it
    or an earlier one took. In subqueries: no extra query."""
    from datetime import date

    mine = PayrollClaim.objects.filter(run_id=run_id)
    first = mine.order_by("pk").values("pk")[:1]
    schedule = mine.order_by("pk").values("schedule")[:1]
    before = PayrollClaim.objects.filter(schedule=Subquery(schedule), pk__lt=Subquery(first))
    before = before.order_by("-pk")
    through_entry = Coalesce(Subquery(before.values("through_entry")[:1]), 0)
    through_day = Coalesce(Subquery(before.values("through_day")[:1]), date.min)
    held = PayrollClaimHold.objects.filter(claim=Subquery(before.values("pk")[:1]))
    top_entry = mine.order_by("-through_entry").values("through_entry")[:1]
    top_day = mine.order_by("-through_day").values("through_day")[:1]
    return Q(payroll_run_id=run_id) | (
        Q(
            payroll_run__isnull=True,
            assignment__pay_schedule=Subquery(schedule),
            work_date__lte=Subquery(top_day),
            pk__lte=Subquery(top_entry),
        )
        & (
            Q(pk__gt=through_entry)
            | Q(work_date__gt=through_day)
            | Q(pk__in=held.values("entry_id"))
        )
    )


def locked_expression():
    """True when the shift is locked: marked so before claims, or paid by an approved
    (or exported) run. Use after `paid_run_expression` is annotated as `paid_run_id`."""
    from placements.transitional.models import PayrollRun

    return Q(locked=True) | Exists(
        PayrollRun.objects.filter(pk=OuterRef("paid_run_id"), status__in=LOCKED_STATUSES)
    )
