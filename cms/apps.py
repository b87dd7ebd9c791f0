from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """The Wagtail content site. Reads domain selectors; never writes domain data."""

    name = "cms"
    verbose_name = _("Content site")
