"""Dashboard panels of the applications area: the facilitator's caseload at a glance,
the employer's applicants, interviews and hires, the participant's applications and
interviews. Each panel reads a fixed number of queries whatever the data's size."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from employers.permissions import employer_id_of
from jobseekers.selectors import participant_for_request
from placements.applications import permissions, rules, selectors
from placements.applications.models import (
    OPEN_APPLICATION_STATES,
    ApplicationStatus,
    InterviewMode,
)
from portal.core.panels import Figure, Panel, counted_recently, recount
from portal.core.permissions import is_program_admin, is_staff_member

LIST_LIMIT = 10
EMPLOYER_LIMIT = 60


# The admin's counts are the whole program's: kept a minute (`counted_recently`), and
# counted again at once after a retention check, a job's end or a Form 8850 file is
# recorded (the staff's own to-dos: the card must drop when they do one). Applications
# moved by employers show within the minute; the page says when they were counted.
PROGRAM_COUNTS = "applications"


def program_counts_changed() -> None:
    """For the services that change what the admin's cards count: count again once the
    change is committed."""
    transaction.on_commit(lambda: recount(name=PROGRAM_COUNTS))


def _staff_counts(*, user) -> dict[str, int]:
    """What the figure cards count (five queries: open applications, interviews this
    week, retention checks due and overdue, Form 8850 files due and missed, questions
    about jobs that do not fit)."""
    checks = selectors.retention_checks_open(user=user).aggregate(
        due=Count("id"), overdue=Count("id", filter=Q(is_overdue=True))
    )
    missed_before = timezone.localdate() - timedelta(days=rules.wotc_filing_window_days())
    deadlines = selectors.wotc_deadlines(user=user).aggregate(
        due=Count("id"), missed=Count("id", filter=Q(placement__start_date__lt=missed_before))
    )
    return {
        "waiting": selectors.applications_waiting(user=user).count(),
        "interviews": selectors.interviews_upcoming(user=user).count(),
        "checks_due": checks["due"],
        "checks_overdue": checks["overdue"],
        "deadlines_due": deadlines["due"],
        "deadlines_missed": deadlines["missed"],
        "questions": selectors.fit_questions_open(user=user).count(),
    }


def _staff_figures(counts: dict[str, int], counted_at) -> tuple[Figure, ...]:
    """The counts at the top of a staff member's dashboard, each linking to its list
    below."""
    waiting, interviews = counts["waiting"], counts["interviews"]
    due, overdue = counts["checks_due"], counts["checks_overdue"]
    deadlines, missed = counts["deadlines_due"], counts["deadlines_missed"]
    questions = counts["questions"]
    return (
        Figure(
            number=waiting,
            label=ngettext("application waiting", "applications waiting", waiting),
            url="#applications-waiting",
            counted_at=counted_at,
        ),
        Figure(
            number=interviews,
            label=ngettext("interview this week", "interviews this week", interviews),
            url="#interviews-this-week",
            counted_at=counted_at,
        ),
        Figure(
            number=due,
            label=ngettext("retention check due", "retention checks due", due),
            url="#retention-checks",
            tone="danger" if overdue else ("warning" if due else ""),
            badge=ngettext("%(count)d overdue", "%(count)d overdue", overdue) % {"count": overdue}
            if overdue
            else "",
            counted_at=counted_at,
        ),
        Figure(
            number=deadlines,
            label=ngettext("Form 8850 deadline", "Form 8850 deadlines", deadlines),
            url="#form-8850-deadlines",
            tone="danger" if missed else ("warning" if deadlines else ""),
            badge=ngettext("%(count)d missed", "%(count)d missed", missed) % {"count": missed}
            if missed
            else "",
            counted_at=counted_at,
        ),
        # Participants who cannot apply alone to a job that does not fit their terms
        # (issue 14): each waits for their facilitator.
        Figure(
            number=questions,
            label=ngettext("asked about a job", "asked about a job", questions),
            url=reverse("placements:fit-question-list"),
            tone="warning" if questions else "",
            counted_at=counted_at,
        ),
    )


_NAME = ("first_name", "last_name", "preferred_name")
_WAITING_COLUMNS = (
    "status",
    "status_changed_at",
    *(f"participant__{name}" for name in _NAME),
    "job__title",
    "record_review__notice_sent_at",
    "record_review__decision",
)
_CHECK_COLUMNS = (
    "days",
    "due_on",
    "placement__start_date",
    *(f"placement__participant__{name}" for name in _NAME),
)
_INTERVIEW_COLUMNS = (
    "starts_at",
    "mode",
    "application__status",
    "application__job__title",
    *(f"application__participant__{name}" for name in _NAME),
)
_HIRE_COLUMNS = (
    "job_title",
    "employer_name",
    "start_date",
    *(f"participant__{name}" for name in _NAME),
)


def _staff_panels(user) -> list[Panel]:
    if is_program_admin(user):
        counts, counted_at = counted_recently(
            name=PROGRAM_COUNTS, count=lambda: _staff_counts(user=user)
        )
    else:
        counts, counted_at = _staff_counts(user=user), None
    # The lists read only the columns their rows show: building and reading every
    # column of five joined tables cost more than the rows themselves.
    waiting = list(
        selectors.applications_waiting(user=user)
        .select_related(None)
        .select_related("participant", "job", "record_review")
        .only(*_WAITING_COLUMNS)[:LIST_LIMIT]
    )
    waiting_rows = [
        {"application": application, "waiting_on": selectors.waiting_on(application)}
        for application in waiting
    ]
    checks = list(
        selectors.retention_checks_open(user=user)
        .select_related(None)
        .select_related("placement__participant")
        .only(*_CHECK_COLUMNS)[:LIST_LIMIT]
    )
    deadlines = [
        {"screening": screening, "summary": selectors.wotc_summary(screening)}
        for screening in selectors.wotc_deadlines(user=user)[:LIST_LIMIT]
    ]
    return [
        Panel(
            template="placements/applications/panels/staff.html",
            context={
                "waiting": waiting_rows,
                "waiting_count": counts["waiting"],
                "interviews": list(
                    selectors.interviews_upcoming(user=user)
                    .select_related(None)
                    .select_related("application__participant", "application__job")
                    .only(*_INTERVIEW_COLUMNS)[:LIST_LIMIT]
                ),
                "checks": checks,
                "overdue_count": sum(1 for check in checks if check.is_overdue),
                "deadlines": deadlines,
                "hires": list(
                    selectors.recent_hires(user=user)
                    .select_related(None)
                    .select_related("participant")
                    .only(*_HIRE_COLUMNS)[:LIST_LIMIT]
                ),
            },
            order=15,
            figures=_staff_figures(counts, counted_at),
        )
    ]


def _employer_panels(user) -> list[Panel]:
    """Two queries: the jobs with their applicant counts, and the applications (with
    their next interview and, for hires, the placement and its tax-credit file); a third
    writes the access-log rows of the hires whose eligibility is shown."""
    applications = list(selectors.applications_of_employer_by_job(user=user)[:EMPLOYER_LIMIT])
    horizon = timezone.now() + timedelta(days=14)
    interviews = sorted(
        (a for a in applications if a.next_interview_at and a.next_interview_at <= horizon),
        key=lambda application: application.next_interview_at,
    )
    hires = [
        {
            "placement": a.placement,
            "wotc": selectors.wotc_summary(
                a.placement.wotc,
                disclosed=permissions.wotc_disclosed_to(
                    user=user, screening=a.placement.wotc, record_consent=a.record_consent
                ),
            ),
        }
        for a in applications
        if a.status == ApplicationStatus.HIRED and getattr(a, "placement", None) is not None
    ]
    hires = sorted(hires, key=lambda row: row["placement"].start_date, reverse=True)[:LIST_LIMIT]
    selectors.wotc_disclosure_log(
        viewer=user,
        placements=[
            row["placement"]
            for row in hires
            if row["wotc"]["disclosed"]
            and permissions.wotc_shown_to_employer(user=user, placement=row["placement"])
        ],
    )
    new_applicants = sum(1 for a in applications if a.status == ApplicationStatus.SUBMITTED)
    figures = (
        Figure(
            number=new_applicants,
            label=ngettext("new applicant", "new applicants", new_applicants),
            url="#applicants",
            tone="warning" if new_applicants else "",
        ),
        Figure(
            number=len(interviews),
            label=ngettext(
                "interview in the next two weeks",
                "interviews in the next two weeks",
                len(interviews),
            ),
            url="#employer-interviews",
        ),
    )
    return [
        Panel(
            template="placements/applications/panels/employer.html",
            context={
                "jobs": list(selectors.jobs_with_applicant_counts(user=user)[:20]),
                "applications": [a for a in applications if a.status != ApplicationStatus.HIRED],
                "interviews": interviews,
                "modes": dict(InterviewMode.choices),
                "hires": hires,
                "incentives_url": selectors.INCENTIVES_URL,
            },
            order=11,
            figures=figures,
        )
    ]


def _participant_panels(request) -> list[Panel]:
    user = request.user
    participant = participant_for_request(request)
    if participant is None:
        return []
    applications = list(selectors.applications_for_participant_dashboard(user=user)[:LIST_LIMIT])
    interviews = list(selectors.interviews_upcoming(user=user, days=30)[:LIST_LIMIT])
    in_progress = sum(1 for a in applications if a.status in OPEN_APPLICATION_STATES)
    figures = (
        Figure(
            number=in_progress,
            label=ngettext("application in progress", "applications in progress", in_progress),
            url="#my-applications-panel-heading",
        ),
        Figure(
            number=len(interviews),
            label=ngettext("interview coming up", "interviews coming up", len(interviews)),
            url="#my-interviews-panel-heading",
            tone="warning" if interviews else "",
        ),
    )
    return [
        Panel(
            template="placements/applications/panels/next_step.html",
            context={"step": selectors.participant_next_step(participant=participant)},
            order=0,
            top=True,
        ),
        Panel(
            template="placements/applications/panels/participant.html",
            context={
                "applications": [
                    {"application": application, "next_step": selectors.next_step_for(application)}
                    for application in applications
                ],
                "interviews": interviews,
            },
            order=5,
            figures=figures,
        ),
    ]


def panels(request) -> list[Panel]:
    user = request.user
    if is_staff_member(user):
        return _staff_panels(user)
    if employer_id_of(user) is not None:
        return _employer_panels(user)
    if user.is_authenticated and user.is_participant:
        return _participant_panels(request)
    return []
