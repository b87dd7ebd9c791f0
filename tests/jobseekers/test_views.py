"""The pages: who reaches what (outsiders get 404), the intake steps with the duplicate
check, claiming an invitation, the résumé builder, consents, job club, query budgets."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from jobseekers import services
from jobseekers.models import (
    Attendance,
    ConsentKind,
    Participant,
)
from jobseekers.selectors import consent_in_force
from portal.core.models import AccessLog
from tests.factories.jobseekers import (
    JobClubSessionFactory,
    ParticipantFactory,
    RecordEntryFactory,
    ResumeFactory,
    SupervisionTermsFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["self", "other_participant", "employer", "caseload_staff", "other_staff", "admin"]


@pytest.fixture
def users(participant, other_participant_user, employer_user, staff_user, other_staff,
          admin_user):  # fmt: skip
    return {
        "self": participant,
        "other_participant": other_participant_user,
        "employer": employer_user,
        "caseload_staff": staff_user,
        "other_staff": other_staff,
        "admin": admin_user,
    }


def page_urls(person, resume):
    return {
        # page: (url, roles that may open it)
        "participant": (f"/participants/{person.pk}/", {"caseload_staff", "admin"}),
        "edit": (f"/participants/{person.pk}/edit/", {"caseload_staff", "admin"}),
        "supervision": (f"/participants/{person.pk}/supervision/", {"caseload_staff", "admin"}),
        "record": (f"/participants/{person.pk}/record/add/", {"caseload_staff", "admin"}),
        "access_log": (f"/participants/{person.pk}/access-log/", {"caseload_staff", "admin"}),
        "resume": (
            f"/resumes/{resume.pk}/sections/experience/",
            {"self", "caseload_staff", "admin"},
        ),
        "preview": (f"/resumes/{resume.pk}/preview/", {"self", "caseload_staff", "admin"}),
        "pdf": (f"/resumes/{resume.pk}/pdf/", {"self", "caseload_staff", "admin"}),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "page", ["participant", "edit", "supervision", "record", "access_log", "resume", "preview",
             "pdf"]
)  # fmt: skip
def test_page_matrix(client, users, person, role, page):
    resume = ResumeFactory(participant=person)
    url, allowed = page_urls(person, resume)[page]
    client.force_login(users[role])

    response = client.get(url)

    assert response.status_code == (200 if role in allowed else 404)


def test_pages_need_sign_in(client, person):
    resume = ResumeFactory(participant=person)
    for url in (f"/participants/{person.pk}/", f"/resumes/{resume.pk}/", "/my/profile/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["self", "other_participant", "employer"])
def test_staff_pages_are_404_for_others(client, users, role):
    client.force_login(users[role])
    for url in ("/participants/", "/participants/new/", "/job-club/"):
        assert client.get(url).status_code == 404


def test_participant_page_shows_and_logs_sensitive_sections(client, person, staff_user):
    RecordEntryFactory(participant=person, description="Burglary second degree")
    SupervisionTermsFactory(participant=person, officer_name="Officer Kim")
    services.case_note_add(participant=person, actor=staff_user, kind="call", text="Called PO")
    client.force_login(staff_user)

    response = client.get(f"/participants/{person.pk}/")

    content = response.content.decode()
    assert "Burglary second degree" in content
    assert "Officer Kim" in content
    assert "Called PO" in content
    logged = AccessLog.objects.filter(
        subject_type=ContentType.objects.get_for_model(Participant), subject_id=str(person.pk)
    )
    assert sorted(logged.values_list("what", flat=True)) == [
        "case_notes",
        "custody_events",
        "record",
        "referrals",
        "supervision_terms",
    ]
    assert set(logged.values_list("why", flat=True)) == {"caseload"}


def test_participant_sees_who_read_and_reads_nothing_themself(
    client, person, staff_user, participant
):
    client.force_login(staff_user)
    client.get(f"/participants/{person.pk}/")
    before = AccessLog.objects.count()

    client.force_login(participant)
    for url in ("/my/profile/", "/my/resumes/", "/my/consents/", "/my/job-club/"):
        assert client.get(url).status_code == 200
    response = client.get("/my/access-log/")

    assert AccessLog.objects.count() == before
    assert "Fran" in response.content.decode() or "fran" in response.content.decode()
    assert "Supervision terms" in response.content.decode()


# ---------------------------------------------------------------------------- caseload


@pytest.mark.parametrize("rows", [1, 30])
def test_caseload_query_budget(client, staff_user, django_assert_max_num_queries, rows):
    for person in ParticipantFactory.create_batch(rows, facilitator=staff_user):
        ResumeFactory(participant=person)
    client.force_login(staff_user)
    with django_assert_max_num_queries(10):
        response = client.get("/participants/?status=active")
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(rows, 25)


def test_caseload_search_and_filters(client, staff_user, other_staff):
    mine = ParticipantFactory(facilitator=staff_user, first_name="Maria", has_state_id=False)
    ParticipantFactory(facilitator=staff_user, first_name="Zed", has_state_id=True,
                       has_social_security_card=True)  # fmt: skip
    ParticipantFactory(facilitator=other_staff, first_name="Maria")
    client.force_login(staff_user)

    found = client.get("/participants/?search=maria").context["page"].object_list
    missing = client.get("/participants/?missing_id=on").context["page"].object_list

    assert list(found) == [mine]
    assert list(missing) == [mine]


# ------------------------------------------------------------------------------ intake


PERSON = {
    "first_name": "John",
    "last_name": "Smith",
    "date_of_birth": "1985-04-02",
    "phone": "816-555-0123",
    "preferred_language": "en",
}
SITUATION = {"zip_code": "64106", "release_date": "2026-01-15", "transport": ["bus"]}


def walk_intake(client):
    client.get("/participants/new/")
    assert client.post("/participants/new/person/", PERSON).status_code == 302
    assert client.post("/participants/new/situation/", SITUATION).status_code == 302
    response = client.post("/participants/new/work/", {"desired_job_titles": "cook, dishwasher"})
    assert response["Location"] == "/participants/new/check/"


def test_intake_in_steps(client, staff_user):
    client.force_login(staff_user)
    walk_intake(client)

    check = client.get("/participants/new/check/")
    assert "cook, dishwasher" in check.content.decode()
    response = client.post("/participants/new/check/", {})

    person = Participant.objects.get()
    assert response["Location"] == f"/participants/{person.pk}/"
    assert person.phone == "+18165550123"
    assert person.desired_job_titles == ["cook", "dishwasher"]
    assert person.facilitator == staff_user


def test_intake_step_shows_errors(client, staff_user):
    client.force_login(staff_user)
    response = client.post("/participants/new/person/", {**PERSON, "phone": ""}, follow=True)
    assert response.status_code == 200
    response = client.post("/participants/new/person/", {**PERSON, "date_of_birth": "soon"})
    assert response.status_code == 200
    assert "date" in response.content.decode().lower()


def test_intake_check_without_steps_goes_back(client, staff_user):
    client.force_login(staff_user)
    client.get("/participants/new/")
    assert client.get("/participants/new/check/")["Location"] == "/participants/new/person/"


def test_intake_shows_possible_duplicate_before_saving(client, staff_user):
    ParticipantFactory(first_name="Jon", last_name="Smith", date_of_birth=datetime.date(1985, 4, 2))
    client.force_login(staff_user)
    walk_intake(client)

    response = client.post("/participants/new/check/", {})

    assert response.status_code == 200
    assert "Jon Smith" in response.content.decode()
    assert Participant.objects.count() == 1

    response = client.post("/participants/new/check/", {"confirmed_not_duplicate": "on"})
    assert response.status_code == 302
    assert Participant.objects.count() == 2


def test_intake_release_before_birth_is_explained(client, staff_user):
    client.force_login(staff_user)
    client.get("/participants/new/")
    client.post("/participants/new/person/", PERSON)
    client.post("/participants/new/situation/", {**SITUATION, "release_date": "1980-01-01"})
    client.post("/participants/new/work/", {})

    response = client.post("/participants/new/check/", {})

    assert "before the date of birth" in response.content.decode()
    assert not Participant.objects.exists()


# ------------------------------------------------------------------ invitation & claim


def test_staff_issue_a_code_shown_once_and_the_person_claims_it(client, staff_user):
    person = ParticipantFactory(facilitator=staff_user, user=None)
    client.force_login(staff_user)
    client.post(f"/participants/{person.pk}/invitation/")
    first = client.get(f"/participants/{person.pk}/")
    code = first.context["invitation_code"]
    assert code in first.content.decode()
    assert client.get(f"/participants/{person.pk}/").context["invitation_code"] is None

    client.logout()
    response = client.post(
        "/claim/",
        {
            "code": code,
            "username": "maria.l",
            "password": "my new long password",
            "password_again": "my new long password",
        },
    )
    assert response["Location"] == "/accounts/login/"
    person.refresh_from_db()
    assert person.user.username == "maria.l"


def test_claim_with_a_used_code_says_so(client, staff_user):
    person = ParticipantFactory(facilitator=staff_user, user=None)
    _invitation, code = services.invitation_issue(participant=person, actor=staff_user)
    services.invitation_claim(code=code, username="first1", password="my new long password")
    body = {
        "code": code,
        "username": "second2",
        "password": "my new long password",
        "password_again": "my new long password",
    }

    response = client.post("/claim/", body)

    assert response.status_code == 200
    assert "already used" in response.content.decode()


def test_claim_short_password_and_mismatch(client, staff_user):
    person = ParticipantFactory(facilitator=staff_user, user=None)
    _invitation, code = services.invitation_issue(participant=person, actor=staff_user)
    mismatch = client.post(
        "/claim/",
        {"code": code, "username": "abc", "password": "x" * 14, "password_again": "y" * 14},
    )
    short = client.post(
        "/claim/", {"code": code, "username": "abc", "password": "short", "password_again": "short"}
    )
    assert "not the same" in mismatch.content.decode()
    assert "at least 12" in short.content.decode()
    person.refresh_from_db()
    assert person.user is None


# ----------------------------------------------------------------------------- consents


def test_participant_withdraws_a_consent_from_their_page(client, person, participant, staff_user):
    kind = ConsentKind.SHARE_PROFILE_WITH_FAIR_EMPLOYERS
    services.consent_set(participant=person, actor=staff_user, kind=kind, given=True)
    client.force_login(participant)

    client.post("/my/consents/change/", {"kind": kind, "given": "no"})

    assert not consent_in_force(participant=person, kind=kind)
    page = client.get("/my/consents/").content.decode()
    assert "withdrawn" in page


def test_other_staff_cannot_change_a_consent(client, person, other_staff):
    client.force_login(other_staff)
    response = client.post(
        f"/participants/{person.pk}/consents/", {"kind": "share_record_summary", "given": "yes"}
    )
    assert response.status_code == 404
    assert not consent_in_force(participant=person, kind="share_record_summary")


# ----------------------------------------------------------------------------- job club


def test_staff_plan_a_session_and_take_attendance(client, person, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/job-club/",
        {
            "date": (timezone.localdate() + datetime.timedelta(days=1)).isoformat(),
            "time": "10:00",
            "place": "Room 2",
            "topic": "interview",
            "capacity": "12",
        },
    )
    session_url = response["Location"]

    client.post(session_url, {f"status_{person.pk}": "present", f"note_{person.pk}": "On time"})

    row = Attendance.objects.get()
    assert (row.participant, row.status, row.note) == (person, "present", "On time")


@pytest.mark.parametrize("rows", [1, 30])
def test_job_club_page_query_budget(client, staff_user, django_assert_max_num_queries, rows):
    JobClubSessionFactory.create_batch(rows)
    client.force_login(staff_user)
    with django_assert_max_num_queries(10):
        assert client.get("/job-club/").status_code == 200


def test_my_job_club_lists_upcoming_and_attendance(client, person, participant, staff_user):
    session = JobClubSessionFactory(place="Library annex")
    services.attendance_record(
        session=session, actor=staff_user, participant=person, status="excused"
    )
    client.force_login(participant)
    page = client.get("/my/job-club/").content.decode()
    assert "Library annex" in page
    assert "Excused" in page


# ---------------------------------------------------------------------------- dashboards


def test_dashboards_show_the_panels(client, person, staff_user, participant):
    client.force_login(staff_user)
    assert "Your caseload" in client.get("/dashboard/").content.decode()
    client.force_login(participant)
    page = client.get("/dashboard/").content.decode()
    assert "My résumés" in page
    assert "What employers may see" in page


def test_employer_dashboard_has_no_participant_panel(client, employer_user, person):
    client.force_login(employer_user)
    assert "Your caseload" not in client.get("/dashboard/").content.decode()


@pytest.mark.parametrize("rows", [1, 30])
def test_other_list_pages_query_budget(
    client, person, participant, staff_user, django_assert_max_num_queries, rows
):
    ResumeFactory.create_batch(rows, participant=person)
    for session in JobClubSessionFactory.create_batch(rows):
        services.attendance_record(
            session=session, actor=staff_user, participant=person, status="present"
        )
    for _ in range(rows):
        services.consent_set(
            participant=person, actor=staff_user, kind="share_record_summary", given=True
        )
    client.force_login(staff_user)
    for _ in range(rows):
        client.get(f"/participants/{person.pk}/access-log/")
    with django_assert_max_num_queries(10):
        assert client.get(f"/participants/{person.pk}/access-log/").status_code == 200

    client.force_login(participant)
    for url in ("/my/access-log/", "/my/resumes/", "/my/job-club/", "/my/consents/"):
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200
