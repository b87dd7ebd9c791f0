"""Jobs that don't fit (issue 14): a job that breaks one of the participant's supervision
terms or travel limits says why on the job page and the apply form, the participant
cannot apply to it alone (and can ask their facilitator), and caseload staff apply only
with a confirmation and a note, audited and shown on the application for staff."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from employers.models import HiringPolicy
from jobseekers.models import Consent
from placements.applications.services import (
    JobDoesNotFitError,
    application_fit_review_request,
    application_submit,
)
from placements.matching.fit import conflict_texts, job_fit_conflicts
from placements.models import Application
from portal.core.exceptions import NotFoundError
from portal.core.models import AccessLog, AuditEvent
from tests.factories.employers import JobFactory
from tests.factories.jobseekers import SupervisionTermsFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/applications/"


@pytest.fixture
def terms(person):
    """Pat's parole: a 10 p.m. to 6 a.m. curfew, and "may not leave the state" (home is
    64106, Kansas City, Missouri)."""
    return SupervisionTermsFactory(participant=person, travel_limit="state")


@pytest.fixture
def kansas_job(employer):
    """The issue's case: an evening shift to 11:30 p.m. in Kansas City, Kansas, on a
    bus line."""
    return JobFactory(
        employer=employer,
        title="Welder helper",
        zip_code="66105",
        city="Kansas City",
        state="KS",
        latitude=39.085,
        longitude=-94.6356,
        shift_start=dt.time(15),
        shift_end=dt.time(23, 30),
        shift_period="evening",
    )


def submit(person, job, resume_version, actor, **extra):
    values = {"share_profile": True, "participant_agreed": actor.is_staff_member}
    values.update(extra)
    return application_submit(
        participant=person, job=job, resume_version=resume_version, actor=actor, **values
    )


def codes(conflicts):
    return [item["code"] for item in conflicts]


# --- The one check, from matching's rules ----------------------------------------------


def test_pats_case_breaks_the_curfew_and_the_travel_area(terms, person, kansas_job, participant):
    conflicts = job_fit_conflicts(participant=person, job=kansas_job, viewer=participant)
    assert codes(conflicts) == ["shift_in_curfew", "outside_state"]
    assert conflict_texts(conflicts) == [
        "The shift runs from 3 p.m. to 11:30 p.m., and the curfew from 10 p.m. to 6 a.m.: "
        "part of the shift falls in the curfew.",
        "This job is in Kansas City, KS, in another state. The supervision terms do not "
        "allow leaving the state.",
    ]
    # The participant reads their own terms: no access-log row.
    assert not AccessLog.objects.exists()


def test_a_shift_ending_too_close_to_the_curfew(terms, person, employer, participant):
    job = JobFactory(employer=employer, shift_start=dt.time(14), shift_end=dt.time(21, 30))
    conflicts = job_fit_conflicts(participant=person, job=job, viewer=participant)
    assert codes(conflicts) == ["shift_near_curfew"]
    assert conflict_texts(conflicts) == [
        "The shift ends at 9:30 p.m., only 30 minutes before the 10 p.m. curfew. Plan on an "
        "hour to get home."
    ]


def test_a_job_too_far_without_a_car(person, employer, participant):
    person.transport = ["bus"]
    person.save()
    # Independence, MO: about 10 miles from 64106 and not on a bus line.
    job = JobFactory(
        employer=employer,
        zip_code="64050",
        city="Independence",
        latitude=39.0911,
        longitude=-94.4155,
        transit_accessible=False,
    )
    conflicts = job_fit_conflicts(participant=person, job=job, viewer=participant)
    assert codes(conflicts) == ["too_far_without_car"]
    assert "not on a bus line" in conflict_texts(conflicts)[0]


def test_a_county_limit(person, employer, participant):
    SupervisionTermsFactory(participant=person, travel_limit="county", curfew_start=None)
    # Overland Park, Kansas: Johnson County (home is Jackson County, Missouri).
    job = JobFactory(
        employer=employer,
        zip_code="66215",
        city="Overland Park",
        state="KS",
        latitude=38.95,
        longitude=-94.74,
    )
    conflicts = job_fit_conflicts(participant=person, job=job, viewer=participant)
    assert codes(conflicts) == ["outside_county"]
    assert "outside Jackson County" in conflict_texts(conflicts)[0]


def test_an_employer_that_does_not_take_people_on_parole(person, job, participant):
    SupervisionTermsFactory(participant=person, curfew_start=None)
    HiringPolicy.objects.filter(employer=job.employer).update(accepts_parole=False)
    conflicts = job_fit_conflicts(participant=person, job=job, viewer=participant)
    assert conflict_texts(conflicts) == ["This employer does not hire people on parole."]


def test_a_job_that_fits_has_no_conflicts(terms, person, job, participant):
    # The factory's day shift (7 a.m. to 3 p.m.) in Kansas City, Missouri.
    assert job_fit_conflicts(participant=person, job=job, viewer=participant) == []


def test_staff_reading_the_fit_is_logged(terms, person, kansas_job, staff_user, other_staff):
    assert job_fit_conflicts(participant=person, job=kansas_job, viewer=staff_user)
    log = AccessLog.objects.get()
    assert (log.viewer, log.what, log.why) == (
        staff_user,
        "supervision_terms",
        f"job:{kansas_job.pk}",
    )
    # Staff of another caseload learn nothing.
    assert job_fit_conflicts(participant=person, job=kansas_job, viewer=other_staff) == []


def test_the_words_in_spanish(terms, person, kansas_job, participant):
    conflicts = job_fit_conflicts(participant=person, job=kansas_job, viewer=participant)
    with translation.override("es"):
        texts = conflict_texts(conflicts)
    assert "toque de queda" in texts[0]
    assert "otro estado" in texts[1]


# --- Applying --------------------------------------------------------------------------


def test_the_participant_cannot_apply_alone_and_is_told_whom_to_ask(
    terms, person, kansas_job, resume_version, participant
):
    with pytest.raises(JobDoesNotFitError) as error:
        submit(person, kansas_job, resume_version, participant)
    assert error.value.status_code == 400
    assert error.value.code == "job_does_not_fit"
    message = error.value.fields["job"][0]
    assert "cannot apply to it on your own" in message
    assert "curfew" in message
    assert f"Ask {person.facilitator.get_full_name()}, your facilitator" in message
    assert not Application.objects.exists()
    assert not Consent.objects.exists()


def test_staff_need_the_confirmation_and_a_note(
    terms, person, kansas_job, resume_version, staff_user
):
    with pytest.raises(JobDoesNotFitError) as error:
        submit(person, kansas_job, resume_version, staff_user)
    assert set(error.value.fields) == {"fit_confirmed", "fit_note"}
    assert "Kansas City, KS" in error.value.fields["fit_confirmed"][0]
    with pytest.raises(JobDoesNotFitError) as error:
        submit(person, kansas_job, resume_version, staff_user, fit_confirmed=True, fit_note=" ")
    assert set(error.value.fields) == {"fit_note"}
    assert not Application.objects.exists()
    assert not Consent.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="application.").exists()


def test_staff_apply_with_the_confirmation_audited(
    terms, person, kansas_job, resume_version, staff_user
):
    application = submit(
        person,
        kansas_job,
        resume_version,
        staff_user,
        fit_confirmed=True,
        fit_note="Officer Reyes approved work in Kansas; shift moved to end at 9 p.m.",
    )
    assert codes(application.fit_conflicts) == ["shift_in_curfew", "outside_state"]
    assert application.fit_note.startswith("Officer Reyes approved")
    event = AuditEvent.objects.get(action="application.fit_confirmed")
    # A reviewer reads who confirmed, which rules and that a note was written; the note
    # itself (what the officer said) stays on the application, for caseload staff only.
    assert event.actor == staff_user
    assert event.target_id == str(application.pk)
    assert event.details["conflicts"] == ["curfew:shift_in_curfew", "travel:outside_state"]
    assert event.details["note_written"] is True
    assert event.details["note_length"] == len(application.fit_note)
    assert "Officer Reyes" not in str(event.details)


def test_a_job_that_fits_needs_no_confirmation(terms, person, job, resume_version, participant):
    application = submit(person, job, resume_version, participant)
    assert application.fit_conflicts == []
    assert not AuditEvent.objects.filter(action="application.fit_confirmed").exists()


# --- Asking the facilitator ------------------------------------------------------------


def test_the_participant_asks_their_facilitator(
    terms, person, kansas_job, participant, mail_at_once, mailoutbox
):
    question = application_fit_review_request(participant=person, job=kansas_job, actor=participant)
    assert question.facilitator == person.facilitator
    (mail,) = mailoutbox
    assert mail.to == [person.facilitator.email]
    assert "Welder helper" in mail.subject
    assert f"/jobs/{kansas_job.pk}/apply/?participant={person.pk}" in mail.body
    assert "curfew" not in mail.body  # no supervision details by email
    # Asking twice while the question is open sends nothing more.
    application_fit_review_request(participant=person, job=kansas_job, actor=participant)
    assert len(mailoutbox) == 1
    assert AuditEvent.objects.filter(action="application.fit_review_requested").count() == 1


def test_only_the_participant_asks(terms, person, kansas_job, staff_user):
    with pytest.raises(NotFoundError):
        application_fit_review_request(participant=person, job=kansas_job, actor=staff_user)


# --- API -------------------------------------------------------------------------------


def test_the_api_refuses_the_participant_and_takes_staffs_confirmation(
    api_client, terms, person, kansas_job, resume_version, participant, staff_user
):
    body = {"job": kansas_job.pk, "resume_version": resume_version.pk, "share_profile": True}
    api_client.force_authenticate(participant)
    refused = api_client.post(URL, body, format="json")
    assert refused.status_code == 400
    assert refused.json()["code"] == "job_does_not_fit"
    assert "job" in refused.json()["fields"]

    api_client.force_authenticate(staff_user)
    staff_body = {**body, "participant": person.pk, "participant_agreed": True}
    unconfirmed = api_client.post(URL, staff_body, format="json")
    assert unconfirmed.status_code == 400
    assert set(unconfirmed.json()["fields"]) == {"fit_confirmed", "fit_note"}
    assert not Application.objects.exists()

    confirmed = api_client.post(
        URL,
        {**staff_body, "fit_confirmed": True, "fit_note": "Officer agreed by phone."},
        format="json",
    )
    assert confirmed.status_code == 201, confirmed.json()
    detail = api_client.get(f"{URL}{confirmed.json()['id']}/").json()
    assert detail["fit_confirmation"]["note"] == "Officer agreed by phone."


def test_the_employer_never_reads_the_confirmation(
    api_client, terms, person, kansas_job, resume_version, staff_user, employer_user
):
    application = submit(
        person, kansas_job, resume_version, staff_user, fit_confirmed=True, fit_note="Agreed."
    )
    api_client.force_authenticate(employer_user)
    detail = api_client.get(f"{URL}{application.pk}/").json()
    assert detail["fit_confirmation"] is None


# --- Pages -----------------------------------------------------------------------------


def test_pat_sees_why_on_the_job_page_before_any_apply_button(
    client, terms, person, kansas_job, participant
):
    client.force_login(participant)
    page = client.get(reverse("employers:job-detail", args=[kansas_job.pk])).content.decode()
    assert "This job may not work for you" in page
    assert "part of the shift falls in the curfew" in page
    assert "in another state" in page
    assert "You cannot apply to this job on your own" in page
    assert reverse("placements:apply-ask-staff", args=[kansas_job.pk]) in page
    # No Apply button, and the warning comes before anything about applying.
    assert f'href="{reverse("placements:apply", args=[kansas_job.pk])}"' not in page
    assert page.index("This job may not work for you") < page.index("About the job")


def test_a_job_that_fits_shows_no_warning(client, terms, person, job, participant):
    client.force_login(participant)
    page = client.get(reverse("employers:job-detail", args=[job.pk])).content.decode()
    assert "may not work for you" not in page
    assert f'href="{reverse("placements:apply", args=[job.pk])}"' in page


def test_the_job_page_in_spanish(client, terms, person, kansas_job, participant):
    participant.preferred_language = "es"
    participant.save()
    client.force_login(participant)
    page = client.get(
        reverse("employers:job-detail", args=[kansas_job.pk]), HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert "Puede que este trabajo no sea para usted" in page


def test_staff_see_it_for_their_participant(client, terms, person, kansas_job, staff_user):
    client.force_login(staff_user)
    url = reverse("employers:job-detail", args=[kansas_job.pk])
    page = client.get(f"{url}?participant={person.pk}").content.decode()
    assert f"This job may not work for {person.display_name}" in page
    assert f"?participant={person.pk}" in page
    assert "may not work" not in client.get(url).content.decode()


def test_the_ask_button_tells_the_participant_it_was_sent(
    client, terms, person, kansas_job, participant, mail_at_once, mailoutbox
):
    client.force_login(participant)
    response = client.post(reverse("placements:apply-ask-staff", args=[kansas_job.pk]), follow=True)
    assert f"We told {person.facilitator.get_full_name()}" in response.content.decode()
    assert len(mailoutbox) == 1


def test_the_staff_apply_form_asks_for_the_confirmation_and_shows_it_after(
    client, terms, person, kansas_job, resume_version, staff_user, employer_user
):
    client.force_login(staff_user)
    url = reverse("placements:apply", args=[kansas_job.pk]) + f"?participant={person.pk}"
    page = client.get(url).content.decode()
    assert "part of the shift falls in the curfew" in page
    assert 'name="fit_confirmed"' in page
    assert 'name="fit_note"' in page
    form = {
        "resume_version": str(resume_version.pk),
        "share_profile": "on",
        "participant_agreed": "on",
    }
    refused = client.post(url, form).content.decode()
    assert "Tick the box to confirm" in refused
    assert not Application.objects.exists()
    sent = client.post(url, {**form, "fit_confirmed": "on", "fit_note": "Officer agreed by phone."})
    application = Application.objects.get()
    assert sent.status_code == 302
    detail_url = reverse("placements:application-detail", args=[application.pk])
    detail = client.get(detail_url).content.decode()
    assert "Officer agreed by phone." in detail
    assert "in another state" in detail
    client.force_login(employer_user)
    assert "Officer agreed by phone." not in client.get(detail_url).content.decode()


def test_the_participants_apply_page_has_no_form_for_such_a_job(
    client, terms, person, kansas_job, resume_version, participant
):
    client.force_login(participant)
    page = client.get(reverse("placements:apply", args=[kansas_job.pk])).content.decode()
    assert "You cannot apply to this job on your own" in page
    assert "Send the application" not in page
