"""Dashboard panels of the employers app."""

from django.db.models import Count, Q

from employers.models import JobStatus
from employers.selectors import (
    booths_of_employer,
    employer_of,
    jobs_moderation_queue,
    jobs_of_employer,
    vetting_queue,
)
from portal.core.models import Role
from portal.core.panels import Panel
from portal.core.permissions import has_role, is_staff_member


def panels(request) -> list[Panel]:
    user = request.user
    if has_role(user, Role.EMPLOYER):
        employer = employer_of(user=user)
        if employer is None:
            return []
        jobs = jobs_of_employer(user=user)
        return [
            Panel(
                template="employers/panels/employer.html",
                context={
                    "employer": employer,
                    "jobs": list(jobs[:10]),
                    "job_counts": jobs.aggregate(
                        open=Count("id", filter=Q(status=JobStatus.OPEN)),
                        waiting=Count("id", filter=Q(status=JobStatus.SUBMITTED)),
                        total=Count("id"),
                    ),
                    "booths": list(booths_of_employer(user=user)[:10]),
                },
                order=10,
            )
        ]
    if is_staff_member(user):
        return [
            Panel(
                template="employers/panels/staff.html",
                context={
                    "vetting_count": vetting_queue(user=user).count(),
                    "jobs_count": jobs_moderation_queue(user=user).count(),
                },
                order=20,
            )
        ]
    return []
