"""API routes of the applications area under /api/v1/ (mounted by placements/api_urls.py)."""

from django.urls import path

from placements.applications import api

urlpatterns = [
    path("applications/", api.ApplicationListView.as_view(), name="api-applications"),
    path("applications/<int:pk>/", api.ApplicationDetailView.as_view(), name="api-application"),
    path(
        "applications/<int:pk>/transitions/",
        api.ApplicationTransitionView.as_view(),
        name="api-application-transitions",
    ),
    path(
        "applications/<int:pk>/record/",
        api.ApplicationRecordView.as_view(),
        name="api-application-record",
    ),
    path(
        "applications/<int:pk>/record-review/",
        api.ApplicationRecordReviewView.as_view(),
        name="api-application-record-review",
    ),
    path("placements/", api.PlacementListView.as_view(), name="api-placements"),
    path(
        "placements/<int:pk>/retention-checks/",
        api.PlacementRetentionView.as_view(),
        name="api-placement-retention-checks",
    ),
    path("placements/<int:pk>/wotc/", api.PlacementWotcView.as_view(), name="api-placement-wotc"),
    path(
        "placements/<int:pk>/bonding/",
        api.PlacementBondingView.as_view(),
        name="api-placement-bonding",
    ),
    path(
        "placements/<int:pk>/bonding/<int:bond_id>/decision/",
        api.PlacementBondingDecisionView.as_view(),
        name="api-placement-bonding-decision",
    ),
]
