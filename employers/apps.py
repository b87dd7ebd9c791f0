from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    """Fair-chance employers: vetting, hiring policy, job postings, hiring fairs."""

    name = "employers"
    verbose_name = _("Employers")
