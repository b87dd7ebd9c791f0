"""The transitional-jobs API's serializers: a ModelSerializer to show each object, and a
separate plain Serializer for each write's input (the services validate the rules; these
only parse types)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers

from placements.transitional import selectors
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
from portal.core.drf import StrictCharField
from portal.core.models import User


class WorkSiteSerializer(serializers.ModelSerializer):
    supervisors = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = WorkSite
        fields = ["id", "name", "address", "crew_capacity", "supervisors", "is_active"]


class WorkSiteInputSerializer(serializers.Serializer):
    name = StrictCharField(max_length=150)
    address = StrictCharField(max_length=255)
    crew_capacity = serializers.IntegerField(min_value=1, max_value=200, default=8)
    # A list field refuses an object ({}), which a many-related field took as no one.
    supervisors = serializers.ListField(
        child=serializers.PrimaryKeyRelatedField(queryset=User.objects.all()), required=False
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
    # Which run pays the shift and whether that run is approved: claims.py.
    payroll_run = serializers.SerializerMethodField()
    locked = serializers.SerializerMethodField()

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

    def get_payroll_run(self, entry) -> int | None:
        return entry.payment()[0]

    def get_locked(self, entry) -> bool:
        return entry.payment()[1]


class ShiftInputSerializer(serializers.Serializer):
    clock_in = serializers.TimeField(required=False, allow_null=True)
    clock_out = serializers.TimeField(required=False, allow_null=True)
    crosses_midnight = serializers.BooleanField(default=False)
    break_minutes = serializers.IntegerField(default=0)
    # Kept as text so that "-3" or "abc" reach the service, which explains the problem.
    hours = serializers.CharField(required=False, allow_null=True)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 5})
class RatingScoreField(serializers.JSONField):
    """A rating, in the schema a whole number from 1 to 5. Any value reaches the service,
    which refuses anything else with its own message on the dimension (for a crew day's
    row too, as `fields.effort`) and also reads "3" from the HTML forms."""


class RatingsInputSerializer(serializers.Serializer):
    cooperation_with_supervisor = RatingScoreField()
    effort = RatingScoreField()
    punctuality_and_attendance = RatingScoreField()
    cooperation_with_coworkers = RatingScoreField()
    personal_presentation = RatingScoreField()


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


class AssignmentEndInputSerializer(serializers.Serializer):
    ends_on = serializers.DateField()


class AssignmentChangeInputSerializer(serializers.Serializer):
    effective_on = serializers.DateField()
    hourly_rate = serializers.DecimalField(max_digits=12, decimal_places=2)
    pay_schedule = serializers.ChoiceField(choices=PaySchedule.choices)
