"""The shifts list's filters (placements/transitional/filters.py): they narrow the list,
a bad value is a 400 naming the parameter, and the API schema lists them."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from tests.factories.transitional import TimeEntryFactory, WorkAssignmentFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/transitional/time-entries/"


@pytest.fixture
def client(admin_user):
    client = APIClient()
    client.force_authenticate(admin_user)
    return client


@pytest.fixture
def entries():
    assignment = WorkAssignmentFactory(starts_on=date(2026, 2, 1))
    return {
        day: TimeEntryFactory(assignment=assignment, work_date=date(2026, 3, day))
        for day in (2, 3, 4, 5)
    } | {"elsewhere": TimeEntryFactory(work_date=date(2026, 3, 3))}


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_the_filters_narrow_the_list(client, entries):
    mine = entries[2]
    assert ids(client.get(URL, {"from": "2026-03-03", "to": "2026-03-04"})) == {
        entries[3].pk,
        entries[4].pk,
        entries["elsewhere"].pk,
    }
    assert ids(client.get(URL, {"participant": mine.participant_id, "from": "2026-03-04"})) == {
        entries[4].pk,
        entries[5].pk,
    }
    assert ids(client.get(URL, {"worksite": mine.worksite_id, "work_date": "2026-03-03"})) == {
        entries[3].pk
    }
    # A filter sent empty is refused (issue 16: "" is no id or date, as the schema says).
    assert client.get(URL, {"worksite": "", "from": ""}).status_code == 400


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("worksite", "abc"),
        ("participant", "1.5"),
        ("work_date", "03/04/2026"),
        ("from", "2026-13-01"),
        ("to", "yesterday"),
    ],
)
def test_a_bad_value_is_refused_with_its_parameter(client, entries, parameter, value):
    response = client.get(URL, {parameter: value})
    assert response.status_code == 400
    assert response.json()["fields"][parameter] == ["Use numbers and dates like 2026-03-02."]


def test_the_schema_lists_the_filters(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    parameters = schema["paths"][URL]["get"]["parameters"]
    assert {"worksite", "participant", "work_date", "from", "to"} <= {
        parameter["name"] for parameter in parameters
    }
