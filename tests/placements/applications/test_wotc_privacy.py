"""WOTC ex-felon eligibility reveals a felony: the employer sees it (and the credit
estimate) only after the participant signed the applicant part of Form 8850 or while the
record-sharing consent is in force. Staff and the participant always see it."""

import datetime as dt

import pytest
from django.urls import reverse

from jobseekers.models import ConsentKind
from placements.models import ApplicationStatus, WotcScreening
from portal.core.models import AccessLog
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
    WotcScreening.objects.filter(placement=placement).update(
        eligibility_note="Felony conviction; hired within a year of the conviction or release."
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
        # The note names the felony and its dates: never for the employer.
        assert (data["eligibility_note"] == "") == (role == "employer")
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


# --- Only program staff record the participant's Form 8850 signature ---------------------

SIGNATURE_MESSAGE = "Program staff record the participant's signature on Form 8850."


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("employer", 403),
        ("other_employer", 404),
        ("participant", 403),  # sees the placement, may not change the file
        ("other_participant", 404),
        ("staff", 200),
        ("other_staff", 404),
        ("admin", 200),
    ],
)
def test_api_who_may_record_the_applicant_signature(
    api_client,
    viewers,
    other_employer_user,
    other_participant_user,
    other_staff,
    person,
    employer,
    who,
    code,
):
    users = {
        **viewers,
        "other_employer": other_employer_user,
        "other_participant": other_participant_user,
        "other_staff": other_staff,
    }
    placement = _placement(person, employer, "nothing")
    signed = START - dt.timedelta(days=3)
    response = as_user(api_client, users[who]).patch(
        f"/api/v1/placements/{placement.pk}/wotc/",
        {"applicant_signed_on": signed.isoformat(), "first_year_hours": "400"},
        format="json",
    )
    assert response.status_code == code
    placement.wotc.refresh_from_db()
    if code == 200:
        assert placement.wotc.applicant_signed_on == signed
    else:
        assert placement.wotc.applicant_signed_on is None
        assert placement.wotc.first_year_hours is None  # nothing changed
    if who == "employer":
        assert SIGNATURE_MESSAGE in response.json()["detail"]
        shown = as_user(api_client, users[who]).get(f"/api/v1/placements/{placement.pk}/wotc/")
        assert shown.json()["disclosed"] is False
        assert shown.json()["eligible"] is None


def test_employer_still_records_its_own_dates(api_client, employer_user, person, employer):
    placement = _placement(person, employer, "nothing")
    response = as_user(api_client, employer_user).patch(
        f"/api/v1/placements/{placement.pk}/wotc/",
        {"employer_signed_on": START.isoformat(), "first_year_hours": "400"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["disclosed"] is False
    placement.wotc.refresh_from_db()
    assert placement.wotc.employer_signed_on == START


def test_page_employer_has_no_signature_field_and_cannot_post_one(
    client, employer_user, staff_user, person, employer
):
    placement = _placement(person, employer, "nothing")
    url = reverse("placements:placement-detail", args=[placement.pk])
    client.force_login(employer_user)
    page = client.get(url).content.decode()
    assert 'name="employer_signed_on"' in page
    assert 'name="applicant_signed_on"' not in page
    posted = client.post(
        url,
        {
            "action": "wotc",
            "applicant_signed_on": (START - dt.timedelta(days=3)).isoformat(),
            "employer_signed_on": START.isoformat(),
        },
    )
    assert posted.status_code == 302
    placement.wotc.refresh_from_db()
    assert placement.wotc.applicant_signed_on is None
    assert placement.wotc.employer_signed_on == START
    assert HIDDEN in client.get(url).content.decode()
    client.force_login(staff_user)
    assert 'name="applicant_signed_on"' in client.get(url).content.decode()


# --- Showing the employer the eligibility is a logged, record-derived read --------------


def _wotc_reads(user, placement):
    return AccessLog.objects.filter(viewer=user, why=f"wotc:placement:{placement.pk}")


@pytest.mark.parametrize("condition", CONDITIONS)
@pytest.mark.parametrize("role", ["employer", "staff", "participant"])
def test_disclosure_is_logged_once_per_request(
    api_client, client, viewers, person, employer, role, condition
):
    placement = _placement(person, employer, condition)
    user = viewers[role]
    logged = role == "employer" and _expect_disclosed(role, condition)
    as_user(api_client, user).get(f"/api/v1/placements/{placement.pk}/wotc/")
    assert _wotc_reads(user, placement).count() == (1 if logged else 0)
    client.force_login(user)
    client.get(reverse("placements:placement-detail", args=[placement.pk]))
    assert _wotc_reads(user, placement).count() == (2 if logged else 0)
    client.get(reverse("dashboard"))
    assert _wotc_reads(user, placement).count() == (3 if logged else 0)
    if logged:
        row = _wotc_reads(user, placement).first()
        assert row.subject_id == str(person.pk)
        assert row.what == "record_summary"


def test_dashboard_logs_every_disclosed_hire_in_a_fixed_number_of_queries(
    client, employer_user, employer
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.jobseekers import ParticipantFactory

    client.force_login(employer_user)
    counts = []
    for rows in (1, 5):
        placements = [_placement(ParticipantFactory(), employer, "signed") for _ in range(rows)]
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("dashboard"))
        counts.append(len(queries))
        for placement in placements:
            assert _wotc_reads(employer_user, placement).count() == 1
    assert counts[0] == counts[1]
