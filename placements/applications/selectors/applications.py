"""Reads of applications and interviews, each scoped to who asks: the participant,
their caseload staff (admins: all) and the members of the employer whose job it is;
anyone else gets nothing, so a 404. The employer's right to the record summary is
`permissions.can_view_application_record`; `record_summary_for_application` is the one
read behind the record page and API, and it writes the AccessLog row."""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.permissions import employer_id_of
from employers.selectors import jobs_of_employer
from jobseekers.models import Consent, ConsentKind, Participant
from jobseekers.selectors import access_reason, record_summary_for
from placements.applications.models import (
    OPEN_APPLICATION_STATES,
    Application,
    ApplicationStatus,
    Interview,
    RecordReview,
)
from placements.applications.permissions import can_view_application_record, is_employer_side
from portal.core.models import User
from portal.core.permissions import is_program_admin, is_staff_member
from portal.core.templatetags.formatting import date_display

S = ApplicationStatus


def _scoped_by_role(queryset: QuerySet, *, user: User) -> QuerySet:
    """The rows of `queryset` (applications or placements: both have `participant` and
    `employer`) that `user` may see: admins all; staff their caseload's; an employer
    member its own; a participant their own; anyone else none."""
    if not (user and user.is_authenticated and user.is_active):
        return queryset.none()
    if is_program_admin(user):
        return queryset.all()
    if is_staff_member(user):
        return queryset.filter(participant__facilitator=user)
    own = employer_id_of(user)
    if own is not None:
        return queryset.filter(employer_id=own)
    if user.is_participant:
        return queryset.filter(participant__user=user)
    return queryset.none()


def profile_shared_subquery(participant_ref: str = "participant_id") -> Subquery:
    """Whether the participant's consent "share my profile and résumé with employers I
    apply to" is in force now (the newest row of that kind says given), as a subquery for
    an annotation, so lists read it for every row in the same query."""
    newest = Consent.objects.filter(
        participant_id=OuterRef(participant_ref),
        kind=ConsentKind.SHARE_PROFILE_WITH_APPLIED_EMPLOYERS,
    ).order_by("-recorded_at", "-id")
    return Subquery(newest.values("given")[:1])


# --- Applications ------------------------------------------------------------------------

APPLICATION_RELATED = ("participant", "participant__facilitator", "job", "employer")


def applications_visible_to(*, user: User) -> QuerySet[Application]:
    """Admins: all; staff: their caseload's; an employer member: its jobs'; a
    participant: their own; anyone else: none. Each row carries `profile_shared` (see
    `permissions.can_view_resume`)."""
    base = Application.objects.select_related(*APPLICATION_RELATED).annotate(
        profile_shared=profile_shared_subquery()
    )
    return _scoped_by_role(base, user=user)


def application_get_for_user(*, user: User, application_id) -> Application:
    """One application the user may see (with its interviews, history and record
    review), or Http404, the same answer as for an id that does not exist."""
    try:
        return (
            applications_visible_to(user=user)
            .select_related("resume_version__resume", "record_review", "placement")
            .prefetch_related("interviews", "events__actor")
            .get(pk=int(application_id))
        )
    except (Application.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error


def record_summary_for_application(*, user: User, application: Application) -> list[dict]:
    """The record summary (offense categories, level, dates; never descriptions) for the
    record page and API. Raises Http404 unless `can_view_application_record`: before the
    allowed stage or without consent the employer learns nothing, not even that there is
    a record. Writes the AccessLog row (why "application:<id>" for the employer)."""
    if not can_view_application_record(user, application):
        raise Http404
    participant = application.participant
    why = (
        f"application:{application.pk}"
        if is_employer_side(user, application)
        else access_reason(user, participant)
    )
    return record_summary_for(participant=participant, viewer=user, why=why)


def active_application_exists(*, participant: Participant, job_id: int) -> bool:
    return Application.objects.filter(
        participant=participant, job_id=job_id, status__in=[*OPEN_APPLICATION_STATES, S.HIRED]
    ).exists()


COUNTED_STAGES = (S.SUBMITTED, S.INTERVIEW_SCHEDULED, S.CONDITIONAL_OFFER, S.HIRED)


def jobs_with_applicant_counts(*, user: User) -> QuerySet:
    """For the employer's dashboard: the member's own jobs, newest first, each annotated
    with `applicants` (all applications) and `applicants_<stage>` for the stages the
    dashboard shows (one query)."""
    counts = {
        f"applicants_{stage}": Count("applications", filter=Q(applications__status=stage))
        for stage in COUNTED_STAGES
    }
    return jobs_of_employer(user=user).annotate(applicants=Count("applications"), **counts)


def next_step_for(application: Application) -> str:
    """What happens next, in plain words, for the participant's dashboard. Reads the
    already-loaded record review."""
    review = getattr(application, "record_review", None)
    if application.is_open and review is not None and review.notice_pending:
        return _(
            "The employer sent a notice about your record. You can answer it: the "
            "employer decides on %(day)s at the earliest."
        ) % {"day": date_display(review.decision_allowed_from)}
    steps = {
        S.SUBMITTED: _("The employer will look at your application."),
        S.REVIEWING: _("The employer is looking at your application."),
        S.INTERVIEW_SCHEDULED: _("Go to your interview. Your staff can help you get ready."),
        S.INTERVIEWED: _("The employer is deciding."),
        S.CONDITIONAL_OFFER: _("You have an offer. The employer will tell you the start date."),
        S.HIRED: _("You got the job. Your staff will check in with you."),
        S.DECLINED: _("This one did not work out. Keep applying: your staff can help."),
        S.WITHDRAWN: _("You withdrew this application."),
    }
    return steps[application.status]


def waiting_on(application: Application) -> str:
    """Who the open application waits on: "employer", "participant" (a notice to answer)
    or "interview"."""
    review = getattr(application, "record_review", None)
    if review is not None and review.notice_pending:
        return "participant"
    if application.status == S.INTERVIEW_SCHEDULED:
        return "interview"
    return "employer"


def applications_waiting(*, user: User) -> QuerySet[Application]:
    """Open applications the user sees, oldest change first (those waiting longest)."""
    return (
        applications_visible_to(user=user)
        .filter(status__in=OPEN_APPLICATION_STATES)
        .select_related("record_review")
        .order_by("status_changed_at", "id")
    )


# --- Interviews --------------------------------------------------------------------------


def interviews_visible_to(*, user: User) -> QuerySet[Interview]:
    return Interview.objects.filter(
        application__in=applications_visible_to(user=user).values("pk")
    ).select_related("application__participant", "application__job", "application__employer")


def interviews_upcoming(*, user: User, days: int = 7) -> QuerySet[Interview]:
    """Interviews from now to `days` ahead, of open applications, soonest first."""
    now = timezone.now()
    return (
        interviews_visible_to(user=user)
        .filter(
            starts_at__gte=now,
            starts_at__lt=now + timedelta(days=days),
            application__status=S.INTERVIEW_SCHEDULED,
        )
        .order_by("starts_at", "id")
    )


def interviews_for_reminder(*, on: date) -> QuerySet[Interview]:
    """Interviews on the day `on` (program time zone) with no reminder sent yet."""
    start = timezone.make_aware(datetime.combine(on, time.min))
    return (
        Interview.objects.filter(
            starts_at__gte=start,
            starts_at__lt=start + timedelta(days=1),
            reminder_sent_at__isnull=True,
            application__status=S.INTERVIEW_SCHEDULED,
        )
        .select_related(
            "application__participant__facilitator", "application__job", "application__employer"
        )
        .order_by("starts_at", "id")
    )


def record_consent_subquery(participant_ref: str = "participant") -> Exists:
    """Whether the participant's newest `share_record_summary` consent row says given:
    an annotation for lists (one query), the same answer as `consent_in_force`."""
    newest = Consent.objects.filter(
        participant=OuterRef(participant_ref), kind=ConsentKind.SHARE_RECORD_SUMMARY
    ).order_by("-recorded_at", "-id")
    return Exists(newest.filter(pk=Subquery(newest.values("pk")[:1]), given=True))


def record_review_of(application: Application) -> RecordReview | None:
    return getattr(application, "record_review", None)


def applications_for_participant_dashboard(*, user: User) -> QuerySet[Application]:
    return (
        applications_visible_to(user=user)
        .select_related("record_review")
        .order_by("-status_changed_at", "-id")
    )


def applications_of_employer_by_job(*, user: User) -> QuerySet[Application]:
    """The employer's applications still in play and its hires, by job then stage, for
    its dashboard in one query: each with its placement and tax-credit file (hires) and
    `next_interview_at` / `next_interview_mode` (the next interview from now, if any)."""
    own = employer_id_of(user)
    if own is None:
        return Application.objects.none()
    upcoming = Interview.objects.filter(
        application=OuterRef("pk"), starts_at__gte=timezone.now()
    ).order_by("starts_at", "id")
    return (
        Application.objects.filter(employer_id=own)
        .exclude(status__in=[S.DECLINED, S.WITHDRAWN])
        .select_related("participant", "job", "placement__wotc", "placement__participant")
        .annotate(
            record_consent=record_consent_subquery(),
            next_interview_at=Subquery(upcoming.values("starts_at")[:1]),
            next_interview_mode=Subquery(upcoming.values("mode")[:1]),
        )
        .order_by("job__title", "job_id", "status", "id")
    )


def consent_snapshot(*, participant: Participant) -> list[dict]:
    """The consents in force now, as kept on an application."""
    from jobseekers.selectors import consents_current

    return [
        {"kind": row["kind"], "given": row["given"]}
        for row in consents_current(participant=participant)
    ]
