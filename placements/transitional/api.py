"""The transitional-jobs API under /api/v1/transitional/. Thin views: parse, call one
selector or service, render. Reads are scoped (someone else's row is a 404); employers
get 404 on every endpoint; writes are for the site's supervisors and program admins,
payroll for program admins (the services refuse anyone else with 404)."""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from jobseekers.models import Participant
from jobseekers.selectors import participants_visible_to
from placements.transitional import selectors, services
from placements.transitional.models import (
    RATING_DIMENSIONS,
    DailyRating,
    PayPeriod,
    PayrollRun,
    PaySchedule,
    PayStub,
    TimeEntry,
    WorkAssignment,
    WorkSite,
)
from placements.transitional.pdf import pay_stub_pdf_bytes
from portal.core.models import User
from portal.core.permissions import is_staff_member


class NoEmployers(BasePermission):
    """Employers have nothing to do with the program's own payroll: 404, not 403."""

    def has_permission(self, request, view) -> bool:
        if request.user.is_authenticated and request.user.is_employer:
            raise NotFound()
        return True


PERMISSIONS = [IsAuthenticated, NoEmployers]


def _get(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist as error:
        raise Http404 from error


def _participant_for(request, participant_id, *, worksite: WorkSite | None = None) -> Participant:
    """The participant to act on: for a site, someone assigned to it; otherwise someone
    the user may see (caseload, admins: all). Anyone else is a 404."""
    people = (
        Participant.objects.filter(work_assignments__worksite=worksite).distinct()
        if worksite is not None
        else participants_visible_to(user=request.user)
    )
    return _get(people, participant_id)


# --- Serializers ------------------------------------------------------------------------


class WorkSiteSerializer(serializers.ModelSerializer):
    supervisors = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = WorkSite
        fields = ["id", "name", "address", "crew_capacity", "supervisors", "is_active"]


class WorkSiteInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    address = serializers.CharField(max_length=255)
    crew_capacity = serializers.IntegerField(min_value=1, max_value=200, default=8)
    supervisors = serializers.PrimaryKeyRelatedField(
        many=True, queryset=User.objects.all(), required=False
    )


class AssignmentSerializer(serializers.ModelSerializer):
    participant_name = serializers.CharField(source="participant.display_name", read_only=True)

    class Meta:
        model = WorkAssignment
        fields = [
            "id",
            "participant",
            "participant_name",
            "worksite",
            "starts_on",
            "ends_on",
            "hourly_rate",
            "pay_schedule",
            "status",
        ]


class AssignmentInputSerializer(serializers.Serializer):
    participant = serializers.IntegerField()
    worksite = serializers.IntegerField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True)
    hourly_rate = serializers.DecimalField(max_digits=12, decimal_places=2)
    pay_schedule = serializers.ChoiceField(choices=PaySchedule.choices, default=PaySchedule.DAILY)


class TimeEntrySerializer(serializers.ModelSerializer):
    participant_name = serializers.CharField(source="participant.display_name", read_only=True)

    class Meta:
        model = TimeEntry
        fields = [
            "id",
            "participant",
            "participant_name",
            "worksite",
            "assignment",
            "work_date",
            "clock_in",
            "clock_out",
            "crosses_midnight",
            "break_minutes",
            "hours",
            "hourly_rate",
            "entered_by",
            "approved_by",
            "approved_at",
            "payroll_run",
            "locked",
        ]


class ShiftInputSerializer(serializers.Serializer):
    clock_in = serializers.TimeField(required=False, allow_null=True)
    clock_out = serializers.TimeField(required=False, allow_null=True)
    crosses_midnight = serializers.BooleanField(default=False)
    break_minutes = serializers.IntegerField(default=0)
    # Kept as text so that "-3" or "abc" reach the service, which explains the problem.
    hours = serializers.CharField(required=False, allow_null=True)


class RatingsInputSerializer(serializers.Serializer):
    # Any value reaches the service, which says "a whole number from 1 to 5".
    cooperation_with_supervisor = serializers.JSONField()
    effort = serializers.JSONField()
    punctuality_and_attendance = serializers.JSONField()
    cooperation_with_coworkers = serializers.JSONField()
    personal_presentation = serializers.JSONField()


class CrewRowInputSerializer(ShiftInputSerializer):
    participant = serializers.IntegerField()
    ratings = RatingsInputSerializer(required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class TimeEntryInputSerializer(ShiftInputSerializer):
    """One shift: {"worksite", "participant", "work_date", clock or hours}; or a crew
    day: {"worksite", "work_date", "entries": [{participant, clock or hours, ratings?}]}."""

    worksite = serializers.IntegerField()
    work_date = serializers.DateField()
    participant = serializers.IntegerField(required=False)
    entries = CrewRowInputSerializer(many=True, required=False)

    def validate(self, attrs):
        if "entries" not in attrs and "participant" not in attrs:
            raise serializers.ValidationError(
                {"participant": [_("Give a participant, or a list of entries for a crew day.")]}
            )
        return attrs


class RatingSerializer(serializers.ModelSerializer):
    class Meta:
        model = DailyRating
        fields = ["id", "participant", "worksite", "work_date", *RATING_DIMENSIONS, "note"]


class RatingInputSerializer(RatingsInputSerializer):
    participant = serializers.IntegerField()
    worksite = serializers.IntegerField()
    work_date = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class PayPeriodSerializer(serializers.ModelSerializer):
    payroll_run = serializers.SerializerMethodField()

    class Meta:
        model = PayPeriod
        fields = ["id", "schedule", "starts_on", "ends_on", "pay_date", "payroll_run"]

    def get_payroll_run(self, period) -> int | None:
        run = getattr(period, "payroll_run", None)
        return run.pk if run else None


class PayPeriodInputSerializer(serializers.Serializer):
    schedule = serializers.ChoiceField(choices=PaySchedule.choices)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    pay_date = serializers.DateField()


class PayStubSerializer(serializers.ModelSerializer):
    participant_name = serializers.CharField(source="participant.display_name", read_only=True)
    pay_date = serializers.DateField(source="run.period.pay_date", read_only=True)

    class Meta:
        model = PayStub
        fields = [
            "id",
            "run",
            "pay_date",
            "participant",
            "participant_name",
            "regular_hours",
            "overtime_hours",
            "hourly_rate",
            "rate_changed",
            "work_pay",
            "adjustments_total",
            "gross",
            "year_to_date_gross",
        ]


class PayrollRunSerializer(serializers.ModelSerializer):
    period = PayPeriodSerializer(read_only=True)

    class Meta:
        model = PayrollRun
        fields = [
            "id",
            "period",
            "status",
            "total_gross",
            "total_hours",
            "created_at",
            "reviewed_at",
            "approved_by",
            "approved_at",
            "exported_at",
        ]


class AnomalySerializer(serializers.Serializer):
    kind = serializers.CharField()
    participant_id = serializers.IntegerField()
    participant_name = serializers.CharField()
    work_date = serializers.DateField(allow_null=True)
    detail = serializers.CharField()


class PayrollRunDetailSerializer(PayrollRunSerializer):
    stubs = serializers.SerializerMethodField()
    anomalies = serializers.SerializerMethodField()

    class Meta(PayrollRunSerializer.Meta):
        fields = [*PayrollRunSerializer.Meta.fields, "stubs", "anomalies"]

    @extend_schema(responses=PayStubSerializer(many=True))
    def get_stubs(self, run) -> list[dict]:
        stubs = run.stubs.select_related("participant", "run__period")
        return PayStubSerializer(stubs, many=True).data

    @extend_schema(responses=AnomalySerializer(many=True))
    def get_anomalies(self, run) -> list[dict]:
        return AnomalySerializer(selectors.payroll_run_anomalies(run=run), many=True).data


class PayrollRunInputSerializer(serializers.Serializer):
    period = serializers.IntegerField()


class AdjustmentInputSerializer(serializers.Serializer):
    participant = serializers.IntegerField()
    amount = serializers.CharField()
    hours = serializers.CharField(required=False, default="0")
    reason = serializers.CharField(allow_blank=True)


class DayInputSerializer(serializers.Serializer):
    worksite = serializers.IntegerField()
    work_date = serializers.DateField()


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
        site = _worksite_for_write(request, values.pop("worksite"))
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


class AssignmentEndInputSerializer(serializers.Serializer):
    ends_on = serializers.DateField()


class AssignmentChangeInputSerializer(serializers.Serializer):
    effective_on = serializers.DateField()
    hourly_rate = serializers.DecimalField(max_digits=12, decimal_places=2)
    pay_schedule = serializers.ChoiceField(choices=PaySchedule.choices)


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


def _worksite_for_write(request, worksite_id) -> WorkSite:
    if not is_staff_member(request.user):
        raise Http404
    return selectors.worksite_get_supervised(user=request.user, worksite_id=worksite_id)


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

    def get_queryset(self):
        rows = selectors.time_entries_visible_to(user=self.request.user)
        params = self.request.query_params
        for param, lookup in (
            ("worksite", "worksite_id"),
            ("participant", "participant_id"),
            ("work_date", "work_date"),
            ("from", "work_date__gte"),
            ("to", "work_date__lte"),
        ):
            if params.get(param):
                rows = rows.filter(**{lookup: params[param]})
        return rows.order_by("-work_date", "participant_id", "id")

    def list(self, request, *args, **kwargs):
        try:
            return super().list(request, *args, **kwargs)
        except (ValueError, TypeError) as error:
            raise serializers.ValidationError(
                {"filters": [_("Use numbers and dates like 2026-03-02.")]}
            ) from (error)

    @extend_schema(
        request=TimeEntryInputSerializer, responses={201: TimeEntrySerializer(many=True)}
    )
    def post(self, request):
        data = TimeEntryInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        site = _worksite_for_write(request, values["worksite"])
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
        entry = _get(selectors.time_entries_visible_to(user=request.user), pk)
        return Response(TimeEntrySerializer(entry).data)

    @extend_schema(request=ShiftInputSerializer, responses=TimeEntrySerializer)
    def patch(self, request, pk):
        entry = _get(selectors.time_entries_visible_to(user=request.user), pk)
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
        site = _worksite_for_write(request, data.validated_data["worksite"])
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
        site = _worksite_for_write(request, values.pop("worksite"))
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
        period = _get(
            selectors.pay_periods_visible_to(user=request.user), data.validated_data["period"]
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
    """The approved run as CSV for the payroll processor, once: the run becomes
    "exported" and a second export is refused (409)."""

    permission_classes = PERMISSIONS

    @extend_schema(responses={(200, "text/csv"): str})
    def get(self, request, pk):
        run = selectors.payroll_run_get(user=request.user, run_id=pk)
        body = services.payroll_run_export(actor=request.user, run=run)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="payroll-run-{run.pk}.csv"'
        return response


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
