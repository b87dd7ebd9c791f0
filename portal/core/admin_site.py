from django.contrib.admin import AdminSite


class SuperuserAdminSite(AdminSite):
    """Django's admin at /django-admin/, for superusers only.

    Day-to-day work happens in the portal's own pages; this is the technical back door.
    """

    site_header = "Second Chance Jobs Portal: technical admin"

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser
