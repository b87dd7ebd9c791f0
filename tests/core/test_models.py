import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import override_settings

from portal.core.models import Role, User
from portal.core.permissions import has_role, is_program_admin, is_staff_member
from portal.settings import base as base_settings
from tests.factories.users import UserFactory


def test_roles_are_the_four_of_the_design():
    assert set(Role.values) == {"participant", "employer", "staff", "admin"}


@pytest.mark.django_db
def test_an_unknown_role_cannot_be_stored():
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="x", role="warden")


@pytest.mark.django_db
def test_only_a_program_admin_can_be_a_superuser():
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="x", role=Role.STAFF, is_superuser=True)
    assert User.objects.create(username="y", role=Role.ADMIN, is_superuser=True).pk


@pytest.mark.django_db
def test_admin_counts_as_staff_but_not_the_other_way_round():
    admin = UserFactory(admin=True)
    staff = UserFactory(staff=True)
    assert has_role(admin, Role.STAFF) and is_staff_member(admin) and is_program_admin(admin)
    assert is_staff_member(staff) and not is_program_admin(staff)
    assert not has_role(staff, Role.ADMIN)


@pytest.mark.django_db
def test_participants_employers_inactive_and_anonymous_are_not_staff():
    assert not is_staff_member(UserFactory(participant=True))
    assert not is_staff_member(UserFactory(employer=True))
    assert not is_staff_member(UserFactory(staff=True, is_active=False))
    assert not is_staff_member(AnonymousUser())
    assert not has_role(None, Role.PARTICIPANT)


@pytest.mark.django_db
def test_a_participant_in_an_editors_group_still_cannot_enter_the_content_editor():
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    participant = UserFactory(participant=True)
    staff = UserFactory(staff=True)
    participant.groups.add(group)
    assert not User.objects.get(pk=participant.pk).has_perm("wagtailadmin.access_admin")
    assert User.objects.get(pk=staff.pk).has_perm("wagtailadmin.access_admin")


def test_argon2_is_the_first_password_hasher_outside_tests():
    assert base_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=base_settings.PASSWORD_HASHERS):
        assert make_password("a long enough password").startswith("argon2$")


def test_passwords_need_twelve_characters():
    with pytest.raises(ValidationError) as error:
        validate_password("Tr0ub4dor&3")  # 11 characters
    assert "at least 12 characters" in " ".join(error.value.messages)
    validate_password("Tr0ub4dor&3x")
