"""The home page's "people hired this year" figure, read from the placements selector."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from cms.figures import home_figures
from employers.search_cache import job_search_outdate
from placements.applications.selectors import placements_this_year_count
from tests.factories.applications import PlacementFactory
from tests.factories.jobseekers import ParticipantFactory


def test_the_figure_counts_people_hired_this_year(db):
    today = timezone.localdate()
    person = ParticipantFactory()
    PlacementFactory(participant=person, start_date=date(today.year, 1, 1))
    # A second job the same year is the same person hired: counted once.
    PlacementFactory(participant=person, start_date=today)
    PlacementFactory(start_date=today)
    # Last year's hire and a subsidized (transitional) job do not count.
    PlacementFactory(start_date=date(today.year - 1, 12, 31))
    PlacementFactory(start_date=today, subsidized=True)
    assert placements_this_year_count() == 2
    assert home_figures().placements_this_year == 2


def test_the_home_page_shows_it(client, site_tree):
    PlacementFactory(start_date=timezone.localdate() - timedelta(days=0))
    body = client.get("/").content.decode()
    assert "1</span> people hired this year" in body


@pytest.mark.parametrize("rows", [1, 30])
def test_home_page_query_budget_with_placements(
    client, site_tree, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        PlacementFactory(start_date=timezone.localdate())
    with django_assert_max_num_queries(16):
        response = client.get("/")
    assert response.status_code == 200


def test_visitors_share_the_counted_figures_until_a_job_or_employer_changes(client, site_tree):
    PlacementFactory(start_date=timezone.localdate())
    assert "1</span> people hired this year" in client.get("/").content.decode()
    # A placement alone shows when the shared figures expire (5 minutes) ...
    PlacementFactory(start_date=timezone.localdate())
    assert "1</span> people hired this year" in client.get("/").content.decode()
    # ... or as soon as a job or an employer changes (their services renew the stamp).
    job_search_outdate()
    assert "2</span> people hired this year" in client.get("/").content.decode()
