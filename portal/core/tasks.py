"""Background work shared by every app, and the one way to enqueue it."""

from functools import partial

from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task


def enqueue_on_commit(task_function, /, *args, **kwargs) -> None:
    """Enqueue `task_function` once the current transaction commits, never before: a task
    must not run against data that could still roll back, nor be lost if it does."""
    transaction.on_commit(partial(task_function.enqueue, *args, **kwargs))


@task()
def email_send(*, subject: str, body: str, to: list[str]) -> int:
    """Send one plain-text email through Django's email API (the backend is set by
    EMAIL_URL). Returns the number of messages sent."""
    return send_mail(subject=subject, message=body, from_email=None, recipient_list=to)
