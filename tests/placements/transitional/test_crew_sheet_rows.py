"""The crew sheet shows each person's error next to their row (and keeps the summary at
the top); a participant on a crew finds "My hours and pay" on their dashboard."""

import re

import pytest
from django.test import Client

from placements.models import TimeEntry
from portal.core.models import Role
from tests.factories.jobseekers import ParticipantFactory, StaffFactory
from tests.factories.transitional import WorkAssignmentFactory, WorkSiteFactory, days_ago
from tests.factories.users import UserFactory

from .test_views import crew_post

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def row_html(text: str, participant) -> str:
    match = re.search(rf'<fieldset[^>]*id="row-p{participant.pk}".*?</fieldset>', text, re.S)
    assert match, f"no row for {participant}"
    return match.group(0)


@pytest.fixture
def crew():
    supervisor = StaffFactory(username="sam")
    site = WorkSiteFactory(supervisors=[supervisor])
    people = [
        WorkAssignmentFactory(worksite=site, starts_on=days_ago(10)).participant for _ in range(2)
    ]
    return supervisor, site, people


def test_a_service_error_shows_next_to_the_persons_row(crew):
    supervisor, site, (good, bad) = crew
    response = signed_in(supervisor).post(
        f"/transitional/crew/{site.pk}/",
        crew_post([good, bad], days_ago(1), **{f"p{bad.pk}-clock_out": "07:00"}),
    )
    assert response.status_code == 200
    text = response.content.decode()
    summary = text.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "clock-out time is before the clock-in time" in summary
    assert f'href="#row-p{bad.pk}"' in summary
    assert f'href="#row-p{good.pk}"' not in summary
    assert "clock-out time is before the clock-in time" in row_html(text, bad)
    assert "errorlist" not in row_html(text, good)
    assert not TimeEntry.objects.exists()


def test_a_form_error_marks_the_row_and_links_it_from_the_summary(crew):
    supervisor, site, (good, bad) = crew
    response = signed_in(supervisor).post(
        f"/transitional/crew/{site.pk}/",
        crew_post([good, bad], days_ago(1), **{f"p{bad.pk}-break_minutes": "-5"}),
    )
    text = response.content.decode()
    assert f'href="#row-p{bad.pk}"' in text
    assert "Check the values marked below." in row_html(text, bad)
    assert "errorlist" not in row_html(text, good)
    assert not TimeEntry.objects.exists()


def test_the_participant_panel_links_to_my_hours_and_pay():
    login = UserFactory(role=Role.PARTICIPANT, username="me")
    WorkAssignmentFactory(participant__user=login, starts_on=days_ago(5))
    text = signed_in(login).get("/dashboard/").content.decode()
    assert re.search(r'<a class="button" href="/transitional/my/hours/">My hours and pay</a>', text)


def test_no_link_for_a_participant_without_a_crew():
    login = UserFactory(role=Role.PARTICIPANT, username="me")
    ParticipantFactory(user=login)
    text = signed_in(login).get("/dashboard/").content.decode()
    assert "My hours and pay" not in text


def test_the_crew_sheet_links_each_person_to_their_rate_and_last_day(crew):
    supervisor, site, people = crew
    text = signed_in(supervisor).get(f"/transitional/crew/{site.pk}/").content.decode()
    for person in people:
        assignment = person.work_assignments.get()
        assert f'href="/transitional/assignments/{assignment.pk}/"' in text
