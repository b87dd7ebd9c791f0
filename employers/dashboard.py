"""Dashboard panels of the employers app."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import ngettext

from employers.models import JobStatus
from employers.selectors import (
    booths_of_employer,
    employer_of,
    jobs_moderation_queue,
    jobs_of_employer,
    vetting_queue,
)
from portal.core.models import Role
from portal.core.panels import Figure, Panel
from portal.core.permissions import has_role, is_staff_member


def panels(request) -> list[Panel]:
    user = request.user
    if has_role(user, Role.EMPLOYER):
        employer = employer_of(user=user)
        if employer is None:
            return []
        jobs = jobs_of_employer(user=user)
        job_counts = jobs.aggregate(
            open=Count("id", filter=Q(status=JobStatus.OPEN)),
            waiting=Count("id", filter=Q(status=JobStatus.SUBMITTED)),
            total=Count("id"),
        )
        return [
            Panel(
                template="employers/panels/employer.html",
                context={
                    "employer": employer,
                    "jobs": list(jobs[:10]),
                    "job_counts": job_counts,
                    "booths": list(booths_of_employer(user=user)[:10]),
                },
                order=10,
                figures=(
                    Figure(
                        number=job_counts["open"],
                        label=ngettext("open job", "open jobs", job_counts["open"]),
                        url=reverse("employers:job-list"),
                        tone="success" if job_counts["open"] else "",
                    ),
                ),
            )
        ]
    if is_staff_member(user):
        vetting_count = vetting_queue(user=user).count()
        jobs_count = jobs_moderation_queue(user=user).count()
        return [
            Panel(
                template="employers/panels/staff.html",
                context={"vetting_count": vetting_count, "jobs_count": jobs_count},
                order=20,
                figures=(
                    Figure(
                        number=vetting_count,
                        label=ngettext("employer to vet", "employers to vet", vetting_count),
                        url=reverse("employers:staff-vetting"),
                        tone="warning" if vetting_count else "",
                    ),
                    Figure(
                        number=jobs_count,
                        label=ngettext("job to review", "jobs to review", jobs_count),
                        url=reverse("employers:staff-jobs"),
                        tone="warning" if jobs_count else "",
                    ),
                ),
            )
        ]
    return []
