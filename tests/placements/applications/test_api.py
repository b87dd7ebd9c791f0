"""The applications API: scoping, the record-visibility matrix (stage by consent by role),
transitions, placements, retention checks, tax credit and bonding, and query budgets."""

import datetime as dt
from datetime import timedelta

import pytest
from django.utils import timezone

from employers.models import RecordStage
from jobseekers.models import ConsentKind
from placements.models import Application, ApplicationStatus, Interview, Placement
from portal.core.models import AccessLog
from tests.factories.applications import ApplicationFactory, PlacementFactory
from tests.factories.jobseekers import ConsentFactory, ParticipantFactory

S = ApplicationStatus
URL = "/api/v1/applications/"


def as_user(api_client, user):
    if user is not None:
        api_client.force_authenticate(user)
    return api_client


# --- Record visibility: stage by consent by role -----------------------------------------

STAGES = [
    S.SUBMITTED,
    S.REVIEWING,
    S.INTERVIEW_SCHEDULED,
    S.INTERVIEWED,
    S.CONDITIONAL_OFFER,
    S.HIRED,
    S.DECLINED,
    S.WITHDRAWN,
]
VISIBLE_FROM = {
    RecordStage.INTERVIEWED: {S.INTERVIEWED, S.CONDITIONAL_OFFER, S.HIRED},
    RecordStage.CONDITIONAL_OFFER: {S.CONDITIONAL_OFFER, S.HIRED},
}


@pytest.mark.parametrize("policy", list(VISIBLE_FROM))
@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("consent", [True, False])
def test_the_employer_sees_the_record_only_with_consent_at_the_allowed_stage(
    api_client, application, employer_user, job, policy, stage, consent
):
    job.employer.hiring_policy.record_visible_from = policy
    job.employer.hiring_policy.save()
    ConsentFactory(
        participant=application.participant, kind=ConsentKind.SHARE_RECORD_SUMMARY, given=consent
    )
    application.status = stage
    application.save()

    response = as_user(api_client, employer_user).get(f"{URL}{application.pk}/record/")

    visible = consent and stage in VISIBLE_FROM[policy]
    logged = AccessLog.objects.filter(viewer=employer_user, why=f"application:{application.pk}")
    if visible:
        assert response.status_code == 200
        conviction = response.json()["convictions"][0]
        assert conviction["offense_category"] == "drug" and conviction["level"] == "felony"
        assert "description" not in conviction
        assert logged.count() == 1
    else:
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found.", "code": "not_found", "fields": {}}
        assert not logged.exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("participant", 200),
        ("other_participant", 404),
        ("employer", 200),
        ("other_employer", 404),
        ("staff", 200),
        ("other_staff", 404),
        ("admin", 200),
    ],
)
def test_the_record_by_role(api_client, application, consenting, role, expected, request):
    application.status = S.INTERVIEWED
    application.save()
    users = {
        "anonymous": None,
        "participant": "participant",
        "other_participant": "other_participant_user",
        "employer": "employer_user",
        "other_employer": "other_employer_user",
        "staff": "staff_user",
        "other_staff": "other_staff",
        "admin": "admin_user",
    }
    user = request.getfixturevalue(users[role]) if users[role] else None
    response = as_user(api_client, user).get(f"{URL}{application.pk}/record/")
    assert response.status_code == expected


def test_consent_withdrawn_hides_the_record_at_once(
    api_client, application, consenting, employer_user
):
    application.status = S.INTERVIEWED
    application.save()
    client = as_user(api_client, employer_user)
    assert client.get(f"{URL}{application.pk}/record/").status_code == 200
    ConsentFactory(
        participant=application.participant, kind=ConsentKind.SHARE_RECORD_SUMMARY, given=False
    )
    assert client.get(f"{URL}{application.pk}/record/").status_code == 404


# --- Applications ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("participant", True),
        ("other_participant_user", False),
        ("employer_user", True),
        ("other_employer_user", False),
        ("staff_user", True),
        ("other_staff", False),
        ("admin_user", True),
    ],
)
def test_list_and_detail_are_scoped(api_client, application, role, sees, request):
    client = as_user(api_client, request.getfixturevalue(role))
    ids = [row["id"] for row in client.get(URL).json()["results"]]
    assert (application.pk in ids) is sees
    assert client.get(f"{URL}{application.pk}/").status_code == (200 if sees else 404)


def test_anonymous_gets_401(api_client, application):
    assert api_client.get(URL).status_code == 401


def test_the_participant_applies_through_the_api(
    api_client, participant, person, job, resume_version
):
    response = as_user(api_client, participant).post(
        URL,
        {"job": job.pk, "resume_version": resume_version.pk, "share_profile": True},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "submitted"
    again = api_client.post(
        URL,
        {"job": job.pk, "resume_version": resume_version.pk, "share_profile": True},
        format="json",
    )
    assert again.status_code == 409
    assert again.json()["code"] == "cannot_apply"
    assert Application.objects.count() == 1


def test_staff_apply_for_a_participant_of_another_caseload_is_404(
    api_client, other_staff, person, job, resume_version
):
    response = as_user(api_client, other_staff).post(
        URL,
        {
            "participant": person.pk,
            "job": job.pk,
            "resume_version": resume_version.pk,
            "share_profile": True,
            "participant_agreed": True,
        },
        format="json",
    )
    assert response.status_code == 404
    assert not Application.objects.exists()


def test_bad_input_is_400(api_client, participant, person):
    response = as_user(api_client, participant).post(URL, {"job": "x"}, format="json")
    assert response.status_code == 400
    assert "job" in response.json()["fields"]


def test_transitions_through_the_api(api_client, application, employer_user):
    client = as_user(api_client, employer_user)
    url = f"{URL}{application.pk}/transitions/"
    skipped = client.post(url, {"to": "hired"}, format="json")
    assert skipped.status_code == 409
    assert "cannot go from" in skipped.json()["detail"]
    assert client.post(url, {"to": "reviewing"}, format="json").status_code == 200
    starts = (timezone.now() + timedelta(days=2)).isoformat()
    response = client.post(
        url,
        {
            "to": "interview_scheduled",
            "interview": {
                "starts_at": starts,
                "mode": "video",
                "video_link": "https://meet.example.org/abc",
            },
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["interviews"][0]["mode"] == "video"
    too_early = client.post(url, {"to": "interviewed"}, format="json")
    assert too_early.status_code == 409
    assert "once it has started" in too_early.json()["detail"]
    # Test setup: the interview's time comes (the rule itself is not relaxed).
    Interview.objects.filter(application=application).update(
        starts_at=timezone.now() - timedelta(hours=1)
    )
    assert client.post(url, {"to": "interviewed"}, format="json").status_code == 200
    assert client.post(url, {"to": "conditional_offer"}, format="json").status_code == 200
    response = client.post(
        url, {"to": "hired", "start_date": timezone.localdate().isoformat()}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert [event["to_status"] for event in response.json()["events"]][-1] == "hired"
    assert Placement.objects.filter(application=application).exists()


def test_another_employer_cannot_move_it(api_client, application, other_employer_user):
    response = as_user(api_client, other_employer_user).post(
        f"{URL}{application.pk}/transitions/", {"to": "reviewing"}, format="json"
    )
    assert response.status_code == 404
    assert Application.objects.get(pk=application.pk).status == S.SUBMITTED


def test_record_review_steps_in_order(api_client, application, employer_user):
    application.status = S.INTERVIEWED
    application.save()
    client = as_user(api_client, employer_user)
    url = f"{URL}{application.pk}/record-review/"
    assert (
        client.post(url, {"step": "notice", "notice_text": "x"}, format="json").status_code == 409
    )
    response = client.post(
        url,
        {
            "step": "assessment",
            "nature_and_gravity": "a",
            "time_elapsed": "b",
            "nature_of_job": "c",
        },
        format="json",
    )
    assert response.status_code == 200
    assert (
        client.post(url, {"step": "decision", "decision": "confirmed"}, format="json").status_code
        == 409
    )
    response = client.post(url, {"step": "notice", "notice_text": "The record."}, format="json")
    assert response.json()["record_review"]["decision_allowed_from"]
    too_soon = client.post(url, {"step": "decision", "decision": "confirmed"}, format="json")
    assert too_soon.status_code == 409
    assert Application.objects.get(pk=application.pk).status == S.INTERVIEWED


@pytest.mark.parametrize("rows", [1, 30])
def test_list_query_budget(api_client, staff_user, job, rows, django_assert_max_num_queries):
    for _ in range(rows):
        ApplicationFactory(participant=ParticipantFactory(facilitator=staff_user), job=job)
    client = as_user(api_client, staff_user)
    with django_assert_max_num_queries(8):
        response = client.get(URL)
    assert response.json()["count"] == rows


# --- Placements --------------------------------------------------------------------------


def test_staff_record_an_outside_placement(api_client, staff_user, person):
    response = as_user(api_client, staff_user).post(
        "/api/v1/placements/",
        {
            "participant": person.pk,
            "employer_name": "Corner Bakery",
            "job_title": "Baker",
            "start_date": timezone.localdate().isoformat(),
            "hourly_wage": "15.50",
            "hours_per_week": "32",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert [check["days"] for check in response.json()["retention_checks"]] == [30, 90, 180, 365]


def test_participants_and_employers_cannot_post_placements(api_client, participant, person):
    response = as_user(api_client, participant).post("/api/v1/placements/", {}, format="json")
    assert response.status_code == 403


def test_retention_checks(api_client, staff_user, employer_user, person):
    placement = PlacementFactory(
        participant=person, start_date=timezone.localdate() - timedelta(days=31)
    )
    url = f"/api/v1/placements/{placement.pk}/retention-checks/"
    client = as_user(api_client, staff_user)
    checks = client.get(url).json()
    assert [check["days"] for check in checks] == [30, 90, 180, 365]
    early = client.patch(
        url,
        {"id": checks[1]["id"], "outcome": "same_employer", "verified_by": "employer"},
        format="json",
    )
    assert early.status_code == 400
    assert "due on" in early.json()["detail"]
    done = client.patch(
        url,
        {"id": checks[0]["id"], "outcome": "same_employer", "verified_by": "employer"},
        format="json",
    )
    assert done.status_code == 200
    assert done.json()[0]["outcome"] == "same_employer"


def test_someone_elses_placement_is_404(api_client, other_staff, other_employer_user, person):
    placement = PlacementFactory(participant=person)
    for user in (other_staff, other_employer_user):
        client = as_user(api_client, user)
        assert client.get(f"/api/v1/placements/{placement.pk}/wotc/").status_code == 404
        assert (
            client.post(
                f"/api/v1/placements/{placement.pk}/bonding/", {}, format="json"
            ).status_code
            == 404
        )


def test_wotc_and_bonding(api_client, staff_user, person):
    placement = PlacementFactory(participant=person, start_date=dt.date(2026, 1, 5))
    client = as_user(api_client, staff_user)
    url = f"/api/v1/placements/{placement.pk}/wotc/"
    body = client.get(url).json()
    assert body["status"] == "pending_reauthorization"
    assert body["filing_deadline"] == "2026-02-02"
    response = client.patch(
        url, {"first_year_hours": "400", "first_year_wages": "7000"}, format="json"
    )
    assert response.json()["credit"] == "2400.00"
    bad = client.patch(url, {"first_year_hours": "-3"}, format="json")
    assert bad.status_code == 400
    bond = client.post(
        f"/api/v1/placements/{placement.pk}/bonding/", {"amount": "25000"}, format="json"
    )
    assert bond.status_code == 201
    assert bond.json()["coverage_ends_on"] == "2026-07-04"
    assert (
        client.post(
            f"/api/v1/placements/{placement.pk}/bonding/", {"amount": "5000"}, format="json"
        ).status_code
        == 409
    )


@pytest.mark.parametrize("rows", [1, 30])
def test_placement_list_query_budget(api_client, staff_user, rows, django_assert_max_num_queries):
    for _ in range(rows):
        PlacementFactory(participant=ParticipantFactory(facilitator=staff_user))
    client = as_user(api_client, staff_user)
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/placements/")
    assert response.json()["count"] == rows
