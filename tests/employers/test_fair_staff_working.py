"""Who works a fair (`HiringFair.staff_working`): chosen by a program admin or the
fair's organiser on the fair's form and through the API; they alone (with admins) see
the fair's whole RSVP list at the door (tests/placements/fairs/test_privacy.py)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from employers.services import fair_create, fair_staff_working_set, fair_update
from portal.core.exceptions import ApplicationError, PermissionDeniedError
from portal.core.models import AuditEvent, Role
from tests.factories.employers import FairFactory
from tests.factories.users import UserFactory

from .test_services_fairs import fair_details

pytestmark = pytest.mark.django_db


@pytest.fixture
def organised(staff_user):
    """A published fair organised (created) by `staff_user` (fran)."""
    return FairFactory(created_by=staff_user)


@pytest.fixture
def helper(db):
    return UserFactory(role=Role.STAFF, username="hana", first_name="Hana")


def working(fair) -> set[str]:
    return set(fair.staff_working.values_list("username", flat=True))


def test_the_organiser_and_admins_choose_who_works_the_fair(
    organised, staff_user, admin_user, helper, other_staff
):
    fair_staff_working_set(fair=organised, staff_working=[helper.pk], actor=staff_user)
    assert working(organised) == {"hana"}
    fair_staff_working_set(
        fair=organised, staff_working=[helper.pk, other_staff.pk], actor=admin_user
    )
    assert working(organised) == {"hana", other_staff.username}
    event = AuditEvent.objects.filter(action="fair.staff_working_changed").latest("id")
    assert event.actor == admin_user and event.details == {"added": [other_staff.pk], "removed": []}


def test_other_staff_may_not_choose_and_nothing_changes(organised, other_staff, helper):
    with pytest.raises(PermissionDeniedError, match="organiser"):
        fair_staff_working_set(fair=organised, staff_working=[other_staff.pk], actor=other_staff)
    with pytest.raises(PermissionDeniedError):
        fair_update(
            fair=organised,
            details=fair_details(),
            actor=other_staff,
            staff_working=[other_staff.pk],
        )
    assert working(organised) == set()
    # Without `staff_working` they still change the fair itself, as before.
    fair_update(fair=organised, details=fair_details(title="Renamed"), actor=other_staff)
    organised.refresh_from_db()
    assert organised.title == "Renamed"


@pytest.mark.parametrize("who", ["participant", "employer_user", "inactive", "missing"])
def test_only_active_staff_can_work_a_fair(request, organised, staff_user, helper, who):
    organised.staff_working.add(helper)
    if who == "inactive":
        pk = UserFactory(role=Role.STAFF, is_active=False).pk
    elif who == "missing":
        pk = 999_999
    else:
        pk = request.getfixturevalue(who).pk
    with pytest.raises(ApplicationError) as error:
        fair_staff_working_set(fair=organised, staff_working=[helper.pk, pk], actor=staff_user)
    assert "staff_working" in error.value.fields
    assert working(organised) == {"hana"}


def test_the_creator_names_the_staff_when_creating(staff_user, helper):
    fair = fair_create(details=fair_details(), actor=staff_user, staff_working=[helper.pk])
    assert fair.created_by == staff_user and working(fair) == {"hana"}


# --- the fair's form --------------------------------------------------------------------


def _form_values(fair, **extra):
    starts = timezone.localtime(timezone.now() + dt.timedelta(days=20))
    values = {
        "title": fair.title,
        "kind": fair.kind,
        "venue": fair.venue,
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "registration_deadline": (starts - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "employer_capacity": 10,
        "participant_capacity": 100,
        "booth_fee": "0",
    }
    values.update(extra)
    return values


def test_the_organiser_ticks_the_staff_on_the_fair_form(client, organised, staff_user, helper):
    client.force_login(staff_user)
    url = reverse("employers:staff-fair-edit", args=[organised.pk])
    page = client.get(url).content.decode()
    assert "Staff working the fair" in page and 'type="checkbox"' in page
    response = client.post(url, _form_values(organised, staff_working=[helper.pk]))
    assert response.status_code == 302
    assert working(organised) == {"hana"}
    page = client.get(reverse("employers:staff-fair", args=[organised.pk])).content.decode()
    assert "Hana" in page


def test_other_staff_see_no_staff_boxes_and_cannot_post_them(
    client, organised, other_staff, helper
):
    organised.staff_working.add(helper)
    client.force_login(other_staff)
    url = reverse("employers:staff-fair-edit", args=[organised.pk])
    assert "Staff working the fair" not in client.get(url).content.decode()
    client.post(url, _form_values(organised, staff_working=[other_staff.pk]))
    assert working(organised) == {"hana"}  # the field is ignored, the list kept


# --- the API ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("staff_user", 200),  # the organiser
        ("admin_user", 200),
        ("other_staff", 403),
        ("employer_user", 403),
        ("participant", 403),
    ],
)
def test_api_sets_the_staff_working(request, api_client, organised, helper, who, expected):
    api_client.force_authenticate(request.getfixturevalue(who))
    url = f"/api/v1/fairs/{organised.pk}/staff-working/"
    response = api_client.put(url, {"staff_working": [helper.pk]}, format="json")
    assert response.status_code == expected
    if expected == 200:
        assert response.json() == {
            "staff_working": [{"id": helper.pk, "name": helper.get_full_name()}]
        }
    assert working(organised) == ({"hana"} if expected == 200 else set())


def test_api_refuses_a_non_staff_id_naming_the_field(
    api_client, organised, staff_user, participant
):
    api_client.force_authenticate(staff_user)
    url = f"/api/v1/fairs/{organised.pk}/staff-working/"
    response = api_client.put(url, {"staff_working": [participant.pk]}, format="json")
    assert response.status_code == 400
    assert "staff_working" in response.json()["fields"]
    assert api_client.get(url).json() == {"staff_working": []}


def test_api_creates_a_fair_with_its_staff(api_client, staff_user, helper):
    starts = timezone.now() + dt.timedelta(days=30)
    body = {
        "title": "Fair at the reentry center",
        "kind": "community",
        "venue": "Reentry center",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + dt.timedelta(hours=2)).isoformat(),
        "registration_deadline": (starts - dt.timedelta(days=1)).isoformat(),
        "employer_capacity": 5,
        "participant_capacity": 50,
        "booth_fee": "0",
        "staff_working": [helper.pk],
    }
    api_client.force_authenticate(staff_user)
    response = api_client.post("/api/v1/fairs/", body, format="json")
    assert response.status_code == 201
    assert "staff_working" not in response.json()  # the public fair list never shows staff
    fair = FairFactory._meta.model.objects.get(pk=response.json()["id"])
    assert working(fair) == {"hana"}
