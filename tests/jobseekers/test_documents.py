"""Participant documents: safe PDF uploads, downloads only for those who may see the
profile, deletion with audit."""

import io
from pathlib import Path

import pytest
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from jobseekers import services
from jobseekers.exceptions import DocumentLimitError, DocumentRejectedError
from jobseekers.models import DocumentKind, ParticipantDocument
from jobseekers.uploads import DocumentSizeLimitUploadHandler, OversizedUpload
from portal.core.exceptions import NotFoundError
from portal.core.models import AuditEvent
from portal.core.storage import PrivateFileSystemStorage
from tests.jobseekers.documents_helpers import (
    PNG_BYTES,
    make_document,
    page_form,
    pdf_bytes,
    pdf_upload,
    stored_files,
)

pytestmark = pytest.mark.django_db

# ------------------------------------------------------------------------ service


def test_upload_keeps_the_pdf_under_a_random_name(person, staff_user):
    content = pdf_bytes("Diploma of Pat Doe")
    document = services.document_upload(
        participant=person,
        actor=staff_user,
        kind=DocumentKind.DIPLOMA,
        title="  GED diploma ",
        file=pdf_upload("Pat Doe SSN 123 ../../etc.pdf", content),
    )
    assert document.title == "GED diploma"
    assert document.size == len(content)
    assert document.uploaded_by == staff_user
    assert document.file.name.startswith("participant-documents/")
    assert "Pat" not in document.file.name and "etc" not in document.file.name
    with storages["private"].open(document.file.name, "rb") as stored:
        assert stored.read() == content
    event = AuditEvent.objects.get(action="document.uploaded")
    assert event.details["kind"] == "diploma"
    assert "GED" not in str(event.details)


def test_upload_goes_to_the_private_storage_never_the_public_media(person, staff_user):
    document = services.document_upload(
        participant=person, actor=staff_user, kind="other", title="A", file=pdf_upload()
    )
    assert storages["private"].exists(document.file.name)
    assert not default_storage.exists(document.file.name)
    # No address exists for it: only the permission-checked download view serves it.
    with pytest.raises(ValueError, match="no URL"):
        document.file.url  # noqa: B018


def test_documents_follow_the_private_storage_setting_to_a_folder_outside_media(
    person, staff_user, settings, tmp_path
):
    private_root, media_root = tmp_path / "private", tmp_path / "media"
    settings.MEDIA_ROOT = str(media_root)
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "portal.core.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": str(private_root), "base_url": None},
        },
    }
    document = services.document_upload(
        participant=person, actor=staff_user, kind="other", title="A", file=pdf_upload()
    )
    assert isinstance(document.file.storage._wrapped, PrivateFileSystemStorage)
    assert (private_root / document.file.name).read_bytes().startswith(b"%PDF-")
    assert not media_root.exists() or not any(media_root.rglob("*.pdf"))
    # FileSystemStorage would fall back to MEDIA_URL for base_url=None; this one refuses.
    with pytest.raises(ValueError, match="no URL"):
        document.file.url  # noqa: B018
    reloaded = ParticipantDocument.objects.get(pk=document.pk)
    with pytest.raises(ValueError, match="no URL"):
        reloaded.file.url  # noqa: B018


def test_private_media_root_is_not_inside_media_root():
    from django.conf import settings

    private = Path(str(settings.PRIVATE_MEDIA_ROOT)).resolve()
    media = Path(str(settings.MEDIA_ROOT)).resolve()
    assert private != media and media not in private.parents


def test_two_uploads_get_different_names(person, participant):
    first = services.document_upload(
        participant=person, actor=participant, kind="other", title="A", file=pdf_upload("a.pdf")
    )
    second = services.document_upload(
        participant=person, actor=participant, kind="other", title="A", file=pdf_upload("a.pdf")
    )
    assert first.file.name != second.file.name


def _assert_rejected(person, actor, file, code, words, **kwargs):
    before = stored_files()
    with pytest.raises(DocumentRejectedError) as caught:
        services.document_upload(
            participant=person, actor=actor, kind="certificate", title="Scan", file=file
        )
    assert caught.value.code == code
    assert words in caught.value.message
    assert "file" in caught.value.fields
    assert not ParticipantDocument.objects.exists()
    assert not AuditEvent.objects.filter(action="document.uploaded").exists()
    assert stored_files() == before


def test_oversized_file_is_refused_before_it_is_read(person, staff_user, settings):
    settings.PORTAL_DOCUMENT_MAX_BYTES = 1000

    class NeverRead(SimpleUploadedFile):
        def read(self, *args, **kwargs):
            raise AssertionError("the file was read")

    file = NeverRead("big.pdf", b"%PDF-" + b"0" * 2000)
    _assert_rejected(person, staff_user, file, "file_too_large", "too large")


def test_a_size_that_lies_does_not_let_a_big_file_through(person, staff_user, settings):
    settings.PORTAL_DOCUMENT_MAX_BYTES = 1000
    file = pdf_upload(content=b"%PDF-1.4\n" + b"0" * 5000)
    file.size = 10
    _assert_rejected(person, staff_user, file, "file_too_large", "too large")


def test_png_renamed_pdf_is_refused(person, staff_user):
    _assert_rejected(person, staff_user, pdf_upload("photo.pdf", PNG_BYTES), "not_pdf", "not a PDF")


def test_text_renamed_pdf_is_refused(person, staff_user):
    file = pdf_upload("letter.pdf", b"Dear employer,\nPat is a hard worker.\n")
    _assert_rejected(person, staff_user, file, "not_pdf", "not a PDF")


def test_truncated_pdf_is_refused(person, staff_user):
    content = pdf_bytes()
    file = pdf_upload("cut.pdf", content[: len(content) // 2])
    _assert_rejected(person, staff_user, file, "pdf_damaged", "damaged")


def test_garbage_starting_like_a_pdf_is_refused(person, staff_user):
    file = pdf_upload("fake.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 20)
    _assert_rejected(person, staff_user, file, "pdf_damaged", "damaged")


def test_empty_file_is_refused(person, staff_user):
    _assert_rejected(person, staff_user, pdf_upload("empty.pdf", b""), "empty_file", "empty")


def test_kind_and_title_are_checked(person, staff_user):
    with pytest.raises(Exception) as caught:
        services.document_upload(
            participant=person, actor=staff_user, kind="passport", title=" ", file=pdf_upload()
        )
    assert set(caught.value.fields) == {"kind", "title"}
    assert not ParticipantDocument.objects.exists()


def test_count_limit(person, staff_user, settings):
    settings.PORTAL_DOCUMENTS_PER_PARTICIPANT = 2
    make_document(person)
    make_document(person)
    before = stored_files()
    with pytest.raises(DocumentLimitError) as caught:
        services.document_upload(
            participant=person, actor=staff_user, kind="other", title="Third", file=pdf_upload()
        )
    assert "Delete one" in caught.value.message
    assert caught.value.status_code == 409
    assert ParticipantDocument.objects.count() == 2
    assert stored_files() == before


def test_database_failure_leaves_no_file_in_storage(person, staff_user, monkeypatch):
    def broken_audit(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("jobseekers.services.documents.audit_record", broken_audit)
    before = stored_files()
    with pytest.raises(RuntimeError):
        services.document_upload(
            participant=person, actor=staff_user, kind="other", title="A", file=pdf_upload()
        )
    assert stored_files() == before
    assert not ParticipantDocument.objects.exists()


@pytest.mark.parametrize("who", ["other_staff", "other_participant_user", "employer_user"])
def test_nobody_else_uploads(request, person, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(NotFoundError):
        services.document_upload(
            participant=person, actor=actor, kind="other", title="A", file=pdf_upload()
        )
    assert not ParticipantDocument.objects.exists()


def test_delete_removes_row_and_file_with_audit(
    person, participant, django_capture_on_commit_callbacks
):
    document = make_document(person)
    name = document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.document_delete(document=document, actor=participant)
    assert not ParticipantDocument.objects.exists()
    assert not storages["private"].exists(name)
    assert AuditEvent.objects.filter(action="document.deleted").exists()


def test_other_staff_cannot_delete(person, other_staff):
    document = make_document(person)
    with pytest.raises(NotFoundError):
        services.document_delete(document=document, actor=other_staff)
    assert ParticipantDocument.objects.filter(pk=document.pk).exists()
    assert storages["private"].exists(document.file.name)


# ----------------------------------------------------------------- upload handler


def test_upload_handler_stops_keeping_bytes_past_the_limit(settings):
    settings.PORTAL_DOCUMENT_MAX_BYTES = 100
    handler = DocumentSizeLimitUploadHandler()
    handler.new_file("file", "big.pdf", "application/pdf", 1000)
    assert handler.receive_data_chunk(b"x" * 60, 0) == b"x" * 60
    assert handler.receive_data_chunk(b"x" * 60, 60) is None
    assert handler.receive_data_chunk(b"x" * 60, 120) is None
    oversized = handler.file_complete(180)
    assert isinstance(oversized, OversizedUpload)
    assert oversized.size == 180
    assert oversized.read() == b""


def test_upload_handler_passes_small_files_on(settings):
    handler = DocumentSizeLimitUploadHandler()
    handler.new_file("file", "small.pdf", "application/pdf", 10)
    assert handler.receive_data_chunk(b"%PDF-", 0) == b"%PDF-"
    assert handler.file_complete(5) is None


# ------------------------------------------------------------------------- pages


def test_staff_upload_and_download_from_the_participant_page(client, person, staff_user):
    client.force_login(staff_user)
    page = client.get(reverse("jobseekers:participant", args=[person.pk]))
    assert 'id="documents"' in page.content.decode()
    content = pdf_bytes("Forklift operator")
    response = client.post(
        reverse("jobseekers:documents", args=[person.pk]),
        page_form(kind="certificate", title="Forklift", file=pdf_upload("f.pdf", content)),
    )
    assert response.status_code == 302
    document = ParticipantDocument.objects.get()
    page = client.get(reverse("jobseekers:participant", args=[person.pk]))
    assert "Forklift" in page.content.decode()
    download = client.get(reverse("jobseekers:document-download", args=[document.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="forklift.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    body = b"".join(download.streaming_content)
    assert body == content
    assert "Forklift operator" in PdfReader(io.BytesIO(body)).pages[0].extract_text()


def test_participant_uploads_on_own_page(client, person, participant):
    client.force_login(participant)
    response = client.post(
        reverse("jobseekers:my-documents"),
        page_form(kind="recommendation", title="Letter from Pastor Lee", file=pdf_upload()),
        follow=True,
    )
    assert "The document is saved." in response.content.decode()
    assert "Letter from Pastor Lee" in response.content.decode()
    assert ParticipantDocument.objects.get().uploaded_by == participant


def test_page_shows_a_clear_error_for_a_renamed_png(client, person, participant):
    client.force_login(participant)
    response = client.post(
        reverse("jobseekers:my-documents"),
        page_form(kind="certificate", title="Scan", file=pdf_upload("scan.pdf", PNG_BYTES)),
    )
    assert response.status_code == 200
    assert "This file is not a PDF" in response.content.decode()
    assert not ParticipantDocument.objects.exists()


def test_oversized_page_upload_is_stopped_while_streaming(
    client, person, participant, settings, monkeypatch
):
    settings.PORTAL_DOCUMENT_MAX_BYTES = 2000
    received = []
    real_upload = services.document_upload

    def spy(**kwargs):
        received.append(kwargs["file"])
        return real_upload(**kwargs)

    monkeypatch.setattr("jobseekers.views.documents.services.document_upload", spy)
    client.force_login(participant)
    before = stored_files()
    big = b"%PDF-1.4\n" + b"0" * 50_000
    response = client.post(
        reverse("jobseekers:my-documents"),
        page_form(kind="certificate", title="Scan", file=pdf_upload("big.pdf", big)),
    )
    assert response.status_code == 200
    assert "The file is too large. The most is 2.0\xa0KB." in response.content.decode()
    # The view never held the 50 KB: the upload handler kept nothing past the limit.
    assert isinstance(received[0], OversizedUpload)
    assert not ParticipantDocument.objects.exists()
    assert stored_files() == before


def test_upload_page_still_checks_csrf(person, participant):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(participant)
    response = client.post(
        reverse("jobseekers:my-documents"),
        page_form(kind="certificate", title="Scan", file=pdf_upload()),
    )
    assert response.status_code == 403
    assert not ParticipantDocument.objects.exists()


def test_participant_deletes_own_document(client, person, participant):
    document = make_document(person)
    client.force_login(participant)
    response = client.post(reverse("jobseekers:document-delete", args=[document.pk]))
    assert response.url == reverse("jobseekers:my-documents")
    assert not ParticipantDocument.objects.exists()


def test_documents_are_not_served_from_a_media_url(client, person, staff_user):
    document = make_document(person)
    client.force_login(staff_user)
    page = client.get(reverse("jobseekers:participant", args=[person.pk])).content.decode()
    assert document.file.name not in page
    assert "/media/" not in page
