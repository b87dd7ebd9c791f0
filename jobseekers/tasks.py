"""Background work of the participants app (django-tasks): text messages. A scheduler
enqueues `text_messages_send_due` every few minutes (texts kept for the morning, retries)
and `job_club_text_reminders_daily` and `referral_follow_up_texts_daily` once a day (or
run `manage.py text_messages`)."""

from django_tasks import task

from jobseekers.services.texts import (
    job_club_text_reminders_send,
    referral_follow_up_texts_send,
    text_message_deliver,
    text_messages_send_due,
)


@task()
def text_message_deliver_task(message_id: int) -> str:
    """Hand one queued text to the provider. Returns its status after the try."""
    message = text_message_deliver(message_id=message_id)
    return message.status if message is not None else "missing"


@task()
def text_messages_send_due_task() -> int:
    """Deliver the texts whose time has come. Returns how many were tried."""
    return text_messages_send_due()


@task()
def job_club_text_reminders_daily() -> int:
    """Text tomorrow's job club to those in it who agreed. Returns how many texts."""
    return job_club_text_reminders_send()


@task()
def referral_follow_up_texts_daily() -> int:
    """Ask the people whose referral follow-up is due how it went. Returns how many."""
    return referral_follow_up_texts_send()
