import pytest

from tests.factories.jobseekers import ParticipantFactory
from tests.factories.users import UserFactory


@pytest.fixture
def other_staff(db):
    return UserFactory(staff=True, username="olga")


@pytest.fixture
def other_participant_user(db):
    return UserFactory(participant=True, username="otto")


@pytest.fixture
def person(participant, staff_user):
    """A participant on `staff_user`'s caseload, linked to the `participant` login."""
    return ParticipantFactory(
        user=participant,
        facilitator=staff_user,
        first_name="Pat",
        last_name="Doe",
        zip_code="64106",
        transport=["bus"],
        desired_job_titles=["Forklift operator"],
    )


@pytest.fixture
def other_person(other_participant_user, other_staff):
    return ParticipantFactory(user=other_participant_user, facilitator=other_staff)
