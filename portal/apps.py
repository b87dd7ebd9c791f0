from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """Django's admin, kept for superusers only (program staff use the portal's own pages)."""

    default_site = "portal.core.admin_site.SuperuserAdminSite"
