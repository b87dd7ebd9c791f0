"""Participant documents: PDF uploads (certificates, diplomas, letters) and their
removal. The file is checked by its content, never by its name."""

import io
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pypdf import PdfReader

from portal.core.audit import audit_record
from portal.core.exceptions import ApplicationError, NotFoundError
from portal.core.models import User

from .. import rules
from ..exceptions import DocumentLimitError, DocumentRejectedError
from ..models import DocumentKind, Participant, ParticipantDocument
from ..permissions import can_view_profile

PDF_MAGIC = b"%PDF-"


def _reject(message: str, *, code: str) -> DocumentRejectedError:
    return DocumentRejectedError(message, code=code, fields={"file": [message]})


def _pdf_bytes(file) -> bytes:
    """The content of `file` if it is a PDF within the size limit that a PDF reader can
    open; otherwise DocumentRejectedError. The size is checked before anything is read,
    and never more than the limit plus one byte is read (a wrong `size` cannot fool it)."""
    max_bytes = rules.document_max_bytes()
    too_large = _("The file is too large. The most is %(size)s.") % {
        "size": filesizeformat(max_bytes)
    }
    if file is None:
        raise _reject(_("Choose a PDF file."), code="no_file")
    if file.size is not None and file.size > max_bytes:
        raise _reject(too_large, code="file_too_large")
    file.seek(0)
    data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _reject(too_large, code="file_too_large")
    if not data:
        raise _reject(_("The file is empty. Choose a PDF file."), code="empty_file")
    not_pdf = _("This file is not a PDF. Save or scan the document as a PDF, then upload it again.")
    if not data.startswith(PDF_MAGIC):
        raise _reject(not_pdf, code="not_pdf")
    damaged = _("This PDF is damaged or cannot be opened. Save it again as a PDF and retry.")
    # pypdf logs a warning for each oddity of a broken file; the answer to the person is
    # the message above, so keep the log quiet while checking.
    pypdf_logger = logging.getLogger("pypdf")
    previous_level = pypdf_logger.level
    pypdf_logger.setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _reject(
                _("This PDF has a password. Save it without a password, then upload it again."),
                code="pdf_encrypted",
            )
        if len(reader.pages) < 1:
            raise _reject(damaged, code="pdf_damaged")
        for page in reader.pages:
            page.mediabox  # noqa: B018 (reading each page's box parses the page tree)
    except DocumentRejectedError:
        raise
    except Exception as error:  # any parser failure on untrusted bytes means "damaged"
        raise _reject(damaged, code="pdf_damaged") from error
    finally:
        pypdf_logger.setLevel(previous_level)
    return data


def _clean_kind_and_title(kind: str, title: str) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    if kind not in DocumentKind.values:
        errors["kind"] = [_("Choose the kind of document from the list.")]
    title = (title or "").strip()
    if not title:
        errors["title"] = [_("Give the document a title, like “Forklift certificate”.")]
    elif len(title) > 150:
        errors["title"] = [_("Use at most %(count)d characters.") % {"count": 150}]
    if errors:
        raise ApplicationError(_("Please correct the errors below."), fields=errors)
    return kind, title


def document_upload(
    *, participant: Participant, actor: User, kind: str, title: str, file
) -> ParticipantDocument:
    """Add a PDF to the participant's file (the participant, their caseload staff or an
    admin; anyone else: NotFoundError).

    Rules: a real PDF by content (starts with %PDF- and a PDF reader opens it), at most
    `rules.document_max_bytes()`, at most `rules.documents_per_participant()` documents
    (counted with the participant's row locked, so two uploads at once cannot pass it).
    The file is stored in the private storage (no URL) under a random name. Raises
    DocumentRejectedError or DocumentLimitError; then nothing is saved, in the database
    or in the storage."""
    if not can_view_profile(actor, participant):
        raise NotFoundError()
    kind, title = _clean_kind_and_title(kind, title)
    data = _pdf_bytes(file)
    stored_name = None
    try:
        with transaction.atomic():
            Participant.objects.select_for_update().filter(pk=participant.pk).first()
            limit = rules.documents_per_participant()
            if ParticipantDocument.objects.filter(participant=participant).count() >= limit:
                raise DocumentLimitError(
                    _(
                        "This file already holds %(count)d documents, the most allowed. "
                        "Delete one you no longer need first."
                    )
                    % {"count": limit}
                )
            document = ParticipantDocument(
                participant=participant, kind=kind, title=title, size=len(data), uploaded_by=actor
            )
            document.file.save("document.pdf", ContentFile(data), save=False)
            stored_name = document.file.name
            document.save()
            audit_record(
                actor=actor,
                action="document.uploaded",
                target=participant,
                details={"document": document.pk, "kind": kind, "size": len(data)},
            )
    except BaseException:
        if stored_name:
            document.file.storage.delete(stored_name)
        raise
    return document


def document_delete(*, document: ParticipantDocument, actor: User) -> None:
    """Remove a document from the participant's file (the participant, their caseload
    staff or an admin; anyone else: NotFoundError). The stored file is deleted once the
    removal is committed."""
    participant = document.participant
    if not can_view_profile(actor, participant):
        raise NotFoundError()
    storage, stored_name = document.file.storage, document.file.name
    with transaction.atomic():
        document_id, kind = document.pk, document.kind
        document.delete()
        audit_record(
            actor=actor,
            action="document.deleted",
            target=participant,
            details={"document": document_id, "kind": kind},
        )
        transaction.on_commit(lambda: storage.delete(stored_name))
