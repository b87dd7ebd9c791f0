"""Reads shared by every app."""

from django.db.models import QuerySet

from portal.core.models import AuditEvent, User
from portal.core.permissions import is_program_admin


def audit_events_visible_to(*, user: User) -> QuerySet[AuditEvent]:
    """The audit trail: program admins see all of it, everyone else none."""
    if not is_program_admin(user):
        return AuditEvent.objects.none()
    return AuditEvent.objects.select_related("actor", "target_type").order_by("-created_at", "-id")
