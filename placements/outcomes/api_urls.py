"""API routes of the outcomes area under /api/v1/ (mounted by placements/api_urls.py)."""

from django.urls import path

from placements.outcomes import api

urlpatterns = [
    path("reports/outcomes/", api.OutcomesReportView.as_view(), name="api-reports-outcomes"),
]
