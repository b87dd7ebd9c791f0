"""Twilio's webhooks: signed by the library's own RequestValidator, forged ones refused
with 403 and nothing changed; STOP / START / HELP (and PARAR / AYUDA); other replies filed
for the facilitator; delivery reports."""

import pytest
from django.urls import reverse
from twilio.request_validator import RequestValidator

from jobseekers import services
from jobseekers.models import (
    Consent,
    TextMessage,
    TextMessageKind,
    TextMessageStatus,
)
from jobseekers.selectors import text_consent_in_force
from tests.conftest import TWILIO_TEST_AUTH_TOKEN
from tests.messaging.helpers import at, texting_participant

pytestmark = pytest.mark.django_db
K = TextMessageKind
S = TextMessageStatus
INBOUND = "http://testserver/sms/twilio/inbound/"
STATUS = "http://testserver/sms/twilio/status/"


def signed_post(client, url, params, *, token=TWILIO_TEST_AUTH_TOKEN, signature=None):
    if signature is None:
        signature = RequestValidator(token).compute_signature(url, params)
    headers = {"X-Twilio-Signature": signature} if signature else {}
    return client.post(url.removeprefix("http://testserver"), params, headers=headers)


def inbound(client, body, *, sid="SM" + "a" * 32, phone="+18165550142", **kwargs):
    params = {"From": phone, "To": "+18165550100", "Body": body, "MessageSid": sid}
    return signed_post(client, INBOUND, params, **kwargs)


def test_webhooks_are_off_without_twilio(client):
    assert client.post(reverse("messaging:twilio-inbound"), {"Body": "STOP"}).status_code == 404


@pytest.mark.parametrize(
    "forgery",
    [{"token": "not-the-auth-token"}, {"signature": ""}, {"signature": "bm90IGEgc2lnbmF0dXJl"}],
)
def test_a_forged_inbound_webhook_is_refused_and_changes_nothing(client, fake_twilio, forgery):
    person = texting_participant()
    response = inbound(client, "STOP", **forgery)
    assert response.status_code == 403
    assert text_consent_in_force(participant=person)
    assert not TextMessage.objects.exists()


def test_a_body_changed_after_signing_is_refused(client, fake_twilio):
    person = texting_participant()
    params = {"From": person.phone, "Body": "Hello", "MessageSid": "SM1"}
    signature = RequestValidator(TWILIO_TEST_AUTH_TOKEN).compute_signature(INBOUND, params)
    response = client.post(
        "/sms/twilio/inbound/",
        {**params, "Body": "STOP"},
        headers={"X-Twilio-Signature": signature},
    )
    assert response.status_code == 403
    assert text_consent_in_force(participant=person)


@pytest.mark.parametrize("word", ["STOP", "stop", "Parar", "STOPALL", "unsubscribe", "Cancel."])
def test_stop_ends_texts_at_once(client, fake_twilio, word, django_capture_on_commit_callbacks):
    person = texting_participant()
    with at(23):
        queued = services.text_message_send(
            participant=person, kind=K.INTERVIEW_TOMORROW, context={"employer": "A", "time": "9"}
        )
    response = inbound(client, word)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    assert response.content.decode().endswith("<Response />")
    assert not text_consent_in_force(participant=person)
    newest = Consent.objects.filter(participant=person).first()
    assert (newest.given, newest.recorded_by) == (False, None)
    queued.refresh_from_db()
    assert queued.status == S.REFUSED
    reply = TextMessage.objects.get(direction="inbound")
    assert reply.kind == K.OPT_OUT
    assert reply.read_at is not None


def test_start_after_stop_resumes_texts(client, fake_twilio):
    person = texting_participant()
    inbound(client, "STOP", sid="SM1")
    inbound(client, "start", sid="SM2")
    assert text_consent_in_force(participant=person)
    assert list(Consent.objects.filter(participant=person).values_list("given", flat=True)) == [
        True,
        False,
        True,
    ]


def test_start_from_someone_who_never_agreed_waits_for_staff(client, fake_twilio):
    person = texting_participant(agreed=False)
    inbound(client, "START")
    assert not text_consent_in_force(participant=person)
    reply = TextMessage.objects.get()
    assert (reply.kind, reply.read_at) == (K.REPLY, None)


def test_help_is_answered_with_the_programs_name(client, fake_twilio, settings):
    settings.PORTAL_SMS_HELP_PHONE = "(816) 555-0100"
    texting_participant()
    response = inbound(client, "help")
    body = response.content.decode()
    assert "<Message>Second Chance job texts" in body
    assert "Reply STOP to end" in body
    assert "(816) 555-0100" in body


def test_ayuda_is_answered_in_spanish(client, fake_twilio):
    texting_participant(language="es")
    body = inbound(client, "AYUDA").content.decode()
    assert "PARAR" in body


def test_another_reply_is_filed_for_the_facilitator(client, fake_twilio):
    person = texting_participant()
    response = inbound(client, "Running 10 min late to job club")
    assert response.content.decode().endswith("<Response />")
    reply = TextMessage.objects.get()
    assert (reply.participant, reply.kind, reply.direction) == (person, K.REPLY, "inbound")
    assert reply.body == "Running 10 min late to job club"
    assert reply.read_at is None
    assert text_consent_in_force(participant=person)


def test_a_webhook_delivered_twice_is_filed_once(client, fake_twilio):
    texting_participant()
    inbound(client, "See you", sid="SM9")
    inbound(client, "See you", sid="SM9")
    assert TextMessage.objects.count() == 1


def test_a_number_nobody_has_changes_nothing(client, fake_twilio):
    person = texting_participant()
    assert inbound(client, "STOP", phone="+18165550999").status_code == 200
    assert text_consent_in_force(participant=person)
    assert not TextMessage.objects.exists()


def test_delivery_reports_move_a_sent_text_forward_only(
    client, fake_twilio, django_capture_on_commit_callbacks
):
    person = texting_participant()
    with at(15), django_capture_on_commit_callbacks(execute=True):
        message = services.text_message_send(
            participant=person, kind=K.INTERVIEW_TOMORROW, context={"employer": "A", "time": "9"}
        )
    message.refresh_from_db()
    report = {"MessageSid": message.provider_id, "MessageStatus": "delivered"}
    assert signed_post(client, STATUS, report).status_code == 204
    message.refresh_from_db()
    assert (message.status, message.delivered_at is not None) == (S.DELIVERED, True)
    late = {"MessageSid": message.provider_id, "MessageStatus": "sent"}
    signed_post(client, STATUS, late)
    message.refresh_from_db()
    assert message.status == S.DELIVERED


def test_a_forged_delivery_report_is_refused(
    client, fake_twilio, django_capture_on_commit_callbacks
):
    person = texting_participant()
    with at(15), django_capture_on_commit_callbacks(execute=True):
        message = services.text_message_send(
            participant=person, kind=K.INTERVIEW_TOMORROW, context={"employer": "A", "time": "9"}
        )
    message.refresh_from_db()
    report = {"MessageSid": message.provider_id, "MessageStatus": "failed"}
    assert signed_post(client, STATUS, report, token="wrong").status_code == 403
    message.refresh_from_db()
    assert message.status == S.SENT
