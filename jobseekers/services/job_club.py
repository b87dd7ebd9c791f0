"""Job club sessions and attendance."""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from portal.core.audit import audit_record
from portal.core.exceptions import ApplicationError, NotFoundError
from portal.core.models import User
from portal.core.permissions import is_staff_member
from portal.core.transitions import InvalidTransition

from ..models import Attendance, AttendanceStatus, JobClubSession, Participant
from ..permissions import can_edit
from ._common import _check_facilitator, _full_clean


@transaction.atomic
def job_club_session_create(
    *,
    actor: User,
    starts_at: datetime,
    place: str,
    topic: str,
    capacity: int = 20,
    facilitator: User | None = None,
) -> JobClubSession:
    """Schedule a job club session (staff). Raises ApplicationError for bad values."""
    if not is_staff_member(actor):
        raise NotFoundError()
    facilitator = facilitator or actor
    _check_facilitator(facilitator)
    if capacity is None or capacity < 1:
        raise ApplicationError(
            _("Please correct the errors below."),
            fields={"capacity": [_("At least one seat.")]},
        )
    session = JobClubSession(
        starts_at=starts_at,
        place=(place or "").strip(),
        topic=topic,
        capacity=capacity,
        facilitator=facilitator,
    )
    _full_clean(session, exclude=["facilitator"])
    session.save()
    audit_record(actor=actor, action="job_club.session_created", target=session)
    return session


@transaction.atomic
def attendance_record(
    *,
    session: JobClubSession,
    actor: User,
    participant: Participant,
    status: str,
    note: str = "",
) -> Attendance:
    """Mark a participant present, absent or excused at a session (staff; the
    participant must be on their caseload, or any for an admin). Marking again updates
    the row. Refuses more people present than the session's capacity."""
    if not (is_staff_member(actor) and can_edit(actor, participant)):
        raise NotFoundError()
    if status not in AttendanceStatus.values:
        raise ApplicationError(
            _("Please correct the errors below."), fields={"status": [_("Choose from the list.")]}
        )
    note = (note or "").strip()
    if len(note) > 200:
        raise ApplicationError(
            _("Please correct the errors below."),
            fields={"note": [_("Keep the note under 200 characters.")]},
        )
    session = JobClubSession.objects.select_for_update().get(pk=session.pk)
    if status == AttendanceStatus.PRESENT:
        present = (
            Attendance.objects.filter(session=session, status=AttendanceStatus.PRESENT)
            .exclude(participant=participant)
            .count()
        )
        if present >= session.capacity:
            raise InvalidTransition(_("This session is full."), code="session_full")
    attendance, _created = Attendance.objects.update_or_create(
        session=session,
        participant=participant,
        defaults={"status": status, "note": note, "recorded_by": actor},
    )
    audit_record(
        actor=actor,
        action="job_club.attendance_recorded",
        target=session,
        details={"participant_id": participant.pk, "status": status},
    )
    return attendance
