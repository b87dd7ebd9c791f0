"""API serializers: input serializers parse, output serializers render. Sensitive data
is only rendered from what a selector returned (and logged).

One module at ~575 lines of field declarations, one pair per endpoint of `api.py`; the
supports API keeps its serializers in `api_supports.py`, and the referral and custody
serializers are the next to move out, with their views, when this grows."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from portal.core.drf import StrictCharField, WallClockTimeField
from portal.core.models import AccessLog, OffenseCategory, PartnerOrganisation, Skill, User

from .models import (
    AttendanceStatus,
    CaseNote,
    CaseNoteKind,
    Consent,
    ConsentKind,
    CustodyEvent,
    CustodyEventKind,
    CustodyReturnType,
    DocumentKind,
    Gender,
    Housing,
    JobClubSession,
    JobClubTopic,
    Language,
    OffenseLevel,
    Participant,
    ParticipantDocument,
    ParticipantStatus,
    Program,
    ProgramExit,
    ProgramExitReason,
    RecordEntry,
    Referral,
    ReferralNeed,
    ReferralStatus,
    Resume,
    ResumeComment,
    ResumeSection,
    RiskLevel,
    Shift,
    SupervisionTerms,
    SupervisionType,
    Transport,
    TravelLimit,
)

# ---------------------------------------------------------------------- participants


class ParticipantListSerializer(serializers.ModelSerializer):
    facilitator = serializers.SlugRelatedField(slug_field="username", read_only=True)
    has_resume = serializers.BooleanField(read_only=True)

    class Meta:
        model = Participant
        fields = [
            "id",
            "first_name",
            "last_name",
            "preferred_name",
            "status",
            "release_date",
            "facilitator",
            "has_state_id",
            "has_resume",
        ]
        read_only_fields = fields


class ParticipantSerializer(serializers.ModelSerializer):
    facilitator = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    skills = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    has_account = serializers.SerializerMethodField()
    # Optional choices are "" when not known. Declared here because DRF drops allow_blank
    # from read-only model fields, and the schema would then refuse the empty value.
    housing = serializers.ChoiceField(choices=Housing.choices, allow_blank=True, read_only=True)
    risk_level = serializers.ChoiceField(
        choices=RiskLevel.choices, allow_blank=True, read_only=True
    )
    gender = serializers.ChoiceField(choices=Gender.choices, allow_blank=True, read_only=True)
    custody_return_type = serializers.ChoiceField(
        choices=CustodyReturnType.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = Participant
        fields = [
            "id",
            "first_name",
            "last_name",
            "preferred_name",
            "date_of_birth",
            "phone",
            "email",
            "preferred_language",
            "zip_code",
            "housing",
            "release_date",
            "facility",
            "risk_level",
            "gender",
            "programs",
            "has_state_id",
            "has_social_security_card",
            "has_birth_certificate",
            "transport",
            "desired_job_titles",
            "skills",
            "preferred_shifts",
            "wage_floor",
            "facilitator",
            "status",
            "status_changed_on",
            "custody_return_type",
            "has_account",
        ]
        read_only_fields = fields

    def get_has_account(self, participant) -> bool:
        return participant.user_id is not None


class ParticipantInputSerializer(serializers.Serializer):
    """Intake (POST) and staff edits (PATCH, partial). The phone, ZIP and dates are
    checked by the service."""

    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    preferred_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    date_of_birth = serializers.DateField()
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    preferred_language = serializers.ChoiceField(choices=Language.choices, required=False)
    zip_code = serializers.CharField(max_length=10, required=False, allow_blank=True)
    housing = serializers.ChoiceField(choices=Housing.choices, required=False, allow_blank=True)
    release_date = serializers.DateField(required=False, allow_null=True)
    facility = serializers.CharField(max_length=150, required=False, allow_blank=True)
    risk_level = serializers.ChoiceField(
        choices=RiskLevel.choices, required=False, allow_blank=True
    )
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, allow_blank=True)
    programs = serializers.ListField(
        child=serializers.ChoiceField(choices=Program.choices), required=False
    )
    has_state_id = serializers.BooleanField(required=False)
    has_social_security_card = serializers.BooleanField(required=False)
    has_birth_certificate = serializers.BooleanField(required=False)
    transport = serializers.ListField(
        child=serializers.ChoiceField(choices=Transport.choices), required=False
    )
    desired_job_titles = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, max_length=10
    )
    skills = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Skill.objects.all(), required=False
    )
    preferred_shifts = serializers.ListField(
        child=serializers.ChoiceField(choices=Shift.choices), required=False
    )
    wage_floor = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, min_value=0
    )
    facilitator = serializers.SlugRelatedField(
        slug_field="username",
        queryset=User.objects.filter(role__in=["staff", "admin"]),
        required=False,
    )
    confirmed_not_duplicate = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("True once staff checked the possible duplicates: a different person."),
    )


class ParticipantSelfInputSerializer(serializers.Serializer):
    """What a participant may change about themself."""

    preferred_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    preferred_language = serializers.ChoiceField(choices=Language.choices, required=False)
    desired_job_titles = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, max_length=10
    )
    preferred_shifts = serializers.ListField(
        child=serializers.ChoiceField(choices=Shift.choices), required=False
    )


class StatusChangeInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ParticipantStatus.choices)
    on_date = serializers.DateField(required=False)
    custody_return_type = serializers.ChoiceField(
        choices=CustodyReturnType.choices, required=False, allow_blank=True
    )


# ----------------------------------------------------------------- sensitive sections


class RecordEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = RecordEntry
        fields = ["id", "offense_category", "level", "convicted_on", "released_on", "description"]
        read_only_fields = fields


class RecordEntryInputSerializer(serializers.Serializer):
    offense_category = serializers.ChoiceField(choices=OffenseCategory.choices)
    level = serializers.ChoiceField(choices=OffenseLevel.choices)
    convicted_on = serializers.DateField()
    released_on = serializers.DateField(required=False, allow_null=True)
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class RecordInputSerializer(serializers.Serializer):
    entries = RecordEntryInputSerializer(many=True, max_length=50)


class SupervisionTermsSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupervisionTerms
        fields = [
            "supervision_type",
            "officer_name",
            "officer_phone",
            "ends_on",
            "curfew_start",
            "curfew_end",
            "travel_limit",
            "electronic_monitoring",
            "standing_meetings",
            "updated_at",
        ]
        read_only_fields = fields


class SupervisionTermsInputSerializer(serializers.Serializer):
    supervision_type = serializers.ChoiceField(choices=SupervisionType.choices)
    officer_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    officer_phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    ends_on = serializers.DateField(required=False, allow_null=True)
    curfew_start = WallClockTimeField(required=False, allow_null=True)
    curfew_end = WallClockTimeField(required=False, allow_null=True)
    travel_limit = serializers.ChoiceField(choices=TravelLimit.choices, required=False)
    electronic_monitoring = serializers.BooleanField(required=False)
    standing_meetings = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class ConsentSerializer(serializers.ModelSerializer):
    recorded_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Consent
        fields = ["id", "kind", "given", "recorded_at", "recorded_by"]
        read_only_fields = fields


class ConsentInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ConsentKind.choices)
    given = serializers.BooleanField()


class CaseNoteSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = CaseNote
        fields = ["id", "kind", "text", "author", "created_at"]
        read_only_fields = fields


class CaseNoteInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CaseNoteKind.choices)
    text = serializers.CharField(max_length=5000)


class CustodyEventSerializer(serializers.ModelSerializer):
    """A custody event for caseload staff, with its note."""

    recorded_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    counts_as_return = serializers.BooleanField(
        read_only=True,
        help_text="True for a new offense or a technical violation (recidivism); false for "
        "an arrest without a conviction.",
    )

    class Meta:
        model = CustodyEvent
        fields = [
            "id",
            "occurred_on",
            "kind",
            "counts_as_return",
            "source",
            "note",
            "recorded_by",
            "created_at",
        ]
        read_only_fields = fields


class OwnCustodyEventSerializer(CustodyEventSerializer):
    """A custody event as the participant reads it: without staff's note."""

    class Meta(CustodyEventSerializer.Meta):
        fields = ["id", "occurred_on", "kind", "counts_as_return", "source", "created_at"]
        read_only_fields = fields


class CustodyEventInputSerializer(serializers.Serializer):
    occurred_on = serializers.DateField()
    kind = serializers.ChoiceField(
        choices=CustodyEventKind.choices,
        help_text="new_offense and technical_violation count as a return to custody; "
        "arrest_no_conviction does not.",
    )
    source = serializers.CharField(max_length=120)
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class ProgramExitSerializer(serializers.ModelSerializer):
    recorded_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    reenrolled_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = ProgramExit
        fields = [
            "id",
            "exited_on",
            "reason",
            "note",
            "recorded_by",
            "created_at",
            "reenrolled_on",
            "reenrolled_by",
        ]
        read_only_fields = fields


class ProgramExitInputSerializer(serializers.Serializer):
    exited_on = serializers.DateField()
    reason = serializers.ChoiceField(choices=ProgramExitReason.choices)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ReenrolInputSerializer(serializers.Serializer):
    reenrolled_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Defaults to today."
    )


class AccessLogSerializer(serializers.ModelSerializer):
    viewer = serializers.SlugRelatedField(slug_field="username", read_only=True)
    viewer_role = serializers.CharField(source="viewer.role", read_only=True)

    class Meta:
        model = AccessLog
        fields = ["id", "created_at", "viewer", "viewer_role", "what", "why"]
        read_only_fields = fields


# --------------------------------------------------------------------------- résumés


class ResumeCommentSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = ResumeComment
        fields = ["id", "section", "text", "author", "created_at", "resolved_at"]
        read_only_fields = fields


class ResumeSerializer(serializers.ModelSerializer):
    latest_version = serializers.SerializerMethodField()

    class Meta:
        model = Resume
        fields = [
            "id",
            "participant",
            "title",
            "contact_phone",
            "contact_email",
            "contact_city",
            "summary",
            "experience",
            "education",
            "certifications",
            "skills",
            "references",
            "include_references",
            "updated_at",
            "latest_version",
        ]
        read_only_fields = fields

    def get_latest_version(self, resume) -> int | None:
        return getattr(resume, "latest_version_number", None)


class ResumeDetailSerializer(ResumeSerializer):
    comments = ResumeCommentSerializer(many=True, read_only=True)

    class Meta(ResumeSerializer.Meta):
        fields = [*ResumeSerializer.Meta.fields, "comments"]
        read_only_fields = fields


class ResumeCreateInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=100)


class ResumeUpdateInputSerializer(serializers.Serializer):
    """The sections to save (only those given). Experience, education and certifications
    are lists of objects; see `services.ENTRY_SHAPES` for their keys."""

    title = serializers.CharField(max_length=100, required=False)
    contact_phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    contact_city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    summary = serializers.CharField(max_length=1500, required=False, allow_blank=True)
    experience = serializers.ListField(child=serializers.DictField(), required=False)
    education = serializers.ListField(child=serializers.DictField(), required=False)
    certifications = serializers.ListField(child=serializers.DictField(), required=False)
    skills = serializers.CharField(max_length=1500, required=False, allow_blank=True)
    references = serializers.CharField(max_length=1500, required=False, allow_blank=True)
    include_references = serializers.BooleanField(required=False)


class ResumeCommentInputSerializer(serializers.Serializer):
    section = serializers.ChoiceField(choices=ResumeSection.choices)
    text = serializers.CharField(max_length=1000)


# -------------------------------------------------------------------------- job club


class JobClubSessionSerializer(serializers.ModelSerializer):
    facilitator = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = JobClubSession
        fields = ["id", "starts_at", "place", "topic", "capacity", "facilitator"]
        read_only_fields = fields


class JobClubSessionInputSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    place = StrictCharField(max_length=200)
    topic = serializers.ChoiceField(choices=JobClubTopic.choices)
    capacity = serializers.IntegerField(min_value=1, max_value=500, required=False, default=20)


class AttendanceInputSerializer(serializers.Serializer):
    participant_id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=AttendanceStatus.choices)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True)


class AttendanceSerializer(serializers.Serializer):
    session_id = serializers.IntegerField()
    participant_id = serializers.IntegerField()
    status = serializers.CharField()
    note = serializers.CharField()


class DocumentSerializer(serializers.ModelSerializer):
    uploaded_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ParticipantDocument
        fields = [
            "id",
            "participant",
            "kind",
            "title",
            "size",
            "uploaded_by",
            "uploaded_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_download_url(self, document) -> str:
        return f"/api/v1/documents/{document.pk}/download/"


class DocumentUploadInputSerializer(serializers.Serializer):
    """multipart/form-data: the PDF in `file`. Checked by content, not by name."""

    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    title = serializers.CharField(max_length=150)
    file = serializers.FileField()


# -------------------------------------------------------------------------- referrals


class PartnerOrganisationSerializer(serializers.ModelSerializer):
    """A partner organisation as a referral shows it: how to reach it and when."""

    class Meta:
        model = PartnerOrganisation
        fields = [
            "id",
            "name",
            "category",
            "address",
            "zip_code",
            "phone",
            "hours",
            "hours_es",
            "website",
        ]
        read_only_fields = fields


class OwnReferralSerializer(serializers.ModelSerializer):
    """A referral as the participant reads it: where, for what, and how it is going
    (staff's notes left out)."""

    organisation = PartnerOrganisationSerializer(read_only=True)

    class Meta:
        model = Referral
        fields = [
            "id",
            "organisation",
            "need",
            "status",
            "reason",
            "consent_to_share",
            "made_on",
            "follow_up_due_on",
            "last_followed_up_on",
        ]
        read_only_fields = fields


class ReferralSerializer(OwnReferralSerializer):
    """A referral for caseload staff, with their notes."""

    participant = serializers.PrimaryKeyRelatedField(read_only=True)
    made_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta(OwnReferralSerializer.Meta):
        fields = [
            *OwnReferralSerializer.Meta.fields,
            "participant",
            "note",
            "follow_up_note",
            "consent_recorded_at",
            "made_by",
        ]
        read_only_fields = fields


class ReferralInputSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(
        help_text="The partner organisation's id (as listed by the resource directory)."
    )
    need = serializers.ChoiceField(choices=ReferralNeed.choices)
    consent_to_share = serializers.BooleanField(
        help_text="The person agrees that the program gives the partner their name and phone."
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ReferralFollowUpInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=ReferralStatus.choices,
        help_text="The current status records a check with no change; another moves it.",
    )
    reason = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        help_text="Required for not_connected.",
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)
