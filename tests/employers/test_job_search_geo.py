"""The job search's radius and distance sort give the same jobs, in the same order, as
the great-circle distance computed in Python (the search filters and sorts on the
haversine's inner term in SQL, which must not change a single result)."""

import random

import pytest

from portal.core.geo import miles_between, zip_location
from tests.factories.employers import JobFactory

pytestmark = pytest.mark.django_db


def test_radius_and_distance_order_match_the_great_circle_distance(api_client):
    origin = zip_location("64106")
    rng = random.Random(7)
    jobs = [
        JobFactory(
            latitude=origin.latitude + rng.uniform(-0.3, 0.3),
            longitude=origin.longitude + rng.uniform(-0.3, 0.3),
        )
        for _ in range(40)
    ]
    # Two jobs at the same place: the newer one comes first.
    twin = JobFactory(latitude=jobs[0].latitude, longitude=jobs[0].longitude)
    jobs.append(twin)
    for radius in (3, 10, 15):
        expected = sorted(
            (
                job
                for job in jobs
                if miles_between(origin.latitude, origin.longitude, job.latitude, job.longitude)
                <= radius
            ),
            key=lambda job: (
                round(
                    miles_between(origin.latitude, origin.longitude, job.latitude, job.longitude),
                    9,
                ),
                -job.published_at.timestamp(),
                -job.pk,
            ),
        )
        response = api_client.get(
            "/api/v1/jobs/",
            {"zip": "64106", "radius": radius, "sort": "distance", "page_size": 100},
        )
        rows = response.data["results"]
        assert [row["id"] for row in rows] == [job.pk for job in expected]
        assert response.data["count"] == len(expected)
        for row, job in zip(rows, expected, strict=True):
            exact = miles_between(origin.latitude, origin.longitude, job.latitude, job.longitude)
            assert row["distance_miles"] == round(exact, 1)


def test_search_page_shows_distance_and_details(client):
    JobFactory(title="Dishwasher", city="Kansas City", zip_code="64106")
    response = client.get("/jobs/", {"zip": "64106", "radius": 5, "sort": "distance"})
    content = response.content.decode()
    assert "Dishwasher" in content
    assert "miles away" in content
