"""The job search at statewide size (issue 15): the count is exact up to a limit and an
estimate past it ("About 7,800 jobs found"), pages stop at that limit, the radius is
exact at its edge in every direction, bad values are refused, and the API's fast rows
are the same JSON as DRF's generic serializer."""

import json
import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.renderers import JSONRenderer

from employers.models import JobPosting
from employers.serializers import JobListSerializer
from portal.core.geo import EARTH_RADIUS_MILES, miles_between, zip_location
from tests.factories.employers import EmployerFactory, JobFactory

pytestmark = pytest.mark.django_db


def _point_at(origin, miles: float, bearing_degrees: float) -> tuple[float, float]:
    """The place `miles` from `origin` in the direction `bearing_degrees` (great circle)."""
    angle = miles / EARTH_RADIUS_MILES
    bearing = math.radians(bearing_degrees)
    lat1, lon1 = math.radians(origin.latitude), math.radians(origin.longitude)
    lat2 = math.asin(
        math.sin(lat1) * math.cos(angle) + math.cos(lat1) * math.sin(angle) * math.cos(bearing)
    )
    lon2 = lon1 + math.atan2(
        math.sin(bearing) * math.sin(angle) * math.cos(lat1),
        math.cos(angle) - math.sin(lat1) * math.sin(lat2),
    )
    return math.degrees(lat2), math.degrees(lon2)


@pytest.mark.parametrize("bearing", [0, 45, 90, 135, 180, 225, 270, 315])
def test_a_job_9_9_miles_away_is_in_a_10_mile_search_and_10_1_is_out(api_client, client, bearing):
    origin = zip_location("64106")
    placed = {}
    for miles in (9.9, 10.1):
        latitude, longitude = _point_at(origin, miles, bearing)
        assert miles_between(origin.latitude, origin.longitude, latitude, longitude) == (
            pytest.approx(miles, abs=1e-6)
        )
        placed[miles] = JobFactory(
            title=f"Job at {miles} miles", latitude=latitude, longitude=longitude
        )
    response = api_client.get("/api/v1/jobs/", {"zip": "64106", "radius": 10})
    assert [row["id"] for row in response.data["results"]] == [placed[9.9].pk]
    assert response.data["results"][0]["distance_miles"] == 9.9
    page = client.get("/jobs/", {"zip": "64106", "radius": 10}).content.decode()
    assert "Job at 9.9 miles" in page and "Job at 10.1 miles" not in page


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"zip": "64106", "radius": "0"}, "radius"),
        ({"zip": "64106", "radius": "101"}, "radius"),
        ({"zip": "64106", "radius": "ten"}, "radius"),
        ({"zip": "64106", "radius": "-5"}, "radius"),
        ({"zip": "abcde"}, "zip"),
        ({"zip": "00000"}, "zip"),
        ({"page_size": "20", "sort": "nearest"}, "sort"),
    ],
)
def test_bad_search_values_are_refused(api_client, client, params, field):
    JobFactory()
    response = api_client.get("/api/v1/jobs/", params)
    assert response.status_code == 400
    assert field in response.data["fields"]
    page = client.get("/jobs/", params)
    assert page.status_code == 200
    assert "No jobs match" in page.content.decode()


@pytest.fixture
def exact_up_to_five(settings):
    settings.PORTAL_JOB_SEARCH_EXACT_COUNT_LIMIT = 5


def test_below_the_limit_the_count_is_exact(api_client, client, exact_up_to_five):
    for _ in range(5):
        JobFactory()
    response = api_client.get("/api/v1/jobs/")
    assert response.data["count"] == 5
    assert response.data["count_is_estimate"] is False
    page = client.get("/jobs/").content.decode()
    assert "5 jobs found" in page
    assert "About" not in page


def test_past_the_limit_the_count_is_an_estimate_and_pages_stop_there(
    api_client, client, exact_up_to_five
):
    for _ in range(8):
        JobFactory()
    response = api_client.get("/api/v1/jobs/", {"page_size": 2})
    assert response.data["count_is_estimate"] is True
    assert response.data["count"] >= 6
    assert len(response.data["results"]) == 2
    # Five rows can be paged through: pages 1 to 3 of 2; page 4 is past the end.
    assert api_client.get("/api/v1/jobs/", {"page_size": 2, "page": 3}).status_code == 200
    assert api_client.get("/api/v1/jobs/", {"page_size": 2, "page": 4}).status_code == 404

    page = client.get("/jobs/").content.decode()
    assert f"About {response.data['count']:,} jobs found" in page
    assert "The first 5 are listed." in page


def test_the_estimate_wording_in_spanish(client, exact_up_to_five):
    for _ in range(8):
        JobFactory()
    page = client.get("/jobs/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Unos " in page and "empleos encontrados" in page


def test_estimate_is_rounded_to_two_figures():
    from employers.selectors import _rounded_estimate

    assert _rounded_estimate(9968) == 10_000
    assert _rounded_estimate(7826.4) == 7_800
    assert _rounded_estimate(1234) == 1_200
    assert _rounded_estimate(87) == 87


@pytest.mark.parametrize("rows", [1, 30])
def test_search_page_query_budget(client, django_assert_max_num_queries, rows):
    employers = [EmployerFactory() for _ in range(3)]
    for index in range(rows):
        JobFactory(employer=employers[index % 3], description="Cook in a busy kitchen.")
    # The count (a COUNT over a LIMIT) and the page's rows, whatever the number of jobs.
    with django_assert_max_num_queries(2):
        response = client.get("/jobs/", {"q": "kitchen", "zip": "64106", "radius": 10})
    assert response.status_code == 200


def test_a_busy_search_costs_no_count_once_its_estimate_is_known(
    api_client, exact_up_to_five, settings
):
    # Not the shared results (tests/employers/test_job_search_cache.py): a new page of
    # the same search, built again, reads its count from the cache.
    settings.PORTAL_JOB_SEARCH_CACHE_SECONDS = 0
    for _ in range(8):
        JobFactory()
    api_client.get("/api/v1/jobs/")
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get("/api/v1/jobs/")
    assert response.data["count_is_estimate"] is True
    assert len(queries) == 1, [query["sql"] for query in queries]


def test_fast_rows_are_the_same_json_as_drfs_generic_serializer(api_client):
    JobFactory(title="Night baker", shift_period="night", works_weekends=True)
    JobFactory(title="Dishwasher", transit_accessible=False)
    response = api_client.get("/api/v1/jobs/", {"zip": "64106", "radius": 25})
    rows = response.json()["results"]
    by_id = {
        job.pk: job
        for job in JobPosting.objects.select_related("employer").filter(
            pk__in=[row["id"] for row in rows]
        )
    }
    for row in rows:
        job = by_id[row["id"]]
        job.distance_miles = row["distance_miles"]
        # One object: DRF's generic walk over the declared fields, rendered the same way.
        generic = json.loads(JSONRenderer().render(JobListSerializer(job).data))
        assert row == generic
