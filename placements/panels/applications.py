"""Dashboard panels of the applications area: the facilitator's caseload at a glance,
the employer's applicants, interviews and hires, the participant's applications and
interviews. Each panel reads a fixed number of queries whatever the data's size."""

from employers.permissions import employer_id_of
from employers.selectors import jobs_of_employer
from jobseekers.selectors import participant_for_user_account
from placements.selectors import applications as selectors
from portal.core.panels import Panel
from portal.core.permissions import is_staff_member

LIST_LIMIT = 10


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
    employer_id = employer_id_of(user)
    counts = selectors.applicant_counts_by_job(employer_id=employer_id)
    jobs = [
        {"job": job, "counts": counts.get(job.pk, {"total": 0})}
        for job in jobs_of_employer(user=user)[:20]
    ]
    hires = [
        {"placement": placement, "wotc": selectors.wotc_summary(placement.wotc)}
        for placement in selectors.hires_of_employer(user=user)[:LIST_LIMIT]
    ]
    return [
        Panel(
            template="placements/applications/panels/employer.html",
            context={
                "jobs": jobs,
                "applications": list(selectors.applications_of_employer_by_job(user=user)[:30]),
                "interviews": list(selectors.interviews_upcoming(user=user, days=14)[:LIST_LIMIT]),
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
