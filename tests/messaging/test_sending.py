"""Sending a text: the provider stubbed at Twilio's HTTP client, consent and STOP, quiet
hours, the daily limit, reminders sent once, retries."""

from datetime import datetime

import pytest

from jobseekers import services
from jobseekers.exceptions import TextRefusedError
from jobseekers.models import (
    Consent,
    ConsentKind,
    TextMessage,
    TextMessageKind,
    TextMessageStatus,
)
from portal.core.models import AuditEvent
from tests.messaging.helpers import CHICAGO, at, texting_participant

pytestmark = pytest.mark.django_db
K = TextMessageKind
S = TextMessageStatus
INTERVIEW = {"employer": "Acme Warehouse", "time": datetime(2026, 12, 4, 14, 0, tzinfo=CHICAGO)}


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """text_message_send as after a real commit: the delivery task runs at once."""

    def _send(**kwargs):
        kwargs.setdefault("kind", K.INTERVIEW_TOMORROW)
        kwargs.setdefault("context", INTERVIEW)
        with django_capture_on_commit_callbacks(execute=True):
            message = services.text_message_send(**kwargs)
        message.refresh_from_db()
        return message

    return _send


@pytest.fixture
def send_due(django_capture_on_commit_callbacks):
    def _send_due():
        with django_capture_on_commit_callbacks(execute=True):
            return services.text_messages_send_due()

    return _send_due


def test_twilio_sends_the_text_through_its_api(fake_twilio, send):
    person = texting_participant()
    with at(15):
        message = send(participant=person)
    assert message.status == S.SENT
    assert message.provider == "twilio"
    assert message.provider_id.startswith("SM")
    [created] = fake_twilio.sent
    assert created["To"] == "+18165550142"
    assert created["From"] == "+18165550100"
    assert "Acme Warehouse" in created["Body"]
    assert "tomorrow at 2 p.m." in created["Body"]
    assert created["Body"].endswith("Reply STOP to end texts.")


def test_a_messaging_service_picks_the_sender(fake_twilio, send, settings):
    settings.TWILIO_MESSAGING_SERVICE_SID = "MG" + "1" * 32
    with at(15):
        send(participant=texting_participant())
    [created] = fake_twilio.sent
    assert created["MessagingServiceSid"] == "MG" + "1" * 32
    assert "From" not in created


def test_without_twilio_settings_the_console_prints_the_text(send, capsys):
    with at(15):
        message = send(participant=texting_participant())
    assert message.status == S.SENT
    assert message.provider == "console"
    assert "[text message to +18165550142]" in capsys.readouterr().out


def test_the_text_is_in_the_participants_language(fake_twilio, send):
    with at(15):
        send(participant=texting_participant(language="es"))
    body = fake_twilio.sent[0]["Body"]
    assert "entrevista" in body
    assert "PARAR" in body


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        ("never_agreed", "text_no_consent"),
        ("withdrawn", "text_no_consent"),
        ("no_phone", "text_no_phone"),
    ],
)
def test_refused_without_consent_or_phone_and_nothing_changes(fake_twilio, send, setup, code):
    if setup == "never_agreed":
        person = texting_participant(agreed=False)
    elif setup == "withdrawn":
        person = texting_participant()
        Consent.objects.create(participant=person, kind=ConsentKind.TEXT_MESSAGES, given=False)
    else:
        person = texting_participant(phone="")
    audits = AuditEvent.objects.count()
    with at(15), pytest.raises(TextRefusedError) as refused:
        send(participant=person)
    assert refused.value.code == code
    assert not TextMessage.objects.exists()
    assert AuditEvent.objects.count() == audits
    assert fake_twilio.requests == []


def test_a_text_in_the_quiet_hours_waits_for_eight_in_the_morning(fake_twilio, send, send_due):
    person = texting_participant()
    with at(22, 30):
        message = send(participant=person)
    assert message.status == S.QUEUED
    assert message.send_after == datetime(2026, 12, 4, 8, 0, tzinfo=CHICAGO)
    with at(7, 59, day=4):
        send_due()
    assert fake_twilio.sent == []
    with at(8, 0, day=4):
        assert send_due() == 1
    message.refresh_from_db()
    assert message.status == S.SENT
    assert len(fake_twilio.sent) == 1


def test_early_morning_is_quiet_too(fake_twilio, send):
    with at(6, 15):
        message = send(participant=texting_participant())
    assert message.status == S.QUEUED
    assert message.send_after == datetime(2026, 12, 3, 8, 0, tzinfo=CHICAGO)


def test_at_most_the_daily_limit_a_day(fake_twilio, send, settings):
    settings.PORTAL_SMS_DAILY_LIMIT = 3
    person = texting_participant()
    with at(10):
        for number in range(3):
            send(participant=person, dedupe_key=f"event:{number}")
        with pytest.raises(TextRefusedError) as refused:
            send(participant=person, dedupe_key="event:4")
    assert refused.value.code == "text_daily_limit"
    assert TextMessage.objects.filter(participant=person).count() == 3
    assert len(fake_twilio.sent) == 3
    # A text queued at night counts on the morning it goes out: the next day has room.
    with at(22, 0):
        message = send(participant=person, dedupe_key="event:5")
    assert message.status == S.QUEUED


def test_the_same_reminder_is_sent_once(fake_twilio, send):
    person = texting_participant()
    with at(15):
        first = send(participant=person, dedupe_key="interview:7")
        again = send(participant=person, dedupe_key="interview:7")
    assert first.pk == again.pk
    assert len(fake_twilio.sent) == 1


def test_a_provider_failure_is_tried_again_then_marked_failed(fake_twilio, send, send_due):
    fake_twilio.fail_with = (500, 20500)
    person = texting_participant()
    with at(15):
        message = send(participant=person)
    assert (message.status, message.attempts) == (S.QUEUED, 1)
    assert message.send_after == datetime(2026, 12, 3, 15, 5, tzinfo=CHICAGO)
    with at(15, 6):
        send_due()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (S.QUEUED, 2)
    with at(15, 40):
        send_due()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (S.FAILED, 3)
    assert message.failed_at is not None


def test_a_retry_that_works_sends_the_text(fake_twilio, send, send_due):
    fake_twilio.fail_with = (503, 20503)
    with at(15):
        message = send(participant=texting_participant())
    fake_twilio.fail_with = None
    with at(15, 10):
        send_due()
    message.refresh_from_db()
    assert message.status == S.SENT
    assert len(fake_twilio.sent) == 1


def test_a_number_that_opted_out_at_the_carrier_stops_texts(fake_twilio, send):
    fake_twilio.fail_with = (400, 21610)
    person = texting_participant()
    with at(15):
        message = send(participant=person)
    assert message.status == S.REFUSED
    assert message.attempts == 1
    assert Consent.objects.filter(participant=person).first().given is False


def test_consent_withdrawn_before_the_morning_stops_the_queued_text(
    fake_twilio, send, send_due, staff_user
):
    person = texting_participant()
    with at(23):
        message = send(participant=person)
    services.consent_set(
        participant=person,
        actor=person.facilitator,
        kind=ConsentKind.TEXT_MESSAGES,
        given=False,
    )
    with at(8, 30, day=4):
        send_due()
    message.refresh_from_db()
    assert message.status == S.REFUSED
    assert fake_twilio.sent == []


def test_texts_never_name_a_record_or_supervision():
    """Every text is a fixed sentence filled with a job, an employer, a time or a place."""
    for kind in services.texts.MESSAGES:
        for language in ("en", "es"):
            body = services.text_message_render(
                kind=kind,
                context={
                    "employer": "E",
                    "time": datetime(2026, 12, 4, 9, tzinfo=CHICAGO),
                    "place": "P",
                    "job": "J",
                    "stage": "S",
                    "organization": "O",
                    "day": datetime(2026, 12, 4, tzinfo=CHICAGO).date(),
                },
                language=language,
            ).lower()
            for word in ("offense", "record", "parole", "probation", "supervision", "delito"):
                assert word not in body
            assert len(body) <= 320


def test_an_unknown_kind_is_refused(fake_twilio):
    person = texting_participant()
    with pytest.raises(Exception, match="Unknown kind"):
        services.text_message_send(participant=person, kind="reply", context={})
    assert not TextMessage.objects.exists()
