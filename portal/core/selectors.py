"""Reads shared by every app."""

from django.db.models import QuerySet
from django.utils import timezone

from portal.core.models import ApiToken, AuditEvent, PartnerOrganisation, Role, User
from portal.core.permissions import is_program_admin


def audit_events_visible_to(*, user: User) -> QuerySet[AuditEvent]:
    """The audit trail: program admins see all of it, everyone else none."""
    if not is_program_admin(user):
        return AuditEvent.objects.none()
    return AuditEvent.objects.select_related("actor", "target_type").order_by("-created_at", "-id")


def staff_members() -> QuerySet[User]:
    """Active staff and admins, by name: the people a caseload, a crew or a fair can be
    given to."""
    return User.objects.filter(role__in=[Role.STAFF, Role.ADMIN], is_active=True).order_by(
        "first_name", "last_name", "username"
    )


def api_tokens_live_for(*, user: User) -> QuerySet[ApiToken]:
    """`user`'s own API tokens that still open the API (not revoked, not expired), newest
    first. Nobody sees another person's tokens, admins included."""
    return ApiToken.objects.filter(
        user=user, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("-created", "-id")


def partner_organisations() -> QuerySet[PartnerOrganisation]:
    """Every partner organisation, by name: public (the resource directory lists them all)."""
    return PartnerOrganisation.objects.order_by("name", "id")


def partner_organisation_get(*, organisation_id) -> PartnerOrganisation | None:
    """The partner organisation `organisation_id`, or None when there is no such one."""
    try:
        return PartnerOrganisation.objects.filter(pk=int(organisation_id)).first()
    except (TypeError, ValueError):
        return None
