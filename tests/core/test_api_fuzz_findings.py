"""What the fuzz run (`make fuzz`, issue 16) found and the API now does: each test pins
one fix that let a check run again on every operation."""

import pytest

pytestmark = pytest.mark.django_db


# --- unsupported_method: 405 for a method the route does not have, before scoping --------


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("put", "/api/v1/transitional/worksites/"),
        ("delete", "/api/v1/transitional/time-entries/"),
        ("post", "/api/v1/reports/outcomes/"),
    ],
)
def test_a_method_no_one_has_is_405_even_for_someone_scoped_out(
    api_client, employer_user, participant, method, url
):
    for user in (employer_user, participant):
        api_client.force_login(user)
        response = getattr(api_client, method)(url)
        assert response.status_code == 405, (user, url)
        assert method.upper() not in response["Allow"]
        assert "GET" in response["Allow"]
        assert response.json()["code"] == "method_not_allowed"


def test_someone_scoped_out_still_gets_404_for_a_method_the_route_has(
    api_client, employer_user, participant
):
    api_client.force_login(employer_user)
    assert api_client.get("/api/v1/transitional/worksites/").status_code == 404
    assert api_client.get("/api/v1/reports/outcomes/").status_code == 404
    api_client.force_login(participant)
    assert api_client.get("/api/v1/reports/outcomes/").status_code == 404
