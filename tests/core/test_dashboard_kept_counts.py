"""The admin's whole-program counts are kept a minute (issue 15: counting every open
application and every participant grew with the data), the page says when they were
counted, and the staff's own to-dos (a retention check, an intake) show at once."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from jobseekers.services import participant_create
from placements.applications.services import retention_check_record
from tests.factories.applications import ApplicationFactory, PlacementFactory
from tests.factories.jobseekers import ParticipantFactory
from tests.placements.applications.test_dashboard_figures import figure_cards

pytestmark = pytest.mark.django_db


def _dashboard(client) -> str:
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def _caseload_total(html: str) -> int:
    return int(re.search(r"(\d+) participants?</a>", html).group(1))


def test_admin_counts_are_kept_a_minute_and_say_when_they_were_counted(client, admin_user):
    ApplicationFactory()
    client.force_login(admin_user)
    html = _dashboard(client)
    assert figure_cards(html)["#applications-waiting"]["number"] == 1
    assert "Program-wide counts as of" in html
    ApplicationFactory()  # an employer-side change: shown within the minute
    assert figure_cards(_dashboard(client))["#applications-waiting"]["number"] == 1
    with time_machine.travel(timezone.now() + timedelta(seconds=61), tick=False):
        assert figure_cards(_dashboard(client))["#applications-waiting"]["number"] == 2


def test_a_recorded_retention_check_leaves_the_admin_count_at_once(
    client, admin_user, django_capture_on_commit_callbacks
):
    start = timezone.localdate() - timedelta(days=40)
    placement = PlacementFactory(participant=ParticipantFactory(), start_date=start)
    client.force_login(admin_user)
    assert figure_cards(_dashboard(client))["#retention-checks"]["number"] == 1
    check = placement.retention_checks.get(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        retention_check_record(
            check=check, actor=admin_user, outcome="same_employer", verified_by="participant"
        )
    assert figure_cards(_dashboard(client))["#retention-checks"]["number"] == 0


def test_an_intake_shows_in_the_admin_caseload_at_once(
    client, admin_user, django_capture_on_commit_callbacks
):
    ParticipantFactory()
    client.force_login(admin_user)
    html = _dashboard(client)
    assert _caseload_total(html) == 1 and "Counts as of" in html
    with django_capture_on_commit_callbacks(execute=True):
        participant_create(
            actor=admin_user,
            first_name="Nia",
            last_name="Okafor",
            date_of_birth=timezone.localdate() - timedelta(days=365 * 30),
        )
    assert _caseload_total(_dashboard(client)) == 2


def test_a_facilitators_counts_are_never_kept(client, staff_user):
    ApplicationFactory(participant=ParticipantFactory(facilitator=staff_user))
    client.force_login(staff_user)
    html = _dashboard(client)
    assert "as of" not in html.lower()
    assert figure_cards(html)["#applications-waiting"]["number"] == 1
    ApplicationFactory(participant=ParticipantFactory(facilitator=staff_user))
    html = _dashboard(client)
    assert figure_cards(html)["#applications-waiting"]["number"] == 2
    assert _caseload_total(html) == 2
