"""The résumé PDF: a Unicode font (names print as typed) and headings in the résumé's
language, whoever prints it."""

import io

import pytest
from pypdf import PdfReader

from jobseekers import services
from jobseekers.pdf import resume_pdf_bytes
from tests.factories.jobseekers import ParticipantFactory, ResumeFactory

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_vietnamese_name_and_typographic_punctuation_print_as_typed():
    content = {
        "name": "Nguyễn Đặng",
        "summary": "\u201cReliable\u201d worker \u2013 forklift, pallet jack\u2026",
        "certifications": [{"name": "José Peña\u2019s ServSafe", "year": "2024"}],
    }
    text = pdf_text(resume_pdf_bytes(content, language="en"))
    assert "Nguyễn Đặng" in text
    assert "\u201cReliable\u201d worker \u2013 forklift" in text
    assert "José Peña\u2019s ServSafe" in text
    assert "?" not in text


def test_the_pdf_of_a_spanish_resume_has_spanish_headings(client, staff_user):
    person = ParticipantFactory(
        facilitator=staff_user, preferred_language="es", first_name="Rosa", last_name="Peña"
    )
    resume = ResumeFactory(participant=person)
    services.resume_save(
        resume=resume,
        actor=staff_user,
        summary="Cocinera con experiencia.",
        certifications=[{"name": "ServSafe", "year": "2024"}],
        skills="Cocina",
    )
    client.force_login(staff_user)  # staff print it in English pages, the résumé stays Spanish

    text = pdf_text(client.get(f"/resumes/{resume.pk}/pdf/").content)

    for heading in ("RESUMEN", "EXPERIENCIA", "CERTIFICACIONES", "HABILIDADES"):
        assert heading in text
    for english in ("SUMMARY", "EXPERIENCE", "CERTIFICATIONS", "SKILLS"):
        assert english not in text
    assert "Rosa Peña" in text


def test_the_pdf_of_an_english_resume_has_english_headings(api_client, person, participant):
    resume = ResumeFactory(participant=person)
    services.resume_save(resume=resume, actor=participant, summary="Dependable.")
    api_client.force_authenticate(participant)

    text = pdf_text(api_client.get(f"/api/v1/resumes/{resume.pk}/pdf/").content)

    assert "SUMMARY" in text
    assert "EXPERIENCE" in text
