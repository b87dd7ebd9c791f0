"""Two-factor sign-in (portal.core.mfa): enrolment, the code step after the password,
enforcement for staff and admins on every path, recovery codes, the shared lockout, the
trail and the emails, and the demo logins."""

import io
import re
import time
from html import unescape
from urllib.parse import unquote

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.core.mfa import services
from portal.core.mfa.exceptions import SecondFactorRequiredError, WrongPasswordError
from portal.core.models import AuditEvent, Role, User
from tests.factories.mfa import authenticator_for, code_for
from tests.factories.users import PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.second_factor_enforced]

ENROL = "/account/two-factor/set-up/"
CODE = "/account/two-factor/code/"
MANAGE = "/account/two-factor/"
RECOVERY_CODES = "/account/two-factor/recovery-codes/"
REGENERATE = "/account/two-factor/recovery-codes/new/"
REMOVE = "/account/two-factor/turn-off/"


def sign_in_with_password(client, user, password):
    return client.post("/accounts/login/", {"username": user.username, "password": password})


def secret_on_page(page) -> str:
    match = re.search(r'<code class="secret" id="secret">([A-Z2-7 ]+)</code>', page.text)
    return match.group(1).replace(" ", "")


def code_from_secret(secret: str, *, at: float | None = None) -> str:
    key = bytes.fromhex(services.secret_from_base32(secret))
    totp = TOTP(key)
    totp.time = at if at is not None else time.time()
    return f"{totp.token():06d}"


def enrol_through_the_page(client):
    """Set up an authenticator as a person does: read the key off the page, type the code."""
    page = client.get(ENROL)
    secret = secret_on_page(page)
    response = client.post(ENROL, {"code": code_from_secret(secret)})
    assert response.status_code == 302, response.content
    return secret, client.get(response.url)


def codes_on_page(page) -> list[str]:
    return re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", page.text)


# --- Enrolment -------------------------------------------------------------------------


def test_the_enrolment_page_shows_a_qr_code_and_the_key_as_text(client, participant):
    client.force_login(participant)
    page = client.get(ENROL)
    assert page.status_code == 200
    assert "<svg" in page.text and 'role="img"' in page.text
    secret = secret_on_page(page)
    assert len(secret) == 32  # 20 bytes in base32
    assert f"otpauth://totp/Second%20Chance%20Jobs%20Portal%3Apat?secret={secret}" in unescape(
        page.text
    )
    # The code field works on a phone's number pad and with the OS's code autofill.
    assert 'autocomplete="one-time-code"' in page.text
    assert 'inputmode="numeric"' in page.text
    assert '<label for="id_code">' in page.text
    # Reloading shows the same key: the person may have scanned it already.
    assert secret_on_page(client.get(ENROL)) == secret
    assert not TOTPDevice.objects.exists()


def test_a_wrong_code_does_not_enrol(client, participant):
    client.force_login(participant)
    secret = secret_on_page(client.get(ENROL))
    wrong = code_from_secret(secret, at=time.time() - 3600)
    response = client.post(ENROL, {"code": wrong})
    assert response.status_code == 200
    assert "That code is not right" in response.text
    assert not TOTPDevice.objects.exists()
    assert not StaticDevice.objects.exists()
    assert not AuditEvent.objects.filter(action="mfa.enrolled").exists()


def test_the_right_code_enrols_and_shows_ten_recovery_codes_once(client, participant, mail_at_once):
    client.force_login(participant)
    _secret, page = enrol_through_the_page(client)
    device = TOTPDevice.objects.get(user=participant)
    assert device.confirmed
    codes = codes_on_page(page)
    assert len(codes) == 10 == StaticToken.objects.filter(device__user=participant).count()
    # A text download of the same codes, without JavaScript (a data: link).
    link = re.search(r'href="data:text/plain;charset=utf-8,([^"]+)"', page.text).group(1)
    assert all(code in unquote(unescape(link)) for code in codes)
    assert 'download="recovery-codes.txt"' in page.text
    # Shown once: the page does not show them again.
    assert client.get(RECOVERY_CODES).status_code == 302
    # The session counts as verified by the new factor.
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/dashboard/").status_code == 200


def test_enrolment_is_audited_and_emailed(client, participant, mail_at_once):
    client.force_login(participant)
    enrol_through_the_page(client)
    event = AuditEvent.objects.get(action="mfa.enrolled")
    assert event.actor == participant and event.target_id == str(participant.pk)
    assert event.details == {"replaced": False, "recovery_codes": 10}
    assert [m.to for m in mail.outbox] == [[participant.email]]
    assert mail.outbox[0].subject == "Two-factor sign-in is on for your account"


# --- Enforcement for staff and admins --------------------------------------------------


@pytest.fixture
def superuser_admin(db):
    return UserFactory(username="sue", role=Role.ADMIN, is_superuser=True, is_staff=True)


PROTECTED = ["/dashboard/", "/account/", "/cms/admin/", "/django-admin/"]


@pytest.mark.parametrize("path", PROTECTED)
@pytest.mark.parametrize("role", [Role.STAFF, Role.ADMIN])
def test_staff_without_a_factor_reach_nothing_but_enrolment(client, role, path):
    user = UserFactory(role=role, is_superuser=role == Role.ADMIN, is_staff=role == Role.ADMIN)
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 302
    assert response.url == f"{ENROL}?next={path.replace('/', '%2F')}"
    assert client.get(ENROL).status_code == 200


def test_staff_without_a_factor_get_a_json_403_from_the_session_api(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/api/v1/me/")
    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_enrolment_required"


@pytest.mark.parametrize("path", [*PROTECTED, "/api/v1/me/"])
def test_staff_with_a_factor_but_no_code_this_session_are_sent_to_the_code_page(
    client, superuser_admin, path
):
    authenticator_for(superuser_admin)
    client.force_login(superuser_admin)  # a session without the code step
    response = client.get(path)
    if path.startswith("/api/"):
        assert response.status_code == 403
        assert response.json()["code"] == "second_factor_required"
    else:
        assert response.status_code == 302
        assert response.url.startswith(f"{CODE}?next=")
    # Not even a new authenticator can be set up from such a session.
    assert client.get(ENROL).url.startswith(CODE)


@pytest.mark.parametrize("path", [*PROTECTED, "/api/v1/me/"])
def test_staff_who_enrol_then_reach_everything(client, superuser_admin, path):
    client.force_login(superuser_admin)
    enrol_through_the_page(client)
    assert client.get(path).status_code == 200


def test_staff_sign_in_with_password_then_code(client, staff_user, password):
    device = authenticator_for(staff_user)
    response = sign_in_with_password(client, staff_user, password)
    assert response.url == CODE
    # The password alone signs nobody in.
    assert "_auth_user_id" not in client.session
    assert client.get("/dashboard/").status_code == 302
    page = client.get(CODE)
    assert 'inputmode="numeric"' in page.text and 'autocomplete="one-time-code"' in page.text
    response = client.post(CODE, {"code": code_for(device)})
    assert response.url == "/dashboard/"
    assert client.get("/cms/admin/").status_code == 200


def test_the_code_step_keeps_the_page_asked_for(client, staff_user, password):
    device = authenticator_for(staff_user)
    client.post(
        "/accounts/login/?next=/cms/admin/",
        {"username": staff_user.username, "password": password, "next": "/cms/admin/"},
    )
    assert client.post(CODE, {"code": code_for(device)}).url == "/cms/admin/"


def test_the_code_step_expires(client, staff_user, password, settings):
    device = authenticator_for(staff_user)
    sign_in_with_password(client, staff_user, password)
    settings.PORTAL_MFA_SIGN_IN_WINDOW_MINUTES = 0
    time.sleep(0.01)
    response = client.post(CODE, {"code": code_for(device)})
    assert response.url == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_the_editor_and_admin_sign_in_pages_send_to_the_portals(client):
    assert (
        client.get("/cms/admin/login/?next=/cms/admin/").url
        == "/accounts/login/?next=%2Fcms%2Fadmin%2F"
    )
    assert client.get("/django-admin/login/").url == "/accounts/login/"


def test_participants_without_a_factor_are_not_asked_for_one(client, participant, password):
    response = sign_in_with_password(client, participant, password)
    assert response.url == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200


# --- Employers and participants turn it on themselves -----------------------------------


def test_a_participant_turns_it_on_and_then_sign_in_asks_for_a_code(client, participant, password):
    sign_in_with_password(client, participant, password)
    account = client.get("/account/")
    assert f'href="{MANAGE}"' in account.text
    assert "Off." in client.get(MANAGE).text
    secret, _page = enrol_through_the_page(client)
    client.post("/accounts/logout/")

    response = sign_in_with_password(client, participant, password)
    assert response.url == CODE
    assert client.get("/dashboard/").status_code == 302
    # The code just used to enrol is spent; the app's next one works.
    response = client.post(CODE, {"code": code_for(TOTPDevice.objects.get(user=participant))})
    assert response.url == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200
    assert secret  # the key the page showed is the one in use
    assert TOTPDevice.objects.get(user=participant).key == services.secret_from_base32(secret)


def test_an_employer_turns_it_off_with_password_and_code(
    client, employer_user, password, mail_at_once
):
    device = authenticator_for(employer_user)
    sign_in_with_password(client, employer_user, password)
    client.post(CODE, {"code": code_for(device)})
    assert "Turn off two-factor sign-in" in client.get(MANAGE).text

    wrong_password = client.post(REMOVE, {"password": "not it", "code": code_for(device)})
    assert "That password is not right" in wrong_password.text
    assert TOTPDevice.objects.filter(user=employer_user).exists()
    wrong_code = client.post(REMOVE, {"password": password, "code": "000000"})
    assert "That code is not right" in wrong_code.text
    assert TOTPDevice.objects.filter(user=employer_user).exists()

    time.sleep(1.1)  # django-otp makes the next try wait a second after a wrong code
    response = client.post(REMOVE, {"password": password, "code": code_for(device)})
    assert response.url == "/account/"
    assert not TOTPDevice.objects.filter(user=employer_user).exists()
    assert not StaticDevice.objects.filter(user=employer_user).exists()
    event = AuditEvent.objects.get(action="mfa.removed")
    assert event.actor == employer_user
    assert mail.outbox[-1].subject == "Two-factor sign-in is off for your account"
    client.post("/accounts/logout/")
    assert sign_in_with_password(client, employer_user, password).url == "/dashboard/"


def test_staff_cannot_turn_it_off_only_replace_it(client, staff_user, password, rf):
    device = authenticator_for(staff_user)
    sign_in_with_password(client, staff_user, password)
    client.post(CODE, {"code": code_for(device)})
    page = client.get(MANAGE)
    assert REMOVE not in page.text
    assert "Move to a new phone or app" in page.text
    assert client.get(REMOVE).status_code == 404
    with pytest.raises(SecondFactorRequiredError):
        services.second_factor_remove(
            request=rf.post("/"), user=staff_user, password=password, code=code_for(device)
        )
    assert TOTPDevice.objects.filter(user=staff_user).exists()


def test_replacing_the_authenticator_needs_the_password_and_retires_the_old_one(
    client, staff_user, password, mail_at_once
):
    old = authenticator_for(staff_user)
    sign_in_with_password(client, staff_user, password)
    client.post(CODE, {"code": code_for(old)})
    page = client.get(ENROL)
    secret = secret_on_page(page)
    refused = client.post(ENROL, {"code": code_from_secret(secret), "password": "wrong"})
    assert "That password is not right" in refused.text
    assert TOTPDevice.objects.get(user=staff_user) == old

    response = client.post(ENROL, {"code": code_from_secret(secret), "password": password})
    assert response.url == RECOVERY_CODES
    new = TOTPDevice.objects.get(user=staff_user)
    assert new != old and new.key == services.secret_from_base32(secret)
    assert AuditEvent.objects.get(action="mfa.enrolled").details["replaced"] is True
    assert mail.outbox[-1].subject == "Your two-factor sign-in moved to a new app"


# --- Recovery codes -------------------------------------------------------------------


@pytest.fixture
def enrolled_participant(client, participant, password):
    """A participant who set up two-factor sign-in, signed out again; their codes."""
    client.force_login(participant)
    _secret, page = enrol_through_the_page(client)
    client.post("/accounts/logout/")
    mail.outbox.clear()
    return participant, codes_on_page(page)


def test_a_recovery_code_signs_in_once(client, enrolled_participant, password, mail_at_once):
    user, codes = enrolled_participant
    sign_in_with_password(client, user, password)
    # Typed as a person might: upper case, a space instead of the dash.
    response = client.post(CODE, {"recovery_code": codes[0].upper().replace("-", " ")})
    assert response.url == "/dashboard/"
    page = client.get("/dashboard/")
    assert page.status_code == 200
    assert "You used a recovery code. 9 are left" in page.text
    event = AuditEvent.objects.get(action="mfa.recovery_code_used")
    assert event.actor == user and event.details == {"recovery_codes_left": 9}
    assert [m.subject for m in mail.outbox] == [
        "A recovery code was used to sign in to your account"
    ]
    assert "9 recovery codes are left" in mail.outbox[0].body

    client.post("/accounts/logout/")
    sign_in_with_password(client, user, password)
    again = client.post(CODE, {"recovery_code": codes[0]})
    assert again.status_code == 200
    assert "That code is not right" in again.text
    assert "_auth_user_id" not in client.session


def test_new_recovery_codes_replace_the_old_ones(
    client, enrolled_participant, password, mail_at_once
):
    user, old_codes = enrolled_participant
    sign_in_with_password(client, user, password)
    client.post(CODE, {"recovery_code": old_codes[0]})
    mail.outbox.clear()
    device = TOTPDevice.objects.get(user=user)
    response = client.post(REGENERATE, {"password": password, "code": code_for(device)})
    assert response.url == RECOVERY_CODES
    new_codes = codes_on_page(client.get(RECOVERY_CODES))
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert AuditEvent.objects.filter(action="mfa.recovery_codes_regenerated").count() == 1
    assert [m.subject for m in mail.outbox] == ["New recovery codes for your account"]

    client.post("/accounts/logout/")
    sign_in_with_password(client, user, password)
    assert client.post(CODE, {"recovery_code": old_codes[1]}).status_code == 200
    time.sleep(1.1)
    assert client.post(CODE, {"recovery_code": new_codes[0]}).url == "/dashboard/"


def test_regenerating_needs_the_password(client, enrolled_participant, password, rf):
    user, codes = enrolled_participant
    request = rf.post("/")
    with pytest.raises(WrongPasswordError):
        services.recovery_codes_regenerate(
            request=request, user=user, password="wrong", code=codes[0]
        )
    assert StaticToken.objects.filter(device__user=user).count() == 10
    assert not AuditEvent.objects.filter(action="mfa.recovery_codes_regenerated").exists()


# --- Lockout shared with wrong passwords -----------------------------------------------


def test_wrong_codes_lock_the_sign_in_like_wrong_passwords(client, staff_user, password):
    device = authenticator_for(staff_user)
    sign_in_with_password(client, staff_user, password)
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(CODE, {"code": f"00000{attempt}"})
        assert response.status_code == 200, attempt
        assert "Enter your code" in response.text
    fifth = client.post(CODE, {"code": "123123"})
    assert fifth.status_code == 429
    assert "sign-in is paused" in fifth.text
    assert AccessAttempt.objects.get(username=staff_user.username).failures_since_start == 5
    # The 6th try is refused, even with the right password: the sign-in ended, and the
    # code page has nothing to finish.
    assert sign_in_with_password(client, staff_user, password).status_code == 429
    assert client.post(CODE, {"code": code_for(device)}).url == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_wrong_passwords_and_wrong_codes_add_up(client, staff_user, password):
    authenticator_for(staff_user)
    for _ in range(3):
        client.post("/accounts/login/", {"username": staff_user.username, "password": "nope"})
    # The right password alone is not a complete sign-in, so it resets nothing.
    assert sign_in_with_password(client, staff_user, password).url == CODE
    assert client.post(CODE, {"code": "000000"}).status_code == 200
    assert client.post(CODE, {"code": "000001"}).status_code == 429
    assert sign_in_with_password(client, staff_user, password).status_code == 429


def test_a_locked_username_cannot_finish_the_code_step_even_with_the_right_code(
    client, staff_user, password
):
    device = authenticator_for(staff_user)
    other_tab = type(client)()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        other_tab.post("/accounts/login/", {"username": staff_user.username, "password": "no"})
    assert sign_in_with_password(client, staff_user, password).url == CODE
    other_tab.post("/accounts/login/", {"username": staff_user.username, "password": "no"})
    response = client.post(CODE, {"code": code_for(device)})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_complete_sign_in_resets_the_count(client, staff_user, password):
    device = authenticator_for(staff_user)
    sign_in_with_password(client, staff_user, password)
    client.post(CODE, {"code": "000000"})
    time.sleep(1.1)  # django-otp's own wait after a wrong code
    assert client.post(CODE, {"code": code_for(device)}).url == "/dashboard/"
    assert not AccessAttempt.objects.filter(username=staff_user.username).exists()


# --- Spanish --------------------------------------------------------------------------


def test_the_pages_and_emails_speak_spanish(client, mail_at_once):
    rosa = UserFactory(username="rosa", preferred_language="es", role=Role.PARTICIPANT)
    client.force_login(rosa)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    page = client.get(ENROL)
    assert "Configurar el inicio de sesión en dos pasos" in page.text
    secret = secret_on_page(page)
    client.post(ENROL, {"code": code_from_secret(secret)})
    assert mail.outbox[-1].subject == "El inicio de sesión en dos pasos está activado en su cuenta"
    client.post("/accounts/logout/")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    client.post("/accounts/login/", {"username": "rosa", "password": PASSWORD})
    assert "Escriba su código" in client.get(CODE).text


# --- Demo logins ----------------------------------------------------------------------


def test_seed_demo_prints_the_secret_and_the_demo_staff_sign_in_with_it(client, settings):
    settings.DEBUG = True
    settings.DEMO_TOTP_SECRET = ""
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    output = out.getvalue()
    secret = re.search(r"key: ([A-Z2-7]+)", output).group(1)
    assert secret == "SECONDCHANCEJOBSPORTALDEMO234567"
    assert "otpauth://totp/Second%20Chance%20Jobs%20Portal%3Afacilitator?secret=" in output
    assert "otpauth://totp/Second%20Chance%20Jobs%20Portal%3Aadmin?secret=" in output
    assert set(
        TOTPDevice.objects.filter(confirmed=True).values_list("user__username", flat=True)
    ) == {"admin", "facilitator"}

    facilitator = User.objects.get(username="facilitator")
    sign_in_with_password(client, facilitator, settings.DEMO_PASSWORD)
    response = client.post(CODE, {"code": code_from_secret(secret)})
    assert response.url == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200


def test_seed_demo_uses_demo_totp_secret_when_set(settings):
    settings.DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    out = io.StringIO()
    call_command("seed_demo", "--force", stdout=out)
    assert "key: JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" in out.getvalue()
    device = TOTPDevice.objects.get(user__username="admin")
    assert device.key == services.secret_from_base32("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    # Idempotent: a second run keeps the same device.
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert TOTPDevice.objects.get(user__username="admin") == device


def test_seed_demo_with_debug_off_and_no_secret_leaves_staff_unenrolled_and_says_so(settings):
    settings.DEBUG = False
    settings.DEMO_TOTP_SECRET = ""
    out = io.StringIO()
    call_command("seed_demo", "--force", stdout=out)
    assert "DEMO_TOTP_SECRET is unset and DEBUG is off" in out.getvalue()
    assert "SECONDCHANCEJOBSPORTALDEMO234567" not in out.getvalue()
    assert not TOTPDevice.objects.exists()
