import pytest

from jobseekers.models import ConsentKind
from portal.core.models import Role
from tests.factories.employers import FairFactory
from tests.factories.fairs import ConfirmedBoothFactory
from tests.factories.jobseekers import ConsentFactory, ParticipantFactory
from tests.factories.users import UserFactory

FAIR_CONSENT = ConsentKind.SHARE_PROFILE_WITH_FAIR_EMPLOYERS


@pytest.fixture
def fair(db):
    """A published community fair in 20 days, RSVPs open for 17 more days."""
    return FairFactory(participant_capacity=100)


@pytest.fixture
def person(participant, staff_user):
    """Pat: the `participant` login's record, on `staff_user`'s (fran's) caseload."""
    return ParticipantFactory(user=participant, facilitator=staff_user, first_name="Pat")


@pytest.fixture
def other_staff(db):
    return UserFactory(role=Role.STAFF, username="otto")


@pytest.fixture
def other_person(other_staff):
    """Someone on another staff member's caseload, with their own login."""
    return ParticipantFactory(
        user=UserFactory(role=Role.PARTICIPANT, username="olga"),
        facilitator=other_staff,
        first_name="Olga",
    )


@pytest.fixture
def booth(fair, employer):
    """`employer` (erin's organization) has a confirmed booth at `fair`."""
    return ConfirmedBoothFactory(fair=fair, employer=employer)


def give_consent(participant, given=True):
    return ConsentFactory(participant=participant, kind=FAIR_CONSENT, given=given)


@pytest.fixture
def working_staff(fair):
    """A staff member with no caseload at `fair`, assigned to work it."""
    user = UserFactory(role=Role.STAFF, username="wendy", first_name="Wendy")
    fair.staff_working.add(user)
    return user
