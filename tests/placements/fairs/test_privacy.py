"""Who sees whose fair RSVPs (issue 16, "Fair registrations follow the caseload rule").

A fair inside a prison lists people not released yet, so its RSVP list is scoped: a
facilitator sees their caseload's RSVPs, the staff assigned to work the fair and admins
see every name (for the door, never a way to the record), employers and participants
never see other people's RSVPs. The same holds on the check-in page and in the API."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from employers.models import FairKind
from portal.core.models import Role
from tests.factories.employers import FairFactory
from tests.factories.fairs import ConfirmedBoothFactory, RegistrationFactory
from tests.factories.jobseekers import ParticipantFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

INSIDE = timezone.localdate() + dt.timedelta(days=60)


@pytest.fixture
def prison_fair(db):
    return FairFactory(kind=FairKind.FACILITY, participant_capacity=50)


@pytest.fixture
def people(prison_fair, participant, staff_user, other_staff):
    """Pat (the `participant` login, staff_user's caseload) and Quinn (other_staff's),
    both pre-release and registered for the prison fair."""
    pat = ParticipantFactory(
        user=participant,
        facilitator=staff_user,
        first_name="Pat",
        last_name="Inside",
        release_date=INSIDE,
    )
    quinn = ParticipantFactory(
        facilitator=other_staff, first_name="Quinn", last_name="Notreleased", release_date=INSIDE
    )
    return {
        "pat": RegistrationFactory(fair=prison_fair, participant=pat),
        "quinn": RegistrationFactory(fair=prison_fair, participant=quinn),
    }


@pytest.fixture
def viewers(prison_fair, admin_user, staff_user, employer_user, employer, participant):
    """The roles of the matrix. `other_facilitator` has a caseload, but nobody on it
    registered; `working_facilitator` works the fair and has no caseload there."""
    ConfirmedBoothFactory(fair=prison_fair, employer=employer)
    working = UserFactory(role=Role.STAFF, username="wendy")
    prison_fair.staff_working.add(working)
    other = UserFactory(role=Role.STAFF, username="oscar")
    ParticipantFactory(facilitator=other, release_date=INSIDE)
    return {
        "admin": admin_user,
        "facilitator_with_caseload": staff_user,
        "other_facilitator": other,
        "working_facilitator": working,
        "employer": employer_user,
        "participant": participant,
    }


# viewer: (page status, names the page and the API list)
MATRIX = {
    "admin": (200, {"pat", "quinn"}),
    "facilitator_with_caseload": (200, {"pat"}),
    "other_facilitator": (200, set()),
    "working_facilitator": (200, {"pat", "quinn"}),
    "employer": (404, set()),
    "participant": (404, {"pat"}),  # the API gives a participant their own RSVP
}


def _names_in(text: str, people) -> set[str]:
    return {key for key, row in people.items() if row.participant.display_name in text}


@pytest.mark.parametrize("viewer", list(MATRIX))
def test_check_in_page_lists_only_the_names_a_viewer_may_see(
    client, prison_fair, people, viewers, viewer
):
    status, names = MATRIX[viewer]
    client.force_login(viewers[viewer])
    response = client.get(reverse("placements:fair-check-in", args=[prison_fair.pk]))
    assert response.status_code == status
    if status == 200:
        assert _names_in(response.content.decode(), people) == names


@pytest.mark.parametrize("viewer", list(MATRIX))
def test_api_rsvp_list_returns_only_the_rows_a_viewer_may_see(
    api_client, prison_fair, people, viewers, viewer
):
    _status, names = MATRIX[viewer]
    api_client.force_authenticate(viewers[viewer])
    response = api_client.get(f"/api/v1/fairs/{prison_fair.pk}/registrations/")
    assert response.status_code == 200  # the fair itself is published, so not a secret
    body = response.json()
    listed = {row["participant_name"] for row in body["results"]}
    expected = {people[key].participant.display_name for key in names}
    assert listed == expected and body["count"] == len(expected)


def test_working_the_fair_shows_names_but_no_way_to_the_record(
    client, prison_fair, people, viewers
):
    client.force_login(viewers["working_facilitator"])
    page = client.get(reverse("placements:fair-check-in", args=[prison_fair.pk])).content.decode()
    for registration in people.values():
        assert registration.participant.display_name in page
        rsvp_page = reverse("placements:fair-registration", args=[registration.pk])
        assert f'href="{rsvp_page}"' not in page
        person_page = reverse("jobseekers:participant", args=[registration.participant_id])
        assert f'href="{person_page}"' not in page
    # ... nor the RSVP's own page.
    response = client.get(reverse("placements:fair-registration", args=[people["quinn"].pk]))
    assert response.status_code == 404


def test_staff_not_working_the_fair_get_no_door_tools(client, prison_fair, people, viewers):
    client.force_login(viewers["facilitator_with_caseload"])
    url = reverse("placements:fair-check-in", args=[prison_fair.pk])
    page = client.get(url).content.decode()
    assert "you see only the RSVPs of your caseload" in page
    assert "Walk-in: register and check in" not in page
    assert reverse("placements:fair-registration-check-in", args=[people["pat"].pk]) not in page
    # A walk-in posted anyway is refused and registers nobody.
    newcomer = ParticipantFactory(facilitator=viewers["facilitator_with_caseload"])
    response = client.post(url, {"walk_in-participant": newcomer.pk})
    assert response.status_code == 403
    assert not newcomer.fair_registrations.exists()


def test_a_facilitator_sees_a_quinn_on_the_list_once_assigned(
    client, admin_user, prison_fair, people, viewers
):
    """The organiser or an admin assigns staff on the fair's form; from then on the
    assigned facilitator's list holds every RSVP."""
    facilitator = viewers["other_facilitator"]
    url = reverse("placements:fair-check-in", args=[prison_fair.pk])
    client.force_login(facilitator)
    assert "Quinn" not in client.get(url).content.decode()
    prison_fair.staff_working.add(facilitator)
    assert "Quinn" in client.get(url).content.decode()
