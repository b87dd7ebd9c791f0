"""The HTML pages: apply without JavaScript, the application page and its actions, the
record page, placements, the job page's Apply button, and the dashboards' query budgets."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from jobseekers.models import ConsentKind
from jobseekers.selectors import consent_in_force
from placements.models import Application, ApplicationStatus, RetentionCheck
from portal.core.models import AccessLog
from tests.factories.applications import ApplicationFactory, InterviewFactory, PlacementFactory
from tests.factories.employers import JobFactory
from tests.factories.jobseekers import ParticipantFactory

S = ApplicationStatus


def test_the_job_page_shows_apply_by_role(client, job, participant, staff_user, employer_user):
    url = reverse("employers:job-detail", args=[job.pk])
    apply_url = reverse("placements:apply", args=[job.pk])
    assert "Sign in to apply" in client.get(url).content.decode()
    client.force_login(participant)
    page = client.get(url).content.decode()
    assert apply_url in page and ">Apply<" in page
    client.force_login(staff_user)
    assert "Apply with a participant" in client.get(url).content.decode()
    client.force_login(employer_user)
    assert apply_url not in client.get(url).content.decode()


def test_the_participant_applies_with_a_plain_form(
    client, participant, person, job, resume_version
):
    client.force_login(participant)
    url = reverse("placements:apply", args=[job.pk])
    page = client.get(url)
    assert "Which résumé do you send?" in page.content.decode()
    refused = client.post(url, {"resume_version": resume_version.pk})
    assert "The employer needs to see the résumé" in refused.content.decode()
    assert not Application.objects.exists()
    response = client.post(
        url,
        {"resume_version": resume_version.pk, "share_profile": "on", "share_record_summary": "on"},
    )
    application = Application.objects.get()
    assert response.url == reverse("placements:application-detail", args=[application.pk])
    assert consent_in_force(participant=person, kind=ConsentKind.SHARE_RECORD_SUMMARY)


def test_staff_choose_the_participant_first(client, staff_user, person, job, resume_version):
    client.force_login(staff_user)
    url = reverse("placements:apply", args=[job.pk])
    assert "Who is applying?" in client.get(url).content.decode()
    with_person = f"{url}?participant={person.pk}"
    page = client.get(with_person).content.decode()
    assert "The participant agreed to apply to this job." in page
    client.post(with_person, {"resume_version": resume_version.pk, "share_profile": "on"})
    assert not Application.objects.exists()
    client.post(
        with_person,
        {"resume_version": resume_version.pk, "share_profile": "on", "participant_agreed": "on"},
    )
    assert Application.objects.get().applied_by == staff_user


def test_staff_cannot_choose_someone_off_their_caseload(client, other_staff, person, job):
    client.force_login(other_staff)
    page = client.get(f"{reverse('placements:apply', args=[job.pk])}?participant={person.pk}")
    assert "Who is applying?" in page.content.decode()
    assert "Select a valid choice" in page.content.decode()


def test_the_employer_moves_the_application_on_its_page(client, application, employer_user):
    client.force_login(employer_user)
    url = reverse("placements:application-detail", args=[application.pk])
    client.post(url, {"action": "move", "to": "reviewing"})
    assert Application.objects.get(pk=application.pk).status == S.REVIEWING
    day = (timezone.localdate() + timedelta(days=2)).isoformat()
    response = client.post(
        url,
        {"action": "interview", "date": day, "time": "10:00", "mode": "video", "video_link": ""},
    )
    assert "Give the video link" in response.content.decode()
    assert Application.objects.get(pk=application.pk).status == S.REVIEWING
    client.post(
        url,
        {
            "action": "interview",
            "date": day,
            "time": "10:00",
            "mode": "phone",
            "place": "816-555-0100",
        },
    )
    assert Application.objects.get(pk=application.pk).status == S.INTERVIEW_SCHEDULED
    skipped = client.post(url, {"action": "move", "to": "hired"}, follow=True)
    assert "cannot go from" in skipped.content.decode()


def test_someone_elses_application_page_is_404(
    client, application, other_employer_user, other_staff, other_participant_user
):
    url = reverse("placements:application-detail", args=[application.pk])
    for user in (other_employer_user, other_staff, other_participant_user):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_the_record_page_only_at_the_allowed_stage(client, application, consenting, employer_user):
    client.force_login(employer_user)
    url = reverse("placements:application-record", args=[application.pk])
    assert client.get(url).status_code == 404
    detail = client.get(reverse("placements:application-detail", args=[application.pk]))
    assert url not in detail.content.decode()
    application.status = S.INTERVIEWED
    application.save()
    page = client.get(url)
    assert page.status_code == 200
    assert "Drug offense" in page.content.decode()
    assert "Possession" not in page.content.decode()
    assert (
        AccessLog.objects.filter(viewer=employer_user, why=f"application:{application.pk}").count()
        == 1
    )


def test_staff_record_a_retention_check_on_the_placement_page(client, staff_user, person):
    placement = PlacementFactory(
        participant=person, start_date=timezone.localdate() - timedelta(days=31)
    )
    check = placement.retention_checks.get(days=30)
    client.force_login(staff_user)
    url = reverse("placements:placement-detail", args=[placement.pk])
    page = client.get(url).content.decode()
    assert "Record the 30-day check" in page
    assert "Record the 90-day check" not in page
    client.post(
        url,
        {
            "action": "check",
            "check": check.pk,
            "outcome": "same_employer",
            "verified_by": "pay_stub",
        },
    )
    assert RetentionCheck.objects.get(pk=check.pk).outcome == "same_employer"


def test_the_employer_sees_what_it_may_claim(client, employer_user, employer, person):
    placement = PlacementFactory(
        participant=person, employer=employer, start_date=timezone.localdate()
    )
    client.force_login(employer_user)
    page = client.get(reverse("placements:placement-detail", args=[placement.pk])).content.decode()
    assert "What you may claim for this hire" in page
    assert "Pending reauthorization" in page
    assert "/hiring-incentives/" in page
    assert "Record the 30-day check" not in page


def test_an_outside_placement_by_staff(client, staff_user, person):
    client.force_login(staff_user)
    url = reverse("placements:placement-new")
    response = client.post(
        url,
        {
            "participant": person.pk,
            "employer_name": "Corner Bakery",
            "job_title": "Baker",
            "start_date": timezone.localdate().isoformat(),
            "hourly_wage": "15.00",
            "hours_per_week": "30",
        },
    )
    assert response.status_code == 302
    assert person.placements.get().retention_checks.count() == 4


# --- Dashboards --------------------------------------------------------------------------


def _caseload(staff_user, rows):
    for index in range(rows):
        person = ParticipantFactory(facilitator=staff_user)
        application = ApplicationFactory(participant=person)
        InterviewFactory(
            application=ApplicationFactory(participant=person, status=S.INTERVIEW_SCHEDULED)
        )
        placement = PlacementFactory(
            participant=person, start_date=timezone.localdate() - timedelta(days=25 + index)
        )
        assert application and placement


@pytest.mark.parametrize("rows", [1, 30])
def test_facilitator_dashboard_query_budget(
    client, staff_user, rows, django_assert_max_num_queries
):
    _caseload(staff_user, rows)
    client.force_login(staff_user)
    with django_assert_max_num_queries(30):
        page = client.get(reverse("dashboard"))
    text = page.content.decode()
    assert "Applications and placements" in text
    assert "Form 8850 deadlines" in text


@pytest.mark.parametrize("rows", [1, 30])
def test_employer_dashboard_query_budget(
    client, employer_user, employer, rows, django_assert_max_num_queries
):
    for index in range(rows):
        job = JobFactory(employer=employer)
        ApplicationFactory(job=job)
        PlacementFactory(employer=employer, start_date=timezone.localdate() - timedelta(days=index))
        InterviewFactory(application=ApplicationFactory(job=job, status=S.INTERVIEW_SCHEDULED))
    client.force_login(employer_user)
    with django_assert_max_num_queries(30):
        page = client.get(reverse("dashboard"))
    text = page.content.decode()
    assert "Applicants per job" in text
    assert "Hires and tax credit" in text


@pytest.mark.parametrize("rows", [1, 30])
def test_participant_dashboard_query_budget(
    client, participant, person, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        InterviewFactory(
            application=ApplicationFactory(participant=person, status=S.INTERVIEW_SCHEDULED)
        )
    client.force_login(participant)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("dashboard"))
    text = page.content.decode()
    assert "My applications" in text
    assert "Go to your interview" in text


def test_the_participant_dashboard_in_spanish(client, participant, person, application):
    participant.preferred_language = "es"
    participant.save()
    client.force_login(participant)
    client.cookies["django_language"] = "es"
    try:
        text = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    finally:
        # The locale middleware leaves Spanish active in this thread: later tests expect English.
        translation.activate("en")
    assert "Mis solicitudes" in text
    assert "El empleador va a revisar su solicitud." in text


def test_the_employer_dashboard_counts_applicants_per_job(client, employer_user, job, person):
    ApplicationFactory(job=job, participant=person)
    ApplicationFactory(job=job, status=S.HIRED)
    ApplicationFactory(job=JobFactory(title="Someone else's job"))
    client.force_login(employer_user)
    text = client.get(reverse("dashboard")).content.decode()
    table = text[text.index("Applicants per job") :]
    row = table[table.index(f"{job.title}</a>") :].split("</tr>")[0]
    assert [cell.strip() for cell in row.split("<td>")[1:]] == [
        "2</td>",
        "1</td>",
        "0</td>",
        "0</td>",
        "1</td>",
    ]
    assert "Someone else&#x27;s job" not in text
