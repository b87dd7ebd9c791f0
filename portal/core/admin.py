"""The technical admin (superusers only): users, the taxonomy, and read-only trails."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from portal.core.models import AccessLog, AuditEvent, Skill, User


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
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
