"""Who may enter the content editor at /cms/admin/ and what they may do there."""

import pytest
from django.urls import reverse

from cms.editors import EDITORS_GROUP, PUBLISHERS_GROUP, ensure_editor_groups
from portal.core.models import PartnerOrganisation, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(db):
    return ensure_editor_groups()


@pytest.mark.parametrize(
    ("role", "can_enter"),
    [(Role.PARTICIPANT, False), (Role.EMPLOYER, False), (Role.STAFF, True), (Role.ADMIN, True)],
)
def test_only_staff_and_admins_enter_the_editor(client, users_by_role, role, can_enter):
    client.force_login(users_by_role[role])
    response = client.get("/cms/admin/")
    if can_enter:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response.url.startswith(reverse("wagtailadmin_login"))


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/cms/admin/")
    assert response.status_code == 302


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.EMPLOYER])
def test_an_outsider_put_in_the_editors_group_by_mistake_still_cannot_edit(
    client, users_by_role, groups, site_tree, role
):
    user = users_by_role[role]
    user.groups.add(groups[0])
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[site_tree.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    # Wagtail's own page-permission tester reads groups directly; the barrier is the admin
    # entrance (User.has_perm refuses wagtailadmin.access_admin), which every editor view
    # passes through, so an edit posted straight to the form is refused too.
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[site_tree.pk]), {"title": "Hacked"}
    )
    assert response.status_code == 302
    site_tree.refresh_from_db()
    assert site_tree.title == "Second Chance Jobs Portal"


def test_staff_in_the_editors_group_edit_drafts_but_do_not_publish(
    client, staff_user, groups, site_tree, tax_credit_page
):
    staff_user.groups.add(groups[0])
    client.force_login(staff_user)
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[tax_credit_page.pk])).status_code == 200
    )
    permissions = tax_credit_page.permissions_for_user(staff_user)
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_admins_in_the_publishers_group_publish(admin_user, groups, tax_credit_page):
    admin_user.groups.add(groups[1])
    assert tax_credit_page.permissions_for_user(admin_user).can_publish()


def test_staff_outside_the_groups_cannot_edit_pages(client, staff_user, site_tree):
    client.force_login(staff_user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[site_tree.pk]))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_the_groups_are_wagtails_editors_and_moderators(groups):
    assert [group.name for group in groups] == [EDITORS_GROUP, PUBLISHERS_GROUP]
    for group in groups:
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert {
            "add_partnerorganisation",
            "change_partnerorganisation",
            "delete_partnerorganisation",
        } <= codenames


RESOURCE_FORM = {
    "name": "New Shelter",
    "category": "housing",
    "description": "Beds for the night.",
    "address": "12 Grand Blvd",
    "zip_code": "64106",
    "phone": "816-555-0199",
    "hours": "",
    "eligibility": "",
    "languages": "English",
    "website": "",
}


def test_an_editor_adds_a_resource_and_a_bad_one_is_refused_clearly(client, staff_user, groups):
    staff_user.groups.add(groups[0])
    client.force_login(staff_user)
    url = reverse("wagtailsnippets_core_partnerorganisation:add")

    response = client.post(url, {**RESOURCE_FORM, "phone": "", "address": "", "zip_code": ""})
    assert response.status_code == 200
    assert "Give a phone number or a street address" in response.content.decode()
    response = client.post(url, {**RESOURCE_FORM, "zip_code": "99999"})
    assert "This is not a known US ZIP code." in response.content.decode()
    assert not PartnerOrganisation.objects.exists()

    response = client.post(url, RESOURCE_FORM)
    assert response.status_code == 302
    assert PartnerOrganisation.objects.get().phone == "(816) 555-0199"


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.EMPLOYER])
def test_outsiders_cannot_add_resources(client, users_by_role, role):
    client.force_login(users_by_role[role])
    response = client.post(reverse("wagtailsnippets_core_partnerorganisation:add"), RESOURCE_FORM)
    assert response.status_code == 302
    assert not PartnerOrganisation.objects.exists()


def test_pages_go_through_the_moderators_approval_workflow(groups, tax_credit_page):
    workflow = tax_credit_page.get_workflow()
    assert workflow is not None and workflow.active
    task = workflow.tasks.first().specific
    assert list(task.groups.values_list("name", flat=True)) == [PUBLISHERS_GROUP]
