"""WOTC ex-felon eligibility reveals a felony: the employer sees it (and the credit
estimate) only after the participant signed the applicant part of Form 8850 or while the
record-sharing consent is in force. Staff and the participant always see it."""

import datetime as dt

import pytest
from django.urls import reverse

from jobseekers.models import ConsentKind
from placements.models import ApplicationStatus, WotcScreening
from tests.factories.applications import ApplicationFactory, PlacementFactory
from tests.factories.employers import JobFactory
from tests.factories.jobseekers import ConsentFactory

from .test_api import as_user

HIDDEN = "The program will tell you if this hire qualifies for the tax credit"
START = dt.date(2025, 6, 2)  # the credit is active for this start


def _placement(person, employer, condition):
    placement = PlacementFactory(
        participant=person,
        employer=employer,
        start_date=START,
        offered_on=START - dt.timedelta(days=3),
        application=ApplicationFactory(
            participant=person, job=JobFactory(employer=employer), status=ApplicationStatus.HIRED
        ),
    )
    if condition == "signed":
        WotcScreening.objects.filter(placement=placement).update(
            applicant_signed_on=START - dt.timedelta(days=3)
        )
    elif condition == "consent":
        ConsentFactory(participant=person, kind=ConsentKind.SHARE_RECORD_SUMMARY)
    elif condition == "consent_withdrawn":
        ConsentFactory(participant=person, kind=ConsentKind.SHARE_RECORD_SUMMARY)
        ConsentFactory(participant=person, kind=ConsentKind.SHARE_RECORD_SUMMARY, given=False)
    return placement


CONDITIONS = ["nothing", "signed", "consent", "consent_withdrawn"]


def _expect_disclosed(role, condition):
    return role != "employer" or condition in ("signed", "consent")


@pytest.fixture
def viewers(employer_user, staff_user, admin_user, participant):
    return {
        "employer": employer_user,
        "staff": staff_user,
        "admin": admin_user,
        "participant": participant,
    }


@pytest.mark.parametrize("condition", CONDITIONS)
@pytest.mark.parametrize("role", ["employer", "staff", "admin", "participant"])
def test_api_matrix(api_client, viewers, person, employer, role, condition):
    placement = _placement(person, employer, condition)
    body = as_user(api_client, viewers[role]).get(f"/api/v1/placements/{placement.pk}/wotc/")
    assert body.status_code == 200
    data = body.json()
    assert data["filing_deadline"] == "2025-06-30"  # the deadline is always shown
    if _expect_disclosed(role, condition):
        assert data["disclosed"] is True
        assert data["eligible"] is True
        assert data["credit"] not in (None, "0.00")
        assert "message" not in data
    else:
        assert data["disclosed"] is False
        assert data["eligible"] is None
        assert data["credit"] is None
        assert data["eligibility_note"] == ""
        assert HIDDEN in data["message"]


@pytest.mark.parametrize("condition", CONDITIONS)
@pytest.mark.parametrize("role", ["employer", "staff", "participant"])
def test_page_matrix(client, viewers, person, employer, role, condition):
    placement = _placement(person, employer, condition)
    client.force_login(viewers[role])
    page = client.get(reverse("placements:placement-detail", args=[placement.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "June 30, 2025" in text  # the Form 8850 deadline
    if _expect_disclosed(role, condition):
        assert "Estimated credit" in text
        assert HIDDEN not in text
    else:
        assert HIDDEN in text
        assert "Estimated credit" not in text
        assert "does not qualify" not in text


@pytest.mark.parametrize("condition", CONDITIONS)
def test_employer_dashboard_panel(client, employer_user, person, employer, condition):
    _placement(person, employer, condition)
    client.force_login(employer_user)
    text = client.get(reverse("dashboard")).content.decode()
    assert "Hires and tax credit" in text
    if _expect_disclosed("employer", condition):
        assert "Tax credit: about $" in text
        assert HIDDEN not in text
    else:
        assert HIDDEN in text
        assert "Tax credit: about" not in text
        assert "No tax credit for this hire" not in text


def test_a_not_eligible_hire_is_hidden_the_same_way(api_client, employer_user, person, employer):
    """Hiding only the eligible ones would reveal the felony by contrast."""
    placement = _placement(person, employer, "nothing")
    WotcScreening.objects.filter(placement=placement).update(record_eligible=False)
    data = as_user(api_client, employer_user).get(f"/api/v1/placements/{placement.pk}/wotc/")
    assert data.json()["eligible"] is None
    assert data.json()["disclosed"] is False


def test_employer_patch_stays_hidden_and_bad_input_changes_nothing(
    api_client, employer_user, person, employer
):
    placement = _placement(person, employer, "nothing")
    client = as_user(api_client, employer_user)
    url = f"/api/v1/placements/{placement.pk}/wotc/"
    ok = client.patch(url, {"first_year_hours": "400", "first_year_wages": "7000"}, format="json")
    assert ok.status_code == 200
    assert ok.json()["credit"] is None
    assert ok.json()["disclosed"] is False
    bad = client.patch(url, {"first_year_hours": "-3"}, format="json")
    assert bad.status_code == 400
    placement.wotc.refresh_from_db()
    assert placement.wotc.first_year_hours == 400


def test_another_employer_gets_404(api_client, other_employer_user, person, employer):
    placement = _placement(person, employer, "consent")
    client = as_user(api_client, other_employer_user)
    assert client.get(f"/api/v1/placements/{placement.pk}/wotc/").status_code == 404


@pytest.mark.parametrize("rows", [1, 30])
def test_employer_dashboard_budget_with_consents(
    client, employer_user, employer, rows, django_assert_max_num_queries
):
    from tests.factories.jobseekers import ParticipantFactory

    for index in range(rows):
        person = ParticipantFactory()
        _placement(person, employer, CONDITIONS[index % 4])
    client.force_login(employer_user)
    with django_assert_max_num_queries(30):
        page = client.get(reverse("dashboard"))
    assert "Hires and tax credit" in page.content.decode()
