"""HTML pages of the outcomes area (mounted by placements/urls.py)."""

from django.urls import path

from placements.outcomes import views

urlpatterns = [
    path("reports/", views.reports, name="outcomes-reports"),
    path("reports/funder/", views.funder, name="outcomes-funder"),
    path("reports/funder.pdf", views.funder_pdf, name="outcomes-funder-pdf"),
    path("reports/<slug:section>.csv", views.report_csv, name="outcomes-csv"),
    path("reports/people/<slug:figure>/", views.people_list, name="outcomes-people"),
    path("employer/results/", views.employer_results, name="outcomes-employer-results"),
]
