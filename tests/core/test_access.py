"""Who may enter the content editor (Wagtail) and the technical Django admin."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse

from portal.core.audit import audit_record
from portal.core.models import Role
from portal.core.permissions import role_required
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def test_a_visitor_is_sent_to_sign_in_for_the_content_editor(client):
    response = client.get("/cms/admin/")
    assert response.status_code == 302
    assert "login" in response.url


@pytest.mark.parametrize(
    ("role", "allowed"),
    [(Role.PARTICIPANT, False), (Role.EMPLOYER, False), (Role.STAFF, True), (Role.ADMIN, True)],
)
def test_only_staff_and_admins_enter_the_content_editor(client, users_by_role, role, allowed):
    client.force_login(users_by_role[role])
    response = client.get("/cms/admin/")
    if allowed:
        assert response.status_code == 200
        assert "wagtail" in response.text.lower()
    else:
        assert response.status_code == 302
        assert client.get(response.url, follow=True).status_code == 200
        assert "/cms/admin/pages/" not in response.url


@pytest.mark.parametrize("role", list(Role))
def test_the_django_admin_is_for_superusers_only(client, users_by_role, role):
    client.force_login(users_by_role[role])
    response = client.get("/django-admin/")
    assert response.status_code == 302
    assert "/django-admin/login/" in response.url


def test_a_superuser_enters_the_django_admin(client):
    client.force_login(UserFactory(admin=True, is_superuser=True, is_staff=True))
    assert client.get("/django-admin/").status_code == 200


def test_role_required_pages_send_visitors_to_sign_in_and_hide_from_other_roles(rf, users_by_role):
    @role_required(Role.STAFF)
    def staff_page(request):
        return HttpResponse("caseload")

    request = rf.get("/caseload/")
    request.user = AnonymousUser()
    assert staff_page(request).status_code == 302
    for role, user in users_by_role.items():
        request.user = user
        if role in (Role.STAFF, Role.ADMIN):
            assert staff_page(request).content == b"caseload"
        else:
            with pytest.raises(Http404):
                staff_page(request)


def test_public_pages_carry_a_content_security_policy_and_refuse_framing(client):
    response = client.get("/accounts/login/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_content_editor_is_left_out_of_the_strict_policy(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/cms/admin/")
    assert "Content-Security-Policy" not in response.headers


@pytest.mark.parametrize(
    "url",
    ["/django-admin/core/user/", "/django-admin/core/auditevent/", "/django-admin/core/accesslog/"],
)
def test_the_technical_admin_lists_users_and_trails(client, url):
    client.force_login(UserFactory(admin=True, is_superuser=True, is_staff=True))
    assert client.get(url).status_code == 200


def test_the_trails_cannot_be_edited_even_by_a_superuser(client, admin_user):
    event = audit_record(actor=admin_user, action="test.event", target=admin_user)
    client.force_login(UserFactory(admin=True, is_superuser=True, is_staff=True))
    assert client.get("/django-admin/core/auditevent/add/").status_code == 403
    client.post(f"/django-admin/core/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert type(event).objects.filter(pk=event.pk).exists()
