"""Background work of the employers app."""

from django_tasks import task

from employers.services import jobs_expire


@task()
def jobs_expire_daily() -> int:
    """Once a day (`manage.py expire_jobs` from cron, or enqueued by a scheduler): open
    jobs whose closing date has passed become expired. Returns how many."""
    return jobs_expire()
