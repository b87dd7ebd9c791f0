import pytest
from django.conf import settings
from django.utils import translation

from jobseekers.models import ConsentKind
from portal.core.models import Role
from tests.factories.applications import ApplicationFactory, ResumeVersionFactory
from tests.factories.employers import EmployerFactory, JobFactory, MembershipFactory
from tests.factories.jobseekers import (
    ConsentFactory,
    ParticipantFactory,
    RecordEntryFactory,
    ResumeFactory,
)
from tests.factories.users import UserFactory


@pytest.fixture
def employer(employer_user):
    """The approved organization `employer_user` (erin) is a member of."""
    return MembershipFactory(user=employer_user, employer=EmployerFactory()).employer


@pytest.fixture
def job(employer):
    return JobFactory(employer=employer, title="Forklift operator")


@pytest.fixture
def other_employer_user(db):
    user = UserFactory(role=Role.EMPLOYER, username="omar")
    MembershipFactory(user=user, employer=EmployerFactory(display_name="Other Co"))
    return user


@pytest.fixture
def other_staff(db):
    return UserFactory(role=Role.STAFF, username="olga")


@pytest.fixture
def other_participant_user(db):
    return UserFactory(role=Role.PARTICIPANT, username="otto")


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


@pytest.fixture
def mail_at_once(monkeypatch):
    """Run on-commit callbacks (the queued emails) at once: the test never commits."""
    monkeypatch.setattr(
        "portal.core.tasks.transaction.on_commit", lambda callback, *args, **kwargs: callback()
    )


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A page in Spanish leaves Spanish active in the thread (the locale middleware does
    not switch back): later tests, here and in other folders, expect English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
