"""The fairs area's API: the contract paths, each endpoint against each role, errors in
the portal's one shape, and the OpenAPI schema."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from placements.models import FairRegistration, InterviewBooking, InterviewSlot
from tests.factories.employers import FairFactory
from tests.factories.fairs import BookingFactory, RegistrationFactory, SlotFactory

from .conftest import give_consent

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "self",
    "other_participant",
    "booth_employer",
    "other_employer",
    "caseload_staff",
    "other_staff",
    "admin",
    "working_staff",
]


@pytest.fixture
def actors(
    participant,
    other_person,
    employer_user,
    other_employer_user,
    staff_user,
    other_staff,
    admin_user,
    working_staff,
    booth,
):
    return {
        "anonymous": None,
        "self": participant,
        "other_participant": other_person.user,
        "booth_employer": employer_user,
        "other_employer": other_employer_user,
        "caseload_staff": staff_user,
        "other_staff": other_staff,
        "admin": admin_user,
        "working_staff": working_staff,
    }


def as_(api_client, user):
    if user is not None:
        api_client.force_authenticate(user)
    return api_client


def test_participant_registers_themself_with_opt_in(api_client, participant, person, fair):
    response = as_(api_client, participant).post(
        f"/api/v1/fairs/{fair.pk}/registrations/", {"share_profile": True}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["participant_id"] == person.pk and body["shares_profile"] is True
    assert body["status"] == "registered"


def test_staff_register_a_caseload_participant_by_id(api_client, staff_user, person, fair):
    response = as_(api_client, staff_user).post(
        f"/api/v1/fairs/{fair.pk}/registrations/", {"participant_id": person.pk}, format="json"
    )
    assert response.status_code == 201
    assert FairRegistration.objects.get().registered_by == staff_user


def test_staff_without_participant_id_get_a_field_error(api_client, staff_user, fair):
    response = as_(api_client, staff_user).post(f"/api/v1/fairs/{fair.pk}/registrations/", {})
    assert response.status_code == 400
    assert "participant_id" in response.json()["fields"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("self", 201),
        ("other_participant", 404),
        ("booth_employer", 404),
        ("other_employer", 404),
        ("caseload_staff", 201),
        ("other_staff", 404),
        ("admin", 201),
    ],
)
def test_register_for_pat_matrix(api_client, actors, person, fair, role, expected):
    response = as_(api_client, actors[role]).post(
        f"/api/v1/fairs/{fair.pk}/registrations/", {"participant_id": person.pk}, format="json"
    )
    assert response.status_code == expected
    assert FairRegistration.objects.filter(participant=person).exists() == (expected == 201)


def test_full_fair_is_a_409_with_a_clear_message(api_client, participant, person):
    fair = FairFactory(participant_capacity=1)
    RegistrationFactory(fair=fair)
    response = as_(api_client, participant).post(f"/api/v1/fairs/{fair.pk}/registrations/", {})
    assert response.status_code == 409
    assert response.json()["code"] == "fair_full"
    assert "full" in response.json()["detail"]


def test_community_fair_before_the_release_is_a_409_with_the_reason(
    api_client, participant, person
):
    fair = FairFactory()  # a community fair in 20 days
    person.release_date = timezone.localdate() + dt.timedelta(days=60)
    person.save(update_fields=["release_date"])
    response = as_(api_client, participant).post(f"/api/v1/fairs/{fair.pk}/registrations/", {})
    assert response.status_code == 409
    assert response.json()["code"] == "not_released_by_fair"
    assert "is not released until" in response.json()["detail"]
    assert not FairRegistration.objects.filter(participant=person).exists()


def test_draft_fair_is_a_404_for_participants(api_client, participant, person):
    fair = FairFactory(status="draft")
    response = as_(api_client, participant).post(f"/api/v1/fairs/{fair.pk}/registrations/", {})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("role", "expected_status", "expected_rows"),
    [
        ("anonymous", 401, None),
        ("self", 200, 1),
        ("other_participant", 200, 0),
        ("booth_employer", 200, 0),
        ("other_employer", 200, 0),
        ("caseload_staff", 200, 1),
        ("other_staff", 200, 0),
        ("admin", 200, 2),
        ("working_staff", 200, 2),
    ],
)
def test_list_registrations_matrix(
    api_client, actors, person, fair, role, expected_status, expected_rows
):
    RegistrationFactory(fair=fair, participant=person)
    RegistrationFactory(fair=fair)
    response = as_(api_client, actors[role]).get(f"/api/v1/fairs/{fair.pk}/registrations/")
    assert response.status_code == expected_status
    if expected_rows is not None:
        assert response.json()["count"] == expected_rows


def test_list_registrations_query_budget(api_client, staff_user, fair):
    as_(api_client, staff_user)
    url = f"/api/v1/fairs/{fair.pk}/registrations/"
    counts = []
    for rows in (1, 29):
        for _ in range(rows):
            RegistrationFactory(fair=fair)
        with CaptureQueriesContext(connection) as queries:
            assert api_client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 8


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("self", 404),
        ("other_participant", 404),
        ("booth_employer", 200),
        ("other_employer", 404),
        ("caseload_staff", 404),
        ("other_staff", 404),
        ("admin", 404),
    ],
)
def test_attendees_matrix(api_client, actors, person, fair, role, expected):
    give_consent(person)
    RegistrationFactory(fair=fair, participant=person, shares_profile=True)
    response = as_(api_client, actors[role]).get(f"/api/v1/fairs/{fair.pk}/attendees/")
    assert response.status_code == expected
    if expected == 200:
        row = response.json()["results"][0]
        assert row["participant_id"] == person.pk
        assert set(row) == {
            "registration_id",
            "participant_id",
            "name",
            "desired_job_titles",
            "preferred_shifts",
            "skills",
            "status",
            "latest_resume_version_id",
        }


def test_attendees_disappear_when_the_consent_is_withdrawn(
    api_client, employer_user, booth, fair, person
):
    give_consent(person)
    RegistrationFactory(fair=fair, participant=person, shares_profile=True)
    as_(api_client, employer_user)
    assert api_client.get(f"/api/v1/fairs/{fair.pk}/attendees/").json()["count"] == 1
    give_consent(person, given=False)
    assert api_client.get(f"/api/v1/fairs/{fair.pk}/attendees/").json()["count"] == 0


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("self", 404),
        ("other_participant", 404),
        ("booth_employer", 201),
        ("other_employer", 409),
        ("caseload_staff", 404),
        ("other_staff", 404),
        ("admin", 404),
    ],
)
def test_offer_slot_matrix(api_client, actors, fair, role, expected):
    starts = fair.starts_at + dt.timedelta(minutes=15)
    response = as_(api_client, actors[role]).post(
        f"/api/v1/fairs/{fair.pk}/interview-slots/",
        {"starts_at": starts.isoformat(), "length_minutes": 15, "mode": "in_person", "place": "T1"},
        format="json",
    )
    assert response.status_code == expected, response.content
    if expected == 409:
        assert response.json()["code"] == "no_confirmed_booth"
    assert InterviewSlot.objects.exists() == (expected == 201)


def test_slot_list_per_role(api_client, actors, fair, employer, person):
    SlotFactory(fair=fair, employer=employer)
    SlotFactory(fair=fair)
    counts = {}
    for role in ("self", "booth_employer", "caseload_staff", "other_participant"):
        api_client.force_authenticate(None)
        response = as_(api_client, actors[role]).get(f"/api/v1/fairs/{fair.pk}/interview-slots/")
        counts[role] = response.json()["count"]
    RegistrationFactory(fair=fair, participant=person)
    api_client.force_authenticate(actors["self"])
    after_rsvp = api_client.get(f"/api/v1/fairs/{fair.pk}/interview-slots/").json()["count"]
    assert counts == {
        "self": 0,  # no RSVP yet
        "booth_employer": 1,  # its own
        "caseload_staff": 2,
        "other_participant": 0,
    }
    assert after_rsvp == 2


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("self", 201),
        ("other_participant", 404),
        ("booth_employer", 404),
        ("other_employer", 404),
        ("caseload_staff", 201),
        ("other_staff", 404),
        ("admin", 201),
    ],
)
def test_book_slot_matrix(api_client, actors, fair, employer, person, role, expected):
    give_consent(person)
    RegistrationFactory(fair=fair, participant=person, shares_profile=True)
    slot = SlotFactory(fair=fair, employer=employer)
    response = as_(api_client, actors[role]).post(
        f"/api/v1/interview-slots/{slot.pk}/booking/",
        {"participant_id": person.pk} if role != "self" else {},
        format="json",
    )
    assert response.status_code == expected, response.content
    assert InterviewBooking.objects.exists() == (expected == 201)


def test_booking_twice_is_409_slot_taken(api_client, staff_user, fair, employer, person):
    give_consent(person)
    registration = RegistrationFactory(fair=fair, participant=person, shares_profile=True)
    slot = SlotFactory(fair=fair, employer=employer)
    BookingFactory(slot=slot)
    response = as_(api_client, staff_user).post(
        f"/api/v1/interview-slots/{slot.pk}/booking/", {"participant_id": person.pk}
    )
    assert response.status_code == 409 and response.json()["code"] == "slot_taken"
    assert not InterviewBooking.objects.filter(registration=registration).exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("self", 204),
        ("other_participant", 404),
        ("booth_employer", 204),
        ("other_employer", 404),
        ("caseload_staff", 204),
        ("other_staff", 404),
        ("admin", 204),
    ],
)
def test_cancel_booking_matrix(api_client, actors, fair, employer, person, role, expected):
    registration = RegistrationFactory(fair=fair, participant=person, shares_profile=True)
    booking = BookingFactory(
        slot=SlotFactory(fair=fair, employer=employer), registration=registration
    )
    response = as_(api_client, actors[role]).delete(
        f"/api/v1/interview-slots/{booking.slot_id}/booking/"
    )
    assert response.status_code == expected
    booking.refresh_from_db()
    assert (booking.status == "cancelled") == (expected == 204)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("self", 404),
        ("other_participant", 404),
        ("booth_employer", 204),
        ("other_employer", 404),
        ("caseload_staff", 204),
        ("other_staff", 204),
        ("admin", 204),
    ],
)
def test_withdraw_slot_matrix(api_client, actors, fair, employer, role, expected):
    slot = SlotFactory(fair=fair, employer=employer)
    response = as_(api_client, actors[role]).delete(f"/api/v1/interview-slots/{slot.pk}/")
    assert response.status_code == expected
    slot.refresh_from_db()
    assert (slot.status == "cancelled") == (expected == 204)


@pytest.mark.parametrize(
    ("role", "cancel", "check_in"),
    [
        ("anonymous", 401, 401),
        # Those who see the RSVP but do not work the fair are refused; others: 404.
        ("self", 200, 403),
        ("other_participant", 404, 404),
        ("booth_employer", 404, 404),
        ("other_employer", 404, 404),
        ("caseload_staff", 200, 403),
        ("other_staff", 404, 404),
        ("admin", 200, 200),
        ("working_staff", 404, 200),
    ],
)
def test_cancel_and_check_in_matrix(api_client, actors, person, role, cancel, check_in):
    start = timezone.now() - dt.timedelta(hours=1)
    today = FairFactory(starts_at=start, ends_at=start + dt.timedelta(hours=4))
    today.staff_working.add(actors["working_staff"])
    upcoming = RegistrationFactory(participant=person)
    at_door = RegistrationFactory(fair=today, participant=person)
    as_(api_client, actors[role])
    response = api_client.post(f"/api/v1/fair-registrations/{upcoming.pk}/cancel/")
    assert response.status_code == cancel
    response = api_client.post(f"/api/v1/fair-registrations/{at_door.pk}/check-in/")
    assert response.status_code == check_in
    at_door.refresh_from_db()
    assert (at_door.status == "checked_in") == (check_in == 200)


def test_sharing_endpoint(api_client, participant, person, fair):
    registration = RegistrationFactory(fair=fair, participant=person)
    response = as_(api_client, participant).post(
        f"/api/v1/fair-registrations/{registration.pk}/sharing/", {"share": True}, format="json"
    )
    assert response.status_code == 200 and response.json()["shares_profile"] is True


def test_schema_documents_the_fairs_endpoints(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    for path in (
        "/api/v1/fairs/{id}/registrations/",
        "/api/v1/fairs/{id}/interview-slots/",
        "/api/v1/fairs/{id}/attendees/",
        "/api/v1/interview-slots/{id}/booking/",
        "/api/v1/interview-slots/{id}/",
        "/api/v1/fair-registrations/{id}/check-in/",
    ):
        assert path in schema["paths"], path
    assert set(schema["paths"]["/api/v1/fairs/{id}/registrations/"]) >= {"get", "post"}
    assert set(schema["paths"]["/api/v1/interview-slots/{id}/booking/"]) >= {"post", "delete"}
