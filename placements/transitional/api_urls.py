"""API routes of the transitional area under /api/v1/ (mounted by placements/api_urls.py)."""

from django.urls import path

from placements.transitional import api

P = "transitional/"

urlpatterns = [
    path(f"{P}worksites/", api.WorkSiteListView.as_view(), name="api-worksites"),
    path(f"{P}worksites/<int:pk>/", api.WorkSiteDetailView.as_view(), name="api-worksite"),
    path(f"{P}assignments/", api.AssignmentListView.as_view(), name="api-assignments"),
    path(f"{P}assignments/<int:pk>/", api.AssignmentDetailView.as_view(), name="api-assignment"),
    path(
        f"{P}assignments/<int:pk>/end/",
        api.AssignmentEndView.as_view(),
        name="api-assignment-end",
    ),
    path(
        f"{P}assignments/<int:pk>/change/",
        api.AssignmentChangeView.as_view(),
        name="api-assignment-change",
    ),
    path(f"{P}time-entries/", api.TimeEntryListView.as_view(), name="api-time-entries"),
    path(
        f"{P}time-entries/approve-day/",
        api.ApproveDayView.as_view(),
        name="api-time-entries-approve-day",
    ),
    path(f"{P}time-entries/<int:pk>/", api.TimeEntryDetailView.as_view(), name="api-time-entry"),
    path(f"{P}ratings/", api.RatingListView.as_view(), name="api-ratings"),
    path(f"{P}pay-periods/", api.PayPeriodListView.as_view(), name="api-pay-periods"),
    path(f"{P}payroll-runs/", api.PayrollRunListView.as_view(), name="api-payroll-runs"),
    path(f"{P}payroll-runs/<int:pk>/", api.PayrollRunDetailView.as_view(), name="api-payroll-run"),
    path(
        f"{P}payroll-runs/<int:pk>/review/",
        api.PayrollRunReviewView.as_view(),
        name="api-payroll-run-review",
    ),
    path(
        f"{P}payroll-runs/<int:pk>/recalculate/",
        api.PayrollRunRecalculateView.as_view(),
        name="api-payroll-run-recalculate",
    ),
    path(
        f"{P}payroll-runs/<int:pk>/approve/",
        api.PayrollRunApproveView.as_view(),
        name="api-payroll-run-approve",
    ),
    path(
        f"{P}payroll-runs/<int:pk>/export.csv",
        api.PayrollRunExportView.as_view(),
        name="api-payroll-run-export",
    ),
    path(
        f"{P}payroll-runs/<int:pk>/adjustments/",
        api.PayAdjustmentView.as_view(),
        name="api-payroll-run-adjustments",
    ),
    path(f"{P}pay-stubs/", api.PayStubListView.as_view(), name="api-pay-stubs"),
    path(f"{P}pay-stubs/<int:pk>/", api.PayStubDetailView.as_view(), name="api-pay-stub"),
    path(f"{P}pay-stubs/<int:pk>/pdf/", api.PayStubPdfView.as_view(), name="api-pay-stub-pdf"),
]
