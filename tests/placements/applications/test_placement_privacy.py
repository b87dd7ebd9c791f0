"""What the employer of a hire may not see: the retention checks (outcomes, how they
were verified, staff's notes) are caseload staff's, as on the page; a return to custody
reads as "Left the job"."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.models import RetentionCheck, SeparationReason
from tests.factories.applications import PlacementFactory

from .test_api import as_user

CODES = {
    "anonymous": (401, 403),
    "participant": (404,),
    "other_participant": (404,),
    "employer": (404,),
    "other_employer": (404,),
    "staff": (200,),
    "other_staff": (404,),
    "admin": (200,),
}


@pytest.fixture
def users(
    participant,
    other_participant_user,
    employer_user,
    other_employer_user,
    staff_user,
    other_staff,
    admin_user,
):
    return {
        "anonymous": None,
        "participant": participant,
        "other_participant": other_participant_user,
        "employer": employer_user,
        "other_employer": other_employer_user,
        "staff": staff_user,
        "other_staff": other_staff,
        "admin": admin_user,
    }


@pytest.fixture
def placement(person, employer):
    placement = PlacementFactory(
        participant=person,
        employer=employer,
        start_date=timezone.localdate() - dt.timedelta(days=40),
    )
    RetentionCheck.objects.filter(placement=placement, days=30).update(
        outcome="same_employer",
        verified_by="participant",
        note="Staff note: struggling with the curfew",
        recorded_at=timezone.now(),
    )
    return placement


@pytest.mark.parametrize("who", list(CODES))
def test_retention_checks_get_matrix(api_client, users, placement, who):
    response = as_user(api_client, users[who]).get(
        f"/api/v1/placements/{placement.pk}/retention-checks/"
    )
    assert response.status_code in CODES[who]
    if response.status_code == 200:
        assert response.json()[0]["note"].startswith("Staff note")
    else:
        assert "curfew" not in response.content.decode()


@pytest.mark.parametrize("who", list(CODES))
def test_retention_checks_patch_matrix(api_client, users, placement, who):
    check = placement.retention_checks.get(days=90)
    RetentionCheck.objects.filter(pk=check.pk).update(due_on=timezone.localdate())
    response = as_user(api_client, users[who]).patch(
        f"/api/v1/placements/{placement.pk}/retention-checks/",
        {"id": check.pk, "outcome": "unknown"},
        format="json",
    )
    assert response.status_code in CODES[who]
    check.refresh_from_db()
    assert (check.outcome == "unknown") == (response.status_code == 200)


@pytest.fixture
def custody(placement, staff_user):
    placement.separated_on = timezone.localdate()
    placement.separation_reason = SeparationReason.RETURNED_TO_CUSTODY
    placement.save()
    return placement


@pytest.mark.parametrize(
    ("who", "code", "label"),
    [
        ("employer", "left", "Left the job"),
        ("staff", "returned_to_custody", "Returned to custody"),
        ("admin", "returned_to_custody", "Returned to custody"),
        ("participant", "returned_to_custody", "Returned to custody"),
    ],
)
def test_separation_reason_for_the_employer_is_neutral(
    api_client, client, users, custody, who, code, label
):
    listed = as_user(api_client, users[who]).get("/api/v1/placements/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [row["separation_reason"] for row in rows if row["id"] == custody.pk] == [code]
    client.force_login(users[who])
    page = client.get(reverse("placements:placement-detail", args=[custody.pk])).content.decode()
    assert label in page
    if who == "employer":
        assert "custody" not in page.lower()
