"""Dashboard panels of the applications area: the facilitator's caseload at a glance,
the employer's applicants, interviews and hires, the participant's applications and
interviews. Each panel reads a fixed number of queries whatever the data's size."""

from datetime import timedelta

from django.utils import timezone

from employers.permissions import employer_id_of
from jobseekers.selectors import participant_for_user_account
from placements.applications import permissions, selectors
from placements.applications.models import ApplicationStatus, InterviewMode
from portal.core.panels import Panel
from portal.core.permissions import is_staff_member

LIST_LIMIT = 10
EMPLOYER_LIMIT = 60


def _staff_panels(user) -> list[Panel]:
    waiting = list(selectors.applications_waiting(user=user)[:LIST_LIMIT])
    waiting_rows = [
        {"application": application, "waiting_on": selectors.waiting_on(application)}
        for application in waiting
    ]
    checks = list(selectors.retention_checks_open(user=user)[:LIST_LIMIT])
    deadlines = [
        {"screening": screening, "summary": selectors.wotc_summary(screening)}
        for screening in selectors.wotc_deadlines(user=user)[:LIST_LIMIT]
    ]
    return [
        Panel(
            template="placements/applications/panels/staff.html",
            context={
                "waiting": waiting_rows,
                "waiting_count": selectors.applications_waiting(user=user).count(),
                "interviews": list(selectors.interviews_upcoming(user=user)[:LIST_LIMIT]),
                "checks": checks,
                "overdue_count": sum(1 for check in checks if check.is_overdue),
                "deadlines": deadlines,
                "hires": list(selectors.recent_hires(user=user)[:LIST_LIMIT]),
            },
            order=15,
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
        )
    ]


def _participant_panels(user) -> list[Panel]:
    if participant_for_user_account(user=user) is None:
        return []
    applications = list(selectors.applications_for_participant_dashboard(user=user)[:LIST_LIMIT])
    return [
        Panel(
            template="placements/applications/panels/participant.html",
            context={
                "applications": [
                    {"application": application, "next_step": selectors.next_step_for(application)}
                    for application in applications
                ],
                "interviews": list(selectors.interviews_upcoming(user=user, days=30)[:LIST_LIMIT]),
            },
            order=5,
        )
    ]


def panels(request) -> list[Panel]:
    user = request.user
    if is_staff_member(user):
        return _staff_panels(user)
    if employer_id_of(user) is not None:
        return _employer_panels(user)
    if user.is_authenticated and user.is_participant:
        return _participant_panels(user)
    return []
