"""On the two-factor pages an error is said once, next to its field: the summary at the
top only names the field (a link to it), as on every other form."""

import re

import pytest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from tests.factories.mfa import authenticator_for

pytestmark = [pytest.mark.django_db, pytest.mark.second_factor_enforced]

CODE = "/account/two-factor/code/"
ENROL = "/account/two-factor/set-up/"
WRONG = "That code is not right. Check the code and try again."


def field_error(page: str, field_id: str) -> str:
    """The text of the error Django ties to the field (`<ul id="<id>_error">`)."""
    match = re.search(rf'<ul class="errorlist" id="{field_id}_error">(.*?)</ul>', page, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else ""


def summary(page: str) -> str:
    match = re.search(r'<div class="error-summary".*?</div>', page, re.S)
    return match.group(0) if match else ""


def test_a_wrong_authenticator_code_is_said_once_next_to_the_field(client, participant, password):
    authenticator_for(participant)
    client.post("/accounts/login/", {"username": participant.username, "password": password})

    page = client.post(CODE, {"code": "000000"}).text

    assert page.count("That code is not right") == 1
    assert field_error(page, "id_code") == WRONG
    # The summary links to the field by its name, without repeating the message.
    assert 'href="#id_code"' in summary(page)
    assert "not right" not in summary(page)


def test_a_wrong_recovery_code_is_said_once_next_to_its_field(client, participant, password):
    authenticator_for(participant)
    recovery = StaticDevice.objects.create(user=participant, name="recovery", confirmed=True)
    StaticToken.objects.create(device=recovery, token="abcd2345")
    client.post("/accounts/login/", {"username": participant.username, "password": password})

    response = client.post(CODE, {"recovery_code": "wxyz-2345"})
    page = response.text

    assert response.status_code == 200
    assert page.count("That code is not right") == 1
    assert field_error(page, "id_recovery_code") == WRONG
    assert 'href="#id_recovery_code"' in summary(page)
    # The recovery part stays open, so the person sees the message where they typed.
    assert "<details open>" in page


def test_a_wrong_first_code_when_setting_up_is_said_once(client, participant):
    client.force_login(participant)
    client.get(ENROL)

    page = client.post(ENROL, {"code": "000000"}).text

    assert page.count("That code is not right") == 1
    assert field_error(page, "id_code") == WRONG


def test_the_message_is_spanish_when_spanish_is_chosen(client, participant):
    client.force_login(participant)
    client.get(ENROL)

    page = client.post(ENROL, {"code": "000000"}, HTTP_ACCEPT_LANGUAGE="es").text

    assert "That code is not right" not in page
    assert field_error(page, "id_code").startswith("Ese código no es correcto")
