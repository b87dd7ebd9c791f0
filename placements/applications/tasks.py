"""Background work of the applications area (django-tasks). A scheduler enqueues them:
`interview_reminders_daily` and `retention_check_in_texts_daily` once a day,
`retention_digest_weekly` once a week (or run `manage.py applications_reminders`)."""

from django_tasks import task

from placements.applications.services import (
    interview_reminders_send,
    retention_check_in_texts_send,
    retention_digest_send,
)


@task()
def interview_reminders_daily() -> int:
    """Email reminders for tomorrow's interviews. Returns how many."""
    return interview_reminders_send()


@task()
def retention_digest_weekly() -> int:
    """Email each facilitator their retention checks due or overdue. Returns how many emails."""
    return retention_digest_send()


@task()
def retention_check_in_texts_daily() -> int:
    """Text a check-in to placed participants whose retention check came due. Returns how
    many checks were offered a text."""
    return retention_check_in_texts_send()
