"""Résumé services: versions on each save, bad input saving nothing, staff comments the
participant resolves."""

import pytest

from jobseekers import services
from jobseekers.models import (
    Resume,
    ResumeVersion,
)
from portal.core.exceptions import ApplicationError, NotFoundError
from portal.core.transitions import InvalidTransition
from tests.factories.jobseekers import (
    ResumeCommentFactory,
    ResumeFactory,
)

pytestmark = pytest.mark.django_db


def test_resume_create_fills_contact_without_a_street_address(person, participant):
    resume = services.resume_create(participant=person, actor=participant, title="Kitchen")

    assert resume.contact_city == "Kansas City, MO"
    assert resume.versions.count() == 1


def test_saving_makes_versions_and_keeps_old_ones(person, staff_user):
    resume = ResumeFactory(participant=person)
    first = services.resume_save(resume=resume, actor=staff_user, summary="First summary")
    second = services.resume_save(
        resume=resume,
        actor=staff_user,
        summary="Second summary",
        certifications=[{"name": "Forklift", "year": "2023"}, {"name": "", "year": ""}],
    )

    first.refresh_from_db()
    assert first.content["summary"] == "First summary"
    assert second.number == first.number + 1
    assert second.content["certifications"] == [{"name": "Forklift", "year": "2023"}]
    with pytest.raises(ValueError, match="immutable"):
        first.save()


@pytest.mark.parametrize(
    "content",
    [
        {"title": "x" * 101},
        {"experience": [{"kind": "prison", "title": "Cook"}]},
        {"experience": [{"kind": "job", "title": "x" * 101}]},
        {"certifications": [{"name": f"C{i}"} for i in range(11)]},
        {"contact_phone": "123"},
    ],
)
def test_resume_bad_input_saves_nothing(person, staff_user, content):
    resume = ResumeFactory(participant=person)
    with pytest.raises(ApplicationError):
        services.resume_save(resume=resume, actor=staff_user, **content)
    assert not ResumeVersion.objects.filter(resume=resume).exists()
    assert Resume.objects.get(pk=resume.pk).title == "Warehouse"


def test_only_caseload_staff_comment_and_the_participant_resolves(person, staff_user, participant):
    resume = ResumeFactory(participant=person)
    with pytest.raises(NotFoundError):
        services.resume_comment_add(resume=resume, actor=participant, section="summary", text="x")

    comment = services.resume_comment_add(
        resume=resume, actor=staff_user, section="summary", text="Mention forklift."
    )
    services.resume_comment_resolve(comment=comment, actor=participant)
    comment.refresh_from_db()
    assert comment.resolved_by == participant
    with pytest.raises(InvalidTransition):
        services.resume_comment_resolve(comment=comment, actor=participant)


def test_other_participant_cannot_resolve(person, other_participant_user, other_person):
    comment = ResumeCommentFactory(resume__participant=person)
    with pytest.raises(NotFoundError):
        services.resume_comment_resolve(comment=comment, actor=other_participant_user)
