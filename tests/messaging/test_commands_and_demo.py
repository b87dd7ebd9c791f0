"""The scheduler's command and tasks, and the demo texts."""

import io

import pytest
from django.core.management import call_command

from jobseekers import services
from jobseekers.models import TextMessage, TextMessageKind, TextMessageStatus
from jobseekers.tasks import text_messages_send_due_task
from tests.messaging.helpers import at, texting_participant

pytestmark = pytest.mark.django_db


def test_the_command_sends_the_texts_kept_for_the_morning(fake_twilio):
    person = texting_participant()
    with at(22):
        message = services.text_message_send(
            participant=person,
            kind=TextMessageKind.PAY_STUB_READY,
            context={"day": "December 4"},
        )
    with at(8, 5, day=4):
        out = io.StringIO()
        call_command("text_messages", "--due", stdout=out)
        assert "Queued texts tried: 1" in out.getvalue()
        assert text_messages_send_due_task.enqueue().return_value == 0
    message.refresh_from_db()
    assert message.status == TextMessageStatus.SENT
    assert len(fake_twilio.sent) == 1


def test_the_demo_has_texts_and_a_new_reply():
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert TextMessage.objects.filter(status=TextMessageStatus.DELIVERED).count() == 2
    reply = TextMessage.objects.get(direction="inbound")
    assert reply.read_at is None
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert TextMessage.objects.count() == 3
