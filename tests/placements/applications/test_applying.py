"""Applying: by the participant, by staff with the participant's agreement, and every
reason it is refused (with nothing saved)."""

import pytest

from employers.models import JobStatus, VettingStatus
from jobseekers.models import Consent, ConsentKind
from jobseekers.selectors import consent_in_force
from placements.applications.services import CannotApplyError, application_submit
from placements.models import Application, ApplicationStatus
from portal.core.exceptions import ApplicationError, NotFoundError
from tests.factories.applications import ResumeVersionFactory
from tests.factories.jobseekers import ParticipantFactory, ResumeFactory


def test_the_participant_applies(person, job, resume_version, participant):
    application = application_submit(
        participant=person,
        job=job,
        resume_version=resume_version,
        actor=participant,
        share_profile=True,
        share_record_summary=True,
    )
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.employer == job.employer
    assert application.resume_version == resume_version
    kept = {row["kind"]: row["given"] for row in application.consents_at_application}
    assert kept[ConsentKind.SHARE_PROFILE_WITH_APPLIED_EMPLOYERS] is True
    assert kept[ConsentKind.SHARE_RECORD_SUMMARY] is True
    assert application.events.get().to_status == ApplicationStatus.SUBMITTED


def test_staff_apply_with_the_participants_agreement(person, job, resume_version, staff_user):
    application = application_submit(
        participant=person,
        job=job,
        resume_version=resume_version,
        actor=staff_user,
        share_profile=True,
        participant_agreed=True,
    )
    assert application.applied_by == staff_user
    assert application.participant_agreed_at is not None
    assert consent_in_force(
        participant=person, kind=ConsentKind.SHARE_PROFILE_WITH_APPLIED_EMPLOYERS
    )
    # Not asked: the record consent stays as it was (never given).
    assert not consent_in_force(participant=person, kind=ConsentKind.SHARE_RECORD_SUMMARY)


def test_staff_must_confirm_the_agreement(person, job, resume_version, staff_user):
    with pytest.raises(ApplicationError) as error:
        application_submit(
            participant=person,
            job=job,
            resume_version=resume_version,
            actor=staff_user,
            share_profile=True,
        )
    assert "participant_agreed" in error.value.fields
    assert not Application.objects.exists()
    assert not Consent.objects.exists()


def test_staff_of_another_caseload_cannot_apply(person, job, resume_version, other_staff):
    with pytest.raises(NotFoundError):
        application_submit(
            participant=person,
            job=job,
            resume_version=resume_version,
            actor=other_staff,
            share_profile=True,
            participant_agreed=True,
        )
    assert not Application.objects.exists()


@pytest.mark.parametrize("status", [JobStatus.CLOSED, JobStatus.FILLED, JobStatus.DRAFT])
def test_a_job_that_is_not_open_is_refused(status, person, job, resume_version, participant):
    job.status = status
    job.save()
    with pytest.raises(CannotApplyError) as error:
        application_submit(
            participant=person,
            job=job,
            resume_version=resume_version,
            actor=participant,
            share_profile=True,
        )
    assert error.value.status_code == 409
    assert "not open" in error.value.message
    assert not Application.objects.exists()


def test_an_unapproved_employer_is_refused(person, job, resume_version, participant):
    job.employer.status = VettingStatus.SUSPENDED
    job.employer.save()
    with pytest.raises(CannotApplyError):
        application_submit(
            participant=person,
            job=job,
            resume_version=resume_version,
            actor=participant,
            share_profile=True,
        )
    assert not Application.objects.exists()


def test_twice_is_refused_but_again_after_a_withdrawal_is_fine(
    person, job, resume_version, participant
):
    first = application_submit(
        participant=person,
        job=job,
        resume_version=resume_version,
        actor=participant,
        share_profile=True,
    )
    with pytest.raises(CannotApplyError) as error:
        application_submit(
            participant=person,
            job=job,
            resume_version=resume_version,
            actor=participant,
            share_profile=True,
        )
    assert "already an application" in error.value.message
    assert Application.objects.count() == 1
    first.status = ApplicationStatus.WITHDRAWN
    first.save()
    application_submit(
        participant=person,
        job=job,
        resume_version=resume_version,
        actor=participant,
        share_profile=True,
    )
    assert Application.objects.count() == 2


def test_someone_elses_resume_is_refused(person, job, participant):
    stranger = ParticipantFactory()
    version = ResumeVersionFactory(resume=ResumeFactory(participant=stranger))
    with pytest.raises(ApplicationError) as error:
        application_submit(
            participant=person,
            job=job,
            resume_version=version,
            actor=participant,
            share_profile=True,
        )
    assert "resume" in error.value.fields
    assert not Application.objects.exists()


def test_the_profile_must_be_shared(person, job, resume_version, participant):
    with pytest.raises(ApplicationError) as error:
        application_submit(
            participant=person,
            job=job,
            resume_version=resume_version,
            actor=participant,
            share_profile=False,
        )
    assert "share_profile" in error.value.fields
    assert not Application.objects.exists()


def test_another_participant_cannot_apply_for_pat(
    person, job, resume_version, other_participant_user
):
    with pytest.raises(NotFoundError):
        application_submit(
            participant=person,
            job=job,
            resume_version=resume_version,
            actor=other_participant_user,
            share_profile=True,
        )
