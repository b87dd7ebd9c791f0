"""Staff record the bonding agency's answer to a Federal Bonding request: issued with the
bond number (coverage six months from the first day) or denied with a reason, once."""

import datetime as dt

import pytest
from django.urls import reverse

from placements.applications import services
from placements.models import BondingRequest, BondingStatus
from portal.core.exceptions import ConflictError, NotFoundError
from portal.core.models import AuditEvent
from tests.factories.applications import PlacementFactory

from .test_api import as_user

START = dt.date(2026, 1, 5)


@pytest.fixture
def placement(person, employer):
    return PlacementFactory(participant=person, employer=employer, start_date=START)


@pytest.fixture
def bond(placement):
    return BondingRequest.objects.create(
        placement=placement,
        amount="5000.00",
        coverage_starts_on=START,
        coverage_ends_on=dt.date(2026, 7, 4),
    )


def _url(bond):
    return f"/api/v1/placements/{bond.placement_id}/bonding/{bond.pk}/decision/"


def test_staff_issue_the_bond_with_coverage_from_the_first_day(bond, staff_user, placement):
    # The start moved after the request: coverage follows the first day of work.
    type(placement).objects.filter(pk=placement.pk).update(start_date=dt.date(2026, 2, 2))
    issued = services.bonding_request_decide(
        bond=bond, actor=staff_user, status="issued", bond_number=" FBP-123 "
    )
    assert issued.status == BondingStatus.ISSUED
    assert issued.bond_number == "FBP-123"
    assert issued.coverage_starts_on == dt.date(2026, 2, 2)
    assert issued.coverage_ends_on == dt.date(2026, 8, 1)
    assert issued.decided_by == staff_user
    event = AuditEvent.objects.get(action="bonding.issued")
    assert event.details["bond_number"] == "FBP-123"


def test_staff_deny_with_a_reason(bond, admin_user):
    denied = services.bonding_request_decide(
        bond=bond, actor=admin_user, status="denied", denial_reason="Not eligible"
    )
    assert denied.status == BondingStatus.DENIED
    assert denied.denial_reason == "Not eligible"
    assert AuditEvent.objects.filter(action="bonding.denied").exists()


@pytest.mark.parametrize(
    ("first", "second"),
    [("issued", "denied"), ("denied", "issued"), ("issued", "issued"), ("denied", "denied")],
)
def test_a_decided_request_cannot_move_again(bond, staff_user, first, second):
    services.bonding_request_decide(
        bond=bond, actor=staff_user, status=first, bond_number="FBP-1", denial_reason="No"
    )
    with pytest.raises(ConflictError):
        services.bonding_request_decide(
            bond=bond, actor=staff_user, status=second, bond_number="FBP-2", denial_reason="X"
        )
    bond.refresh_from_db()
    assert bond.status == first
    assert bond.bond_number in ("FBP-1", "")


@pytest.mark.parametrize(
    "values",
    [
        {"status": "issued", "bond_number": "  "},
        {"status": "denied", "denial_reason": ""},
        {"status": "requested"},
        {"status": "cancelled"},
        {"status": "issued", "bond_number": "X" * 51},
    ],
)
def test_bad_input_changes_nothing(bond, staff_user, values):
    with pytest.raises(services.InvalidInputError):
        services.bonding_request_decide(bond=bond, actor=staff_user, **values)
    bond.refresh_from_db()
    assert bond.status == BondingStatus.REQUESTED
    assert bond.decided_at is None
    assert not AuditEvent.objects.filter(action__startswith="bonding.").exists()


def test_only_caseload_staff_or_admin(bond, employer_user, other_staff, participant):
    for user in (employer_user, other_staff, participant):
        with pytest.raises(NotFoundError):
            services.bonding_request_decide(
                bond=bond, actor=user, status="issued", bond_number="FBP-9"
            )
    bond.refresh_from_db()
    assert bond.status == BondingStatus.REQUESTED


def test_api_decision(api_client, bond, staff_user):
    client = as_user(api_client, staff_user)
    bad = client.post(_url(bond), {"status": "issued"}, format="json")
    assert bad.status_code == 400
    assert "bond number" in bad.json()["detail"]
    ok = client.post(_url(bond), {"status": "issued", "bond_number": "FBP-7"}, format="json")
    assert ok.status_code == 200
    assert ok.json()["status"] == "issued"
    assert ok.json()["bond_number"] == "FBP-7"
    assert ok.json()["coverage_ends_on"] == "2026-07-04"
    again = client.post(_url(bond), {"status": "denied", "denial_reason": "x"}, format="json")
    assert again.status_code == 409
    shown = client.get(f"/api/v1/placements/{bond.placement_id}/retention-checks/")
    assert shown.status_code == 200


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("anonymous", (401, 403)),
        ("employer_user", (404,)),
        ("other_employer_user", (404,)),
        ("participant", (404,)),
        ("other_staff", (404,)),
        ("staff_user", (200,)),
        ("admin_user", (200,)),
    ],
)
def test_api_permission_matrix(api_client, request, bond, person, who, code):
    client = api_client if who == "anonymous" else as_user(api_client, request.getfixturevalue(who))
    response = client.post(_url(bond), {"status": "denied", "denial_reason": "No"}, format="json")
    assert response.status_code in code
    bond.refresh_from_db()
    assert bond.status == ("denied" if code == (200,) else "requested")


def test_a_bond_of_another_placement_is_404(api_client, bond, staff_user, person):
    other = PlacementFactory(participant=person)
    client = as_user(api_client, staff_user)
    url = f"/api/v1/placements/{other.pk}/bonding/{bond.pk}/decision/"
    assert client.post(url, {"status": "denied", "denial_reason": "No"}).status_code == 404


def test_page_staff_record_and_employer_sees(client, bond, staff_user, employer_user):
    url = reverse("placements:placement-detail", args=[bond.placement_id])
    client.force_login(staff_user)
    assert "Record the answer" in client.get(url).content.decode()
    bad = client.post(url, {"action": "bond-decision", "bond": bond.pk, "status": "denied"})
    assert bad.status_code == 200
    assert "Say why the bond was not issued." in bad.content.decode()
    bond.refresh_from_db()
    assert bond.status == BondingStatus.REQUESTED
    ok = client.post(
        url, {"action": "bond-decision", "bond": bond.pk, "status": "issued", "bond_number": "B-55"}
    )
    assert ok.status_code == 302
    client.force_login(employer_user)
    page = client.get(url).content.decode()
    assert "Bond number B-55." in page
    assert "Bond issued" in page
    assert "Record the answer" not in page
    refused = client.post(
        url, {"action": "bond-decision", "bond": bond.pk, "status": "denied", "denial_reason": "x"}
    )
    assert refused.status_code == 404
