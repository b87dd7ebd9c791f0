"""The participants API under /api/v1/. Thin views: parse, call one selector or service,
render. Objects the user may not see are 404 (they come from scoped selectors).

One module at ~500 lines: every view here is a thin class over one participant URL
prefix; when it grows further, the custody and exit views (the newest) move to their own
module first."""

from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.core.drf import ApiFilterBackend
from portal.core.exceptions import NotFoundError, PermissionDeniedError
from portal.core.permissions import IsStaffMember

from . import selectors, services
from . import serializers as s
from .exceptions import PossibleDuplicateError
from .filters import CaseloadFilter
from .pdf import resume_pdf_bytes
from .permissions import (
    can_edit,
    can_view_access_log,
    can_view_case_notes,
    can_view_custody_event_notes,
    can_view_custody_events,
    can_view_program_exits,
    can_view_record,
)
from .uploads import limit_document_upload_size


def _participant(request, participant_id):
    return selectors.participant_get_for_user(user=request.user, participant_id=participant_id)


def _why(request, participant):
    return selectors.access_reason(request.user, participant)


def _duplicate_error(error: PossibleDuplicateError) -> PossibleDuplicateError:
    """The duplicates named in the error's fields, for staff to check."""
    error.fields = {
        "confirmed_not_duplicate": [
            f"#{candidate.pk} {candidate.full_name} ({candidate.date_of_birth:%Y-%m-%d})"
            for candidate in error.candidates
        ]
    }
    return error


class ParticipantListView(generics.ListAPIView):
    """Staff: their caseload (admins: everyone), filtered by `search`, `status`,
    `facilitator`, `released_from`, `released_to`, `missing_id`, `no_resume`.
    POST: intake. A possible duplicate answers 409 `possible_duplicate` until the request
    says `confirmed_not_duplicate: true`."""

    permission_classes = [IsStaffMember]
    serializer_class = s.ParticipantListSerializer
    filter_backends = [ApiFilterBackend]
    filterset_class = CaseloadFilter

    def get_queryset(self):
        return selectors.caseload_for(user=self.request.user)

    @extend_schema(request=s.ParticipantInputSerializer, responses={201: s.ParticipantSerializer})
    def post(self, request):
        data = s.ParticipantInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            participant = services.participant_create(actor=request.user, **data.validated_data)
        except PossibleDuplicateError as error:
            raise _duplicate_error(error) from error
        return Response(s.ParticipantSerializer(participant).data, status=status.HTTP_201_CREATED)


class ParticipantDetailView(APIView):
    """The participant themself, their caseload staff and admins; anyone else 404.
    PATCH: staff change any profile field; the participant only their own few."""

    @extend_schema(responses=s.ParticipantSerializer)
    def get(self, request, participant_id):
        return Response(s.ParticipantSerializer(_participant(request, participant_id)).data)

    @extend_schema(request=s.ParticipantInputSerializer, responses=s.ParticipantSerializer)
    def patch(self, request, participant_id):
        participant = _participant(request, participant_id)
        if can_edit(request.user, participant):
            data = s.ParticipantInputSerializer(data=request.data, partial=True)
            data.is_valid(raise_exception=True)
            values = {
                k: v for k, v in data.validated_data.items() if k != "confirmed_not_duplicate"
            }
            facilitator = values.pop("facilitator", None)
            participant = services.participant_update(
                participant=participant, actor=request.user, **values
            )
            if facilitator is not None and facilitator != participant.facilitator:
                participant = services.participant_reassign(
                    participant=participant, actor=request.user, facilitator=facilitator
                )
        else:
            data = s.ParticipantSelfInputSerializer(data=request.data, partial=True)
            data.is_valid(raise_exception=True)
            participant = services.participant_update_own(
                participant=participant, actor=request.user, **data.validated_data
            )
        return Response(s.ParticipantSerializer(participant).data)


class ParticipantStatusView(APIView):
    """Staff move a participant along the status rules (placed, exited, returned to
    custody with its type, back to active)."""

    @extend_schema(request=s.StatusChangeInputSerializer, responses=s.ParticipantSerializer)
    def post(self, request, participant_id):
        participant = _participant(request, participant_id)
        data = s.StatusChangeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        participant = services.participant_status_change(
            participant=participant, actor=request.user, **data.validated_data
        )
        return Response(s.ParticipantSerializer(participant).data)


def _refuse_self_write(request, participant):
    if not can_edit(request.user, participant):
        raise PermissionDeniedError()


class RecordView(APIView):
    """The record (convictions). GET: the participant (read only), caseload staff,
    admins; every read but the participant's own is in the access log. PUT replaces the
    whole list (staff). Employers: always 404 here."""

    @extend_schema(responses=s.RecordEntrySerializer(many=True))
    def get(self, request, participant_id):
        participant = _participant(request, participant_id)
        if not can_view_record(request.user, participant):  # pragma: no cover - scoped
            raise PermissionDeniedError()
        entries = selectors.record_entries_for(
            participant=participant, viewer=request.user, why=_why(request, participant)
        )
        return Response(s.RecordEntrySerializer(entries, many=True).data)

    @extend_schema(request=s.RecordInputSerializer, responses=s.RecordEntrySerializer(many=True))
    def put(self, request, participant_id):
        participant = _participant(request, participant_id)
        _refuse_self_write(request, participant)
        data = s.RecordInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entries = services.record_replace(
            participant=participant, actor=request.user, entries=data.validated_data["entries"]
        )
        return Response(s.RecordEntrySerializer(entries, many=True).data)


class SupervisionView(APIView):
    """Supervision terms: same rules as the record. 404 when none are recorded."""

    @extend_schema(responses=s.SupervisionTermsSerializer)
    def get(self, request, participant_id):
        participant = _participant(request, participant_id)
        terms = selectors.supervision_terms_for(
            participant=participant, viewer=request.user, why=_why(request, participant)
        )
        if terms is None:
            raise NotFoundError(_("No supervision terms are recorded yet."), code="not_recorded")
        return Response(s.SupervisionTermsSerializer(terms).data)

    @extend_schema(
        request=s.SupervisionTermsInputSerializer, responses=s.SupervisionTermsSerializer
    )
    def put(self, request, participant_id):
        participant = _participant(request, participant_id)
        _refuse_self_write(request, participant)
        data = s.SupervisionTermsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        terms = services.supervision_terms_set(
            participant=participant, actor=request.user, **data.validated_data
        )
        return Response(s.SupervisionTermsSerializer(terms).data)


class ConsentsView(APIView):
    """The consents' history, newest first (the newest row of a kind is in force).
    POST gives or withdraws one: the participant or their staff only."""

    @extend_schema(responses=s.ConsentSerializer(many=True))
    def get(self, request, participant_id):
        participant = _participant(request, participant_id)
        history = selectors.consent_history(participant=participant)
        return Response(s.ConsentSerializer(history, many=True).data)

    @extend_schema(request=s.ConsentInputSerializer, responses={201: s.ConsentSerializer})
    def post(self, request, participant_id):
        participant = _participant(request, participant_id)
        data = s.ConsentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        consent = services.consent_set(
            participant=participant, actor=request.user, **data.validated_data
        )
        return Response(s.ConsentSerializer(consent).data, status=status.HTTP_201_CREATED)


class CaseNotesView(APIView):
    """Case notes: caseload staff and admins only (the participant gets 404 too). Every
    read is in the access log."""

    def _participant(self, request, participant_id):
        participant = _participant(request, participant_id)
        if not can_view_case_notes(request.user, participant):
            raise Http404
        return participant

    @extend_schema(responses=s.CaseNoteSerializer(many=True))
    def get(self, request, participant_id):
        participant = self._participant(request, participant_id)
        notes = selectors.case_notes_for(participant=participant, viewer=request.user)
        return Response(s.CaseNoteSerializer(notes, many=True).data)

    @extend_schema(request=s.CaseNoteInputSerializer, responses={201: s.CaseNoteSerializer})
    def post(self, request, participant_id):
        participant = self._participant(request, participant_id)
        data = s.CaseNoteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        note = services.case_note_add(
            participant=participant, actor=request.user, **data.validated_data
        )
        return Response(s.CaseNoteSerializer(note).data, status=status.HTTP_201_CREATED)


class CustodyEventsView(APIView):
    """Returns to custody (and arrests without conviction, which are not counted as
    recidivism). GET: caseload staff and admins, every read in the access log; the
    participant reads their own without staff's notes (as with the record, the person
    may know what the program holds about them). POST: caseload staff and admins; the
    participant gets 403. Employers and anyone else: 404."""

    @extend_schema(responses=s.CustodyEventSerializer(many=True))
    def get(self, request, participant_id):
        participant = _participant(request, participant_id)
        if not can_view_custody_events(request.user, participant):  # pragma: no cover
            raise Http404
        events = selectors.custody_events_for(participant=participant, viewer=request.user)
        if can_view_custody_event_notes(request.user, participant):
            return Response(s.CustodyEventSerializer(events, many=True).data)
        return Response(s.OwnCustodyEventSerializer(events, many=True).data)

    @extend_schema(
        request=s.CustodyEventInputSerializer,
        responses={
            201: s.CustodyEventSerializer,
            400: OpenApiResponse(description="A date before the release or in the future."),
            409: OpenApiResponse(description="The same event is already recorded."),
        },
    )
    def post(self, request, participant_id):
        participant = _participant(request, participant_id)
        _refuse_self_write(request, participant)
        data = s.CustodyEventInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = services.custody_event_record(
            participant=participant, actor=request.user, **data.validated_data
        )
        return Response(s.CustodyEventSerializer(event).data, status=status.HTTP_201_CREATED)


class ProgramExitView(APIView):
    """GET: the exits and re-enrolments, newest first (the participant and their staff).
    POST: caseload staff and admins record an exit; 409 `exit_already_open` while an
    earlier exit has no re-enrolment. Employers and anyone else: 404."""

    @extend_schema(responses=s.ProgramExitSerializer(many=True))
    def get(self, request, participant_id):
        participant = _participant(request, participant_id)
        if not can_view_program_exits(request.user, participant):  # pragma: no cover
            raise Http404
        exits = selectors.program_exits_of(participant=participant)
        return Response(s.ProgramExitSerializer(exits, many=True).data)

    @extend_schema(
        request=s.ProgramExitInputSerializer,
        responses={
            201: s.ProgramExitSerializer,
            400: OpenApiResponse(
                description="A date in the future or before the last re-enrolment."
            ),
            409: OpenApiResponse(description="An exit without re-enrolment is already open."),
        },
    )
    def post(self, request, participant_id):
        participant = _participant(request, participant_id)
        _refuse_self_write(request, participant)
        data = s.ProgramExitInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        program_exit = services.program_exit_record(
            participant=participant, actor=request.user, **data.validated_data
        )
        return Response(s.ProgramExitSerializer(program_exit).data, status=status.HTTP_201_CREATED)


class ReenrolView(APIView):
    """Caseload staff and admins: the participant comes back to the program (closes the
    open exit, status back to active). 409 `no_open_exit` when they have not left."""

    @extend_schema(
        request=s.ReenrolInputSerializer,
        responses={
            200: s.ProgramExitSerializer,
            400: OpenApiResponse(description="A date before the exit or in the future."),
            409: OpenApiResponse(description="The person has not left the program."),
        },
    )
    def post(self, request, participant_id):
        participant = _participant(request, participant_id)
        _refuse_self_write(request, participant)
        data = s.ReenrolInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        program_exit = services.program_reenrol(
            participant=participant, actor=request.user, **data.validated_data
        )
        return Response(s.ProgramExitSerializer(program_exit).data)


class AccessLogView(generics.ListAPIView):
    """Who read the participant's record, supervision terms or notes, and why: for the
    participant themself, their caseload staff and admins."""

    serializer_class = s.AccessLogSerializer

    def get_queryset(self):
        participant = _participant(self.request, self.kwargs["participant_id"])
        if not can_view_access_log(self.request.user, participant):  # pragma: no cover
            raise PermissionDeniedError()
        return selectors.access_log_for(participant=participant)


class ParticipantResumesView(generics.ListAPIView):
    """A participant's résumés. POST starts a new one (participant or staff)."""

    serializer_class = s.ResumeSerializer

    def get_queryset(self):
        participant = _participant(self.request, self.kwargs["participant_id"])
        return selectors.resumes_of(participant=participant)

    @extend_schema(request=s.ResumeCreateInputSerializer, responses={201: s.ResumeSerializer})
    def post(self, request, participant_id):
        participant = _participant(request, participant_id)
        data = s.ResumeCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        resume = services.resume_create(
            participant=participant, actor=request.user, **data.validated_data
        )
        return Response(s.ResumeSerializer(resume).data, status=status.HTTP_201_CREATED)


class ResumeDetailView(APIView):
    """One résumé with its comments. PATCH saves the sections given and makes a new
    version."""

    @extend_schema(responses=s.ResumeDetailSerializer)
    def get(self, request, resume_id):
        resume = selectors.resume_get_for_user(user=request.user, resume_id=resume_id)
        return Response(s.ResumeDetailSerializer(resume).data)

    @extend_schema(request=s.ResumeUpdateInputSerializer, responses=s.ResumeDetailSerializer)
    def patch(self, request, resume_id):
        resume = selectors.resume_get_for_user(user=request.user, resume_id=resume_id)
        data = s.ResumeUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.resume_save(resume=resume, actor=request.user, **data.validated_data)
        resume = selectors.resume_get_for_user(user=request.user, resume_id=resume_id)
        return Response(s.ResumeDetailSerializer(resume).data)


class ResumePdfView(APIView):
    """The latest saved version of the résumé as a print-ready PDF."""

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(description="PDF")})
    def get(self, request, resume_id):
        resume = selectors.resume_get_for_user(user=request.user, resume_id=resume_id)
        return resume_pdf_response(resume)


def resume_pdf_response(resume) -> HttpResponse:
    """The PDF download of a résumé's latest version (shared with the pages)."""
    version = selectors.resume_latest_version(resume=resume)
    content = version.content if version else services.resume_snapshot(resume)
    pdf = resume_pdf_bytes(content, language=resume.participant.preferred_language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="resume-{resume.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


class JobClubSessionsView(generics.ListAPIView):
    """Job club sessions, soonest first (staff and participants). POST schedules one
    (staff)."""

    serializer_class = s.JobClubSessionSerializer

    def get_queryset(self):
        return selectors.job_club_sessions_for(user=self.request.user)

    @extend_schema(
        request=s.JobClubSessionInputSerializer, responses={201: s.JobClubSessionSerializer}
    )
    def post(self, request):
        data = s.JobClubSessionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        session = services.job_club_session_create(actor=request.user, **data.validated_data)
        return Response(s.JobClubSessionSerializer(session).data, status=status.HTTP_201_CREATED)


class AttendanceView(APIView):
    """Staff mark one participant of their caseload present, absent or excused."""

    permission_classes = [IsStaffMember]

    @extend_schema(request=s.AttendanceInputSerializer, responses=s.AttendanceSerializer)
    def post(self, request, session_id):
        session = selectors.job_club_session_get_for_staff(user=request.user, session_id=session_id)
        data = s.AttendanceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        participant = _participant(request, data.validated_data["participant_id"])
        row = services.attendance_record(
            session=session,
            actor=request.user,
            participant=participant,
            status=data.validated_data["status"],
            note=data.validated_data.get("note", ""),
        )
        return Response(s.AttendanceSerializer(row).data)


class ParticipantDocumentsView(generics.ListAPIView):
    """The documents in a participant's file (the participant, caseload staff, admins;
    anyone else 404). POST (multipart/form-data: `kind`, `title`, `file`) adds a PDF:
    checked by content, size and the number per participant; 400 with a clear message
    otherwise, 409 when the file is full."""

    serializer_class = s.DocumentSerializer

    def initialize_request(self, request, *args, **kwargs):
        # Before anything reads the body: the size limit while the upload streams in.
        if request.method == "POST":
            limit_document_upload_size(request)
        return super().initialize_request(request, *args, **kwargs)

    def get_queryset(self):
        participant = _participant(self.request, self.kwargs["participant_id"])
        return selectors.documents_of(participant=participant)

    @extend_schema(
        request={"multipart/form-data": s.DocumentUploadInputSerializer},
        responses={201: s.DocumentSerializer},
    )
    def post(self, request, participant_id):
        participant = _participant(request, participant_id)
        data = s.DocumentUploadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        document = services.document_upload(
            participant=participant, actor=request.user, **data.validated_data
        )
        return Response(s.DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class DocumentDetailView(APIView):
    """DELETE removes a document (the participant, caseload staff, admins; else 404)."""

    @extend_schema(responses={204: None})
    def delete(self, request, document_id):
        document = selectors.document_get_for_user(user=request.user, document_id=document_id)
        services.document_delete(document=document, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DocumentDownloadView(APIView):
    """The PDF as an attachment (the participant, caseload staff, admins; else 404)."""

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(description="PDF")})
    def get(self, request, document_id):
        return document_download_response(request, document_id)


def document_download_response(request, document_id) -> FileResponse:
    """The PDF as an attachment, for the participant, their caseload staff and admins;
    anyone else 404 (shared with the API)."""
    document = selectors.document_get_for_user(user=request.user, document_id=document_id)
    try:
        stored = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=document.download_filename,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
