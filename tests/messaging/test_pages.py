"""The pages: the message log (caseload staff and admins; 404 for everyone else), replies
on the participant page and the dashboard, opting in and out on the consents page, in
English and Spanish, with a query budget."""

import pytest
from django.conf import settings

from jobseekers.models import ConsentKind, TextMessage
from jobseekers.selectors import text_consent_in_force
from portal.messaging.registry import InboundText
from tests.factories.jobseekers import ParticipantFactory
from tests.messaging.helpers import texting_participant

pytestmark = pytest.mark.django_db

ROLES = ["self", "other_participant", "employer", "caseload_staff", "other_staff", "admin"]
ALLOWED = {"caseload_staff", "admin"}


@pytest.fixture
def users(participant, other_participant_user, employer_user, staff_user, other_staff,
          admin_user):  # fmt: skip
    return {
        "self": participant,
        "other_participant": other_participant_user,
        "employer": employer_user,
        "caseload_staff": staff_user,
        "other_staff": other_staff,
        "admin": admin_user,
    }


@pytest.fixture
def person(participant, staff_user):
    return texting_participant(user=participant, facilitator=staff_user, first_name="Pat")


def reply(person, body, sid):
    from jobseekers import services

    services.text_reply_receive(InboundText(from_number=person.phone, body=body, provider_id=sid))


@pytest.mark.parametrize("role", ROLES)
def test_message_log_matrix(client, users, person, role):
    reply(person, "I got the job!", "SM1")
    client.force_login(users[role])
    log = client.get(f"/participants/{person.pk}/texts/")
    mark = client.post(f"/participants/{person.pk}/texts/read/")
    page = client.get(f"/participants/{person.pk}/")
    if role in ALLOWED:
        assert log.status_code == 200
        assert "I got the job!" in log.content.decode()
        assert mark.status_code == 302
        assert "I got the job!" in page.content.decode()
    else:
        assert (log.status_code, mark.status_code, page.status_code) == (404, 404, 404)
        assert TextMessage.objects.get().read_at is None


def test_a_new_reply_shows_on_the_facilitators_dashboard_until_read(client, person, staff_user):
    reply(person, "Can we meet Friday?", "SM1")
    client.force_login(staff_user)
    assert "New text reply from Pat" in client.get("/dashboard/").content.decode()
    client.post(f"/participants/{person.pk}/texts/read/")
    assert "New text reply from Pat" not in client.get("/dashboard/").content.decode()
    assert TextMessage.objects.get().read_at is not None


def test_message_log_query_budget(client, person, staff_user, django_assert_max_num_queries):
    client.force_login(staff_user)
    reply(person, "one", "SM0")
    with django_assert_max_num_queries(20):
        assert client.get(f"/participants/{person.pk}/texts/").status_code == 200
    for number in range(1, 30):
        reply(person, f"reply {number}", f"SM{number}")
    with django_assert_max_num_queries(20):
        response = client.get(f"/participants/{person.pk}/texts/")
    assert "reply 29" in response.content.decode()


def test_the_participant_opts_in_and_out_on_their_consents_page(client, participant, staff_user):
    person = ParticipantFactory(user=participant, facilitator=staff_user, phone="+18165550142")
    client.force_login(participant)
    page = client.get("/my/consents/").content.decode()
    assert "Send me text messages" in page
    assert "(816) 555-0142" in page
    assert "At most 3 texts a day, never between 9 p.m. and 8 a.m." in page
    client.post("/my/consents/change/", {"kind": ConsentKind.TEXT_MESSAGES, "given": "yes"})
    assert text_consent_in_force(participant=person)
    client.post("/my/consents/change/", {"kind": ConsentKind.TEXT_MESSAGES, "given": "no"})
    assert not text_consent_in_force(participant=person)


def test_a_stop_by_text_shows_on_the_consents_page(client, person, participant):
    reply(person, "STOP", "SM1")
    client.force_login(participant)
    assert "by a text message reply" in client.get("/my/consents/").content.decode()


def test_the_pages_speak_spanish(client, person, participant, staff_user):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    client.force_login(participant)
    page = client.get("/my/consents/").content.decode()
    assert "PARAR" in page
    assert "Mensajes de texto" in page
    client.force_login(staff_user)
    assert "Mensajes de texto" in client.get(f"/participants/{person.pk}/texts/").content.decode()
