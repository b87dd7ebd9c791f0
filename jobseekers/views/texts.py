"""Staff pages about a participant's text messages: the whole log (texts sent, their
delivery, the participant's replies), and "mark the replies read"."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.core.models import Role
from portal.core.permissions import role_required

from .. import selectors, services
from .staff import staff_participant


@role_required(Role.STAFF)
def text_messages_page(request, participant_id):
    """The participant's message log, newest first, 50 a page (caseload staff, admins)."""
    participant = staff_participant(request, participant_id)
    texts = selectors.text_messages_for(participant=participant, viewer=request.user)
    page = Paginator(texts, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "jobseekers/staff/text_messages.html",
        {
            "participant": participant,
            "page": page,
            "new_replies": texts.filter(kind="reply", read_at__isnull=True).count(),
            "texts_agreed": selectors.text_consent_in_force(participant=participant),
        },
    )


@require_POST
@role_required(Role.STAFF)
def text_replies_read(request, participant_id):
    participant = staff_participant(request, participant_id)
    services.text_replies_mark_read(participant=participant, actor=request.user)
    messages.success(request, _("The replies are marked as read."))
    return redirect("jobseekers:text-messages", participant_id=participant.pk)
