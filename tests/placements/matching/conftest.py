import pytest

from tests.factories.jobseekers import ParticipantFactory


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
