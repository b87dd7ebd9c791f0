"""Documents in a participant's file: the list with an upload form (staff and the
participant), the download and the delete.

Uploads: the size limit is put in front of the upload handlers before the body is read
(`uploads.limit_document_upload_size`). Django only allows that before the CSRF check
reads the form, hence the pattern from its documentation: the outer view is
`csrf_exempt`, the inner one `csrf_protect`.

Downloads are only ever served here, never from a MEDIA URL: the same right as the
profile (anyone else: 404), as an attachment, with `nosniff`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from portal.core.exceptions import ApplicationError
from portal.core.forms import show_error_on_form
from portal.core.models import Role
from portal.core.permissions import role_required

from .. import selectors, services
from ..api import document_download_response
from ..forms import DocumentUploadForm
from ..permissions import is_self
from ..uploads import limit_document_upload_size
from .self_service import own_participant
from .staff import staff_participant


def _documents_page(request, participant, *, own: bool):
    """GET: the list and the upload form. POST: upload, then back to the list."""
    form = DocumentUploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.document_upload(
                participant=participant, actor=request.user, **form.cleaned_data
            )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("The document is saved."))
            return redirect(request.path)
    return render(
        request,
        "jobseekers/documents.html",
        {
            "participant": participant,
            "documents": selectors.documents_of(participant=participant),
            "form": form,
            "upload_url": request.path,
            "own": own,
        },
    )


@csrf_exempt
def participant_documents(request, participant_id):
    if request.method == "POST":
        limit_document_upload_size(request)
    return _participant_documents(request, participant_id)


@csrf_protect
@role_required(Role.STAFF)
def _participant_documents(request, participant_id):
    participant = staff_participant(request, participant_id)
    return _documents_page(request, participant, own=False)


@csrf_exempt
def my_documents(request):
    if request.method == "POST":
        limit_document_upload_size(request)
    return _my_documents(request)


@csrf_protect
@role_required(Role.PARTICIPANT)
def _my_documents(request):
    return _documents_page(request, own_participant(request), own=True)


@require_GET
@login_required
def document_download(request, document_id):
    return document_download_response(request, document_id)


@require_POST
@login_required
def document_delete(request, document_id):
    document = selectors.document_get_for_user(user=request.user, document_id=document_id)
    participant = document.participant
    try:
        services.document_delete(document=document, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The document is deleted."))
    if is_self(request.user, participant):
        return redirect("jobseekers:my-documents")
    return redirect(reverse("jobseekers:participant", args=[participant.pk]) + "#documents")
