"""The figure cards at the top of each dashboard: the counts that need someone, each
opening its list, overdue items flagged, plurals right, in English and Spanish."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from placements.models import ApplicationStatus as S
from portal.core.templatetags.formatting import date_display
from tests.factories.applications import ApplicationFactory, InterviewFactory, PlacementFactory
from tests.factories.employers import JobFactory
from tests.factories.jobseekers import ParticipantFactory

pytestmark = pytest.mark.django_db


def figure_cards(html: str) -> dict[str, dict]:
    """Each card by the list it opens: its number, label, badge text and classes."""
    cards = {}
    for classes, body in re.findall(r'<li class="figure-card([^"]*)">(.*?)</li>', html, re.S):
        url = re.search(r'href="([^"]+)"', body).group(1)
        number = re.search(r'figure-card__number">(\d+)<', body).group(1)
        label = re.search(r'figure-card__text">(.*?)</span>', body, re.S).group(1)
        badge = re.search(r'class="badge[^"]*">(.*?)</span>', body, re.S)
        cards[url] = {
            "number": int(number),
            "label": " ".join(label.split()),
            "badge": " ".join(re.sub(r"<[^>]+>", " ", badge.group(1)).split()) if badge else "",
            "classes": classes,
        }
    return cards


def _caseload_with_checks(staff_user):
    today = timezone.localdate()
    late = ParticipantFactory(facilitator=staff_user, first_name="Dee")
    recent = ParticipantFactory(facilitator=staff_user, first_name="Rosa")
    # 30-day check due 30 days ago: past the 14 grace days, overdue.
    PlacementFactory(participant=late, start_date=today - timedelta(days=60))
    # 30-day check due 5 days ago: due, not overdue yet.
    PlacementFactory(participant=recent, start_date=today - timedelta(days=35))
    ApplicationFactory(participant=late)
    ApplicationFactory(participant=recent)
    InterviewFactory(
        application=ApplicationFactory(participant=recent, status=S.INTERVIEW_SCHEDULED),
        starts_at=timezone.now() + timedelta(days=2),
    )


def test_the_staff_dashboard_counts_what_needs_them_and_flags_the_overdue(client, staff_user):
    _caseload_with_checks(staff_user)
    ParticipantFactory()  # someone else's caseload: never counted
    client.force_login(staff_user)
    html = client.get(reverse("dashboard")).content.decode()
    cards = figure_cards(html)

    assert cards["#applications-waiting"]["number"] == 3
    assert cards["#applications-waiting"]["label"] == "applications waiting"
    assert cards["#interviews-this-week"]["number"] == 1
    assert cards["#interviews-this-week"]["label"] == "interview this week"
    checks = cards["#retention-checks"]
    assert (checks["number"], checks["label"]) == (2, "retention checks due")
    assert checks["badge"] == "1 overdue" and "figure-card--danger" in checks["classes"]
    deadlines = cards["#form-8850-deadlines"]
    assert (deadlines["number"], deadlines["label"]) == (2, "Form 8850 deadlines")
    assert deadlines["badge"] == "2 missed"
    # Each card opens its list on the page.
    for anchor in cards:
        if anchor.startswith("#"):
            assert f'id="{anchor[1:]}"' in html
    # The overdue check stands out in its list too: a badge with an icon and the word.
    overdue = html[html.index('id="retention-checks"') :].split("</ul>")[0]
    assert "badge--danger" in overdue and "overdue" in overdue


def test_a_quiet_caseload_shows_zeros_without_alarms(client, staff_user):
    client.force_login(staff_user)
    cards = figure_cards(client.get(reverse("dashboard")).content.decode())
    checks = cards["#retention-checks"]
    assert checks["number"] == 0 and checks["badge"] == ""
    assert "figure-card--zero" in checks["classes"] and "danger" not in checks["classes"]
    assert cards["#applications-waiting"]["label"] == "applications waiting"


def test_the_staff_dashboard_in_spanish(client, staff_user):
    _caseload_with_checks(staff_user)
    client.force_login(staff_user)
    client.cookies["django_language"] = "es"
    try:
        html = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
        due = date_display(timezone.localdate() - timedelta(days=30))
    finally:
        translation.activate("en")
    checks = figure_cards(html)["#retention-checks"]
    assert checks["label"] == "seguimientos de permanencia pendientes"
    assert checks["badge"] == "1 atrasado"
    assert figure_cards(html)["#interviews-this-week"]["label"] == "entrevista esta semana"
    # Dates in Spanish order: "vence el 3 nov. 2026", never "Nov. 3, 2026".
    assert re.search(r"\d{1,2} [a-z]{3}\. \d{4}", due)
    assert due in html


def test_the_employer_dashboard_counts_open_jobs_with_the_right_plural(
    client, employer_user, employer
):
    JobFactory(employer=employer)
    client.force_login(employer_user)
    html = client.get(reverse("dashboard")).content.decode()
    cards = figure_cards(html)
    jobs = cards[reverse("employers:job-list")]
    assert (jobs["number"], jobs["label"]) == (1, "open job")
    assert "1 open job," in " ".join(html.split()) and "1 open jobs" not in html
    assert cards["#applicants"]["label"] == "new applicants"


def test_the_participant_sees_applications_and_interviews_at_a_glance(
    client, participant, person, application
):
    InterviewFactory(
        application=ApplicationFactory(participant=person, status=S.INTERVIEW_SCHEDULED),
        starts_at=timezone.now() + timedelta(days=3),
    )
    client.force_login(participant)
    cards = figure_cards(client.get(reverse("dashboard")).content.decode())
    assert cards["#my-applications-panel-heading"]["number"] == 2
    assert cards["#my-applications-panel-heading"]["label"] == "applications in progress"
    assert cards["#my-interviews-panel-heading"]["label"] == "interview coming up"
