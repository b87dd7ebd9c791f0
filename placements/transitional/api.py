"""The transitional-jobs API under /api/v1/transitional/. Thin views: parse, call one
selector or service, render. Reads are scoped (someone else's row is a 404); employers
get 404 on every endpoint; writes are for the site's supervisors and program admins,
payroll for program admins (the services refuse anyone else with 404)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from jobseekers.models import Participant
from placements.transitional import selectors, services
from placements.transitional.filters import TimeEntryFilter
from placements.transitional.models import WorkSite
from placements.transitional.pdf import pay_stub_pdf_bytes
from placements.transitional.permissions import NoEmployers, participants_acted_on
from placements.transitional.serializers import (
    AdjustmentInputSerializer,
    AssignmentChangeInputSerializer,
    AssignmentEndInputSerializer,
    AssignmentInputSerializer,
    AssignmentSerializer,
    DayInputSerializer,
    PayPeriodInputSerializer,
    PayPeriodSerializer,
    PayrollRunDetailSerializer,
    PayrollRunInputSerializer,
    PayrollRunSerializer,
    PayStubSerializer,
    RatingInputSerializer,
    RatingSerializer,
    ShiftInputSerializer,
    TimeEntryInputSerializer,
    TimeEntrySerializer,
    WorkSiteInputSerializer,
    WorkSiteSerializer,
)
from portal.core.drf import ApiFilterBackend

PERMISSIONS = [IsAuthenticated, NoEmployers]


def _participant_for(request, participant_id, *, worksite: WorkSite | None = None) -> Participant:
    """The participant to act on (permissions.participants_acted_on): for a site,
    someone on its crew; otherwise someone the user may see. Anyone else is a 404."""
    people = participants_acted_on(user=request.user, worksite=worksite)
    return get_object_or_404(people, pk=participant_id)


# --- Views ------------------------------------------------------------------------------


class WorkSiteListView(generics.ListAPIView):
    """Sites the user may see (admins: all; staff: those they supervise; a participant:
    their own). POST (program admins): a new site."""

    permission_classes = PERMISSIONS
    serializer_class = WorkSiteSerializer

    def get_queryset(self):
        return selectors.worksites_visible_to(user=self.request.user)

    @extend_schema(request=WorkSiteInputSerializer, responses={201: WorkSiteSerializer})
    def post(self, request):
        data = WorkSiteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        site = services.worksite_create(actor=request.user, **data.validated_data)
        return Response(WorkSiteSerializer(site).data, status=status.HTTP_201_CREATED)


class WorkSiteDetailView(generics.RetrieveAPIView):
    permission_classes = PERMISSIONS
    serializer_class = WorkSiteSerializer

    def get_queryset(self):
        return selectors.worksites_visible_to(user=self.request.user)


class AssignmentListView(generics.ListAPIView):
    """Crew assignments the user may see. POST: put a participant on a crew."""

    permission_classes = PERMISSIONS
    serializer_class = AssignmentSerializer

    def get_queryset(self):
        return selectors.assignments_visible_to(user=self.request.user).order_by("-starts_on", "id")

    @extend_schema(request=AssignmentInputSerializer, responses={201: AssignmentSerializer})
    def post(self, request):
        data = AssignmentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        site = selectors.worksite_get_supervised(
            user=request.user, worksite_id=values.pop("worksite")
        )
        assignment = services.assignment_create(
            actor=request.user,
            worksite=site,
            participant=_participant_for(request, values.pop("participant")),
            **values,
        )
        return Response(AssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED)


class AssignmentDetailView(generics.RetrieveAPIView):
    permission_classes = PERMISSIONS
    serializer_class = AssignmentSerializer

    def get_queryset(self):
        return selectors.assignments_visible_to(user=self.request.user)


class AssignmentEndView(APIView):
    """End the assignment on `ends_on` (not before its first day nor before a recorded
    shift). Program admins and the site's supervisors; anyone else gets 404."""

    permission_classes = PERMISSIONS

    @extend_schema(request=AssignmentEndInputSerializer, responses=AssignmentSerializer)
    def post(self, request, pk):
        assignment = selectors.assignment_get_managed(user=request.user, assignment_id=pk)
        data = AssignmentEndInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assignment = services.assignment_end(
            actor=request.user, assignment=assignment, **data.validated_data
        )
        return Response(AssignmentSerializer(assignment).data)


class AssignmentChangeView(APIView):
    """A new hourly rate (never below the minimum wage) or pay schedule from
    `effective_on`: this assignment ends the day before and the new one is returned
    (201). Shifts already worked keep their rate."""

    permission_classes = PERMISSIONS

    @extend_schema(request=AssignmentChangeInputSerializer, responses={201: AssignmentSerializer})
    def post(self, request, pk):
        assignment = selectors.assignment_get_managed(user=request.user, assignment_id=pk)
        data = AssignmentChangeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        new = services.assignment_change(
            actor=request.user, assignment=assignment, **data.validated_data
        )
        return Response(AssignmentSerializer(new).data, status=status.HTTP_201_CREATED)


def _shift_values(values: dict) -> dict:
    return {
        "clock_in": values.get("clock_in"),
        "clock_out": values.get("clock_out"),
        "crosses_midnight": values.get("crosses_midnight", False),
        "break_minutes": values.get("break_minutes", 0),
        "hours": values.get("hours"),
    }


class TimeEntryListView(generics.ListAPIView):
    """Shifts the user may see, filtered by `worksite`, `participant`, `work_date`,
    `from`, `to`. POST: one shift, or a whole crew day at once with `entries` (all or
    nothing: one bad row saves nothing and the message names the person)."""

    permission_classes = PERMISSIONS
    serializer_class = TimeEntrySerializer

    filter_backends = [ApiFilterBackend]
    filterset_class = TimeEntryFilter

    def get_queryset(self):
        return selectors.time_entries_visible_to(user=self.request.user).order_by(
            "-work_date", "participant_id", "id"
        )

    @extend_schema(
        request=TimeEntryInputSerializer, responses={201: TimeEntrySerializer(many=True)}
    )
    def post(self, request):
        data = TimeEntryInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        site = selectors.worksite_get_supervised(user=request.user, worksite_id=values["worksite"])
        if "entries" in values:
            rows = [
                services.CrewRow(
                    participant=_participant_for(request, row["participant"], worksite=site),
                    ratings=dict(row.get("ratings") or {}),
                    note=row.get("note", ""),
                    **_shift_values(row),
                )
                for row in values["entries"]
            ]
            entries = services.crew_day_record(
                actor=request.user, worksite=site, work_date=values["work_date"], rows=rows
            )
            return Response(
                TimeEntrySerializer(entries, many=True).data, status=status.HTTP_201_CREATED
            )
        entry = services.time_entry_create(
            actor=request.user,
            worksite=site,
            participant=_participant_for(request, values["participant"], worksite=site),
            work_date=values["work_date"],
            **_shift_values(values),
        )
        return Response(TimeEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class TimeEntryDetailView(APIView):
    """One shift. PATCH: correct it while it is not approved (sends the whole shift)."""

    permission_classes = PERMISSIONS

    @extend_schema(responses=TimeEntrySerializer)
    def get(self, request, pk):
        entry = get_object_or_404(selectors.time_entries_visible_to(user=request.user), pk=pk)
        return Response(TimeEntrySerializer(entry).data)

    @extend_schema(request=ShiftInputSerializer, responses=TimeEntrySerializer)
    def patch(self, request, pk):
        entry = get_object_or_404(selectors.time_entries_visible_to(user=request.user), pk=pk)
        data = ShiftInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = services.time_entry_update(
            actor=request.user, entry=entry, **_shift_values(data.validated_data)
        )
        return Response(TimeEntrySerializer(entry).data)


class ApproveDayView(APIView):
    """The supervisor approves every shift of a day at a site."""

    permission_classes = PERMISSIONS

    @extend_schema(request=DayInputSerializer, responses={200: dict})
    def post(self, request):
        data = DayInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        site = selectors.worksite_get_supervised(
            user=request.user, worksite_id=data.validated_data["worksite"]
        )
        count = services.crew_day_approve(
            actor=request.user, worksite=site, work_date=data.validated_data["work_date"]
        )
        return Response({"approved": count})


class RatingListView(generics.ListAPIView):
    """Daily work-readiness ratings the user may see. POST: rate a day (1-5 on the five
    dimensions)."""

    permission_classes = PERMISSIONS
    serializer_class = RatingSerializer

    def get_queryset(self):
        return selectors.ratings_visible_to(user=self.request.user).order_by("-work_date", "id")

    @extend_schema(request=RatingInputSerializer, responses={201: RatingSerializer})
    def post(self, request):
        data = RatingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        site = selectors.worksite_get_supervised(
            user=request.user, worksite_id=values.pop("worksite")
        )
        rating = services.rating_record(
            actor=request.user,
            worksite=site,
            participant=_participant_for(request, values.pop("participant"), worksite=site),
            work_date=values.pop("work_date"),
            note=values.pop("note", ""),
            ratings=values,
        )
        return Response(RatingSerializer(rating).data, status=status.HTTP_201_CREATED)


class PayPeriodListView(generics.ListAPIView):
    """Pay periods (program admins). POST: a new period."""

    permission_classes = PERMISSIONS
    serializer_class = PayPeriodSerializer

    def get_queryset(self):
        return selectors.pay_periods_visible_to(user=self.request.user)

    @extend_schema(request=PayPeriodInputSerializer, responses={201: PayPeriodSerializer})
    def post(self, request):
        data = PayPeriodInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        period = services.pay_period_create(actor=request.user, **data.validated_data)
        return Response(PayPeriodSerializer(period).data, status=status.HTTP_201_CREATED)


class PayrollRunListView(generics.ListAPIView):
    """Payroll runs (program admins). POST {"period"}: build the period's draft run."""

    permission_classes = PERMISSIONS
    serializer_class = PayrollRunSerializer

    def get_queryset(self):
        return selectors.payroll_runs_visible_to(user=self.request.user)

    @extend_schema(request=PayrollRunInputSerializer, responses={201: PayrollRunDetailSerializer})
    def post(self, request):
        data = PayrollRunInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        period = get_object_or_404(
            selectors.pay_periods_visible_to(user=request.user), pk=data.validated_data["period"]
        )
        run = services.payroll_run_create(actor=request.user, period=period)
        return Response(PayrollRunDetailSerializer(run).data, status=status.HTTP_201_CREATED)


class PayrollRunDetailView(APIView):
    """A run with its stubs and the anomalies to look at before approval."""

    permission_classes = PERMISSIONS

    @extend_schema(responses=PayrollRunDetailSerializer)
    def get(self, request, pk):
        run = selectors.payroll_run_get(user=request.user, run_id=pk)
        return Response(PayrollRunDetailSerializer(run).data)


def _run_action(service):
    class RunActionView(APIView):
        permission_classes = PERMISSIONS

        @extend_schema(request=None, responses=PayrollRunSerializer)
        def post(self, request, pk):
            run = selectors.payroll_run_get(user=request.user, run_id=pk)
            run = service(actor=request.user, run=run)
            return Response(PayrollRunSerializer(run).data)

    RunActionView.__name__ = f"PayrollRun{service.__name__.title().replace('_', '')}View"
    RunActionView.__doc__ = service.__doc__
    return RunActionView


PayrollRunReviewView = _run_action(services.payroll_run_review)
PayrollRunApproveView = _run_action(services.payroll_run_approve)
PayrollRunRecalculateView = _run_action(services.payroll_run_recalculate)


class PayrollRunExportView(APIView):
    """POST: hand the approved run to the payroll processor, once: the run becomes
    "exported" and the CSV is the answer; a second POST is refused (409 `run_exported`)
    so nobody uploads the same pay twice. GET: download a run already exported again; it
    changes nothing (409 `run_not_exported` before the export)."""

    permission_classes = PERMISSIONS

    @staticmethod
    def _csv(run, body):
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="payroll-run-{run.pk}.csv"'
        return response

    @extend_schema(request=None, responses={(200, "text/csv"): str})
    def post(self, request, pk):
        run = selectors.payroll_run_get(user=request.user, run_id=pk)
        return self._csv(run, services.payroll_run_export(actor=request.user, run=run))

    @extend_schema(responses={(200, "text/csv"): str})
    def get(self, request, pk):
        run = selectors.payroll_run_get(user=request.user, run_id=pk)
        return self._csv(run, services.payroll_run_export_download(actor=request.user, run=run))


class PayAdjustmentView(APIView):
    """A correction to an approved run, paid in the next run, with its reason."""

    permission_classes = PERMISSIONS

    @extend_schema(request=AdjustmentInputSerializer, responses={201: dict})
    def post(self, request, pk):
        run = selectors.payroll_run_get(user=request.user, run_id=pk)
        data = AdjustmentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        adjustment = services.pay_adjustment_create(
            actor=request.user,
            corrects_run=run,
            participant=_participant_for(request, values.pop("participant")),
            **values,
        )
        return Response(
            {
                "id": adjustment.pk,
                "amount": f"{adjustment.amount:.2f}",
                "reason": adjustment.reason,
            },
            status=status.HTTP_201_CREATED,
        )


class PayStubListView(generics.ListAPIView):
    """Final pay stubs the user may see: a participant their own, staff their caseload,
    admins all."""

    permission_classes = PERMISSIONS
    serializer_class = PayStubSerializer

    def get_queryset(self):
        return selectors.pay_stubs_visible_to(user=self.request.user).order_by(
            "-run__period__pay_date", "id"
        )


class PayStubDetailView(APIView):
    permission_classes = PERMISSIONS

    @extend_schema(responses=PayStubSerializer)
    def get(self, request, pk):
        return Response(
            PayStubSerializer(selectors.pay_stub_get(user=request.user, stub_id=pk)).data
        )


class PayStubPdfView(APIView):
    permission_classes = PERMISSIONS

    @extend_schema(responses={(200, "application/pdf"): bytes})
    def get(self, request, pk):
        stub = selectors.pay_stub_get(user=request.user, stub_id=pk)
        response = HttpResponse(pay_stub_pdf_bytes(stub), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="pay-stub-{stub.pk}.pdf"'
        return response
