import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from portal.core.tasks import email_send, enqueue_on_commit


@pytest.mark.django_db
def test_a_task_waits_for_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        enqueue_on_commit(email_send, subject="Hi", body="Body", to=["pat@example.org"])
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert [message.to for message in mail.outbox] == [["pat@example.org"]]


@pytest.mark.django_db
def test_a_task_of_a_rolled_back_transaction_never_runs(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        enqueue_on_commit(email_send, subject="Hi", body="Body", to=["pat@example.org"])
        raise RuntimeError
    assert callbacks == []
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_production_queues_tasks_in_the_database_for_db_worker():
    """The production path: the task waits in the database until a worker runs it."""
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        with transaction.atomic():
            enqueue_on_commit(email_send, subject="Hi", body="Body", to=["pat@example.org"])
        queued = DBTaskResult.objects.get()
        assert queued.status == "READY"
        assert mail.outbox == []

        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert [message.subject for message in mail.outbox] == ["Hi"]
