"""The participants API: the visibility table as a matrix, access logging, writes and
query budgets."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from jobseekers.models import ConsentKind, Participant, RecordEntry, SupervisionTerms
from jobseekers.selectors import consent_in_force
from portal.core.models import AccessLog
from tests.factories.jobseekers import (
    CaseNoteFactory,
    JobClubSessionFactory,
    ParticipantFactory,
    RecordEntryFactory,
    ResumeFactory,
    SupervisionTermsFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["self", "other_participant", "employer", "caseload_staff", "other_staff", "admin"]
SECTIONS = ["profile", "resume", "record", "supervision", "notes", "access_log"]

# DESIGN.md, "Roles and what each may see": who gets what (everyone else gets 404).
ALLOWED = {
    "self": {"profile", "resume", "record", "supervision", "access_log"},
    "other_participant": set(),
    "employer": set(),
    "caseload_staff": set(SECTIONS),
    "other_staff": set(),
    "admin": set(SECTIONS),
}
LOGGED = {"record": "record", "supervision": "supervision_terms", "notes": "case_notes"}


@pytest.fixture
def world(person, participant, other_participant_user, other_person, employer_user,
          staff_user, other_staff, admin_user):  # fmt: skip
    resume = ResumeFactory(participant=person)
    RecordEntryFactory(participant=person)
    SupervisionTermsFactory(participant=person)
    CaseNoteFactory(participant=person, author=staff_user)
    users = {
        "self": participant,
        "other_participant": other_participant_user,
        "employer": employer_user,
        "caseload_staff": staff_user,
        "other_staff": other_staff,
        "admin": admin_user,
    }
    urls = {
        "profile": f"/api/v1/participants/{person.pk}/",
        "resume": f"/api/v1/resumes/{resume.pk}/",
        "record": f"/api/v1/participants/{person.pk}/record/",
        "supervision": f"/api/v1/participants/{person.pk}/supervision/",
        "notes": f"/api/v1/participants/{person.pk}/notes/",
        "access_log": f"/api/v1/participants/{person.pk}/access-log/",
    }
    return {"person": person, "users": users, "urls": urls, "resume": resume}


def log_rows(person):
    return AccessLog.objects.filter(
        subject_type=ContentType.objects.get_for_model(Participant), subject_id=str(person.pk)
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("section", SECTIONS)
def test_visibility_matrix(api_client, world, role, section):
    user = world["users"][role]
    api_client.force_authenticate(user)

    response = api_client.get(world["urls"][section])

    if section in ALLOWED[role]:
        assert response.status_code == 200, response.content
    else:
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    # Every sensitive read by someone other than the participant is logged; nothing else.
    logged = log_rows(world["person"])
    if section in LOGGED and section in ALLOWED[role] and role != "self":
        row = logged.get()
        assert (row.viewer, row.what) == (user, LOGGED[section])
        assert row.why == ("admin" if role == "admin" else "caseload")
    else:
        assert not logged.exists()


def test_record_content_for_staff_and_self(api_client, world, staff_user):
    api_client.force_authenticate(staff_user)
    body = api_client.get(world["urls"]["record"]).json()
    assert body[0]["offense_category"] == "drug"
    assert "Jackson County" in body[0]["description"]


def test_access_log_lists_who_read_what(api_client, world, staff_user, participant):
    api_client.force_authenticate(staff_user)
    api_client.get(world["urls"]["record"])
    api_client.get(world["urls"]["supervision"])

    api_client.force_authenticate(participant)
    body = api_client.get(world["urls"]["access_log"]).json()

    assert [(row["viewer"], row["what"], row["why"]) for row in body["results"]] == [
        ("fran", "supervision_terms", "caseload"),
        ("fran", "record", "caseload"),
    ]


def test_anonymous_gets_401(api_client, world):
    assert api_client.get(world["urls"]["record"]).status_code == 401


# ------------------------------------------------------------------------------ list


@pytest.mark.parametrize("role", ["participant", "employer_user"])
def test_participants_and_employers_get_no_list(request, api_client, role):
    api_client.force_authenticate(request.getfixturevalue(role))
    assert api_client.get("/api/v1/participants/").status_code == 403


def test_staff_list_their_caseload_and_admin_everyone(
    api_client, person, other_person, staff_user, admin_user
):
    api_client.force_authenticate(staff_user)
    ids = [row["id"] for row in api_client.get("/api/v1/participants/").json()["results"]]
    assert ids == [person.pk]

    api_client.force_authenticate(admin_user)
    body = api_client.get("/api/v1/participants/").json()
    assert body["count"] == 2


def test_list_filters(api_client, staff_user):
    no_id = ParticipantFactory(
        facilitator=staff_user, has_state_id=False, first_name="Ann", last_name="Aa"
    )
    with_all = ParticipantFactory(
        facilitator=staff_user,
        has_state_id=True,
        has_social_security_card=True,
        last_name="Bb",
    )
    ResumeFactory(participant=with_all)
    api_client.force_authenticate(staff_user)

    def ids(query):
        return [r["id"] for r in api_client.get(f"/api/v1/participants/?{query}").json()["results"]]

    assert ids("missing_id=on") == [no_id.pk]
    assert ids("no_resume=on") == [no_id.pk]
    assert ids("search=bb") == [with_all.pk]


@pytest.mark.parametrize("rows", [1, 30])
def test_list_query_budget(api_client, staff_user, django_assert_max_num_queries, rows):
    for person in ParticipantFactory.create_batch(rows, facilitator=staff_user):
        ResumeFactory(participant=person)
    api_client.force_authenticate(staff_user)
    with django_assert_max_num_queries(6):
        response = api_client.get("/api/v1/participants/?page_size=50")
    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 30])
def test_resume_and_access_log_list_budgets(
    api_client, person, staff_user, participant, django_assert_max_num_queries, rows
):
    ResumeFactory.create_batch(rows, participant=person)
    for _ in range(rows):
        api_client.force_authenticate(staff_user)
        api_client.get(f"/api/v1/participants/{person.pk}/notes/")
    api_client.force_authenticate(participant)
    with django_assert_max_num_queries(6):
        resumes = api_client.get(f"/api/v1/participants/{person.pk}/resumes/?page_size=50")
    with django_assert_max_num_queries(7):
        log = api_client.get(f"/api/v1/participants/{person.pk}/access-log/?page_size=50")
    assert len(resumes.json()["results"]) == rows
    assert len(log.json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 30])
def test_job_club_list_budget(api_client, staff_user, django_assert_max_num_queries, rows):
    JobClubSessionFactory.create_batch(rows)
    api_client.force_authenticate(staff_user)
    with django_assert_max_num_queries(5):
        response = api_client.get("/api/v1/job-club/sessions/?page_size=50")
    assert len(response.json()["results"]) == rows


# ----------------------------------------------------------------------------- writes


def intake_body(**overrides):
    body = {
        "first_name": "John",
        "last_name": "Smith",
        "date_of_birth": "1985-04-02",
        "phone": "816-555-0123",
        "zip_code": "64106",
        "transport": ["bus"],
    }
    body.update(overrides)
    return body


def test_intake_by_api_with_duplicate_check(api_client, staff_user):
    ParticipantFactory(first_name="Jon", last_name="Smith", date_of_birth=datetime.date(1985, 4, 2))
    api_client.force_authenticate(staff_user)

    first = api_client.post("/api/v1/participants/", intake_body(), format="json")
    assert first.status_code == 409
    assert first.json()["code"] == "possible_duplicate"
    assert "Jon Smith" in first.json()["fields"]["confirmed_not_duplicate"][0]

    second = api_client.post(
        "/api/v1/participants/", intake_body(confirmed_not_duplicate=True), format="json"
    )
    assert second.status_code == 201
    assert second.json()["phone"] == "+18165550123"
    assert second.json()["facilitator"] == "fran"


def test_intake_invalid_phone(api_client, staff_user):
    api_client.force_authenticate(staff_user)
    response = api_client.post("/api/v1/participants/", intake_body(phone="123"), format="json")
    assert response.status_code == 400
    assert "phone" in response.json()["fields"]
    assert not Participant.objects.exists()


def test_participant_patches_only_own_fields(api_client, person, participant):
    api_client.force_authenticate(participant)
    ok = api_client.patch(
        f"/api/v1/participants/{person.pk}/", {"preferred_name": "PJ"}, format="json"
    )
    assert ok.json()["preferred_name"] == "PJ"
    # Unknown to the participant's serializer, so ignored: the release date stays.
    api_client.patch(
        f"/api/v1/participants/{person.pk}/", {"release_date": "2020-01-01"}, format="json"
    )
    person.refresh_from_db()
    assert person.release_date != datetime.date(2020, 1, 1)


def test_other_staff_cannot_patch(api_client, person, other_staff):
    api_client.force_authenticate(other_staff)
    response = api_client.patch(
        f"/api/v1/participants/{person.pk}/", {"facility": "X"}, format="json"
    )
    assert response.status_code == 404


def test_record_put_replaces_and_self_is_read_only(api_client, person, staff_user, participant):
    url = f"/api/v1/participants/{person.pk}/record/"
    entry = {"offense_category": "dui", "level": "misdemeanor", "convicted_on": "2019-03-01"}

    api_client.force_authenticate(participant)
    assert api_client.put(url, {"entries": [entry]}, format="json").status_code == 403

    api_client.force_authenticate(staff_user)
    response = api_client.put(url, {"entries": [entry]}, format="json")
    assert response.status_code == 200
    assert RecordEntry.objects.get().offense_category == "dui"

    bad = {**entry, "released_on": "2018-01-01"}
    response = api_client.put(url, {"entries": [bad]}, format="json")
    assert response.status_code == 400
    assert RecordEntry.objects.get().offense_category == "dui"


def test_supervision_put_and_bad_curfew(api_client, person, staff_user):
    url = f"/api/v1/participants/{person.pk}/supervision/"
    api_client.force_authenticate(staff_user)
    body = {"supervision_type": "parole", "curfew_start": "22:00", "curfew_end": "22:00"}

    assert api_client.put(url, body, format="json").status_code == 400
    assert not SupervisionTerms.objects.exists()

    body["curfew_start"] = "22:00"
    body["curfew_end"] = "06:00"
    assert api_client.put(url, body, format="json").status_code == 200
    assert api_client.get(url).json()["curfew_end"] == "06:00:00"


def test_consent_withdrawal_takes_effect_at_once(api_client, person, participant, staff_user):
    url = f"/api/v1/participants/{person.pk}/consents/"
    kind = ConsentKind.SHARE_PROFILE_WITH_APPLIED_EMPLOYERS
    api_client.force_authenticate(staff_user)
    api_client.post(url, {"kind": kind, "given": True}, format="json")
    assert consent_in_force(participant=person, kind=kind)

    api_client.force_authenticate(participant)
    response = api_client.post(url, {"kind": kind, "given": False}, format="json")

    assert response.status_code == 201
    assert not consent_in_force(participant=person, kind=kind)
    history = api_client.get(url).json()
    assert [row["given"] for row in history] == [False, True]


def test_consent_by_outsider_is_404(api_client, person, other_staff):
    api_client.force_authenticate(other_staff)
    response = api_client.post(
        f"/api/v1/participants/{person.pk}/consents/",
        {"kind": "share_record_summary", "given": True},
        format="json",
    )
    assert response.status_code == 404


def test_resume_create_patch_and_pdf(api_client, person, participant):
    api_client.force_authenticate(participant)
    created = api_client.post(
        f"/api/v1/participants/{person.pk}/resumes/", {"title": "Kitchen"}, format="json"
    )
    assert created.status_code == 201
    resume_id = created.json()["id"]

    patched = api_client.patch(
        f"/api/v1/resumes/{resume_id}/",
        {"summary": "Line cook", "experience": [{"kind": "job", "title": "Cook"}]},
        format="json",
    )
    assert patched.json()["latest_version"] == 2

    pdf = api_client.get(f"/api/v1/resumes/{resume_id}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_resume_pdf_of_another_person_is_404(api_client, other_participant_user, person):
    resume = ResumeFactory(participant=person)
    api_client.force_authenticate(other_participant_user)
    assert api_client.get(f"/api/v1/resumes/{resume.pk}/pdf/").status_code == 404


def test_job_club_session_and_attendance(api_client, person, other_person, staff_user):
    api_client.force_authenticate(staff_user)
    session = api_client.post(
        "/api/v1/job-club/sessions/",
        {
            "starts_at": (timezone.now() + datetime.timedelta(days=2)).isoformat(),
            "place": "Room 2",
            "topic": "interview",
        },
        format="json",
    ).json()
    url = f"/api/v1/job-club/sessions/{session['id']}/attendance/"

    ok = api_client.post(url, {"participant_id": person.pk, "status": "present"}, format="json")
    assert ok.json()["status"] == "present"
    other = api_client.post(
        url, {"participant_id": other_person.pk, "status": "present"}, format="json"
    )
    assert other.status_code == 404


def test_participant_cannot_take_attendance(api_client, person, participant):
    session = JobClubSessionFactory()
    api_client.force_authenticate(participant)
    response = api_client.post(
        f"/api/v1/job-club/sessions/{session.pk}/attendance/",
        {"participant_id": person.pk, "status": "present"},
        format="json",
    )
    assert response.status_code == 403


def test_me_reports_participant_id(api_client, person, participant):
    api_client.force_authenticate(participant)
    assert api_client.get("/api/v1/me/").json()["participant_id"] == person.pk
