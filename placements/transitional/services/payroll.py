"""Writes about pay: pay periods, payroll runs (build, build again, review, approve,
export) and pay adjustments to approved runs.

Concurrency: a payroll run is built under a lock of its pay period and is unique per
period; approval and export lock the run row. Two people doing the same thing at once:
one wins, the other gets a ConflictError, and nobody is paid twice.

Building a run's stubs (claiming its shifts, pricing them) is in `payroll_build.py`.
A run never writes to its shifts: it claims them (claims.py), and approving it locks
them because their run is approved."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import partial

from django.db import IntegrityError, connection, transaction
from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from jobseekers.models import Participant, TextMessageKind
from jobseekers.services import text_message_try_send
from placements.transitional.exceptions import LockedError, PayrollConflictError
from placements.transitional.models import (
    PayAdjustment,
    PayPeriod,
    PayrollRun,
    PayrollRunStatus,
    PaySchedule,
    PayStub,
    WorkAssignment,
)
from placements.transitional.permissions import can_run_payroll
from placements.transitional.services._common import ZERO, invalid, require, today
from placements.transitional.services.payroll_build import build_stubs
from portal.core.audit import audit_record
from portal.core.exceptions import ConflictError
from portal.core.models import User
from portal.core.money import to_money
from portal.core.templatetags.formatting import datetime_display
from portal.core.transitions import transition_to


@transaction.atomic
def pay_period_create(
    *, actor: User, schedule: str, starts_on: date, ends_on: date, pay_date: date
) -> PayPeriod:
    """A pay period (program admins). A daily period is one day; a weekly one at most 7
    days. Periods of one schedule never overlap; the pay date is on or after the last
    day."""
    require(can_run_payroll(actor))
    if schedule not in PaySchedule.values:
        raise invalid("schedule", _("Choose daily or weekly pay."))
    if ends_on < starts_on:
        raise invalid("ends_on", _("The last day cannot be before the first day."))
    length = (ends_on - starts_on).days + 1
    if schedule == PaySchedule.DAILY and length != 1:
        raise invalid("ends_on", _("A daily pay period is one day: first day = last day."))
    if schedule == PaySchedule.WEEKLY and length > 7:
        raise invalid("ends_on", _("A weekly pay period is 7 days or fewer."))
    if pay_date < ends_on:
        raise invalid("pay_date", _("The pay date cannot be before the period's last day."))
    if connection.vendor == "postgresql":
        # Two admins adding overlapping periods at once: the second waits, then sees the first.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [7_000_001])
    clash = PayPeriod.objects.filter(
        schedule=schedule, starts_on__lte=ends_on, ends_on__gte=starts_on
    ).first()
    if clash is not None:
        raise ConflictError(
            _("This period overlaps the pay period %(period)s.") % {"period": clash},
            code="period_overlap",
            fields={"starts_on": [_("Choose days no other period of this schedule covers.")]},
        )
    period = PayPeriod.objects.create(
        schedule=schedule, starts_on=starts_on, ends_on=ends_on, pay_date=pay_date, created_by=actor
    )
    audit_record(actor=actor, action="transitional.pay_period_created", target=period)
    return period


# --- Payroll runs -----------------------------------------------------------------------


def _locked_period(period: PayPeriod) -> PayPeriod:
    return PayPeriod.objects.select_for_update().get(pk=period.pk)


def _check_period_ended(period: PayPeriod) -> None:
    """A payroll run covers only days that have ended (issue 17: a day was run, approved
    and exported at 9:17 a.m. for a shift ending at 4 p.m.): its last day must be over in
    the program's time zone. Raises ConflictError `period_not_ended`, saying which day
    and from when the run can be made."""
    current = today()
    if period.ends_on >= current:
        raise ConflictError(
            _(
                "This pay period runs until %(last_day)s, and that day has not ended yet "
                "(today is %(today)s), so its shifts may not be over. Nobody is paid before "
                "the work is done: run payroll from %(first_day)s."
            )
            % {
                "last_day": formats.date_format(period.ends_on, "DATE_FORMAT"),
                "today": formats.date_format(current, "DATE_FORMAT"),
                "first_day": formats.date_format(period.ends_on + timedelta(days=1), "DATE_FORMAT"),
            },
            code="period_not_ended",
        )


@transaction.atomic
def payroll_run_create(*, actor: User, period: PayPeriod) -> PayrollRun:
    """Build the draft payroll run of a period that has ended (program admins): one pay
    stub per person with unpaid shifts or pending adjustments. One run per period: a
    second attempt, even at the same moment, gets a clear error."""
    require(can_run_payroll(actor))
    period = _locked_period(period)
    _check_period_ended(period)
    if PayrollRun.objects.filter(period=period).exists():
        raise PayrollConflictError(
            _("This pay period already has a payroll run."), code="run_exists"
        )
    try:
        with transaction.atomic():
            run = PayrollRun.objects.create(period=period, created_by=actor)
    except IntegrityError as error:
        raise PayrollConflictError(
            _("This pay period already has a payroll run."), code="run_exists"
        ) from error
    stubs = build_stubs(run)
    audit_record(
        actor=actor,
        action="transitional.payroll_run_created",
        target=run,
        details={"total_gross": str(run.total_gross), "stubs": stubs},
    )
    return run


def _locked_run(run: PayrollRun) -> PayrollRun:
    return PayrollRun.objects.select_for_update().select_related("period").get(pk=run.pk)


def _refusal(current: str, target: str) -> str:
    """What to tell someone whose move from `current` to `target` is not allowed."""
    if current == PayrollRunStatus.APPROVED:
        return _("This payroll run is already approved and locked.")
    if current == PayrollRunStatus.EXPORTED:
        return _("This payroll run is already exported.")
    if target == PayrollRunStatus.APPROVED:
        return _("Review this payroll run before approving it.")
    if target == PayrollRunStatus.EXPORTED:
        return _("This payroll run must be approved before it is exported.")
    return _("This cannot be done to a payroll run in its current state.")


def _move(run: PayrollRun, target: str) -> None:
    """Move the run along PayrollRun.ALLOWED_TRANSITIONS; an illegal move raises
    InvalidTransition with the code `run_<current status>` clients rely on."""
    transition_to(run, target, message=_refusal(run.status, target), code=f"run_{run.status}")


@transaction.atomic
def payroll_run_recalculate(*, actor: User, run: PayrollRun) -> PayrollRun:
    """Build a draft or reviewed run again from the shifts as they are now (after late
    entries or corrections). The run goes back to draft. An approved run is locked."""
    require(can_run_payroll(actor))
    run = _locked_run(run)
    if run.is_locked:
        raise LockedError(
            _("This payroll run is approved and locked. Use a pay adjustment in a later run."),
            code="run_locked",
        )
    PayAdjustment.objects.filter(paid_on__run=run).update(paid_on=None)
    # The run's claims stay (claims.py): shifts later runs counted as this run's remain
    # so; _build_stubs adds a claim for what has been recorded since.
    run.stubs.all().delete()
    if run.status != PayrollRunStatus.DRAFT:
        _move(run, PayrollRunStatus.DRAFT)
    run.reviewed_by, run.reviewed_at = None, None
    run.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    build_stubs(run)
    audit_record(actor=actor, action="transitional.payroll_run_recalculated", target=run)
    return run


@transaction.atomic
def payroll_run_review(*, actor: User, run: PayrollRun) -> PayrollRun:
    """Mark a draft run reviewed: someone has read its totals and anomalies."""
    require(can_run_payroll(actor))
    run = _locked_run(run)
    _move(run, PayrollRunStatus.REVIEWED)
    run.reviewed_by, run.reviewed_at = actor, timezone.now()
    run.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    audit_record(actor=actor, action="transitional.payroll_run_reviewed", target=run)
    return run


@transaction.atomic
def payroll_run_approve(*, actor: User, run: PayrollRun) -> PayrollRun:
    """Approve a reviewed run (program admins): the run, its stubs and its shifts are
    locked for good, and each stub gets its year-to-date gross. Two approvals at once:
    the second waits for the first and is told the run is already approved. A run whose
    period has not ended (one built before that rule) is refused (`period_not_ended`)."""
    require(can_run_payroll(actor))
    run = _locked_run(run)
    _check_period_ended(run.period)
    _move(run, PayrollRunStatus.APPROVED)
    run.approved_by, run.approved_at = actor, timezone.now()
    # Its shifts are locked from now on because their run is approved (claims.py):
    # nothing is written to them.
    run.save(update_fields=["status", "approved_by", "approved_at"])
    year = run.period.pay_date.year
    earlier = dict(
        PayStub.objects.filter(
            run__status__in=[PayrollRunStatus.APPROVED, PayrollRunStatus.EXPORTED],
            run__period__pay_date__year=year,
            run__period__pay_date__lte=run.period.pay_date,
        )
        .exclude(run=run)
        .values_list("participant_id")
        .annotate(total=Sum("gross"))
    )
    stubs = list(run.stubs.all())
    for stub in stubs:
        stub.year_to_date_gross = to_money(earlier.get(stub.participant_id, ZERO) + stub.gross)
    PayStub.objects.bulk_update(stubs, ["year_to_date_gross"])
    audit_record(
        actor=actor,
        action="transitional.payroll_run_approved",
        target=run,
        details={"total_gross": str(run.total_gross), "stubs": len(stubs)},
    )
    transaction.on_commit(partial(pay_stub_texts_send, run_id=run.pk))
    return run


def pay_stub_texts_send(*, run_id: int) -> int:
    """Text each participant paid by an approved run that their pay stub is ready (those
    who agreed to texts; once per stub). Returns how many texts were queued."""
    count = 0
    stubs = PayStub.objects.filter(run_id=run_id).select_related("participant", "run__period")
    for stub in stubs:
        sent = text_message_try_send(
            participant=stub.participant,
            kind=TextMessageKind.PAY_STUB_READY,
            context={"day": stub.run.period.pay_date},
            dedupe_key=f"pay_stub:{stub.pk}",
        )
        count += sent is not None
    return count


# The payroll processor's file, one row per pay stub (documented in the README):
EXPORT_COLUMNS = [
    "run_id",
    "pay_date",
    "period_start",
    "period_end",
    "participant_id",
    "last_name",
    "first_name",
    "regular_hours",
    "overtime_hours",
    "hourly_rate",
    "work_pay",
    "adjustments",
    "gross_pay",
    "year_to_date_gross",
]


def payroll_csv(run: PayrollRun) -> str:
    """The run as CSV in EXPORT_COLUMNS order: amounts with two places, dates ISO."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    period = run.period
    for stub in run.stubs.select_related("participant").order_by("participant_id"):
        writer.writerow(
            [
                run.pk,
                period.pay_date.isoformat(),
                period.starts_on.isoformat(),
                period.ends_on.isoformat(),
                stub.participant_id,
                stub.participant.last_name,
                stub.participant.first_name,
                f"{stub.regular_hours:.2f}",
                f"{stub.overtime_hours:.2f}",
                f"{stub.hourly_rate:.2f}",
                f"{stub.work_pay:.2f}",
                f"{stub.adjustments_total:.2f}",
                f"{stub.gross:.2f}",
                f"{(stub.year_to_date_gross or stub.gross):.2f}",
            ]
        )
    return buffer.getvalue()


@transaction.atomic
def payroll_run_export(*, actor: User, run: PayrollRun) -> str:
    """Hand an approved run to the payroll processor: mark it exported and return its
    CSV. Only once: a second export (even at the same moment) is refused, so the
    processor never receives the same pay twice."""
    require(can_run_payroll(actor))
    run = _locked_run(run)
    if run.status == PayrollRunStatus.EXPORTED:
        raise PayrollConflictError(
            _("This payroll run was already exported (%(when)s). It is not sent twice.")
            % {"when": datetime_display(run.exported_at)},
            code="run_exported",
        )
    _move(run, PayrollRunStatus.EXPORTED)
    run.exported_by, run.exported_at = actor, timezone.now()
    run.save(update_fields=["status", "exported_by", "exported_at"])
    audit_record(actor=actor, action="transitional.payroll_run_exported", target=run)
    return payroll_csv(run)


@transaction.atomic
def payroll_run_export_download(*, actor: User, run: PayrollRun) -> str:
    """The CSV of a run already exported, again (the browser lost the file, the processor
    asks for a copy). It changes nothing about the run, so it may be a GET: the export
    itself (`payroll_run_export`) is the only thing that marks a run exported. The locked
    run's stubs never change, so the file is the one first exported. The download is
    audited, as payroll data leaving the portal. Raises PayrollConflictError
    (`run_not_exported`) before the export: there is no file yet."""
    require(can_run_payroll(actor))
    if run.status != PayrollRunStatus.EXPORTED:
        raise PayrollConflictError(
            _("This payroll run has not been exported yet, so there is no file to download."),
            code="run_not_exported",
        )
    audit_record(actor=actor, action="transitional.payroll_run_downloaded", target=run)
    return payroll_csv(run)


@transaction.atomic
def pay_adjustment_create(
    *,
    actor: User,
    participant: Participant,
    corrects_run: PayrollRun,
    amount,
    reason: str,
    hours=ZERO,
) -> PayAdjustment:
    """A correction to an approved run (program admins): an amount (negative to take
    back an overpayment) with its reason, paid in the next run that is built. The locked
    run itself never changes."""
    require(can_run_payroll(actor))
    if not corrects_run.is_locked:
        raise ConflictError(
            _("This run is not approved yet: recalculate it instead of adjusting it."),
            code="run_not_locked",
        )
    reason = (reason or "").strip()
    if not reason:
        raise invalid("reason", _("Say why the pay is corrected."))
    if len(reason) > 300:
        raise invalid("reason", _("Keep the reason under 300 characters."))
    if not WorkAssignment.objects.filter(participant=participant).exists():
        raise invalid("participant", _("This person has never been on a crew."))
    try:
        value = to_money(Decimal(str(amount)))
        hours_value = Decimal(str(hours or 0))
    except (InvalidOperation, ValueError, TypeError) as error:
        raise invalid("amount", _("Enter the amount in dollars, like 45.00 or -12.50.")) from error
    if value == 0 or not value.is_finite():
        raise invalid("amount", _("Enter the amount in dollars, like 45.00 or -12.50."))
    if hours_value < 0 or hours_value > 100:
        raise invalid("hours", _("Enter the hours from 0 to 100."))
    adjustment = PayAdjustment.objects.create(
        participant=participant,
        corrects_run=corrects_run,
        amount=value,
        hours=hours_value,
        reason=reason,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="transitional.pay_adjustment_created",
        target=adjustment,
        details={"amount": str(value), "run_id": corrects_run.pk},
    )
    return adjustment
