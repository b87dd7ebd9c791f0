"""Files and rows the documents tests share: real and fake PDFs, uploads, stored names."""

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF

from jobseekers.models import DocumentKind, ParticipantDocument

# A PNG signature and a little of its header, as a phone photo renamed "scan.pdf" starts.
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200


def pdf_bytes(text: str = "Forklift certificate", pages: int = 1) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for _page in range(pages):
        pdf.add_page()
        pdf.cell(text=text)
    return bytes(pdf.output())


def pdf_upload(name: str = "my scan.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, pdf_bytes() if content is None else content, content_type="application/pdf"
    )


def page_form(**values) -> dict:
    """The upload form's fields as the pages name them."""
    return {f"document-{name}": value for name, value in values.items()}


def stored_files() -> set[str]:
    try:
        return set(storages["private"].listdir("participant-documents")[1])
    except FileNotFoundError:
        return set()


def make_document(participant, title="Certificate", uploader=None) -> ParticipantDocument:
    document = ParticipantDocument(
        participant=participant,
        kind=DocumentKind.CERTIFICATE,
        title=title,
        size=100,
        uploaded_by=uploader,
    )
    document.file.save("x.pdf", ContentFile(pdf_bytes(title)), save=True)
    return document
