"""The job search's shared results (employers/search_cache.py, issue 15): a search shown
once is answered from the cache, and any change a searcher would see (a job closed,
published or edited, an employer renamed or suspended) shows in the very next search,
on the page and in the API. A signed-in participant's page stays their own; languages
and addresses are never mixed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from employers.models import JobStatus, VettingDecision
from employers.search_cache import job_search_outdate
from employers.services import (
    EmployerDetails,
    JobDetails,
    employer_update,
    employer_vet,
    job_approve,
    job_close,
    job_update,
)
from tests.factories.applications import ApplicationFactory
from tests.factories.employers import EmployerFactory, JobFactory, MembershipFactory
from tests.factories.jobseekers import ParticipantFactory

pytestmark = pytest.mark.django_db

SEARCH = {"q": "cook", "zip": "64106", "radius": 10}


def _titles(api_client, params=None) -> list[str]:
    return [row["title"] for row in api_client.get("/api/v1/jobs/", params).data["results"]]


def _page(client, params=None, **headers) -> str:
    response = client.get("/jobs/", params, **headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def shared(settings):
    settings.PORTAL_JOB_SEARCH_CACHE_SECONDS = 300


def test_a_search_seen_once_is_answered_without_a_query(shared, client, api_client):
    JobFactory(title="Line cook")
    for ask in (lambda: _page(client, SEARCH), lambda: api_client.get("/api/v1/jobs/", SEARCH)):
        first = ask()
        with CaptureQueriesContext(connection) as queries:
            again = ask()
        assert len(queries) == 0, [query["sql"] for query in queries]
        if isinstance(first, str):
            assert again == first.replace(_csrf(first), _csrf(again))
        else:
            assert again.json() == first.json()


def _csrf(html: str) -> str:
    return html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]


def test_a_closed_job_is_gone_from_the_next_search(
    shared, client, api_client, employer_user, employer, django_capture_on_commit_callbacks
):
    job = JobFactory(employer=employer, title="Line cook")
    JobFactory(title="Prep cook")
    assert "Line cook" in _page(client, SEARCH)
    assert "Line cook" in _titles(api_client, SEARCH)
    with django_capture_on_commit_callbacks(execute=True):
        job_close(job=job, actor=employer_user)
    assert "Line cook" not in _page(client, SEARCH)
    assert _titles(api_client, SEARCH) == ["Prep cook"]


def test_a_job_published_or_edited_shows_in_the_next_search(
    shared, client, api_client, employer_user, employer, staff_user,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    waiting = JobFactory(employer=employer, title="Grill cook", status=JobStatus.SUBMITTED)
    edited = JobFactory(employer=employer, title="Line cook")
    assert _titles(api_client) == ["Line cook"]
    assert "Grill cook" not in _page(client)
    with django_capture_on_commit_callbacks(execute=True):
        job_approve(job=waiting, actor=staff_user)
    assert "Grill cook" in _titles(api_client)
    assert "Grill cook" in _page(client)

    with django_capture_on_commit_callbacks(execute=True):
        job_update(job=edited, details=_details_of(edited, title="Head cook"), actor=employer_user)
    assert "Head cook" in _titles(api_client)
    assert "Head cook" in _page(client) and "Line cook" not in _page(client)


def _details_of(job, **changes) -> JobDetails:
    values = {
        "title": job.title,
        "description": job.description,
        "zip_code": job.zip_code,
        "shift_days": job.shift_day_list,
        "shift_start": job.shift_start,
        "shift_end": job.shift_end,
        "hours_per_week": job.hours_per_week,
        "employment_type": job.employment_type,
        "transit_accessible": job.transit_accessible,
        "wage_min": job.wage_min,
        "wage_max": job.wage_max,
        "expires_on": job.expires_on,
    }
    values.update(changes)
    return JobDetails(**values)


def test_an_employer_renamed_or_suspended_shows_in_the_next_search(
    shared, client, api_client, employer_user, staff_user, django_capture_on_commit_callbacks
):
    employer = EmployerFactory(display_name="Blue Valley Kitchens")
    MembershipFactory(user=employer_user, employer=employer)
    JobFactory(employer=employer, title="Line cook")
    assert "Blue Valley Kitchens" in _page(client)
    assert api_client.get("/api/v1/jobs/").data["results"][0]["employer"]["name"] == (
        "Blue Valley Kitchens"
    )
    with django_capture_on_commit_callbacks(execute=True):
        employer_update(
            employer=employer,
            details=EmployerDetails(
                legal_name=employer.legal_name,
                display_name="Green Valley Kitchens",
                ein=employer.ein,
                street=employer.street,
                city=employer.city,
                state=employer.state,
                zip_code=employer.zip_code,
                industry=employer.industry,
                employee_count=employer.employee_count,
                phone=employer.phone,
            ),
            actor=employer_user,
        )
    assert "Green Valley Kitchens" in _page(client)
    assert api_client.get("/api/v1/jobs/").data["results"][0]["employer"]["name"] == (
        "Green Valley Kitchens"
    )

    with django_capture_on_commit_callbacks(execute=True):
        employer_vet(
            employer=employer,
            decision=VettingDecision.SUSPEND,
            note="Complaints under review.",
            actor=staff_user,
        )
    assert "Line cook" not in _page(client)
    assert _titles(api_client) == []


def test_a_signed_in_participant_sees_their_own_applications(shared, client, participant):
    job = JobFactory(title="Line cook")
    ApplicationFactory(participant=ParticipantFactory(user=participant), job=job)
    assert "See my application" not in _page(client)  # a visitor first: shared
    client.force_login(participant)
    assert "See my application" in _page(client)
    client.logout()
    assert "See my application" not in _page(client)


def test_each_language_has_its_own_shared_page(shared, client):
    JobFactory(title="Line cook")
    assert "1 job found" in _page(client)
    spanish = _page(client, HTTP_ACCEPT_LANGUAGE="es")
    assert "1 empleo encontrado" in spanish
    assert "1 job found" in _page(client)


def test_the_api_links_name_the_address_asked(shared, api_client):
    for _ in range(3):
        JobFactory()
    one = api_client.get("/api/v1/jobs/", {"page_size": 1}, HTTP_HOST="127.0.0.1")
    other = api_client.get("/api/v1/jobs/", {"page_size": 1}, HTTP_HOST="localhost")
    assert one.data["next"].startswith("http://127.0.0.1/api/v1/jobs/")
    assert other.data["next"].startswith("http://localhost/api/v1/jobs/")


def test_other_parameters_are_not_shared(shared, client):
    """A query string with made-up parameters is answered without the cache, so it
    cannot fill it (and its pagination links keep them)."""
    JobFactory(title="Line cook")
    _page(client, {"utm_source": "flyer"})
    with CaptureQueriesContext(connection) as queries:
        _page(client, {"utm_source": "flyer"})
    assert len(queries) == 2


def test_outdating_when_the_stamp_was_evicted(shared, api_client):
    """With no stamp in the cache (evicted, or a fresh cache), a search starts one and
    the next change still drops what was stored under it."""
    from django.core.cache import cache

    job = JobFactory(title="Line cook")
    cache.clear()
    assert _titles(api_client) == ["Line cook"]
    job.status = JobStatus.CLOSED
    job.save()
    job_search_outdate()
    assert _titles(api_client) == []
