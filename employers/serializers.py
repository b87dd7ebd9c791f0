"""Input and output serializers of the employers API."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from employers.models import (
    US_STATES,
    Employer,
    EmploymentType,
    FairBooth,
    FairKind,
    HiringFair,
    Industry,
    JobPosting,
    PolicyDecision,
    ShiftPeriod,
    Weekday,
)
from portal.core.drf import WallClockTimeField
from portal.core.models import OffenseCategory, Skill

# --- Employers ---------------------------------------------------------------------------


class EmployerSignUpSerializer(serializers.Serializer):
    legal_name = serializers.CharField(max_length=200)
    display_name = serializers.CharField(max_length=200)
    ein = serializers.CharField(max_length=10)
    street = serializers.CharField(max_length=200)
    city = serializers.CharField(max_length=100)
    state = serializers.ChoiceField(choices=US_STATES)
    zip_code = serializers.CharField(max_length=10)
    industry = serializers.ChoiceField(choices=Industry.choices)
    employee_count = serializers.IntegerField(min_value=1)
    phone = serializers.CharField(max_length=30)
    website = serializers.URLField(required=False, allow_blank=True, default="")
    username = serializers.CharField(max_length=150)
    email = serializers.EmailField()
    password = serializers.CharField(max_length=4096, write_only=True, trim_whitespace=False)
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)

    ACCOUNT_FIELDS = ("username", "email", "password", "first_name", "last_name")


class EmployerPublicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Employer
        fields = ["id", "display_name", "industry", "city", "state", "website"]
        read_only_fields = fields


class EmployerStaffSerializer(serializers.ModelSerializer):
    class Meta:
        model = Employer
        fields = [
            "id",
            "display_name",
            "legal_name",
            "ein",
            "industry",
            "employee_count",
            "street",
            "city",
            "state",
            "zip_code",
            "website",
            "phone",
            "status",
            "vetting_note",
            "vetted_at",
            "created_at",
        ]
        read_only_fields = fields


class VettingSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["approve", "reject", "request_changes", "suspend"])
    note = serializers.CharField(required=False, allow_blank=True, default="")


# --- Jobs --------------------------------------------------------------------------------


class EmployerRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="display_name")


class ShiftSerializer(serializers.Serializer):
    period = serializers.ChoiceField(choices=ShiftPeriod.choices, source="shift_period")
    days = serializers.ListField(child=serializers.CharField(), source="shift_day_list")
    start = serializers.TimeField(source="shift_start", format="%H:%M")
    end = serializers.TimeField(source="shift_end", format="%H:%M")
    weekend = serializers.BooleanField(source="works_weekends")
    overnight = serializers.BooleanField(source="is_overnight")


class JobRowsSerializer(serializers.ListSerializer):
    """A page of search results, each row built directly with the child's own fields'
    formatting for decimals and times: the same JSON as DRF's walk over every field of
    every row (a test holds them equal), which cost more than the search's query."""

    def to_representation(self, data):
        fields = self.child.fields
        wage = fields["wage_min"].to_representation
        moment = fields["published_at"].to_representation
        return [
            {
                "id": job.pk,
                "title": job.title,
                "employer": {"id": job.employer.pk, "name": job.employer.display_name},
                "wage_min": None if job.wage_min is None else wage(job.wage_min),
                "wage_max": None if job.wage_max is None else wage(job.wage_max),
                "shift": {
                    "period": job.shift_period,
                    "days": job.shift_day_list,
                    "start": job.shift_start.strftime("%H:%M"),
                    "end": job.shift_end.strftime("%H:%M"),
                    "weekend": job.works_weekends,
                    "overnight": job.is_overnight,
                },
                "transit_accessible": job.transit_accessible,
                "zip": job.zip_code,
                "city": job.city,
                "employment_type": job.employment_type,
                "published_at": None if job.published_at is None else moment(job.published_at),
                "distance_miles": self.child.get_distance_miles(job),
            }
            for job in data
        ]


class JobListSerializer(serializers.ModelSerializer):
    employer = EmployerRefSerializer(read_only=True)
    shift = ShiftSerializer(source="*", read_only=True)
    zip = serializers.CharField(source="zip_code", read_only=True)
    distance_miles = serializers.SerializerMethodField()

    class Meta:
        model = JobPosting
        fields = [
            "id",
            "title",
            "employer",
            "wage_min",
            "wage_max",
            "shift",
            "transit_accessible",
            "zip",
            "city",
            "employment_type",
            "published_at",
            "distance_miles",
        ]
        read_only_fields = fields
        list_serializer_class = JobRowsSerializer

    def get_distance_miles(self, job) -> float | None:
        distance = getattr(job, "distance_miles", None)
        return round(distance, 1) if distance is not None else None


class JobDetailSerializer(JobListSerializer):
    skills = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    policy_rules = serializers.SerializerMethodField()
    description_html = serializers.SerializerMethodField(
        help_text="The description rendered to sanitized HTML (paragraphs, lists, bold, "
        "italic, links)."
    )

    class Meta(JobListSerializer.Meta):
        fields = [
            *JobListSerializer.Meta.fields,
            "description",
            "description_html",
            "skills",
            "skills_other",
            "certifications_required",
            "certifications_preferred",
            "street",
            "state",
            "remote",
            "hours_per_week",
            "openings",
            "requires_drivers_license",
            "lifting_pounds",
            "other_requirements",
            "expires_on",
            "status",
            "moderation_note",
            "policy_rules",
        ]
        read_only_fields = fields
        # The rows' shortcut above knows the list's fields only.
        list_serializer_class = serializers.ListSerializer

    def get_description_html(self, job) -> str:
        return str(job.description_html)

    def get_policy_rules(self, job) -> list[dict]:
        return [
            {"category": rule.category, "decision": rule.decision, "years": rule.years}
            for rule in job.policy_rules.all()
        ]


class JobRuleSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=OffenseCategory.choices)
    decision = serializers.ChoiceField(choices=PolicyDecision.choices)
    years = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)


class JobWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    zip_code = serializers.CharField(max_length=10)
    shift_days = serializers.ListField(child=serializers.ChoiceField(choices=Weekday.choices))
    shift_start = WallClockTimeField()
    shift_end = WallClockTimeField()
    hours_per_week = serializers.IntegerField(min_value=1, max_value=80)
    employment_type = serializers.ChoiceField(choices=EmploymentType.choices)
    wage_min = serializers.DecimalField(max_digits=12, decimal_places=2)
    wage_max = serializers.DecimalField(max_digits=12, decimal_places=2)
    expires_on = serializers.DateField()
    street = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    transit_accessible = serializers.BooleanField(required=False, default=False)
    remote = serializers.BooleanField(required=False, default=False)
    openings = serializers.IntegerField(min_value=1, required=False, default=1)
    skills = serializers.SlugRelatedField(
        slug_field="slug", queryset=Skill.objects.all(), many=True, required=False, default=list
    )
    skills_other = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )
    certifications_required = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )
    certifications_preferred = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )
    requires_drivers_license = serializers.BooleanField(required=False, default=False)
    lifting_pounds = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, default=None
    )
    other_requirements = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )
    policy_rules = JobRuleSerializer(many=True, required=False, default=list)
    employer = serializers.IntegerField(
        required=False, help_text=_("Your organization's id (the default).")
    )


class JobCloseSerializer(serializers.Serializer):
    filled = serializers.BooleanField(required=False, default=False)


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


# --- Fairs -------------------------------------------------------------------------------


class FairSerializer(serializers.ModelSerializer):
    booths_taken = serializers.IntegerField(read_only=True)

    class Meta:
        model = HiringFair
        fields = [
            "id",
            "title",
            "kind",
            "venue",
            "starts_at",
            "ends_at",
            "registration_deadline",
            "employer_capacity",
            "participant_capacity",
            "booth_fee",
            "description",
            "status",
            "booths_taken",
        ]
        read_only_fields = fields


class FairWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=FairKind.choices)
    venue = serializers.CharField(max_length=300)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    registration_deadline = serializers.DateTimeField()
    employer_capacity = serializers.IntegerField(min_value=1)
    participant_capacity = serializers.IntegerField(min_value=1)
    booth_fee = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    publish = serializers.BooleanField(required=False, default=False)
    staff_working = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text="User ids of the staff working the fair (they see its whole RSVP list "
        "and check people in). The organiser (the creator) or a program admin only.",
    )


class FairStaffMemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return user.get_full_name() or user.username


class FairStaffWorkingSerializer(serializers.Serializer):
    """Output: who works the fair."""

    staff_working = FairStaffMemberSerializer(many=True)


class FairStaffWorkingWriteSerializer(serializers.Serializer):
    staff_working = serializers.ListField(
        child=serializers.IntegerField(),
        allow_empty=True,
        help_text="User ids of the active staff members working the fair (replaces the list).",
    )


class BoothSerializer(serializers.ModelSerializer):
    checkout_url = serializers.SerializerMethodField()
    payment_status = serializers.SerializerMethodField()
    payment_provider = serializers.SerializerMethodField()

    class Meta:
        model = FairBooth
        fields = [
            "id",
            "fair",
            "employer",
            "status",
            "fee",
            "payment_status",
            "payment_provider",
            "checkout_url",
            "created_at",
        ]
        read_only_fields = fields

    def get_checkout_url(self, booth) -> str | None:
        return self.context.get("checkout_url") or None

    def get_payment_status(self, booth) -> str | None:
        return booth.payment.status if booth.payment_id else None

    def get_payment_provider(self, booth) -> str | None:
        return booth.payment.provider if booth.payment_id else None
