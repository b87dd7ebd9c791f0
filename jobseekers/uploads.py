"""Upload handling for participant documents: the size limit enforced while the request
streams in, so an oversized file is never read whole into memory or onto disk.

Django's own limits do not cover this: DATA_UPLOAD_MAX_MEMORY_SIZE leaves file parts
out, and FILE_UPLOAD_MAX_MEMORY_SIZE only decides memory or temporary file. The upload
views put `DocumentSizeLimitUploadHandler` first in `request.upload_handlers`; once a file
passes the limit it stops handing the bytes on and the file arrives as an
`OversizedUpload` (no content, the size seen so far), which the service then refuses
with the same clear message as any oversized file.
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from . import rules


class OversizedUpload(SimpleUploadedFile):
    """Stands in for a file that was too large: empty content, `size` = bytes received
    before the upload handler stopped keeping them (more than the limit)."""

    def __init__(self, name: str, received: int):
        super().__init__(name, b"", content_type="application/octet-stream")
        self.size = received


class DocumentSizeLimitUploadHandler(FileUploadHandler):
    """Keeps at most `rules.document_max_bytes()` of each uploaded file."""

    def __init__(self, request=None):
        super().__init__(request)
        self.max_bytes = rules.document_max_bytes()
        self.received = 0
        self.too_large = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        self.too_large = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            self.too_large = True
            return None  # the next handlers (memory, temporary file) never get the rest
        return raw_data

    def file_complete(self, file_size):
        if self.too_large:
            return OversizedUpload(self.file_name or "upload", self.received)
        return None  # the next handler builds the real file


def limit_document_upload_size(request) -> None:
    """Put the size limit in front of the request's upload handlers. Call it before
    anything reads request.POST or request.FILES."""
    request.upload_handlers.insert(0, DocumentSizeLimitUploadHandler(request))
