"""Where a participant is on the way to a job, read across applications and placements:
their one next step (the top of their dashboard), the stage badge of each person on a
caseload, and a participant's own application to a job (the job page's "Applied", and
the badge of each job they applied to on the job search and "Jobs for you").

Each reads a fixed number of queries, whatever the number of applications or people."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from jobseekers.models import Participant, Resume
from placements.applications.models import (
    ACTIVE_APPLICATION_STATES,
    OPEN_APPLICATION_STATES,
    Application,
    Interview,
    Placement,
    RetentionCheck,
    RetentionOutcome,
)
from placements.applications.models import ApplicationStatus as S
from portal.core.models import User

# --- A participant's own application to a job ---------------------------------------------


def own_application_for_job(*, user: User, job_id: int) -> Application | None:
    """The signed-in participant's application to this job that is still in play or
    led to the hire (the one that stops a second one), with `interview_at` (see
    `own_applications_by_job`), or None (also for anyone who is not a participant). One
    query."""
    if not (user.is_authenticated and user.is_participant):
        return None
    return (
        _with_interview_at(
            Application.objects.filter(
                participant__user=user, job_id=job_id, status__in=ACTIVE_APPLICATION_STATES
            )
        )
        .order_by("-created_at")
        .first()
    )


# The applications a job list shows on its job's card: in play, the hire, or not hired
# ("Not selected"); a withdrawn one shows nothing (Apply again is open).
LISTED_APPLICATION_STATES = ACTIVE_APPLICATION_STATES | {S.DECLINED}


def _with_interview_at(applications: QuerySet[Application]) -> QuerySet[Application]:
    """Each application with `interview_at`, the start of its latest interview (the
    badge's "Interview on Dec. 9"), in the same query."""
    latest = Interview.objects.filter(application=OuterRef("pk")).order_by("-starts_at", "-id")
    return applications.annotate(interview_at=Subquery(latest.values("starts_at")[:1]))


def own_applications_by_job(*, user: User, job_ids: list[int]) -> dict[int, Application]:
    """The signed-in participant's latest application to each of these jobs (a page of
    a job list), by job id, for the card's status badge: in play, hired or not hired,
    each with `interview_at`. A job whose latest application was withdrawn is left out.
    One query for the whole page; none for anyone who is not a participant."""
    if not (user.is_authenticated and user.is_participant) or not job_ids:
        return {}
    applications = _with_interview_at(
        Application.objects.filter(
            participant__user=user,
            job_id__in=job_ids,
            status__in=LISTED_APPLICATION_STATES | {S.WITHDRAWN},
        )
        .only("pk", "job_id", "status", "created_at")
        .order_by("created_at", "id")
    )
    latest = {application.job_id: application for application in applications}
    return {
        job_id: application
        for job_id, application in latest.items()
        if application.status in LISTED_APPLICATION_STATES
    }


# --- The participant's one next step ------------------------------------------------------


class NextStepKind:
    ANSWER_NOTICE = "answer_notice"
    START_JOB = "start_job"
    WORKING = "working"
    INTERVIEW = "interview"
    OFFER = "offer"
    BUILD_RESUME = "build_resume"
    APPLY = "apply"
    KEEP_GOING = "keep_going"


@dataclass(frozen=True)
class NextStep:
    """The one thing a participant should do now (`kind`, a `NextStepKind`) and what the
    page needs to say it: the application, its placement or interview, the facilitator
    to call."""

    kind: str
    application: Application | None = None
    placement: Placement | None = None
    interview: Interview | None = None
    facilitator: Any = None


FIRST_WEEK_DAYS = 7


def participant_next_step(*, participant: Participant) -> NextStep:
    """The participant's next step, from their real situation, most urgent first: a
    notice about their record to answer (it has a deadline), a job that starts (the day,
    wage, place and who to call), an interview, an offer, then a résumé to build, jobs to
    apply to, or keep going while employers answer. Five queries at most."""
    facilitator = participant.facilitator
    today = timezone.localdate()
    applications = list(
        Application.objects.filter(participant=participant, status__in=OPEN_APPLICATION_STATES)
        .select_related("job", "employer", "record_review")
        .order_by("status_changed_at", "id")
    )
    for application in applications:
        review = getattr(application, "record_review", None)
        if review is not None and review.notice_pending:
            return NextStep(NextStepKind.ANSWER_NOTICE, application=application)
    placement = (
        Placement.objects.filter(participant=participant, separated_on=None)
        .select_related("application__job")
        .order_by("-start_date", "-id")
        .first()
    )
    if placement is not None:
        # The first week: where and when to go; after it, their work and who to call.
        starting = placement.start_date >= today - timedelta(days=FIRST_WEEK_DAYS)
        kind = NextStepKind.START_JOB if starting else NextStepKind.WORKING
        return NextStep(kind, placement=placement, facilitator=facilitator)
    interview = (
        Interview.objects.filter(
            application__in=[a.pk for a in applications],
            application__status=S.INTERVIEW_SCHEDULED,
            starts_at__gte=timezone.now(),
        )
        .select_related("application__job", "application__employer")
        .order_by("starts_at")
        .first()
        if applications
        else None
    )
    if interview is not None:
        return NextStep(
            NextStepKind.INTERVIEW, application=interview.application, interview=interview
        )
    for application in applications:
        if application.status == S.CONDITIONAL_OFFER:
            return NextStep(NextStepKind.OFFER, application=application, facilitator=facilitator)
    if not Resume.objects.filter(participant=participant).exists():
        return NextStep(NextStepKind.BUILD_RESUME, facilitator=facilitator)
    if not applications:
        return NextStep(NextStepKind.APPLY)
    return NextStep(NextStepKind.KEEP_GOING, facilitator=facilitator)


# --- Stage badges of a caseload -----------------------------------------------------------


class CaseloadStage:
    """How far a person on the caseload has come, in the order staff think of it."""

    INTAKE = "intake"
    RESUME = "resume"
    APPLYING = "applying"
    INTERVIEWING = "interviewing"
    PLACED = "placed"
    RETAINED = "retained"


# Each stage's badge: its label and tone (components/badge.html).
CASELOAD_STAGE_BADGES = {
    CaseloadStage.INTAKE: (pgettext_lazy("caseload stage", "Intake"), "neutral"),
    CaseloadStage.RESUME: (pgettext_lazy("caseload stage", "Résumé"), "neutral"),
    CaseloadStage.APPLYING: (pgettext_lazy("caseload stage", "Applying"), "info"),
    CaseloadStage.INTERVIEWING: (pgettext_lazy("caseload stage", "Interviewing"), "warning"),
    CaseloadStage.PLACED: (pgettext_lazy("caseload stage", "Placed"), "success"),
    CaseloadStage.RETAINED: (pgettext_lazy("caseload stage", "Retained"), "success"),
}

# Retained: still working (for the employer or another) at the 90-day check or later.
RETAINED_AFTER_DAYS = 90
INTERVIEWING_STATES = (S.INTERVIEW_SCHEDULED, S.INTERVIEWED, S.CONDITIONAL_OFFER)


def with_caseload_stage(participants: QuerySet[Participant]) -> QuerySet[Participant]:
    """The participants, each annotated with what its stage badge needs (EXISTS
    subqueries in the same one query, whatever the page's length)."""
    applications = Application.objects.filter(participant=OuterRef("pk"))
    placements = Placement.objects.filter(participant=OuterRef("pk"), separated_on=None)
    return participants.annotate(
        stage_retained=Exists(
            RetentionCheck.objects.filter(
                placement__participant=OuterRef("pk"),
                placement__separated_on=None,
                days__gte=RETAINED_AFTER_DAYS,
                outcome__in=(RetentionOutcome.SAME_EMPLOYER, RetentionOutcome.OTHER_EMPLOYER),
            )
        ),
        stage_placed=Exists(placements),
        stage_interviewing=Exists(applications.filter(status__in=INTERVIEWING_STATES)),
        stage_applying=Exists(applications.filter(status__in=OPEN_APPLICATION_STATES)),
        stage_resume=Exists(Resume.objects.filter(participant=OuterRef("pk"))),
    )


def caseload_stage(participant: Participant) -> str:
    """A participant's `CaseloadStage`, from the annotations of `with_caseload_stage`."""
    if participant.stage_retained:
        return CaseloadStage.RETAINED
    if participant.stage_placed:
        return CaseloadStage.PLACED
    if participant.stage_interviewing:
        return CaseloadStage.INTERVIEWING
    if participant.stage_applying:
        return CaseloadStage.APPLYING
    if participant.stage_resume:
        return CaseloadStage.RESUME
    return CaseloadStage.INTAKE


def caseload_stages(*, participant_ids: list[int]) -> dict[int, str]:
    """The stage of each of these participants (a page of the caseload, already scoped
    by the caller), by id. One query."""
    rows = with_caseload_stage(Participant.objects.filter(pk__in=participant_ids).only("pk"))
    return {row.pk: caseload_stage(row) for row in rows}
