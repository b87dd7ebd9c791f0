import pytest
from django.conf import settings


@pytest.mark.django_db
def test_the_shell_speaks_spanish_when_asked(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    page = client.get("/accounts/login/")
    assert 'lang="es"' in page.text
    assert "Saltar al contenido principal" in page.text
    assert "Iniciar sesión" in page.text
    assert "¿Olvidó su contraseña?" in page.text
    assert "Skip to main content" not in page.text
    assert "Forgot your password?" not in page.text


@pytest.mark.django_db
def test_the_browser_language_is_followed(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert 'lang="es"' in page.text


@pytest.mark.django_db
def test_the_language_switcher_works_without_javascript(client):
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response.url == "/accounts/login/"
    assert client.get("/accounts/login/").text.count("Saltar al contenido principal") == 1
    back = client.get("/accounts/login/")
    assert 'value="en"' in back.text  # the switcher offers English back


@pytest.mark.django_db
def test_the_lockout_message_is_translated(api_client, participant):
    for _ in range(6):
        response = api_client.post(
            "/api/v1/auth/token/",
            {"username": participant.username, "password": "wrong password here"},
            format="json",
            HTTP_ACCEPT_LANGUAGE="es",
        )
    assert response.status_code == 429
    assert "10 minutos" in response.json()["detail"]


def test_the_spanish_catalogue_has_each_text_once_and_all_translated():
    """Texts are added to the catalogue by hand: a text entered twice makes GNU msgfmt
    refuse the file, and an empty translation shows English to a Spanish reader."""
    from collections import Counter
    from pathlib import Path

    import polib

    catalogue = polib.pofile(
        str(Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po")
    )
    entries = [entry for entry in catalogue if not entry.obsolete]
    twice = [
        key for key, count in Counter((e.msgctxt, e.msgid) for e in entries).items() if count > 1
    ]
    assert twice == []
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
