"""Participant documents: who may download, list, upload and delete (a matrix of
roles; anyone else gets 404), and the API."""

import pytest
from django.urls import reverse

from jobseekers import services
from jobseekers.models import ParticipantDocument
from jobseekers.uploads import OversizedUpload
from tests.factories.jobseekers import ParticipantFactory
from tests.factories.users import UserFactory
from tests.jobseekers.documents_helpers import make_document, pdf_bytes, pdf_upload, stored_files

pytestmark = pytest.mark.django_db

# ------------------------------------------------------------- permission matrix

ROLES = [
    ("anonymous", 404),
    ("participant", 200),
    ("other_participant_user", 404),
    ("employer_user", 404),
    ("staff_user", 200),
    ("other_staff", 404),
    ("admin_user", 200),
]


def _user(request, who):
    return None if who == "anonymous" else request.getfixturevalue(who)


@pytest.mark.parametrize(("who", "expected"), ROLES)
def test_download_matrix(request, client, person, who, expected):
    document = make_document(person)
    user = _user(request, who)
    if user:
        client.force_login(user)
    response = client.get(reverse("jobseekers:document-download", args=[document.pk]))
    if who == "anonymous":
        assert response.status_code == 302
        assert "/login/" in response.url or "login" in response.url
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(("who", "expected"), ROLES)
def test_api_matrix(request, api_client, person, who, expected):
    document = make_document(person)
    user = _user(request, who)
    if user:
        api_client.force_authenticate(user)
    denied = 401 if who == "anonymous" else expected
    listing = api_client.get(f"/api/v1/participants/{person.pk}/documents/")
    download = api_client.get(f"/api/v1/documents/{document.pk}/download/")
    upload = api_client.post(
        f"/api/v1/participants/{person.pk}/documents/",
        {"kind": "other", "title": "A", "file": pdf_upload()},
        format="multipart",
    )
    assert listing.status_code == denied
    assert download.status_code == denied
    assert upload.status_code == (201 if expected == 200 else denied)
    delete = api_client.delete(f"/api/v1/documents/{document.pk}/")
    assert delete.status_code == (204 if expected == 200 else denied)
    assert ParticipantDocument.objects.filter(pk=document.pk).exists() == (expected != 200)


@pytest.mark.parametrize(
    ("who", "status"),
    [("participant", 404), ("employer_user", 404), ("other_staff", 404), ("staff_user", 200)],
)
def test_staff_documents_page_matrix(request, client, person, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("jobseekers:documents", args=[person.pk])).status_code == status


@pytest.mark.parametrize(
    ("who", "status"), [("staff_user", 404), ("employer_user", 404), ("participant", 200)]
)
def test_my_documents_page_matrix(request, client, person, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("jobseekers:my-documents")).status_code == status


def test_someone_elses_participant_is_404_for_upload(api_client, person, other_person):
    api_client.force_authenticate(person.user)
    response = api_client.post(
        f"/api/v1/participants/{other_person.pk}/documents/",
        {"kind": "other", "title": "A", "file": pdf_upload()},
        format="multipart",
    )
    assert response.status_code == 404
    assert not ParticipantDocument.objects.exists()


# ------------------------------------------------------------------------- API


def test_api_upload_list_download_delete(api_client, person, staff_user):
    api_client.force_authenticate(staff_user)
    content = pdf_bytes("Letter")
    created = api_client.post(
        f"/api/v1/participants/{person.pk}/documents/",
        {"kind": "recommendation", "title": "Letter", "file": pdf_upload("l.pdf", content)},
        format="multipart",
    )
    assert created.status_code == 201
    assert created.data["kind"] == "recommendation"
    assert created.data["uploaded_by"] == "fran"
    assert "file" not in created.data
    listing = api_client.get(f"/api/v1/participants/{person.pk}/documents/")
    assert [row["title"] for row in listing.data["results"]] == ["Letter"]
    download = api_client.get(created.data["download_url"])
    assert b"".join(download.streaming_content) == content
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    assert api_client.delete(f"/api/v1/documents/{created.data['id']}/").status_code == 204


def test_api_refuses_text_renamed_pdf(api_client, person, participant):
    api_client.force_authenticate(participant)
    response = api_client.post(
        f"/api/v1/participants/{person.pk}/documents/",
        {"kind": "other", "title": "A", "file": pdf_upload("a.pdf", b"hello, I am text")},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.data["code"] == "not_pdf"
    assert not ParticipantDocument.objects.exists()


def test_api_oversized_upload(api_client, person, participant, settings, monkeypatch):
    settings.PORTAL_DOCUMENT_MAX_BYTES = 2000
    received = []
    real_upload = services.document_upload

    def spy(**kwargs):
        received.append(kwargs["file"])
        return real_upload(**kwargs)

    monkeypatch.setattr("jobseekers.api.services.document_upload", spy)
    api_client.force_authenticate(participant)
    before = stored_files()
    response = api_client.post(
        f"/api/v1/participants/{person.pk}/documents/",
        {"kind": "other", "title": "A", "file": pdf_upload("a.pdf", pdf_bytes(pages=40))},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.data["code"] == "file_too_large"
    assert isinstance(received[0], OversizedUpload)
    assert not ParticipantDocument.objects.exists()
    assert stored_files() == before


def test_api_over_the_count_limit(api_client, person, participant, settings):
    settings.PORTAL_DOCUMENTS_PER_PARTICIPANT = 1
    make_document(person)
    api_client.force_authenticate(participant)
    response = api_client.post(
        f"/api/v1/participants/{person.pk}/documents/",
        {"kind": "other", "title": "A", "file": pdf_upload()},
        format="multipart",
    )
    assert response.status_code == 409
    assert response.data["code"] == "too_many_documents"
    assert ParticipantDocument.objects.count() == 1


@pytest.mark.parametrize("rows", [1, 30])
def test_list_query_budget(api_client, client, person, staff_user, rows, settings,
                           django_assert_max_num_queries):  # fmt: skip
    settings.PORTAL_DOCUMENTS_PER_PARTICIPANT = 50
    uploader = UserFactory(staff=True)
    for number in range(rows):
        make_document(person, title=f"Document {number}", uploader=uploader)
    api_client.force_authenticate(staff_user)
    with django_assert_max_num_queries(4):
        response = api_client.get(f"/api/v1/participants/{person.pk}/documents/")
    assert len(response.data["results"]) == min(rows, 25)
    client.force_login(staff_user)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("jobseekers:documents", args=[person.pk]))
    assert f"Document {rows - 1}" in page.content.decode()


def test_other_participants_documents_not_listed(api_client, person, other_person):
    make_document(other_person, title="Not yours")
    ParticipantFactory()
    api_client.force_authenticate(person.user)
    response = api_client.get(f"/api/v1/participants/{person.pk}/documents/")
    assert response.data["results"] == []
