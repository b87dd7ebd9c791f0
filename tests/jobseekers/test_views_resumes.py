"""The résumé builder pages, staff comments, and the PDF (the résumé and nothing
sensitive)."""

import io

from pypdf import PdfReader

from jobseekers import services
from jobseekers.models import (
    ResumeComment,
    ResumeVersion,
)
from tests.factories.jobseekers import (
    RecordEntryFactory,
    ResumeCommentFactory,
    ResumeFactory,
    SupervisionTermsFactory,
)


def builder_post(**overrides):
    data = {
        "title": "Warehouse",
        "contact_phone": "816-555-0123",
        "contact_city": "Kansas City, MO",
        "summary": "Dependable forklift operator.",
        "skills": "Forklift, inventory",
        "experience-TOTAL_FORMS": "1",
        "experience-INITIAL_FORMS": "0",
        "experience-0-kind": "facility_work",
        "experience-0-title": "Warehouse clerk",
        "experience-0-employer": "State of Missouri",
        "experience-0-start": "2021",
        "experience-0-end": "2024",
        "education-TOTAL_FORMS": "1",
        "education-INITIAL_FORMS": "0",
        "education-0-kind": "ged",
        "education-0-school": "",
        "certifications-TOTAL_FORMS": "1",
        "certifications-INITIAL_FORMS": "0",
        "certifications-0-name": "OSHA-10",
        "certifications-0-year": "2023",
    }
    data.update(overrides)
    return data


def test_builder_saves_a_version(client, person, participant):
    resume = ResumeFactory(participant=person, experience=[])
    client.force_login(participant)

    response = client.post(f"/resumes/{resume.pk}/", builder_post())

    assert response.status_code == 302
    version = ResumeVersion.objects.get(resume=resume)
    assert version.content["experience"][0]["employer"] == "State of Missouri"
    assert version.content["certifications"] == [{"name": "OSHA-10", "year": "2023"}]
    # The empty education row was not kept.
    assert version.content["education"] == []


def test_builder_bad_phone_saves_nothing(client, person, staff_user):
    resume = ResumeFactory(participant=person)
    client.force_login(staff_user)
    response = client.post(f"/resumes/{resume.pk}/", builder_post(contact_phone="12"))
    assert response.status_code == 200
    assert "phone" in response.content.decode().lower()
    assert not ResumeVersion.objects.exists()


def test_staff_comment_and_participant_resolves(client, person, staff_user, participant):
    resume = ResumeFactory(participant=person)
    client.force_login(staff_user)
    client.post(f"/resumes/{resume.pk}/comments/", {"section": "skills", "text": "Add forklift."})
    comment = ResumeComment.objects.get()

    client.force_login(participant)
    page = client.get(f"/resumes/{resume.pk}/")
    assert "Add forklift." in page.content.decode()
    assert page.context["comment_form"] is None
    client.post(f"/resumes/{resume.pk}/comments/{comment.pk}/resolve/")

    comment.refresh_from_db()
    assert comment.resolved_by == participant


def test_participant_cannot_comment(client, person, participant):
    resume = ResumeFactory(participant=person)
    client.force_login(participant)
    response = client.post(f"/resumes/{resume.pk}/comments/", {"section": "skills", "text": "x"})
    assert response.status_code == 404
    assert not ResumeComment.objects.exists()


def test_other_participant_cannot_resolve(client, person, other_participant_user):
    comment = ResumeCommentFactory(resume__participant=person)
    client.force_login(other_participant_user)
    response = client.post(f"/resumes/{comment.resume_id}/comments/{comment.pk}/resolve/")
    assert response.status_code == 404


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_pdf_holds_the_resume_and_nothing_sensitive(client, person, participant, staff_user):
    RecordEntryFactory(participant=person, description="Burglary second degree")
    SupervisionTermsFactory(
        participant=person, officer_name="Officer Kim", standing_meetings="Tuesdays PO visit"
    )
    services.case_note_add(participant=person, actor=staff_user, kind="call", text="Private")
    resume = ResumeFactory(participant=person)
    services.resume_save(
        resume=resume,
        actor=participant,
        summary="Dependable forklift operator \u2013 ready for night shifts.",
        certifications=[{"name": "ServSafe", "year": "2024"}],
    )
    client.force_login(participant)

    response = client.get(f"/resumes/{resume.pk}/pdf/")

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in ("Pat Doe", "Dependable forklift operator", "ServSafe", "State of Missouri",
                     "Warehouse clerk", "(816) 555-0123", "Kansas City, MO"):  # fmt: skip
        assert expected in text
    for secret in ("Burglary", "Officer Kim", "Tuesdays", "Private", "Drug", "felony", "parole",
                   "curfew", person.date_of_birth.isoformat()):  # fmt: skip
        assert secret.lower() not in text.lower()


def test_pdf_uses_the_latest_saved_version(client, person, participant):
    resume = ResumeFactory(participant=person)
    services.resume_save(resume=resume, actor=participant, summary="Old words")
    services.resume_save(resume=resume, actor=participant, summary="New words")
    client.force_login(participant)
    assert "New words" in pdf_text(client.get(f"/resumes/{resume.pk}/pdf/").content)
