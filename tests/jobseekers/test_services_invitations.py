"""Invitation codes: a participant makes their login with one (single use, expiring,
replaced by a new one)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jobseekers import services
from jobseekers.exceptions import (
    AccountExistsError,
    InvitationError,
)
from jobseekers.models import (
    Invitation,
    Participant,
)
from portal.core.exceptions import ApplicationError
from portal.core.models import User
from tests.factories.jobseekers import (
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db


def test_invitation_claim_makes_a_participant_login(staff_user):
    person = ParticipantFactory(facilitator=staff_user, user=None)
    invitation, code = services.invitation_issue(participant=person, actor=staff_user)

    # Only a hash is stored, and the code works in lower case and without its dash.
    assert code.replace("-", "") not in invitation.code_hash
    user = services.invitation_claim(
        code=code.lower().replace("-", ""), username="newperson", password="a long pass phrase 9"
    )

    person.refresh_from_db()
    assert person.user == user
    assert user.role == "participant"
    assert user.check_password("a long pass phrase 9")
    assert Invitation.objects.get().used_at is not None
    assert timezone.now() + timedelta(days=13) < invitation.expires_at


def test_used_code_is_refused(staff_user):
    person = ParticipantFactory(facilitator=staff_user, user=None)
    _invitation, code = services.invitation_issue(participant=person, actor=staff_user)
    services.invitation_claim(code=code, username="first", password="a long pass phrase 9")

    with pytest.raises(InvitationError, match="already used"):
        services.invitation_claim(code=code, username="second", password="a long pass phrase 9")
    assert not User.objects.filter(username="second").exists()


def test_expired_code_is_refused(staff_user):
    person = ParticipantFactory(facilitator=staff_user, user=None)
    invitation, code = services.invitation_issue(participant=person, actor=staff_user)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    with pytest.raises(InvitationError, match="expired"):
        services.invitation_claim(code=code, username="late", password="a long pass phrase 9")
    assert not User.objects.filter(username="late").exists()


def test_a_new_code_replaces_the_old_one(staff_user):
    person = ParticipantFactory(facilitator=staff_user, user=None)
    _first, old_code = services.invitation_issue(participant=person, actor=staff_user)
    services.invitation_issue(participant=person, actor=staff_user)

    with pytest.raises(InvitationError, match="expired"):
        services.invitation_claim(code=old_code, username="old", password="a long pass phrase 9")


def test_unknown_code_and_short_password_are_refused(staff_user):
    person = ParticipantFactory(facilitator=staff_user, user=None)
    _invitation, code = services.invitation_issue(participant=person, actor=staff_user)

    with pytest.raises(InvitationError, match="not right"):
        services.invitation_claim(code="AAAAA-BBBBB", username="x1", password="a long pass 99")
    with pytest.raises(ApplicationError) as error:
        services.invitation_claim(code=code, username="x2", password="short1")
    assert "password" in error.value.fields
    assert not User.objects.filter(username__in=["x1", "x2"]).exists()
    assert Invitation.objects.get().used_at is None


def test_no_second_account_for_one_participant(person, staff_user):
    with pytest.raises(AccountExistsError):
        services.invitation_issue(participant=person, actor=staff_user)

    # A code issued before the first account was made cannot make a second one.
    other = ParticipantFactory(facilitator=staff_user, user=None)
    _invitation, code = services.invitation_issue(participant=other, actor=staff_user)
    Participant.objects.filter(pk=other.pk).update(
        user=User.objects.create_user(username="already", role="participant")
    )
    with pytest.raises(AccountExistsError):
        services.invitation_claim(code=code, username="second", password="a long pass phrase 9")
    assert not User.objects.filter(username="second").exists()
