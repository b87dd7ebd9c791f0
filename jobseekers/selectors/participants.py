"""Reads about participants, scoped to the user (DESIGN.md, "Roles and what each may
see"). Someone else's participant is not in the queryset, so it is a 404.

The sensitive reads (record, supervision terms, case notes) go only through the
functions here that write an AccessLog row for every reader but the participant.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    Exists,
    Max,
    OuterRef,
    Q,
    QuerySet,
)
from django.http import Http404
from django.utils import timezone
from rapidfuzz import fuzz

from portal.core.audit import access_log_record
from portal.core.models import AccessLog, User
from portal.core.permissions import is_program_admin, is_staff_member

from .. import rules
from ..models import (
    Attendance,
    CaseNote,
    Consent,
    ConsentKind,
    CustodyEvent,
    JobClubSession,
    Participant,
    ParticipantDocument,
    ProgramExit,
    RecordEntry,
    Referral,
    Resume,
    ResumeComment,
    ResumeVersion,
    SupervisionTerms,
    Support,
)
from ..permissions import (
    can_view_profile,
    is_on_caseload_of,
    is_self,
)

# Why a reader saw sensitive data, as written in the AccessLog.
WHY_CASELOAD = "caseload"
WHY_ADMIN = "admin"


def access_reason(viewer: User, participant: Participant) -> str:
    """The AccessLog reason for a staff read: "caseload" for the participant's own
    facilitator, "admin" for a program admin reading outside their caseload."""
    if participant.facilitator_id == viewer.pk:
        return WHY_CASELOAD
    return WHY_ADMIN if is_program_admin(viewer) else WHY_CASELOAD


def participants_visible_to(*, user: User) -> QuerySet[Participant]:
    """The participants whose profile `user` may see: admins all, staff their caseload, a
    participant themself, anyone else (employers included) none. Employers see people
    only through placements (applications, fairs)."""
    base = Participant.objects.select_related("facilitator", "user")
    if is_program_admin(user):
        return base.all()
    if is_staff_member(user):
        return base.filter(facilitator=user)
    if user.is_authenticated and user.is_participant:
        return base.filter(user=user)
    return base.none()


def participant_get_for_user(*, user: User, participant_id) -> Participant:
    """The participant `participant_id` if `user` may see them; otherwise Http404, the
    same answer as for an id that does not exist."""
    try:
        return participants_visible_to(user=user).get(pk=int(participant_id))
    except (Participant.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error


def participant_for_user_account(*, user: User) -> Participant | None:
    """The participant record of a signed-in participant, or None."""
    if not (user.is_authenticated and user.is_participant):
        return None
    return Participant.objects.select_related("facilitator").filter(user=user).first()


def participant_for_request(request) -> Participant | None:
    """`participant_for_user_account` of the request's user, read once per request: the
    dashboard's panels (résumés, applications, matches, crew hours) each need the record,
    and four reads of the same row were a sixth of the participant's dashboard."""
    if not hasattr(request, "_participant_record"):
        request._participant_record = participant_for_user_account(user=request.user)
    return request._participant_record


@dataclass(frozen=True)
class CaseloadFilters:
    search: str = ""
    status: str = ""
    facilitator_id: int | None = None
    released_from: date | None = None
    released_to: date | None = None
    missing_id: bool = False
    no_resume: bool = False


def caseload_for(*, user: User, filters: CaseloadFilters | None = None) -> QuerySet[Participant]:
    """The staff caseload list: a staff member's own participants, an admin's all (both
    narrowed by `filters`). Annotated with `has_resume`; a fixed number of queries
    whatever its length."""
    participants = participants_visible_to(user=user) if is_staff_member(user) else None
    if participants is None:
        return Participant.objects.none()
    participants = participants.annotate(
        has_resume=Exists(Resume.objects.filter(participant=OuterRef("pk")))
    )
    return caseload_filter(participants=participants, filters=filters or CaseloadFilters())


def caseload_filter(
    *, participants: QuerySet[Participant], filters: CaseloadFilters
) -> QuerySet[Participant]:
    """`participants` (from `caseload_for`) narrowed by `filters`: each word of the
    search in a name or the phone, the status, the facilitator, the release dates, the
    missing identity documents and "no résumé yet". The caseload page and API parse
    their query with `filters.CaseloadFilter`, which ends here."""
    if filters.search:
        for word in filters.search.split()[:5]:
            participants = participants.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(preferred_name__icontains=word)
                | Q(phone__icontains=word)
            )
    if filters.status:
        participants = participants.filter(status=filters.status)
    if filters.facilitator_id:
        participants = participants.filter(facilitator_id=filters.facilitator_id)
    if filters.released_from:
        participants = participants.filter(release_date__gte=filters.released_from)
    if filters.released_to:
        participants = participants.filter(release_date__lte=filters.released_to)
    if filters.missing_id:
        participants = participants.filter(
            Q(has_state_id=False) | Q(has_social_security_card=False)
        )
    if filters.no_resume:
        participants = participants.filter(has_resume=False)
    return participants


def participant_duplicates(
    *, first_name: str, last_name: str, date_of_birth: date, exclude_id: int | None = None
) -> list[Participant]:
    """People already in the portal who may be the same person: the same date of birth
    and a name similar enough (rapidfuzz token-sort ratio at or above
    `rules.duplicate_name_similarity()`), so "Jon Smith" finds "John Smith"."""
    wanted = f"{first_name} {last_name}".lower()
    candidates = Participant.objects.filter(date_of_birth=date_of_birth).select_related(
        "facilitator"
    )
    if exclude_id is not None:
        candidates = candidates.exclude(pk=exclude_id)
    threshold = rules.duplicate_name_similarity()
    return [
        candidate
        for candidate in candidates[:50]
        if max(
            fuzz.token_sort_ratio(wanted, candidate.full_name.lower()),
            fuzz.token_sort_ratio(
                f"{candidate.preferred_name} {candidate.last_name}".lower(), wanted
            )
            if candidate.preferred_name
            else 0,
        )
        >= threshold
    ]


def _log_sensitive_read(*, viewer: User, participant: Participant, what: str, why: str) -> None:
    if not is_self(viewer, participant):
        access_log_record(viewer=viewer, subject=participant, what=what, why=why)


def record_entries_for(*, participant: Participant, viewer: User, why: str) -> list[RecordEntry]:
    """The full record (descriptions included) for the participant or their staff.

    Writes an AccessLog row ("record", `why`) unless `viewer` is the participant. The
    caller must have checked `permissions.can_view_record` (the participant comes from
    `participant_get_for_user`)."""
    entries = list(RecordEntry.objects.filter(participant=participant))
    _log_sensitive_read(viewer=viewer, participant=participant, what="record", why=why)
    return entries


def record_summary_for(*, participant: Participant, viewer: User, why: str) -> list[dict]:
    """A summary of the record for someone outside the caseload: for each conviction
    the offense category, felony or misdemeanor, and the dates; never the description.

    For placements (an employer reading through an application, `why` =
    "application:<id>"): the caller must first have checked the employer's right (the
    application's stage, the participant's `share_record_summary` consent). Writes an
    AccessLog row ("record_summary", `why`) unless `viewer` is the participant."""
    rows = list(
        RecordEntry.objects.filter(participant=participant).values(
            "offense_category", "level", "convicted_on", "released_on"
        )
    )
    _log_sensitive_read(viewer=viewer, participant=participant, what="record_summary", why=why)
    return rows


def record_entries_for_matching(*, participant_ids) -> dict[int, list[RecordEntry]]:
    """Convictions of many participants for the matching engine's hard rules, with the
    descriptions deferred. Internal use only: what it returns must never be shown to an
    employer (an employer never learns why someone was or was not matched), so it writes
    no AccessLog row."""
    by_participant: dict[int, list[RecordEntry]] = {}
    for entry in RecordEntry.objects.filter(participant_id__in=participant_ids).defer(
        "description"
    ):
        by_participant.setdefault(entry.participant_id, []).append(entry)
    return by_participant


def supervision_terms_for(
    *, participant: Participant, viewer: User, why: str
) -> SupervisionTerms | None:
    """The supervision terms (or None if none recorded). Writes an AccessLog row
    ("supervision_terms", `why`) unless `viewer` is the participant. The caller must have
    checked `permissions.can_view_supervision`."""
    terms = SupervisionTerms.objects.filter(participant=participant).first()
    _log_sensitive_read(viewer=viewer, participant=participant, what="supervision_terms", why=why)
    return terms


def case_notes_for(*, participant: Participant, viewer: User) -> list[CaseNote]:
    """Case notes, newest first, for caseload staff only (others get an empty list and no
    log). Writes an AccessLog row ("case_notes")."""
    if not is_on_caseload_of(viewer, participant):
        return []
    notes = list(CaseNote.objects.filter(participant=participant).select_related("author"))
    _log_sensitive_read(
        viewer=viewer,
        participant=participant,
        what="case_notes",
        why=access_reason(viewer, participant),
    )
    return notes


def custody_events_for(*, participant: Participant, viewer: User) -> list[CustodyEvent]:
    """The participant's custody events, newest first, for the participant or their staff.

    As sensitive as the record: writes an AccessLog row ("custody_events", "caseload" or
    "admin") unless `viewer` is the participant. The caller must have checked
    `permissions.can_view_custody_events` (and hides the note from anyone who fails
    `can_view_custody_event_notes`)."""
    events = list(
        CustodyEvent.objects.filter(participant=participant).select_related("recorded_by")
    )
    if not is_self(viewer, participant):
        access_log_record(
            viewer=viewer,
            subject=participant,
            what="custody_events",
            why=access_reason(viewer, participant),
        )
    return events


def program_exits_of(*, participant: Participant) -> QuerySet[ProgramExit]:
    """The participant's exits and re-enrolments, newest first. The caller has the
    participant from `participant_get_for_user` (the profile's right)."""
    return ProgramExit.objects.filter(participant=participant).select_related(
        "recorded_by", "reenrolled_by"
    )


def program_exit_open(*, participant: Participant) -> ProgramExit | None:
    """The exit without a re-enrolment yet, if the person is out of the program."""
    return ProgramExit.objects.filter(participant=participant, reenrolled_on__isnull=True).first()


def custody_events_for_figures() -> QuerySet[CustodyEvent]:
    """Every custody event with the note deferred, for outcome figures that aggregate in
    SQL (counts and rates, never a person's row). Internal use: writes no AccessLog row;
    a list of the people behind a figure must go through `custody_events_for` or log
    its own read."""
    return CustodyEvent.objects.defer("note")


def program_exits_for_figures() -> QuerySet[ProgramExit]:
    """Every program exit, for outcome figures (the start of "after exit" quarters)."""
    return ProgramExit.objects.all()


def access_log_for(*, participant: Participant) -> QuerySet[AccessLog]:
    """Who read the participant's sensitive data, newest first. The caller checks
    `permissions.can_view_access_log`."""
    return AccessLog.objects.filter(
        subject_type=ContentType.objects.get_for_model(Participant),
        subject_id=str(participant.pk),
    ).select_related("viewer")


def consent_in_force(*, participant: Participant, kind: str) -> bool:
    """Whether the participant's consent of `kind` is given right now: the newest row of
    that kind says so. No row means not given. A withdrawal counts from the moment it is
    recorded, everywhere, because every check calls this."""
    newest = (
        Consent.objects.filter(participant=participant, kind=kind)
        .order_by("-recorded_at", "-id")
        .values_list("given", flat=True)
        .first()
    )
    return bool(newest)


def consents_current(*, participant: Participant) -> list[dict]:
    """Each consent kind with its state now and the row that set it (None if never)."""
    newest: dict[str, Consent] = {}
    for consent in Consent.objects.filter(participant=participant).select_related("recorded_by"):
        newest.setdefault(consent.kind, consent)
    return [
        {
            "kind": kind,
            "label": label,
            "given": bool(newest.get(kind) and newest[kind].given),
            "row": newest.get(kind),
        }
        for kind, label in ConsentKind.choices
    ]


def consent_history(*, participant: Participant) -> QuerySet[Consent]:
    return Consent.objects.filter(participant=participant).select_related("recorded_by")


def resumes_visible_to(*, user: User) -> QuerySet[Resume]:
    """Résumés of the participants `user` may see."""
    return (
        Resume.objects.filter(participant__in=participants_visible_to(user=user).values("pk"))
        .select_related("participant")
        .annotate(latest_version_number=Max("versions__number"))
    )


def resume_get_for_user(*, user: User, resume_id) -> Resume:
    """One résumé `user` may see, or Http404."""
    try:
        resume = resumes_visible_to(user=user).get(pk=int(resume_id))
    except (Resume.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error
    if not can_view_profile(user, resume.participant):
        raise Http404
    return resume


def resumes_of(*, participant: Participant) -> QuerySet[Resume]:
    """A participant's résumés with their number of open comments and versions."""
    return (
        Resume.objects.filter(participant=participant)
        .annotate(
            open_comments=Count(
                "comments", filter=Q(comments__resolved_at__isnull=True), distinct=True
            ),
            version_count=Count("versions", distinct=True),
            latest_version_number=Max("versions__number"),
        )
        .order_by("title", "id")
    )


def resume_latest_version(*, resume: Resume) -> ResumeVersion | None:
    return resume.versions.order_by("-number").first()


def resume_version_get(*, version_id: int) -> ResumeVersion:
    """A résumé version by id, for placements (an application points to one). It does
    not authorize: the caller has checked the viewer may see the application."""
    return ResumeVersion.objects.select_related("resume__participant").get(pk=version_id)


def resume_comments(*, resume: Resume) -> QuerySet[ResumeComment]:
    return resume.comments.select_related("author", "resolved_by")


def job_club_sessions_for(*, user: User, upcoming: bool | None = None) -> QuerySet[JobClubSession]:
    """Job club sessions: staff see all with attendance counts; participants see the
    schedule (place, time, topic); others none."""
    if not user.is_authenticated or user.is_employer:
        return JobClubSession.objects.none()
    sessions = (
        JobClubSession.objects.select_related("facilitator")
        .annotate(present_count=Count("attendance", filter=Q(attendance__status="present")))
        .order_by("starts_at", "id")
    )
    now = timezone.now()
    if upcoming is True:
        sessions = sessions.filter(starts_at__gte=now)
    elif upcoming is False:
        sessions = sessions.filter(starts_at__lt=now).order_by("-starts_at", "-id")
    return sessions


def job_club_session_get_for_staff(*, user: User, session_id) -> JobClubSession:
    if not is_staff_member(user):
        raise Http404
    try:
        return JobClubSession.objects.select_related("facilitator").get(pk=int(session_id))
    except (JobClubSession.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error


def session_roster(*, session: JobClubSession, user: User) -> list[dict]:
    """For taking attendance: the staff member's caseload (admins: every active
    participant) plus anyone already marked, each with their attendance row if any."""
    marked = {
        row.participant_id: row
        for row in Attendance.objects.filter(session=session).select_related("participant")
    }
    people = list(
        participants_visible_to(user=user).filter(Q(status="active") | Q(pk__in=list(marked)))[:200]
    )
    known = {person.pk for person in people}
    people += [row.participant for pk, row in marked.items() if pk not in known]
    return [{"participant": person, "attendance": marked.get(person.pk)} for person in people]


def attendance_of(*, participant: Participant) -> QuerySet[Attendance]:
    return Attendance.objects.filter(participant=participant).select_related("session")


def documents_of(*, participant: Participant) -> QuerySet[ParticipantDocument]:
    """The documents in a participant's file, newest first, with who uploaded each. The
    caller has the participant from `participant_get_for_user` (the profile's right)."""
    return ParticipantDocument.objects.filter(participant=participant).select_related("uploaded_by")


def document_get_for_user(*, user: User, document_id) -> ParticipantDocument:
    """One document whose participant `user` may see (the participant, caseload staff,
    admins), or Http404 for anyone else, as for an id that does not exist."""
    try:
        return ParticipantDocument.objects.select_related("participant").get(
            pk=int(document_id),
            participant__in=participants_visible_to(user=user).values("pk"),
        )
    except (ParticipantDocument.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error


# --- Reports ----------------------------------------------------------------------------


# --- Reports ----------------------------------------------------------------------------


def participants_for_reports() -> QuerySet[Participant]:
    """Every participant, for the program's outcome figures. Unscoped on purpose: the
    outcomes area only aggregates it (counts, medians) and decides who sees the figures;
    a list of the people behind a figure goes through `participants_visible_to`."""
    return Participant.objects.order_by()


def program_exits_for_reports() -> QuerySet[ProgramExit]:
    """Every program exit, for the outcome figures after exit (aggregated only): read
    directly by date rather than through the participant, so a per-person lookup is one
    index probe."""
    return ProgramExit.objects.order_by()


def attendance_for_reports() -> QuerySet[Attendance]:
    """Every job club attendance row, for the program's outcome figures (aggregated only)."""
    return Attendance.objects.order_by()


def resumes_for_reports() -> QuerySet[Resume]:
    """Every résumé, for the program's outcome figures (aggregated only)."""
    return Resume.objects.order_by()


def referrals_for_reports() -> QuerySet[Referral]:
    """Every referral, for the program's outcome figures (aggregated only)."""
    return Referral.objects.order_by()


def supports_for_reports() -> QuerySet[Support]:
    """Every direct support, for the program's outcome figures (aggregated only)."""
    return Support.objects.order_by()
