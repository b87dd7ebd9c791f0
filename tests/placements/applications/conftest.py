import pytest

from jobseekers.models import ConsentKind
from tests.factories.applications import ApplicationFactory, ResumeVersionFactory
from tests.factories.employers import JobFactory
from tests.factories.jobseekers import (
    ConsentFactory,
    ParticipantFactory,
    RecordEntryFactory,
    ResumeFactory,
)


@pytest.fixture
def job(employer):
    return JobFactory(employer=employer, title="Forklift operator")


@pytest.fixture
def person(participant, staff_user):
    """Pat, on fran's caseload, with the `participant` login, a felony on record and
    a résumé version."""
    person = ParticipantFactory(
        user=participant,
        facilitator=staff_user,
        first_name="Pat",
        last_name="Doe",
        email="pat@example.org",
    )
    RecordEntryFactory(participant=person)
    return person


@pytest.fixture
def resume_version(person):
    return ResumeVersionFactory(resume=ResumeFactory(participant=person))


@pytest.fixture
def consenting(person):
    """Pat shares the profile and the record summary."""
    ConsentFactory(participant=person, kind=ConsentKind.SHARE_PROFILE_WITH_APPLIED_EMPLOYERS)
    ConsentFactory(participant=person, kind=ConsentKind.SHARE_RECORD_SUMMARY)
    return person


@pytest.fixture
def application(person, job, resume_version):
    return ApplicationFactory(participant=person, job=job, resume_version=resume_version)
