"""Where an application or a person stands, as each reader sees it: the stage stepper
and the fair-chance steps on the application page, staff wording for staff, Decline never
the main button, "Applied" on a job page, the participant's one next step and the stage
badges of a caseload."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from placements.applications.services import record_review_assess, record_review_send_notice
from placements.models import ApplicationStatus, RetentionCheck
from portal.core.templatetags.formatting import date_display
from tests.factories.applications import ApplicationFactory, InterviewFactory, PlacementFactory
from tests.factories.employers import JobFactory
from tests.factories.jobseekers import ParticipantFactory, ResumeFactory

pytestmark = pytest.mark.django_db

S = ApplicationStatus
ASSESSMENT = {
    "nature_and_gravity": "A drug felony, no violence.",
    "time_elapsed": "Four years since the conviction.",
    "nature_of_job": "Forklift work; no cash or medicine handled.",
}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _stepper(html: str, label: str) -> str:
    return re.search(rf'<ol class="stepper" aria-label="{label}">(.*?)</ol>', html, re.S).group(1)


def _page(client, user, application):
    client.force_login(user)
    return client.get(reverse("placements:application-detail", args=[application.pk]))


def test_the_stage_stepper_shows_where_it_is_and_what_comes_next(client, participant, application):
    application.status = S.REVIEWING
    application.save()
    html = _page(client, participant, application).content.decode()
    steps = re.findall(r"<li(.*?)</li>", _stepper(html, "Application stages"), re.S)
    assert len(steps) == 6
    assert "stepper__step--done" in steps[0] and "Sent" in steps[0]
    assert 'aria-current="step"' in steps[1] and "Being reviewed" in steps[1]
    assert "Next: Interview scheduled" in _text(html)


def test_the_fair_chance_steps_show_their_days_and_the_waiting_periods_end(
    client, employer_user, participant, application
):
    application.status = S.INTERVIEWED
    application.save()
    record_review_assess(application=application, actor=employer_user, **ASSESSMENT)
    review = record_review_send_notice(
        application=application, actor=employer_user, notice_text="The record shows a felony."
    )
    html = _page(client, participant, application).content.decode()
    steps = _text(_stepper(html, "Fair-chance steps"))
    assert f"ends on {date_display(review.decision_allowed_from)}" in steps
    assert "done on" in steps and "sent on" in steps
    assert 'aria-current="step"' in _stepper(html, "Fair-chance steps")


def test_staff_read_staff_wording_and_record_for_the_employer(client, staff_user, application):
    html = _page(client, staff_user, application).content.decode()
    text = _text(html)
    assert "your application" not in text.lower()
    assert "Waiting for the employer to look at it." in text
    assert "Record: the employer is reviewing it" in text
    assert "Start reviewing" not in text
    assert "Record that the employer declined" in text
    assert "Withdraw for the participant" in text


def test_decline_is_never_the_main_button(client, employer_user, application):
    html = _page(client, employer_user, application).content.decode()
    # Decline sits behind a secondary disclosure; the one main button is the next move.
    summary = re.search(r"<summary class=\"([^\"]+)\">\s*Decline the application", html)
    assert summary and "button--secondary" in summary.group(1)
    assert re.search(r'<button type="submit" class="button">\s*Start reviewing', html)
    assert not re.search(r'<button type="submit" class="button">\s*Decline', html)


def test_at_an_interview_the_participants_main_button_is_the_interview_not_withdraw(
    client, participant, application
):
    application.status = S.INTERVIEW_SCHEDULED
    application.save()
    InterviewFactory(application=application)
    html = _page(client, participant, application).content.decode()
    assert '<a class="button" href="#interviews-heading">See your interview</a>' in html
    assert re.search(r'<summary class="button button--danger">\s*Withdraw the application', html)


def test_the_job_page_says_applied_with_a_link_instead_of_apply(client, participant, application):
    client.force_login(participant)
    html = client.get(reverse("employers:job-detail", args=[application.job.pk])).content.decode()
    assert "Applied" in html
    assert reverse("placements:application-detail", args=[application.pk]) in html
    assert reverse("placements:apply", args=[application.job.pk]) not in html


def _next_step(client, participant) -> str:
    client.force_login(participant)
    html = client.get(reverse("dashboard")).content.decode()
    section = re.search(r'<section class="panel panel--next".*?</section>', html, re.S).group(0)
    # It comes first: above the figures and the other panels.
    assert html.index(section) < html.index('class="figure-cards"')
    return _text(section)


def test_the_participants_next_step_without_a_resume_is_to_build_one(client, participant, person):
    assert "Build my résumé" in _next_step(client, participant)


def test_after_a_hire_the_next_step_is_the_job_not_the_resume(client, participant, person):
    ResumeFactory(participant=person)
    job = JobFactory(street="1200 Main St", city="Kansas City", state="MO")
    application = ApplicationFactory(participant=person, job=job, status=S.HIRED)
    PlacementFactory(
        participant=person,
        application=application,
        employer_name="Riverside Foods",
        start_date=timezone.localdate() + timedelta(days=3),
        hourly_wage=Decimal("1336.56"),
    )
    text = _next_step(client, participant)
    assert "You start at Riverside Foods on" in text
    assert "$1,336.56 an hour" in text and "1200 Main St" in text
    assert "your facilitator" in text and "résumé" not in text


def test_an_interview_is_the_next_step_before_anything_else(client, participant, person):
    ResumeFactory(participant=person)
    InterviewFactory(
        application=ApplicationFactory(participant=person, status=S.INTERVIEW_SCHEDULED)
    )
    assert "See my interview" in _next_step(client, participant)


def _badges(html: str) -> list[str]:
    return [
        _text(badge).strip()
        for badge in re.findall(r'<span class="badge badge--[a-z]+">(.*?)</span>', html, re.S)
    ]


@pytest.mark.parametrize("rows", [1, 30])
def test_the_caseload_shows_stage_badges_in_a_fixed_number_of_queries(
    client, staff_user, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        PlacementFactory(participant=ParticipantFactory(facilitator=staff_user))
    client.force_login(staff_user)
    client.get(reverse("jobseekers:caseload"))
    with django_assert_max_num_queries(12):
        html = client.get(reverse("jobseekers:caseload")).content.decode()
    assert _badges(html) == ["Placed"] * min(rows, 25)


def test_the_caseload_badge_says_how_far_each_person_has_come(client, staff_user):
    def person(last_name):
        return ParticipantFactory(facilitator=staff_user, last_name=last_name)

    person("Adams")
    ResumeFactory(participant=person("Baker"))
    ApplicationFactory(participant=person("Clark"))
    InterviewFactory(
        application=ApplicationFactory(participant=person("Davis"), status=S.INTERVIEW_SCHEDULED)
    )
    PlacementFactory(participant=person("Evans"))
    retained = PlacementFactory(participant=person("Foster"))
    RetentionCheck.objects.filter(placement=retained, days=90).update(outcome="same_employer")
    client.force_login(staff_user)
    html = client.get(reverse("jobseekers:caseload")).content.decode()
    by_name = dict(
        re.findall(
            r">[^<>]* (Adams|Baker|Clark|Davis|Evans|Foster)</a>"
            r'.*?<span class="badge[^"]*">(.*?)</span>',
            html,
            re.S,
        )
    )
    assert {name: _text(badge).strip() for name, badge in by_name.items()} == {
        "Adams": "Intake",
        "Baker": "Résumé",
        "Clark": "Applying",
        "Davis": "Interviewing",
        "Evans": "Placed",
        "Foster": "Retained",
    }


# --- Applied jobs on the job lists, the employer's next move, dates in messages ------------


def _card_badges(html: str) -> dict[str, str]:
    """Each job card's title and the text of its badge ("" without one)."""
    cards = re.findall(r'<article class="card job-card">(.*?)</article>', html, re.S)
    shown = {}
    for card in cards:
        title = _text(re.search(r"<h\d>(.*?)</h\d>", card, re.S).group(1)).strip()
        badge = re.search(r'<span class="badge[^"]*">(.*?)</span>', card, re.S)
        shown[title] = _text(badge.group(1)).strip() if badge else ""
    return shown


def test_the_job_search_shows_where_each_application_stands(client, participant, person, job):
    def applied(title, status):
        return ApplicationFactory(
            participant=person, job=JobFactory(employer=job.employer, title=title), status=status
        )

    applied("Loader", S.SUBMITTED)
    interview = InterviewFactory(application=applied("Cook", S.INTERVIEW_SCHEDULED))
    applied("Welder", S.CONDITIONAL_OFFER)
    applied("Painter", S.HIRED)
    applied("Driver", S.DECLINED)
    applied("Baker", S.WITHDRAWN)
    client.force_login(participant)
    html = client.get(reverse("employers:job-search")).content.decode()
    assert _card_badges(html) == {
        "Forklift operator": "",
        "Loader": "Applied",
        "Cook": f"Interview on {date_display(interview.starts_at, 'day')}",
        "Welder": "Offer",
        "Painter": "Hired",
        "Driver": "Not selected",
        "Baker": "",  # withdrawn: Apply is open again
    }
    assert "See my application" in html


def test_the_job_search_badges_speak_spanish(client, participant, person, application):
    application.status = S.DECLINED
    application.save()
    client.force_login(participant)
    client.cookies["django_language"] = "es"
    try:
        html = client.get(reverse("employers:job-search"), HTTP_ACCEPT_LANGUAGE="es")
    finally:
        translation.activate("en")
    assert _card_badges(html.content.decode()) == {"Forklift operator": "No seleccionado"}


# The page's own reads, plus one for the participant's applications to its jobs.
QUERIES_JOB_SEARCH = 9


@pytest.mark.parametrize("rows", [1, 30])
def test_the_job_search_reads_the_applications_in_one_query(
    client, participant, person, job, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        ApplicationFactory(participant=person, job=JobFactory(employer=job.employer))
    client.force_login(participant)
    client.get(reverse("employers:job-search"))
    with django_assert_max_num_queries(QUERIES_JOB_SEARCH):
        html = client.get(reverse("employers:job-search")).content.decode()
    assert list(_card_badges(html).values()).count("Applied") == min(rows, 20)


def _employer_next_step(client, user, application) -> str:
    html = _page(client, user, application).content.decode()
    found = re.search(r'<p class="next-step">(.*?)</p>', html, re.S)
    return _text(found.group(1)).strip() if found else ""


def test_the_employer_reads_its_next_move(client, employer_user, participant, application):
    assert _employer_next_step(client, employer_user, application) == (
        "Next: start reviewing the application."
    )
    application.status = S.REVIEWING
    application.save()
    assert _employer_next_step(client, employer_user, application) == (
        "Next: schedule the interview."
    )
    application.status = S.INTERVIEW_SCHEDULED
    application.save()
    interview = InterviewFactory(application=application)
    assert _employer_next_step(client, employer_user, application) == (
        f"Next: the interview on {date_display(interview.starts_at)}, then record that it "
        "took place."
    )
    # The participant reads their own wording, never the employer's line.
    assert _employer_next_step(client, participant, application) == ""


def test_the_employer_reads_who_answers_a_notice_and_by_when(client, employer_user, application):
    application.status = S.INTERVIEWED
    application.save()
    record_review_assess(application=application, actor=employer_user, **ASSESSMENT)
    assert _employer_next_step(client, employer_user, application) == (
        "Next: send the pre-adverse action notice, or go on with the application."
    )
    review = record_review_send_notice(
        application=application, actor=employer_user, notice_text="The record shows a felony."
    )
    assert _employer_next_step(client, employer_user, application) == (
        "Next: the participant answers the pre-adverse notice by "
        f"{date_display(review.decision_allowed_from)}. You decide after that."
    )


def test_deciding_too_early_names_the_day_for_people(client, employer_user, application):
    application.status = S.INTERVIEWED
    application.save()
    record_review_assess(application=application, actor=employer_user, **ASSESSMENT)
    review = record_review_send_notice(
        application=application, actor=employer_user, notice_text="The record shows a felony."
    )
    client.force_login(employer_user)
    url = reverse("placements:application-detail", args=[application.pk])
    response = client.post(url, {"action": "decide", "decision": "confirmed"}, follow=True)
    text = _text(response.content.decode())
    day = review.decision_allowed_from
    assert f"You can decide from {date_display(day)}." in text
    assert day.isoformat() not in text


def test_deciding_too_early_names_the_day_in_spanish(client, employer_user, application):
    application.status = S.INTERVIEWED
    application.save()
    record_review_assess(application=application, actor=employer_user, **ASSESSMENT)
    review = record_review_send_notice(
        application=application, actor=employer_user, notice_text="The record shows a felony."
    )
    client.force_login(employer_user)
    client.cookies["django_language"] = "es"
    url = reverse("placements:application-detail", args=[application.pk])
    try:
        response = client.post(
            url, {"action": "decide", "decision": "confirmed"}, HTTP_ACCEPT_LANGUAGE="es"
        )
        with translation.override("es"):
            day = date_display(review.decision_allowed_from)
    finally:
        translation.activate("en")
    text = _text(response.content.decode())
    assert f"Puede decidir desde el {day}." in text
    assert review.decision_allowed_from.isoformat() not in text
