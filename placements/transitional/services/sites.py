"""Writes about work sites and crew assignments: a new site, a participant put on a crew,
an assignment ended, a new hourly rate or pay schedule from a day."""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jobseekers.models import Participant, ParticipantStatus
from placements.transitional.models import (
    AssignmentStatus,
    PaySchedule,
    WorkAssignment,
    WorkSite,
)
from placements.transitional.permissions import can_manage_worksites, can_supervise
from placements.transitional.services._common import invalid, require
from portal.core.audit import audit_record
from portal.core.exceptions import ConflictError
from portal.core.models import User
from portal.core.money import to_money
from portal.core.permissions import is_staff_member
from portal.core.rules import minimum_hourly_wage
from portal.core.transitions import transition_to


@transaction.atomic
def worksite_create(
    *,
    actor: User,
    name: str,
    address: str,
    crew_capacity: int = 8,
    supervisors: list[User] | tuple = (),
) -> WorkSite:
    """A new work site (program admins). Its supervisors must be staff."""
    require(can_manage_worksites(actor))
    name, address = (name or "").strip(), (address or "").strip()
    if not name:
        raise invalid("name", _("Give the work site a name."))
    if not address:
        raise invalid("address", _("Enter the work site's address."))
    if crew_capacity is None or crew_capacity < 1:
        raise invalid("crew_capacity", _("A crew has at least one person."))
    if any(not is_staff_member(user) for user in supervisors):
        raise invalid("supervisors", _("Supervisors must be program staff."))
    if WorkSite.objects.filter(name__iexact=name).exists():
        raise invalid("name", _("A work site with this name already exists."))
    worksite = WorkSite.objects.create(name=name, address=address, crew_capacity=crew_capacity)
    worksite.supervisors.set(supervisors)
    audit_record(actor=actor, action="transitional.worksite_created", target=worksite)
    return worksite


def _check_rate(hourly_rate) -> Decimal:
    try:
        rate = Decimal(str(hourly_rate))
    except (InvalidOperation, ValueError, TypeError):
        rate = None
    if rate is None or not rate.is_finite():
        raise invalid("hourly_rate", _("Enter the hourly rate in dollars, like 15.50."))
    minimum = minimum_hourly_wage()
    if rate < minimum:
        raise invalid(
            "hourly_rate",
            _("The hourly rate cannot be below the minimum wage of $%(minimum)s.")
            % {"minimum": minimum},
            code="below_minimum_wage",
        )
    return to_money(rate)


@transaction.atomic
def assignment_create(
    *,
    actor: User,
    participant: Participant,
    worksite: WorkSite,
    starts_on: date,
    hourly_rate,
    pay_schedule: str = PaySchedule.DAILY,
    ends_on: date | None = None,
) -> WorkAssignment:
    """Put a participant on a crew (program admins or the site's supervisors). The rate
    is never below the minimum wage; one crew at a time per person; the crew's capacity
    holds."""
    require(can_supervise(actor, worksite))
    rate = _check_rate(hourly_rate)
    if pay_schedule not in PaySchedule.values:
        raise invalid("pay_schedule", _("Choose daily or weekly pay."))
    if ends_on is not None and ends_on < starts_on:
        raise invalid("ends_on", _("The last day cannot be before the first day."))
    # The participant first, as a shift save and assignment_change lock it: two admins at
    # two sites cannot put one person on two crews at once.
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.status != ParticipantStatus.ACTIVE:
        raise invalid("participant", _("Only active participants can join a crew."))
    worksite = WorkSite.objects.select_for_update().get(pk=worksite.pk)
    overlapping = WorkAssignment.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on),
        status=AssignmentStatus.ACTIVE,
    )
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lte=ends_on)
    if overlapping.filter(participant=participant).exists():
        raise ConflictError(
            _("This person is already on a crew for these days. End that assignment first."),
            code="assignment_overlap",
        )
    if overlapping.filter(worksite=worksite).count() >= worksite.crew_capacity:
        raise ConflictError(_("This crew is full."), code="crew_full")
    assignment = WorkAssignment.objects.create(
        participant=participant,
        worksite=worksite,
        starts_on=starts_on,
        ends_on=ends_on,
        hourly_rate=rate,
        pay_schedule=pay_schedule,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="transitional.assignment_created",
        target=assignment,
        details={"participant_id": participant.pk, "hourly_rate": str(rate)},
    )
    return assignment


@transaction.atomic
def assignment_end(*, actor: User, assignment: WorkAssignment, ends_on: date) -> WorkAssignment:
    """End an assignment on `ends_on` (a rate change is: end, then a new assignment).
    Refuses a last day before the first day or before a recorded shift."""
    require(can_supervise(actor, assignment.worksite))
    # The same lock a shift takes while it is saved: no shift slips in after the last day.
    Participant.objects.select_for_update().filter(pk=assignment.participant_id).first()
    assignment = WorkAssignment.objects.select_for_update().get(pk=assignment.pk)
    if ends_on is None:
        raise invalid("ends_on", _("Enter the last day."))
    if ends_on < assignment.starts_on:
        raise invalid("ends_on", _("The last day cannot be before the first day."))
    if assignment.ends_on is not None and ends_on > assignment.ends_on:
        raise invalid(
            "ends_on",
            _("This assignment already ends on %(day)s. Pick that day or an earlier one.")
            % {"day": date_format(assignment.ends_on, "DATE_FORMAT")},
        )
    if assignment.time_entries.filter(work_date__gt=ends_on).exists():
        raise invalid("ends_on", _("There are shifts recorded after this day."))
    assignment.ends_on = ends_on
    transition_to(assignment, AssignmentStatus.ENDED)
    assignment.save(update_fields=["ends_on", "status"])
    audit_record(actor=actor, action="transitional.assignment_ended", target=assignment)
    return assignment


@transaction.atomic
def assignment_change(
    *,
    actor: User,
    assignment: WorkAssignment,
    effective_on: date,
    hourly_rate,
    pay_schedule: str,
) -> WorkAssignment:
    """A new rate or pay schedule from `effective_on`: the assignment ends the day
    before and a new one starts that day, so shifts already worked keep their rate (a
    payroll run over that day shows "rate changed during the period")."""
    require(can_supervise(actor, assignment.worksite))
    Participant.objects.select_for_update().filter(pk=assignment.participant_id).first()
    assignment = WorkAssignment.objects.select_for_update().get(pk=assignment.pk)
    rate = _check_rate(hourly_rate)
    if pay_schedule not in PaySchedule.values:
        raise invalid("pay_schedule", _("Choose daily or weekly pay."))
    if effective_on is None:
        raise invalid("effective_on", _("Enter the day the change starts."))
    if assignment.status != AssignmentStatus.ACTIVE:
        raise ConflictError(
            _("This assignment has ended. Put the person on a crew again instead."),
            code="assignment_ended",
        )
    if effective_on <= assignment.starts_on:
        raise invalid(
            "effective_on",
            _("The change must start after the first day of the assignment (%(day)s).")
            % {"day": date_format(assignment.starts_on, "DATE_FORMAT")},
        )
    if assignment.ends_on is not None and effective_on > assignment.ends_on:
        raise invalid("effective_on", _("The assignment ends before this day."))
    if rate == assignment.hourly_rate and pay_schedule == assignment.pay_schedule:
        raise invalid("hourly_rate", _("Change the rate or the pay schedule."))
    if assignment.time_entries.filter(work_date__gte=effective_on).exists():
        raise invalid(
            "effective_on",
            _("There are shifts recorded on or after this day. Pick a later day."),
        )
    old_end = assignment.ends_on
    assignment_end(actor=actor, assignment=assignment, ends_on=effective_on - timedelta(days=1))
    return assignment_create(
        actor=actor,
        participant=assignment.participant,
        worksite=assignment.worksite,
        starts_on=effective_on,
        ends_on=old_end,
        hourly_rate=rate,
        pay_schedule=pay_schedule,
    )
