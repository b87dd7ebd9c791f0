"""Input and output serializers of the applications area's API."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from jobseekers.models import OffenseLevel
from placements.applications.models import (
    ApplicationStatus,
    DeclineReason,
    InterviewMode,
    RecordDecision,
    RetentionOutcome,
    RetentionVerification,
    SeparationReason,
)
from placements.applications.permissions import can_view_fit_confirmation, can_view_resume
from placements.applications.selectors import separation_reason_for
from portal.core.models import OffenseCategory

# --- Output ------------------------------------------------------------------------------


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="display_name")


class InterviewOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    starts_at = serializers.DateTimeField()
    mode = serializers.CharField()
    place = serializers.CharField()
    video_link = serializers.CharField()


class EventOutSerializer(serializers.Serializer):
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    note = serializers.CharField()
    created_at = serializers.DateTimeField()


class RecordReviewOutSerializer(serializers.Serializer):
    nature_and_gravity = serializers.CharField()
    time_elapsed = serializers.CharField()
    nature_of_job = serializers.CharField()
    assessed_at = serializers.DateTimeField()
    notice_text = serializers.CharField()
    notice_sent_at = serializers.DateTimeField(allow_null=True)
    decision_allowed_from = serializers.DateField(allow_null=True)
    participant_response = serializers.CharField()
    responded_at = serializers.DateTimeField(allow_null=True)
    decision = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)


class ApplicationOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    participant = PersonSerializer()
    job = serializers.SerializerMethodField()
    employer = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=ApplicationStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    status_changed_at = serializers.DateTimeField()
    decline_reason = serializers.CharField()
    resume_shared = serializers.SerializerMethodField(
        help_text="False for the employer once the participant stops sharing their profile "
        "and résumé with employers they apply to: then `resume_version` is null."
    )
    resume_version = serializers.SerializerMethodField()
    consents_at_application = serializers.JSONField()
    offered_on = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()
    interviews = InterviewOutSerializer(many=True, source="interviews.all")

    def get_resume_shared(self, application) -> bool:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return user is not None and can_view_resume(user, application)

    def get_resume_version(self, application) -> int | None:
        return application.resume_version_id if self.get_resume_shared(application) else None

    def get_job(self, application) -> dict:
        return {"id": application.job_id, "title": application.job.title}

    def get_employer(self, application) -> dict:
        return {"id": application.employer_id, "name": application.employer.display_name}


class FitConfirmationOutSerializer(serializers.Serializer):
    conflicts = serializers.JSONField(
        source="fit_conflicts",
        help_text='Each {"rule", "code", ...}: curfew, travel, transport or supervision.',
    )
    note = serializers.CharField(source="fit_note")
    confirmed_by = serializers.CharField(source="applied_by.get_full_name", default="")


class ApplicationDetailOutSerializer(ApplicationOutSerializer):
    events = EventOutSerializer(many=True, source="events.all")
    record_review = serializers.SerializerMethodField()
    fit_confirmation = serializers.SerializerMethodField(
        help_text="Caseload staff only: the supervision terms or travel limits the job "
        "breaks and staff's note, when staff applied anyway; null otherwise."
    )

    @extend_schema_field(FitConfirmationOutSerializer(allow_null=True))
    def get_fit_confirmation(self, application) -> dict | None:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if not application.fit_conflicts or user is None:
            return None
        if not can_view_fit_confirmation(user, application):
            return None
        return FitConfirmationOutSerializer(application).data

    def get_record_review(self, application) -> dict | None:
        review = getattr(application, "record_review", None)
        return RecordReviewOutSerializer(review).data if review is not None else None


class ConvictionSummarySerializer(serializers.Serializer):
    offense_category = serializers.ChoiceField(choices=OffenseCategory.choices)
    level = serializers.ChoiceField(choices=OffenseLevel.choices)
    convicted_on = serializers.DateField()
    released_on = serializers.DateField(allow_null=True)


class RecordOutSerializer(serializers.Serializer):
    application = serializers.IntegerField()
    convictions = ConvictionSummarySerializer(many=True)


class RetentionCheckOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    days = serializers.IntegerField()
    due_on = serializers.DateField()
    outcome = serializers.CharField()
    verified_by = serializers.CharField()
    note = serializers.CharField()
    hours_per_week = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    hourly_wage = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    still_employed = serializers.BooleanField(
        allow_null=True,
        help_text="True when working (same or another employer), false for not_working, "
        "null when unknown or not recorded yet.",
    )
    recorded_at = serializers.DateTimeField(allow_null=True)


class BondingOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    coverage_starts_on = serializers.DateField()
    coverage_ends_on = serializers.DateField()
    status = serializers.CharField(help_text="requested, issued or denied.")
    bond_number = serializers.CharField(help_text="Set when issued.")
    denial_reason = serializers.CharField(help_text="Set when denied.")
    decided_at = serializers.DateTimeField(allow_null=True)


class WotcOutSerializer(serializers.Serializer):
    disclosed = serializers.BooleanField(
        help_text="False for the employer until the participant signs the applicant part of "
        "Form 8850 or consents to share their record: then `eligible` and `credit` are null "
        "and `message` says when the program will tell them."
    )
    message = serializers.CharField(required=False)
    eligible = serializers.BooleanField(allow_null=True)
    eligibility_note = serializers.CharField()
    ineligible_reason = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    pending_reauthorization = serializers.BooleanField()
    end_date = serializers.DateField()
    filing_deadline = serializers.DateField()
    filed = serializers.BooleanField()
    deadline_soon = serializers.BooleanField()
    deadline_missed = serializers.BooleanField()
    credit = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    applicant_signed_on = serializers.DateField(allow_null=True)
    employer_signed_on = serializers.DateField(allow_null=True)
    submitted_on = serializers.DateField(allow_null=True)
    first_year_hours = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    first_year_wages = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)


class PlacementOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    participant = PersonSerializer()
    application = serializers.IntegerField(source="application_id", allow_null=True)
    employer = serializers.IntegerField(source="employer_id", allow_null=True)
    employer_name = serializers.CharField()
    job_title = serializers.CharField()
    offered_on = serializers.DateField(allow_null=True)
    start_date = serializers.DateField()
    hourly_wage = serializers.DecimalField(max_digits=12, decimal_places=2)
    hours_per_week = serializers.DecimalField(max_digits=5, decimal_places=2)
    benefits = serializers.CharField()
    subsidized = serializers.BooleanField()
    separated_on = serializers.DateField(allow_null=True)
    separation_reason = serializers.SerializerMethodField(
        help_text="quit, dismissed, laid_off or returned_to_custody (staff, the participant); "
        'the employer reads "left" for a departure it did not decide.'
    )

    def get_separation_reason(self, placement) -> str:
        request = self.context.get("request")
        user = self.context.get("user") or getattr(request, "user", None)
        return separation_reason_for(user=user, placement=placement)[0]


# --- Input -------------------------------------------------------------------------------


class ApplicationInSerializer(serializers.Serializer):
    job = serializers.IntegerField()
    resume_version = serializers.IntegerField()
    participant = serializers.IntegerField(required=False, help_text="Staff only.")
    share_profile = serializers.BooleanField()
    share_record_summary = serializers.BooleanField(required=False, allow_null=True, default=None)
    participant_agreed = serializers.BooleanField(required=False, default=False)
    cover_note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=1500
    )
    fit_confirmed = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Staff only: the job breaks the participant's supervision terms or travel "
        "limits and you checked with them that it can work anyway (needed for such a job).",
    )
    fit_note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=1000,
        help_text="Staff only, with `fit_confirmed`: why applying is all right anyway.",
    )


class InterviewInSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    mode = serializers.ChoiceField(choices=InterviewMode.choices)
    place = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    video_link = serializers.URLField(required=False, allow_blank=True, default="")


class TransitionInSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=ApplicationStatus.choices)
    reason = serializers.ChoiceField(
        choices=DeclineReason.choices, required=False, allow_blank=True, default=""
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    interview = InterviewInSerializer(required=False)
    offered_on = serializers.DateField(required=False)
    start_date = serializers.DateField(required=False)
    hourly_wage = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    hours_per_week = serializers.DecimalField(max_digits=5, decimal_places=2, required=False)
    benefits = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    subsidized = serializers.BooleanField(required=False, default=False)


class RecordReviewInSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=["assessment", "notice", "response", "decision"])
    nature_and_gravity = serializers.CharField(required=False, allow_blank=True, default="")
    time_elapsed = serializers.CharField(required=False, allow_blank=True, default="")
    nature_of_job = serializers.CharField(required=False, allow_blank=True, default="")
    notice_text = serializers.CharField(required=False, allow_blank=True, default="")
    response = serializers.CharField(required=False, allow_blank=True, default="")
    decision = serializers.ChoiceField(
        choices=RecordDecision.choices, required=False, allow_blank=True, default=""
    )


class PlacementInSerializer(serializers.Serializer):
    participant = serializers.IntegerField()
    employer_name = serializers.CharField(max_length=200)
    job_title = serializers.CharField(max_length=200)
    start_date = serializers.DateField()
    offered_on = serializers.DateField(required=False, allow_null=True, default=None)
    hourly_wage = serializers.DecimalField(max_digits=12, decimal_places=2)
    hours_per_week = serializers.DecimalField(max_digits=5, decimal_places=2)
    benefits = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    subsidized = serializers.BooleanField(required=False, default=False)


class RetentionCheckInSerializer(serializers.Serializer):
    """Either a check (`id` with `outcome`, `verified_by`, `note`) or the end of the job
    (`separated_on` with `separation_reason`)."""

    id = serializers.IntegerField(required=False)
    outcome = serializers.ChoiceField(choices=RetentionOutcome.choices, required=False)
    verified_by = serializers.ChoiceField(
        choices=RetentionVerification.choices, required=False, allow_blank=True, default=""
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    hours_per_week = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        required=False,
        allow_null=True,
        default=None,
        help_text="Hours a week at the check, 0 to 80; only for a person working.",
    )
    hourly_wage = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        default=None,
        help_text="Hourly wage at the check, 0 or more; only for a person working.",
    )
    separated_on = serializers.DateField(required=False)
    separation_reason = serializers.ChoiceField(choices=SeparationReason.choices, required=False)

    def validate(self, attrs):
        if "id" in attrs and "outcome" in attrs:
            return attrs
        if "separated_on" in attrs and "separation_reason" in attrs:
            return attrs
        raise serializers.ValidationError(
            _(
                "Send a check (id and outcome) or the end of the job (separated_on and "
                "separation_reason)."
            )
        )


class WotcInSerializer(serializers.Serializer):
    applicant_signed_on = serializers.DateField(required=False, allow_null=True)
    employer_signed_on = serializers.DateField(required=False, allow_null=True)
    submitted_on = serializers.DateField(required=False, allow_null=True)
    first_year_hours = serializers.DecimalField(
        max_digits=7, decimal_places=2, required=False, allow_null=True
    )
    first_year_wages = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True
    )


class BondingInSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, default=None)


class BondingDecisionInSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[("issued", "issued"), ("denied", "denied")],
        help_text="issued (with `bond_number`) or denied (with `denial_reason`).",
    )
    bond_number = serializers.CharField(required=False, allow_blank=True, default="", max_length=50)
    denial_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=300
    )
