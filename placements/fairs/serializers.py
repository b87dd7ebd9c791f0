"""Serializers of the fairs area's API: one for output and one for input of each write
(RSVPs, the profile opt-in, interview slots and bookings), and what an employer with a
confirmed booth sees of an attendee."""

from rest_framework import serializers

from placements.fairs.models import (
    FairInterviewMode,
    FairRegistration,
    InterviewBooking,
    InterviewSlot,
)
from portal.core.drf import RequiredBooleanField


class RegistrationSerializer(serializers.ModelSerializer):
    participant_id = serializers.IntegerField(read_only=True)
    participant_name = serializers.CharField(source="participant.display_name", read_only=True)
    fair_id = serializers.IntegerField(read_only=True)

    class Meta:
        model = FairRegistration
        fields = [
            "id",
            "fair_id",
            "participant_id",
            "participant_name",
            "status",
            "shares_profile",
            "walk_in",
            "created_at",
            "checked_in_at",
            "cancelled_at",
        ]
        read_only_fields = fields


class RegistrationCreateSerializer(serializers.Serializer):
    participant_id = serializers.IntegerField(
        required=False,
        help_text="Staff: the participant to register (on your caseload; admins: anyone). "
        "A participant leaves it out to register themself.",
    )
    share_profile = serializers.BooleanField(
        default=False,
        help_text="Opt in to share the profile and latest résumé with the fair's employers "
        "(recorded as the share_profile_with_fair_employers consent).",
    )
    walk_in = serializers.BooleanField(
        default=False, help_text="Staff, on the day: register and check in at once."
    )


class SharingSerializer(serializers.Serializer):
    share = RequiredBooleanField()


class AttendeeSerializer(serializers.Serializer):
    """What an employer with a confirmed booth sees of an attendee who opted in: never
    record, supervision or notes."""

    registration_id = serializers.IntegerField(source="pk")
    participant_id = serializers.IntegerField()
    name = serializers.CharField(source="participant.display_name")
    desired_job_titles = serializers.ListField(
        source="participant.desired_job_titles", child=serializers.CharField()
    )
    preferred_shifts = serializers.ListField(
        source="participant.preferred_shifts", child=serializers.CharField()
    )
    skills = serializers.SerializerMethodField()
    status = serializers.CharField()
    latest_resume_version_id = serializers.IntegerField(allow_null=True)

    def get_skills(self, registration) -> list[str]:
        return [skill.name for skill in registration.participant.skills.all()]


class SlotSerializer(serializers.ModelSerializer):
    employer = serializers.SerializerMethodField()
    booked = serializers.SerializerMethodField()

    class Meta:
        model = InterviewSlot
        fields = [
            "id",
            "fair",
            "employer",
            "starts_at",
            "ends_at",
            "length_minutes",
            "mode",
            "place",
            "status",
            "booked",
        ]
        read_only_fields = fields

    def get_employer(self, slot) -> dict:
        return {"id": slot.employer_id, "name": slot.employer.display_name}

    def get_booked(self, slot) -> bool:
        live = getattr(slot, "live_bookings", None)
        return bool(live) if live is not None else False


class SlotCreateSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    length_minutes = serializers.IntegerField()
    mode = serializers.ChoiceField(choices=FairInterviewMode.choices)
    place = serializers.CharField(
        max_length=300, help_text="The table or room, or the https:// video link."
    )


class BookingSerializer(serializers.ModelSerializer):
    slot = SlotSerializer(read_only=True)
    registration_id = serializers.IntegerField(read_only=True)
    participant_id = serializers.IntegerField(read_only=True)

    class Meta:
        model = InterviewBooking
        fields = ["id", "slot", "registration_id", "participant_id", "status", "created_at"]
        read_only_fields = fields


class BookingCreateSerializer(serializers.Serializer):
    participant_id = serializers.IntegerField(
        required=False,
        help_text="Staff: the participant to book for (on your caseload). A participant "
        "leaves it out to book for themself.",
    )
