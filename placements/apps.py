from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    """Where employers and participants meet: matching, applications, placements,
    transitional jobs and reports."""

    name = "placements"
    verbose_name = _("Placements")
