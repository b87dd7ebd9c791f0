"""The résumé sent with an application (with its contact details) reaches the employer
only while the participant's consent "share my profile and résumé with employers I apply
to" is in force: a withdrawal hides it at once on the page and in the API. The
participant and their staff always see it."""

import pytest
from django.urls import reverse

from jobseekers.models import ConsentKind
from jobseekers.services.sensitive import consent_set
from tests.factories.applications import ApplicationFactory, ResumeVersionFactory
from tests.factories.employers import JobFactory
from tests.factories.jobseekers import ConsentFactory, ParticipantFactory, ResumeFactory

HIDDEN = "This person stopped sharing their résumé with employers."
CONTACT = "pat.contact@example.org"
KIND = ConsentKind.SHARE_PROFILE_WITH_APPLIED_EMPLOYERS


@pytest.fixture
def shared(person, job):
    """Pat applied with a résumé carrying contact details and shares the profile."""
    ConsentFactory(participant=person, kind=KIND, given=True)
    version = ResumeVersionFactory(
        resume=ResumeFactory(participant=person),
        content={"title": "Warehouse", "summary": "Reliable.", "contact_email": CONTACT},
    )
    return ApplicationFactory(participant=person, job=job, resume_version=version)


def _page(client, user, application) -> str:
    client.force_login(user)
    response = client.get(reverse("placements:application-detail", args=[application.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_employer_sees_the_resume_while_it_is_shared(client, shared, employer_user):
    text = _page(client, employer_user, shared)
    assert CONTACT in text and "Reliable." in text
    assert HIDDEN not in text


def test_a_withdrawal_hides_it_from_the_employer_at_once(
    client, shared, employer_user, participant, person
):
    consent_set(participant=person, actor=participant, kind=KIND, given=False)

    text = _page(client, employer_user, shared)

    assert CONTACT not in text and "Reliable." not in text
    assert HIDDEN in text


@pytest.mark.parametrize("who", ["participant", "staff_user", "admin_user"])
def test_the_participant_side_still_sees_it(client, shared, person, participant, who, request):
    consent_set(participant=person, actor=participant, kind=KIND, given=False)

    text = _page(client, request.getfixturevalue(who), shared)

    assert CONTACT in text
    assert HIDDEN not in text


def test_the_api_hides_it_from_the_employer_after_a_withdrawal(
    api_client, shared, employer_user, staff_user, participant, person
):
    url = f"/api/v1/applications/{shared.pk}/"
    api_client.force_authenticate(employer_user)
    before = api_client.get(url).json()
    assert before["resume_shared"] is True
    assert before["resume_version"] == shared.resume_version_id

    consent_set(participant=person, actor=participant, kind=KIND, given=False)

    after = api_client.get(url).json()
    assert after["resume_shared"] is False
    assert after["resume_version"] is None
    listed = api_client.get("/api/v1/applications/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [(row["resume_shared"], row["resume_version"]) for row in rows] == [(False, None)]
    api_client.force_authenticate(staff_user)
    staff_view = api_client.get(url).json()
    assert staff_view["resume_shared"] is True
    assert staff_view["resume_version"] == shared.resume_version_id


def test_giving_it_again_shows_it_again(client, shared, employer_user, participant, person):
    consent_set(participant=person, actor=participant, kind=KIND, given=False)
    consent_set(participant=person, actor=participant, kind=KIND, given=True)
    assert CONTACT in _page(client, employer_user, shared)


@pytest.mark.parametrize("rows", [1, 30])
def test_the_employer_list_reads_consent_in_the_same_query(
    api_client, employer_user, employer, rows, django_assert_max_num_queries
):
    job = JobFactory(employer=employer)
    expected = {}
    for index in range(rows):
        person = ParticipantFactory()
        ConsentFactory(participant=person, kind=KIND, given=index % 2 == 0)
        expected[ApplicationFactory(participant=person, job=job).pk] = index % 2 == 0
    api_client.force_authenticate(employer_user)
    with django_assert_max_num_queries(8):
        listed = api_client.get("/api/v1/applications/").json()
    rows_seen = listed["results"]
    assert len(rows_seen) == min(rows, 25)
    assert {row["id"]: row["resume_shared"] for row in rows_seen} == {
        row["id"]: expected[row["id"]] for row in rows_seen
    }
    assert all(row["resume_version"] is None for row in rows_seen if not row["resume_shared"])
