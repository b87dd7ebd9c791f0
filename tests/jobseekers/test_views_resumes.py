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


def test_the_old_address_opens_the_first_section(client, person, participant):
    resume = ResumeFactory(participant=person)
    client.force_login(participant)
    response = client.get(f"/resumes/{resume.pk}/")
    assert response.status_code == 302
    assert response.url == f"/resumes/{resume.pk}/sections/contact/"


def test_the_old_whole_form_post_still_saves_a_version(client, person, participant):
    resume = ResumeFactory(participant=person, experience=[])
    client.force_login(participant)

    response = client.post(f"/resumes/{resume.pk}/", builder_post())

    assert response.status_code == 302
    version = ResumeVersion.objects.get(resume=resume)
    assert version.content["experience"][0]["employer"] == "State of Missouri"
    assert version.content["certifications"] == [{"name": "OSHA-10", "year": "2023"}]
    # The empty education row was not kept.
    assert version.content["education"] == []


def test_the_old_whole_form_post_with_a_bad_phone_saves_nothing(client, person, staff_user):
    resume = ResumeFactory(participant=person)
    client.force_login(staff_user)
    response = client.post(f"/resumes/{resume.pk}/", builder_post(contact_phone="12"))
    assert response.status_code == 200
    assert "phone" in response.content.decode().lower()
    assert not ResumeVersion.objects.exists()


def section_url(resume, section):
    return f"/resumes/{resume.pk}/sections/{section}/"


def test_each_section_is_its_own_page_with_the_progress(client, person, participant):
    resume = ResumeFactory(participant=person, education=[], references="")
    client.force_login(participant)

    page = client.get(section_url(resume, "summary")).content.decode()

    assert "Section 2 of 7" in page
    # Contact, summary, experience and skills hold something; the rest do not yet.
    assert "4 of 7 done" in page
    assert 'aria-current="step"' in page
    assert 'name="summary"' in page
    # Only this section's fields are on the page.
    assert 'name="skills"' not in page and "experience-TOTAL_FORMS" not in page
    assert client.get(section_url(resume, "hobbies")).status_code == 404


def test_the_progress_marks_a_section_done_once_saved(client, person, participant):
    resume = ResumeFactory(participant=person, certifications=[])
    client.force_login(participant)
    progress = client.get(section_url(resume, "certifications")).context["progress"]
    assert [step["done"] for step in progress if step["key"] == "certifications"] == [False]

    client.post(
        section_url(resume, "certifications"),
        {
            "certifications-TOTAL_FORMS": "1",
            "certifications-INITIAL_FORMS": "0",
            "certifications-0-name": "ServSafe",
            "certifications-0-year": "2024",
        },
    )

    page = client.get(section_url(resume, "certifications"))
    done = {step["key"]: step["done"] for step in page.context["progress"]}
    assert done["certifications"] is True
    assert "5 of 7 done" in page.content.decode()


def test_saving_one_section_changes_only_that_section(client, person, participant):
    resume = ResumeFactory(participant=person)
    before_experience = resume.experience
    client.force_login(participant)

    response = client.post(
        section_url(resume, "summary"), {"summary": "Kitchen lead, ready for early shifts."}
    )

    # On to the next section, with a message saying what was saved.
    assert response.status_code == 302
    assert response.url == section_url(resume, "experience")
    page = client.get(response.url).content.decode()
    assert "Summary is saved, as version 1." in page
    resume.refresh_from_db()
    assert resume.summary == "Kitchen lead, ready for early shifts."
    assert resume.experience == before_experience
    assert resume.skills == "Forklift, inventory, teamwork"
    assert resume.contact_phone == "+18165550123"
    assert resume.title == "Warehouse"


def test_saving_a_list_section_leaves_the_texts(client, person, staff_user):
    resume = ResumeFactory(participant=person)
    client.force_login(staff_user)

    client.post(
        section_url(resume, "experience"),
        {
            "experience-TOTAL_FORMS": "2",
            "experience-INITIAL_FORMS": "1",
            "experience-0-kind": "facility_work",
            "experience-0-title": "Warehouse clerk",
            "experience-0-employer": "State of Missouri",
            "experience-0-DELETE": "on",
            "experience-1-kind": "job",
            "experience-1-title": "Line cook",
            "experience-1-employer": "Corner Diner",
        },
    )

    resume.refresh_from_db()
    assert [entry["title"] for entry in resume.experience] == ["Line cook"]
    assert resume.summary == "Reliable worker with forklift experience."
    assert ResumeVersion.objects.get(resume=resume).content["experience"][0]["employer"] == (
        "Corner Diner"
    )


def test_a_bad_value_in_a_section_is_shown_next_to_it_and_changes_nothing(
    client, person, participant
):
    resume = ResumeFactory(participant=person)
    client.force_login(participant)

    response = client.post(
        section_url(resume, "contact"),
        {"title": "Warehouse", "contact_phone": "12", "contact_city": "Raytown, MO"},
    )

    assert response.status_code == 200
    form = response.context["sections"][0]["form"]
    assert form.errors["contact_phone"]
    page = response.content.decode()
    # The message sits in the phone field's own error, and the summary links to it.
    assert 'id="id_contact_phone_error"' in page
    assert 'href="#id_contact_phone"' in page
    resume.refresh_from_db()
    assert resume.contact_city == "Kansas City, MO"
    assert not ResumeVersion.objects.exists()


def test_a_too_long_entry_is_refused_next_to_its_field(client, person, participant):
    resume = ResumeFactory(participant=person, education=[])
    client.force_login(participant)

    response = client.post(
        section_url(resume, "education"),
        {
            "education-TOTAL_FORMS": "1",
            "education-INITIAL_FORMS": "0",
            "education-0-kind": "ged",
            "education-0-school": "x" * 151,
        },
    )

    assert response.status_code == 200
    entry = response.context["sections"][0]["form"].forms[0]
    assert entry.errors["school"]
    resume.refresh_from_db()
    assert resume.education == []
    assert not ResumeVersion.objects.exists()


def test_the_section_pages_are_in_spanish(client, person, participant):
    resume = ResumeFactory(participant=person)
    client.force_login(participant)
    page = client.get(section_url(resume, "skills"), HTTP_ACCEPT_LANGUAGE="es")
    text = page.content.decode()
    assert "Sección 6 de 7" in text
    assert "Guardar y continuar" in text


def test_staff_comment_and_participant_resolves(client, person, staff_user, participant):
    resume = ResumeFactory(participant=person)
    client.force_login(staff_user)
    client.post(f"/resumes/{resume.pk}/comments/", {"section": "skills", "text": "Add forklift."})
    comment = ResumeComment.objects.get()

    client.force_login(participant)
    # The list of sections says where the comment is; its section's page shows it.
    first = client.get(f"/resumes/{resume.pk}/sections/contact/")
    assert [step["open_comments"] for step in first.context["progress"]] == [0, 0, 0, 0, 0, 1, 0]
    assert "1 open comment" in first.content.decode()
    assert "Add forklift." not in first.content.decode()
    page = client.get(f"/resumes/{resume.pk}/sections/skills/")
    assert "Add forklift." in page.content.decode()
    assert page.context["comment_form"] is None
    response = client.post(f"/resumes/{resume.pk}/comments/{comment.pk}/resolve/")
    assert response.url == f"/resumes/{resume.pk}/sections/skills/"

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
