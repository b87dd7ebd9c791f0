import pytest
from django.core import mail
from django.db import transaction

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
