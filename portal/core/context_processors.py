from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, reverse

from portal.core.permissions import is_staff_member

# The main menu's links (includes/site_nav_links.html, shown twice on every page).
NAV_URL_NAMES = {
    "jobs": "employers:job-search",
    "employers": "employers:directory",
    "fairs": "employers:fair-list",
    "dashboard": "dashboard",
    "account": "account",
    "reports": "placements:outcomes-reports",
    "logout": "logout",
    "login": "login",
    "set_language": "set_language",
}


@cache
def _nav_urls(script_prefix: str) -> dict[str, str]:
    # Reversed once per process (and address prefix): about 20 `{% url %}` a page cost
    # a millisecond, twice Django's least answer.
    return {key: reverse(name) for key, name in NAV_URL_NAMES.items()}


def portal(request):
    """What the base template needs on every page."""
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "user_is_staff_member": is_staff_member(getattr(request, "user", None)),
        "nav_urls": _nav_urls(get_script_prefix()),
    }
