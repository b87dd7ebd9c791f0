"""Each person's dashboard panels are kept a short time per session (issue 15: a
dashboard reads 15-30 things and people come back to it after every task): a reload
within the time shows the kept panels and says when they were built; the person's own
change, the Refresh link, another session or the other language build them afresh; and
nothing of one person's page is ever shown to another."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from portal.core.models import Role
from tests.factories.applications import ApplicationFactory
from tests.factories.jobseekers import ParticipantFactory
from tests.factories.users import UserFactory
from tests.placements.applications.test_dashboard_figures import figure_cards

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_kept_dashboards")]


@pytest.fixture
def _kept_dashboards():
    cache.clear()
    with override_settings(PORTAL_DASHBOARD_SECONDS=30):
        yield
    cache.clear()


def _dashboard(client, **params) -> str:
    response = client.get(reverse("dashboard"), params)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def _waiting(html: str) -> int:
    return figure_cards(html)["#applications-waiting"]["number"]


def test_a_reload_shows_the_kept_panels_and_when_they_were_built(client, staff_user):
    mine = ParticipantFactory(facilitator=staff_user)
    ApplicationFactory(participant=mine)
    client.force_login(staff_user)
    html = _dashboard(client)
    assert _waiting(html) == 1
    assert "Updated at" in html and 'href="?refresh=1"' in html

    ApplicationFactory(participant=mine)  # someone else's change (an employer, a task)
    assert _waiting(_dashboard(client)) == 1
    # The Refresh link builds them now; after the keeping time they are built anyway.
    assert _waiting(_dashboard(client, refresh=1)) == 2
    ApplicationFactory(participant=mine)
    with time_machine.travel(timezone.now() + timedelta(seconds=31), tick=False):
        assert _waiting(_dashboard(client)) == 3


def test_the_persons_own_change_rebuilds_their_dashboard_at_once(client, staff_user):
    mine = ParticipantFactory(facilitator=staff_user)
    client.force_login(staff_user)
    assert _waiting(_dashboard(client)) == 0
    ApplicationFactory(participant=mine)
    # Any successful change of theirs (here their own name): the next visit is fresh.
    response = client.post(
        reverse("account"),
        {
            "first_name": "Francine",
            "last_name": "Diaz",
            "email": "fran@example.org",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    html = _dashboard(client)
    assert _waiting(html) == 1
    assert "Welcome, Francine" in html


def test_a_refused_change_keeps_the_kept_panels(client, staff_user):
    mine = ParticipantFactory(facilitator=staff_user)
    client.force_login(staff_user)
    _dashboard(client)
    ApplicationFactory(participant=mine)
    # Someone else's record: the portal answers 404 and nothing of theirs changed.
    other = ParticipantFactory()
    assert client.post(reverse("jobseekers:participant-edit", args=[other.pk])).status_code == 404
    assert _waiting(_dashboard(client)) == 0


def test_each_session_and_language_builds_its_own(staff_user):
    mine = ParticipantFactory(facilitator=staff_user)
    first = Client()
    first.force_login(staff_user)
    assert _waiting(_dashboard(first)) == 0
    ApplicationFactory(participant=mine)

    second = Client()  # the same person on another device
    second.force_login(staff_user)
    assert _waiting(_dashboard(second)) == 1

    first.cookies["django_language"] = "es"
    spanish = _dashboard(first)
    assert 'lang="es"' in spanish and "Actualizado a las" in spanish
    assert _waiting(spanish) == 1


def test_nothing_kept_crosses_from_one_person_to_another(staff_user):
    other_facilitator = UserFactory(role=Role.STAFF, username="gus", first_name="Gus")
    ApplicationFactory(participant=ParticipantFactory(facilitator=staff_user))
    for _ in range(2):
        ApplicationFactory(participant=ParticipantFactory(facilitator=other_facilitator))
    fran, gus = Client(), Client()
    fran.force_login(staff_user)
    gus.force_login(other_facilitator)
    for _ in range(2):  # built, then kept: each sees only their own caseload
        assert _waiting(_dashboard(fran)) == 1
        assert _waiting(_dashboard(gus)) == 2


def test_no_dashboard_holds_a_form_that_would_keep_a_stale_token(users_by_role):
    for user in users_by_role.values():
        client = Client()
        client.force_login(user)
        _dashboard(client)
        kept = _dashboard(client)
        # The header's forms (language, sign out) are outside <main>, built every time.
        main = kept.split("<main", 1)[1].split("</main>", 1)[0]
        assert "csrfmiddlewaretoken" not in main, user.role
        assert "csrfmiddlewaretoken" in kept
