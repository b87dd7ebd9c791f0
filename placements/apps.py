from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    """Where employers and participants meet: matching, applications, placements,
    transitional jobs and reports."""

    name = "placements"
    verbose_name = _("Placements")

    def ready(self):
        # Keep the stored matching index up to date when employers' jobs change
        # (employers cannot import placements, so it tells whoever registered).
        from employers.hooks import on_jobs_changed
        from placements.matching.services import job_index_refresh_soon

        on_jobs_changed(job_index_refresh_soon)
