from django.conf import settings

from portal.core.permissions import is_staff_member


def portal(request):
    """What the base template needs on every page."""
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "user_is_staff_member": is_staff_member(getattr(request, "user", None)),
    }
