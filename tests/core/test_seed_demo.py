import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Page, Site

from cms.models import HomePage
from portal.core.models import Role, User

pytestmark = pytest.mark.django_db


def seed(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seed_demo_makes_one_login_per_role_and_prints_them(settings):
    output = seed("--force")
    users = {user.username: user for user in User.objects.all()}
    assert {name: users[name].role for name in users} == {
        "admin": Role.ADMIN,
        "facilitator": Role.STAFF,
        "employer": Role.EMPLOYER,
        "participant": Role.PARTICIPANT,
    }
    for user in users.values():
        assert user.check_password(settings.DEMO_PASSWORD)
        assert f"{user.username} " in output
    assert settings.DEMO_PASSWORD in output


def test_seed_demo_twice_changes_nothing():
    seed("--force")
    first = sorted(User.objects.values_list("id", "username", "role", "password"))
    pages = Page.objects.count()
    seed("--force")
    assert sorted(User.objects.values_list("id", "username", "role", "password")) == first
    assert Page.objects.count() == pages
    # One home page per content language (English and its Spanish translation).
    assert HomePage.objects.count() == len(settings.WAGTAIL_CONTENT_LANGUAGES)


def test_seed_demo_uses_the_demo_password_setting():
    with override_settings(DEMO_PASSWORD="another long password"):
        seed("--force")
    assert User.objects.get(username="participant").check_password("another long password")


def test_seed_demo_refuses_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses to run with DEBUG off"):
        seed()
    assert not User.objects.exists()


def test_the_home_page_is_the_site_root_after_migrate_and_after_seeding(client):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    seed("--force")
    assert Site.objects.get(is_default_site=True).root_page_id == site.root_page_id
    response = client.get("/")
    assert response.status_code == 200
    assert "For employers" in response.text


def test_seed_demo_rebuilds_the_site_on_an_empty_database():
    Site.objects.all().delete()
    Page.objects.all().delete()
    seed("--force")
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
