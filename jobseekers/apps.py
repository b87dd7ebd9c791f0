from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobseekersConfig(AppConfig):
    """Participants: intake, supervision and record with consent, résumés, job club."""

    name = "jobseekers"
    verbose_name = _("Participants")
