import pytest

from portal.core.exceptions import ApplicationError, ConflictError, EmailInUseError
from portal.core.models import AuditEvent, Role, User
from portal.core.services import user_create, user_profile_update
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def test_user_create_makes_a_user_and_audits_it(staff_user):
    user = user_create(
        username="newperson",
        role=Role.PARTICIPANT,
        password="a long good password",
        actor=staff_user,
    )
    assert user.check_password("a long good password")
    assert user.role == Role.PARTICIPANT
    event = AuditEvent.objects.get(action="user.created")
    assert event.actor == staff_user
    assert event.target == user
    assert event.details == {"role": "participant"}


def test_user_create_without_password_makes_an_account_that_cannot_sign_in(staff_user):
    user = user_create(username="invited", role=Role.PARTICIPANT, password=None, actor=staff_user)
    assert not user.has_usable_password()


@pytest.mark.parametrize(
    ("kwargs", "error_type", "field"),
    [
        ({"username": "pat"}, ConflictError, "username"),  # taken (case-insensitive below)
        ({"username": "PAT"}, ConflictError, "username"),
        ({"password": "short"}, ApplicationError, "password"),
        ({"role": "warden"}, ApplicationError, "role"),
        ({"email": "pat@example.org"}, EmailInUseError, "email"),
        ({"username": "bad name!"}, ApplicationError, "username"),
    ],
)
def test_user_create_refuses_bad_input_and_saves_nothing(participant, kwargs, error_type, field):
    values = {
        "username": "someone",
        "role": Role.EMPLOYER,
        "password": "a long good password",
        "actor": None,
        **kwargs,
    }
    before = User.objects.count()
    with pytest.raises(error_type) as error:
        user_create(**values)
    assert field in error.value.fields
    assert User.objects.count() == before
    assert not AuditEvent.objects.exists()


def test_profile_update_changes_only_given_fields_and_audits_names_not_values(participant):
    user_profile_update(
        user=participant, actor=participant, email="new@example.org", preferred_language="es"
    )
    participant.refresh_from_db()
    assert participant.email == "new@example.org"
    assert participant.preferred_language == "es"
    assert participant.first_name == "Pat"
    event = AuditEvent.objects.get(action="user.profile_updated")
    assert event.details == {"fields": ["email", "preferred_language"]}
    assert "new@example.org" not in str(event.details)


def test_profile_update_without_changes_writes_no_event(participant):
    user_profile_update(user=participant, actor=participant, first_name=participant.first_name)
    assert not AuditEvent.objects.exists()


def test_profile_update_refuses_an_email_another_account_has(participant):
    UserFactory(username="other", email="taken@example.org")
    with pytest.raises(EmailInUseError) as error:
        user_profile_update(user=participant, actor=participant, email="TAKEN@example.org")
    assert error.value.status_code == 409
    participant.refresh_from_db()
    assert participant.email == "pat@example.org"


def test_profile_update_refuses_an_unknown_language(participant):
    with pytest.raises(ApplicationError) as error:
        user_profile_update(user=participant, actor=participant, preferred_language="klingon")
    assert "preferred_language" in error.value.fields
    participant.refresh_from_db()
    assert participant.preferred_language == "en"
