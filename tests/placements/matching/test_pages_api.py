"""Pages and API of matching: who may see what (a matrix; employers never reach
candidates or reasons), what the pages show, query budgets fixed in the number of jobs."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import timezone

from employers.models import OffenseRule
from placements.applications.models import ApplicationStatus
from placements.matching import services
from placements.models import MatchResult, MatchRun
from portal.core.models import Role
from portal.core.templatetags.formatting import date_display
from tests.factories.applications import ApplicationFactory, InterviewFactory
from tests.factories.employers import JobFactory, MembershipFactory
from tests.factories.jobseekers import (
    ParticipantFactory,
    RecordEntryFactory,
    SupervisionTermsFactory,
)
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index():
    services._INDEX_CACHE.clear()
    yield
    services._INDEX_CACHE.clear()


@pytest.fixture
def forklift_job(employer_user):
    job = JobFactory(title="Forklift operator")
    MembershipFactory(user=employer_user, employer=job.employer)
    return job


@pytest.fixture
def who(participant, other_participant_user, employer_user, staff_user, other_staff, admin_user):
    return {
        "anonymous": None,
        "self": participant,
        "other participant": other_participant_user,
        "employer of the job": employer_user,
        "caseload staff": staff_user,
        "other staff": other_staff,
        "admin": admin_user,
    }


MATCHES_ALLOWED = {"self", "caseload staff", "admin"}
# Any staff member may open a job's candidates; each sees only their own caseload.
CANDIDATES_ALLOWED = {"caseload staff", "other staff", "admin"}


@pytest.mark.parametrize(
    "role",
    [
        "anonymous",
        "self",
        "other participant",
        "employer of the job",
        "caseload staff",
        "other staff",
        "admin",
    ],
)
def test_permission_matrix(api_client, client, who, role, person, forklift_job):
    services.matches_recompute_for(participant=person)
    user = who[role]
    if user is not None:
        api_client.force_authenticate(user)
        client.force_login(user)
    matches = api_client.get(f"/api/v1/participants/{person.pk}/matches/")
    candidates = api_client.get(f"/api/v1/jobs/{forklift_job.pk}/candidates/")
    staff_page = client.get(f"/participants/{person.pk}/matches/")
    candidates_page = client.get(f"/staff/jobs/{forklift_job.pk}/candidates/")
    if role == "anonymous":
        assert matches.status_code in (401, 403) and candidates.status_code in (401, 403)
        assert staff_page.status_code == 302 and candidates_page.status_code == 302
        return
    assert matches.status_code == (200 if role in MATCHES_ALLOWED else 404)
    assert candidates.status_code == (200 if role in CANDIDATES_ALLOWED else 404)
    assert staff_page.status_code == (200 if role in MATCHES_ALLOWED - {"self"} else 404)
    assert candidates_page.status_code == (200 if role in CANDIDATES_ALLOWED else 404)
    listed = person.display_name in candidates_page.content.decode()
    assert listed is (role in MATCHES_ALLOWED - {"self"})
    if candidates.status_code == 200:
        listed_ids = [r["participant"]["id"] for r in candidates.json()["results"]]
        assert (person.pk in listed_ids) is (role in MATCHES_ALLOWED - {"self"})
    body = matches.content + candidates.content + staff_page.content + candidates_page.content
    if role == "employer of the job":
        # Nothing about the person, their matches or why: not even a name.
        assert b"Pat" not in body and b"Forklift operator" not in body


def test_matches_endpoint_contract(api_client, participant, person, forklift_job):
    JobFactory(title="Barista", wage_max=Decimal("14.00"), wage_min=Decimal("13.00"))
    api_client.force_authenticate(participant)
    body = api_client.get(f"/api/v1/participants/{person.pk}/matches/?limit=1").json()
    assert body["count"] == 1
    (result,) = body["results"]
    assert set(result) >= {"job", "score", "reasons", "cautions"}
    assert result["job"]["id"] == forklift_job.pk
    assert result["job"]["title"] == "Forklift operator"
    assert 0 <= result["score"] <= 100
    assert "You want to work as Forklift operator" in result["reasons"]
    assert "excluded_by_rule" not in body  # staff only


def test_matches_endpoint_speaks_spanish(api_client, participant, person, forklift_job):
    api_client.force_authenticate(participant)
    body = api_client.get(
        f"/api/v1/participants/{person.pk}/matches/", HTTP_ACCEPT_LANGUAGE="es"
    ).json()
    assert "Usted quiere trabajar como Forklift operator" in body["results"][0]["reasons"]


def test_staff_see_excluded_counts_by_rule(api_client, client, staff_user, person):
    SupervisionTermsFactory(participant=person, curfew_start=dt.time(22), curfew_end=dt.time(6))
    JobFactory(title="Night stocker", shift_start=dt.time(23), shift_end=dt.time(7))
    JobFactory(title="Day stocker")
    api_client.force_authenticate(staff_user)
    body = api_client.get(f"/api/v1/participants/{person.pk}/matches/").json()
    assert body["excluded_by_rule"]["curfew"] == 1
    assert [r["job"]["title"] for r in body["results"]] == ["Day stocker"]
    client.force_login(staff_user)
    page = client.get(f"/participants/{person.pk}/matches/").content.decode()
    assert "Shift hours fall in the curfew" in page
    assert (
        "Day shift ends at 3 p.m., 7 hours before your 10 p.m. curfew, leaving time to get home"
        in page
    )
    assert "Night stocker" not in page


def test_a_shift_ending_at_the_curfew_is_not_a_fit_and_the_buffer_is_a_setting(
    api_client, staff_user, person
):
    SupervisionTermsFactory(participant=person, curfew_start=dt.time(22), curfew_end=dt.time(6))
    ends_at_ten = JobFactory(title="Late stocker", shift_start=dt.time(14), shift_end=dt.time(22))
    assert ends_at_ten.shift_end == dt.time(22)  # the case: never a fit
    ends_at_nine = JobFactory(title="Stocker", shift_start=dt.time(13), shift_end=dt.time(21))
    ends_at_half_past_nine = JobFactory(
        title="Loader", shift_start=dt.time(13, 30), shift_end=dt.time(21, 30)
    )
    api_client.force_authenticate(staff_user)

    def shown():
        services.matches_recompute_for(participant=person)
        body = api_client.get(f"/api/v1/participants/{person.pk}/matches/").json()
        return {row["job"]["title"]: row["reasons"] for row in body["results"]}, body

    titles, body = shown()
    assert set(titles) == {ends_at_nine.title}
    assert body["excluded_by_rule"]["curfew"] == 2
    assert any("an hour before your 10 p.m. curfew" in text for text in titles["Stocker"])

    with override_settings(PORTAL_CURFEW_TRAVEL_BUFFER_MINUTES=30):
        titles, _body = shown()
    assert set(titles) == {ends_at_nine.title, ends_at_half_past_nine.title}
    assert any("30 minutes before your 10 p.m. curfew" in text for text in titles["Loader"])


def test_participant_page_shows_jobs_for_you_with_reasons_and_job_links(
    client, participant, person, forklift_job
):
    client.force_login(participant)
    page = client.get("/my/jobs-for-you/").content.decode()
    assert "Jobs for you" in page
    assert "You want to work as Forklift operator" in page
    assert f"/jobs/{forklift_job.pk}/" in page
    assert "Jobs left out" not in page  # excluded counts are for staff


def test_jobs_for_you_shows_where_an_application_stands_instead_of_apply(
    client, participant, person, forklift_job
):
    application = ApplicationFactory(
        participant=person, job=forklift_job, status=ApplicationStatus.INTERVIEW_SCHEDULED
    )
    interview = InterviewFactory(application=application)
    client.force_login(participant)
    page = client.get("/my/jobs-for-you/").content.decode()
    badge = re.search(r'<span class="badge[^"]*">(.*?)</span>', page, re.S).group(1)
    assert " ".join(re.sub(r"<[^>]+>", " ", badge).split()) == (
        f"Interview on {date_display(interview.starts_at, 'day')}"
    )
    assert f"/applications/{application.pk}/" in page
    assert "See the job and apply" not in page


def test_participant_page_says_what_to_do_with_no_jobs_and_no_zip(client, participant):
    ParticipantFactory(user=participant, zip_code="")
    client.force_login(participant)
    page = client.get("/my/jobs-for-you/").content.decode()
    assert "There are no open jobs right now" in page
    assert "Add your ZIP code" in page


def test_refresh_button(client, staff_user, other_staff, person, forklift_job):
    client.force_login(other_staff)
    assert client.post(f"/participants/{person.pk}/matches/refresh/").status_code == 404
    assert not MatchRun.objects.exists()
    client.force_login(staff_user)
    response = client.post(f"/participants/{person.pk}/matches/refresh/", follow=True)
    assert "Matches are up to date." in response.content.decode()
    assert MatchResult.objects.filter(participant=person).count() == 1


def test_candidates_from_the_caseload_with_filters(
    api_client, staff_user, admin_user, person, other_person, forklift_job
):
    today = timezone.localdate()
    inside = ParticipantFactory(facilitator=staff_user, release_date=today + dt.timedelta(days=30))
    services.matches_recompute_all()
    MatchRun.objects.filter(participant=person).update(readiness=Decimal("4.50"))
    api_client.force_authenticate(staff_user)
    url = f"/api/v1/jobs/{forklift_job.pk}/candidates/"

    def ids(query=""):
        return [r["participant"]["id"] for r in api_client.get(url + query).json()["results"]]

    assert set(ids()) == {person.pk, inside.pk}  # not other_person: another caseload
    assert ids("?availability=now") == [person.pk]
    assert ids("?availability=pre_release") == [inside.pk]
    assert ids("?readiness=4") == [person.pk]
    api_client.force_authenticate(admin_user)
    assert set(ids()) == {person.pk, inside.pk, other_person.pk}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("availability=soon", "availability"),
        ("readiness=high", "readiness"),
        ("readiness=7", "readiness"),
        ("readiness=NaN", "readiness"),
    ],
)
def test_a_bad_candidate_filter_is_refused_by_the_api_naming_it(
    api_client, staff_user, person, forklift_job, query, field
):
    services.matches_recompute_all()
    api_client.force_authenticate(staff_user)
    response = api_client.get(f"/api/v1/jobs/{forklift_job.pk}/candidates/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and list(body["fields"]) == [field]


def test_a_bad_candidate_filter_is_shown_next_to_it_on_the_page(
    client, staff_user, person, forklift_job
):
    today = timezone.localdate()
    inside = ParticipantFactory(facilitator=staff_user, release_date=today + dt.timedelta(days=30))
    services.matches_recompute_all()
    client.force_login(staff_user)
    url = f"/staff/jobs/{forklift_job.pk}/candidates/"
    page = client.get(url, {"availability": "pre_release", "readiness": "lots"})
    assert page.status_code == 200
    form = page.context["filters"].form
    assert list(form.errors) == ["readiness"]
    content = page.content.decode()
    assert "Please fix the problems below" in content and "Enter a number." in content
    # The good filter still applies; the bad one filters nothing.
    assert [m["result"].participant_id for m in page.context["matches"]] == [inside.pk]
    page = client.get(url, {"availability": "soon"})
    assert list(page.context["filters"].form.errors) == ["availability"]
    assert {m["result"].participant_id for m in page.context["matches"]} == {person.pk, inside.pk}


def test_the_schema_documents_the_candidate_filters(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/jobs/{job_id}/candidates/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert parameters["availability"]["schema"]["enum"] == ["now", "pre_release"]
    assert parameters["readiness"]["schema"]["type"] == "number"
    assert "limit" in parameters


@pytest.mark.parametrize("jobs", [1, 30])
def test_query_budgets_are_fixed_in_the_number_of_jobs(
    api_client, client, participant, staff_user, person, jobs, django_assert_max_num_queries
):
    for job in JobFactory.create_batch(jobs):
        ApplicationFactory(participant=person, job=job)
    services.matches_recompute_for(participant=person)
    api_client.force_authenticate(participant)
    with django_assert_max_num_queries(8):
        body = api_client.get(f"/api/v1/participants/{person.pk}/matches/?limit=50").json()
    assert body["count"] == min(jobs, 20)
    client.force_login(participant)
    # One of them reads the participant's applications to the jobs shown (the badges).
    with django_assert_max_num_queries(13):
        page = client.get("/my/jobs-for-you/")
    assert page.content.decode().count("Match:") == min(jobs, 20)
    # Each job already applied to shows its badge, from one query for the page.
    assert page.content.decode().count("See my application") == min(jobs, 20)
    api_client.force_authenticate(staff_user)
    with django_assert_max_num_queries(10):
        api_client.get(f"/api/v1/jobs/{JobFactory._meta.model.objects.first().pk}/candidates/")


def test_dashboard_panels(client, participant, staff_user, person, forklift_job):
    services.matches_recompute_for(participant=person)
    client.force_login(participant)
    page = client.get("/dashboard/").content.decode()
    assert "Top jobs for you" in page and "Forklift operator" in page
    client.force_login(staff_user)
    page = client.get("/dashboard/").content.decode()
    assert "New matches for your caseload" in page and "Pat" in page
    employer = UserFactory(role=Role.EMPLOYER, username="emma")
    client.force_login(employer)
    page = client.get("/dashboard/").content.decode()
    assert "matches" not in page.lower()


@pytest.mark.parametrize(
    ("shift_end", "english", "spanish"),
    [
        (
            dt.time(22),
            "ends at 10 p.m., just when your 10 p.m. curfew starts: no time to get home",
            "justo cuando empieza su toque de queda",
        ),
        (
            dt.time(21, 30),
            "only 30 minutes before your 10 p.m. curfew: not enough time to get home",
            "no alcanza el tiempo para llegar a casa",
        ),
        (
            dt.time(21),
            "ends at 9 p.m., an hour before your 10 p.m. curfew, leaving time to get home",
            "una hora antes de su toque de queda",
        ),
        (
            dt.time(23),
            "some of its hours fall in your 10 p.m. curfew",
            "parte de su horario cae dentro de su toque de queda",
        ),
    ],
)
def test_job_page_tells_a_person_with_a_curfew_whether_they_get_home_in_time(
    client, participant, person, shift_end, english, spanish
):
    SupervisionTermsFactory(participant=person, curfew_start=dt.time(22), curfew_end=dt.time(6))
    posting = JobFactory(title="Stocker", shift_start=dt.time(13), shift_end=shift_end)
    client.force_login(participant)
    page = client.get(f"/jobs/{posting.pk}/").content.decode()
    assert english in page
    page = client.get(f"/jobs/{posting.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert spanish in page


def test_job_page_says_nothing_of_a_curfew_to_others(client, staff_user, person):
    SupervisionTermsFactory(participant=person, curfew_start=dt.time(22), curfew_end=dt.time(6))
    posting = JobFactory(title="Stocker", shift_start=dt.time(14), shift_end=dt.time(22))
    client.force_login(staff_user)
    assert "curfew" not in client.get(f"/jobs/{posting.pk}/").content.decode()


def test_look_back_counts_from_the_release_when_it_is_later(api_client, client, staff_user, person):
    """A bank that cannot consider theft within 7 years: someone convicted 9 years ago
    and released 3 years ago is still inside the 7 years (from the database up), and the
    staff page says how the years are counted."""
    bank = JobFactory(title="Bank teller")
    policy = bank.employer.hiring_policy
    OffenseRule.objects.create(
        policy=policy, category="theft_fraud", decision="not_within_years", years=7
    )
    JobFactory(title="Stocker")
    today = timezone.localdate()
    RecordEntryFactory(
        participant=person,
        offense_category="theft_fraud",
        convicted_on=today - dt.timedelta(days=9 * 366),
        released_on=today - dt.timedelta(days=3 * 366),
    )
    api_client.force_authenticate(staff_user)
    body = api_client.get(f"/api/v1/participants/{person.pk}/matches/").json()
    assert [row["job"]["title"] for row in body["results"]] == ["Stocker"]
    assert body["excluded_by_rule"]["policy"] == 1
    client.force_login(staff_user)
    page = client.get(f"/participants/{person.pk}/matches/").content.decode()
    assert "years counted from the later of conviction and release" in page
