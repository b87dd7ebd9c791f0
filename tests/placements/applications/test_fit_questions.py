"""Questions about jobs that don't fit (issue 14): a participant who cannot apply alone
to a job that breaks their supervision terms asks their facilitator; the question is a
row the facilitator sees on their dashboard ("asked about a job") and in a list of the
caseload's open questions, with why the job does not fit and one click to the next
action: apply together (which closes it) or answer in a few words, which the
participant reads on the job page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from placements.applications.exceptions import CannotApplyError, InvalidInputError
from placements.applications.services import (
    application_fit_review_request,
    application_submit,
    fit_question_answer,
)
from placements.models import FitQuestion, FitQuestionStatus
from portal.core.exceptions import NotFoundError
from portal.core.models import AuditEvent
from portal.core.templatetags.formatting import date_display
from portal.core.transitions import InvalidTransition
from tests.factories.employers import JobFactory
from tests.factories.jobseekers import ParticipantFactory, SupervisionTermsFactory

from .test_dashboard_figures import figure_cards

pytestmark = pytest.mark.django_db

LIST_URL = "/applications/questions/"


@pytest.fixture
def terms(person):
    """A 10 p.m. curfew and "may not leave the state" (home: Kansas City, Missouri)."""
    return SupervisionTermsFactory(participant=person, travel_limit="state")


def evening_job_in_kansas(employer, **fields):
    values = {
        "employer": employer,
        "title": "Welder helper",
        "zip_code": "66105",
        "city": "Kansas City",
        "state": "KS",
        "latitude": 39.085,
        "longitude": -94.6356,
        "shift_start": dt.time(15),
        "shift_end": dt.time(23, 30),
        "shift_period": "evening",
    }
    values.update(fields)
    return JobFactory(**values)


@pytest.fixture
def kansas_job(employer):
    return evening_job_in_kansas(employer)


@pytest.fixture
def question(terms, person, kansas_job, participant):
    return application_fit_review_request(participant=person, job=kansas_job, actor=participant)


# --- Asking ------------------------------------------------------------------------------


def test_asking_stores_the_question_once_with_why(
    terms, person, kansas_job, participant, mail_at_once, mailoutbox
):
    question = application_fit_review_request(participant=person, job=kansas_job, actor=participant)
    question.refresh_from_db()
    assert question.status == FitQuestionStatus.OPEN
    assert question.facilitator == person.facilitator
    assert [item["code"] for item in question.conflicts] == ["shift_in_curfew", "outside_state"]
    assert question.asked_at is not None and question.answered_at is None
    event = AuditEvent.objects.get(action="application.fit_review_requested")
    assert event.actor == participant and event.details["question"] == question.pk
    assert len(mailoutbox) == 1  # the email stays
    again = application_fit_review_request(participant=person, job=kansas_job, actor=participant)
    assert again.pk == question.pk
    assert FitQuestion.objects.count() == 1
    assert len(mailoutbox) == 1
    assert AuditEvent.objects.filter(action="application.fit_review_requested").count() == 1


def test_asking_about_a_job_that_fits_or_for_someone_else_changes_nothing(
    terms, person, employer, kansas_job, participant, staff_user
):
    fits = JobFactory(employer=employer)  # a day shift in Kansas City, Missouri
    with pytest.raises(CannotApplyError):
        application_fit_review_request(participant=person, job=fits, actor=participant)
    with pytest.raises(NotFoundError):
        application_fit_review_request(participant=person, job=kansas_job, actor=staff_user)
    assert not FitQuestion.objects.exists()
    assert not AuditEvent.objects.exists()


# --- Answering ---------------------------------------------------------------------------


def test_caseload_staff_answer_and_the_trail_keeps_no_text(question, staff_user):
    fit_question_answer(
        question=question, actor=staff_user, answer="  Your officer says no work in Kansas.  "
    )
    question.refresh_from_db()
    assert question.status == FitQuestionStatus.ANSWERED
    assert question.answer == "Your officer says no work in Kansas."
    assert question.answered_by == staff_user and question.answered_at is not None
    event = AuditEvent.objects.get(action="application.fit_question_answered")
    assert event.actor == staff_user
    assert "officer" not in str(event.details)


@pytest.mark.parametrize("answer", ["", "   ", "x" * 501])
def test_a_bad_answer_changes_nothing(question, staff_user, answer):
    with pytest.raises(InvalidInputError) as error:
        fit_question_answer(question=question, actor=staff_user, answer=answer)
    assert set(error.value.fields) == {"answer"}
    question.refresh_from_db()
    assert (question.status, question.answer, question.answered_at) == ("open", "", None)
    assert not AuditEvent.objects.filter(action="application.fit_question_answered").exists()


def test_staff_of_another_caseload_cannot_answer_and_an_answer_is_given_once(
    question, staff_user, other_staff, admin_user
):
    with pytest.raises(NotFoundError):
        fit_question_answer(question=question, actor=other_staff, answer="No.")
    question.refresh_from_db()
    assert question.status == FitQuestionStatus.OPEN
    fit_question_answer(question=question, actor=admin_user, answer="Let's talk Thursday.")
    with pytest.raises(InvalidTransition):
        fit_question_answer(question=question, actor=staff_user, answer="Again.")
    question.refresh_from_db()
    assert question.answer == "Let's talk Thursday."


def test_applying_together_closes_the_question(question, person, kansas_job, staff_user):
    from tests.factories.applications import ResumeVersionFactory
    from tests.factories.jobseekers import ResumeFactory

    version = ResumeVersionFactory(resume=ResumeFactory(participant=person))
    application = application_submit(
        participant=person,
        job=kansas_job,
        resume_version=version,
        actor=staff_user,
        share_profile=True,
        participant_agreed=True,
        fit_confirmed=True,
        fit_note="Officer Reyes allows work in Kansas.",
    )
    question.refresh_from_db()
    assert question.status == FitQuestionStatus.APPLIED
    assert question.application == application
    assert question.answered_by == staff_user


def test_after_an_answer_the_participant_can_ask_again(question, person, kansas_job, staff_user):
    fit_question_answer(question=question, actor=staff_user, answer="Not this one.")
    again = application_fit_review_request(participant=person, job=kansas_job, actor=person.user)
    assert again.pk != question.pk and again.is_open
    assert FitQuestion.objects.filter(status="open").count() == 1


# --- Pages -------------------------------------------------------------------------------


def test_who_sees_the_questions(
    client, question, participant, employer_user, staff_user, other_staff, admin_user
):
    answer_url = reverse("placements:fit-question-answer", args=[question.pk])
    for user in (participant, employer_user):
        client.force_login(user)
        assert client.get(LIST_URL).status_code == 404
        assert client.get(answer_url).status_code == 404
        assert client.post(answer_url, {"answer": "No."}).status_code == 404
    client.force_login(other_staff)
    assert "Welder helper" not in client.get(LIST_URL).content.decode()
    assert client.get(answer_url).status_code == 404
    assert client.post(answer_url, {"answer": "No."}).status_code == 404
    for user in (staff_user, admin_user):
        client.force_login(user)
        html = client.get(LIST_URL).content.decode()
        assert "Welder helper" in html and "Pat Doe" in html
        assert client.get(answer_url).status_code == 200
    client.logout()
    assert client.get(LIST_URL).status_code == 302  # to the sign-in page
    question.refresh_from_db()
    assert question.is_open


def test_the_list_says_why_when_and_offers_the_next_action(client, question, staff_user, person):
    client.force_login(staff_user)
    html = client.get(LIST_URL).content.decode()
    assert "part of the shift falls in the curfew" in html
    assert date_display(timezone.localdate()) in html
    apply_url = reverse("placements:apply", args=[question.job_id])
    assert f"{apply_url}?participant={person.pk}" in html
    assert reverse("placements:fit-question-answer", args=[question.pk]) in html


def test_answering_on_the_page(client, question, staff_user):
    client.force_login(staff_user)
    url = reverse("placements:fit-question-answer", args=[question.pk])
    empty = client.post(url, {"answer": ""})
    assert empty.status_code == 200
    response = client.post(url, {"answer": "Your officer says no. Let's look on Thursday."})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer.startswith("Your officer says no")
    assert "Welder helper" not in client.get(LIST_URL).content.decode()


@pytest.mark.parametrize("rows", [1, 30])
def test_the_list_runs_a_fixed_number_of_queries(
    client, staff_user, employer, rows, django_assert_max_num_queries
):
    jobs = [evening_job_in_kansas(employer, title=f"Job {n}") for n in range(3)]
    for n in range(rows):
        FitQuestion.objects.create(
            participant=ParticipantFactory(facilitator=staff_user),
            job=jobs[n % 3],
            facilitator=staff_user,
            conflicts=[{"rule": "travel", "code": "outside_state", "place": "Kansas City, KS"}],
            asked_at=timezone.now(),
        )
    client.force_login(staff_user)
    with django_assert_max_num_queries(14):
        html = client.get(LIST_URL).content.decode()
    assert html.count("in another state") == rows


def test_the_dashboard_card_opens_the_list(client, question, staff_user, other_staff):
    client.force_login(staff_user)
    cards = figure_cards(client.get(reverse("dashboard")).content.decode())
    card = cards[LIST_URL]
    assert (card["number"], card["label"]) == (1, "asked about a job")
    assert "figure-card--warning" in card["classes"]
    client.force_login(other_staff)
    assert figure_cards(client.get(reverse("dashboard")).content.decode())[LIST_URL]["number"] == 0


def test_the_participant_sees_when_they_asked_and_the_answer(
    client, question, participant, staff_user, kansas_job
):
    client.force_login(participant)
    url = reverse("employers:job-detail", args=[kansas_job.pk])
    html = " ".join(client.get(url).content.decode().split())
    name = staff_user.get_full_name() or staff_user.username
    assert f"You asked {name} on {date_display(timezone.localdate())}." in html
    assert reverse("placements:apply-ask-staff", args=[kansas_job.pk]) not in html
    fit_question_answer(question=question, actor=staff_user, answer="Your officer says no.")
    html = " ".join(client.get(url).content.decode().split())
    assert "Your officer says no." in html
    # Answered: they may ask again.
    assert reverse("placements:apply-ask-staff", args=[kansas_job.pk]) in html
    client.cookies["django_language"] = "es"
    try:
        html = " ".join(client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode().split())
    finally:
        translation.activate("en")
    assert f"Usted le preguntó a {name} el" in html
