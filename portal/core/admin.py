"""The technical admin (superusers only): users, the taxonomy, and read-only trails."""

from contextlib import suppress

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from portal.core.exceptions import NotFoundError
from portal.core.models import AccessLog, ApiToken, AuditEvent, Skill, User
from portal.core.services import api_token_revoke


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "is_active", "last_login"]
    list_filter = ["role", "is_active", "is_superuser"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Program"), {"fields": ["role", "preferred_language"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "role", "password1", "password2"]}),
    ]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Trails are written by services only and never changed, here or anywhere."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "action", "target_label", "ip_address"]
    list_filter = ["action"]
    list_select_related = ["actor"]
    search_fields = ["action", "target_label", "actor__username"]


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "viewer", "what", "why", "subject_type", "subject_id"]
    list_filter = ["what"]
    list_select_related = ["viewer", "subject_type"]
    search_fields = ["viewer__username", "why"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "name_es", "slug"]
    search_fields = ["name", "name_es", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Tokens are issued only by the API (the raw token is shown once to its owner) and
    never edited; a superuser may revoke them. Changing a user's password, role or active
    flag here revokes all of theirs (portal.core.credential_changes)."""

    list_display = ["user", "name", "key_prefix", "created", "expires_at", "revoked_at"]
    list_filter = ["revoked_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "name", "key_prefix"]
    exclude = ["digest"]
    actions = ["revoke"]

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset.select_related("user"):
            with suppress(NotFoundError):  # already expired or revoked: nothing to do
                api_token_revoke(
                    user=token.user, token_id=token.pk, reason="admin", actor=request.user
                )
