"""Technical admin (superusers only) for participants. The record, supervision terms,
case notes and custody events are deliberately not registered: every read of them must go
through the selectors that write the access log, which the Django admin would bypass."""

from django.contrib import admin

from .models import Invitation, JobClubSession, Participant


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["display_name", "status", "facilitator", "release_date"]
    list_filter = ["status"]
    search_fields = ["first_name", "last_name", "preferred_name"]
    list_select_related = ["facilitator"]
    raw_id_fields = ["user", "facilitator"]
    filter_horizontal = ["skills"]


@admin.register(JobClubSession)
class JobClubSessionAdmin(admin.ModelAdmin):
    list_display = ["starts_at", "topic", "place", "facilitator", "capacity"]
    list_select_related = ["facilitator"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: codes are issued on the participant page and stored only as hashes."""

    list_display = ["participant", "created_at", "expires_at", "used_at", "revoked_at"]
    readonly_fields = ["participant", "expires_at", "created_by", "used_at", "revoked_at"]
    exclude = ["code_hash"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
