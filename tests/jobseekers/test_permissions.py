"""Predicates of `jobseekers.permissions` that pages use to decide what to offer."""

import pytest

from jobseekers.permissions import can_issue_invitation
from tests.factories.jobseekers import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_only_the_caseload_staff_issue_an_invitation_and_only_before_a_login(
    person, staff_user, other_staff, admin_user, participant
):
    without_login = ParticipantFactory(facilitator=staff_user)

    assert can_issue_invitation(staff_user, without_login)
    assert can_issue_invitation(admin_user, without_login)
    assert not can_issue_invitation(other_staff, without_login)
    assert not can_issue_invitation(participant, without_login)
    assert not can_issue_invitation(staff_user, person)  # has the `participant` login


def test_the_participant_page_offers_an_invitation_only_without_a_login(client, person, staff_user):
    without_login = ParticipantFactory(facilitator=staff_user)
    client.force_login(staff_user)

    offered = client.get(f"/participants/{without_login.pk}/")
    not_offered = client.get(f"/participants/{person.pk}/")

    assert offered.context["can_issue_invitation"] is True
    assert "Make an invitation code" in offered.content.decode()
    assert not_offered.context["can_issue_invitation"] is False
    assert "Make an invitation code" not in not_offered.content.decode()
    assert "This person has an account." in not_offered.content.decode()
