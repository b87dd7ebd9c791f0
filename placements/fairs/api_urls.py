"""API routes of the fairs area under /api/v1/ (mounted by placements/api_urls.py)."""

from django.urls import path

from placements.fairs import api as fairs

urlpatterns = [
    path(
        "fairs/<int:pk>/registrations/",
        fairs.FairRegistrationListCreateView.as_view(),
        name="api-fair-registrations",
    ),
    path(
        "fair-registrations/<int:pk>/cancel/",
        fairs.RegistrationCancelView.as_view(),
        name="api-fair-registration-cancel",
    ),
    path(
        "fair-registrations/<int:pk>/sharing/",
        fairs.RegistrationSharingView.as_view(),
        name="api-fair-registration-sharing",
    ),
    path(
        "fair-registrations/<int:pk>/check-in/",
        fairs.RegistrationCheckInView.as_view(),
        name="api-fair-registration-check-in",
    ),
    path(
        "fairs/<int:pk>/attendees/",
        fairs.FairAttendeeListView.as_view(),
        name="api-fair-attendees",
    ),
    path(
        "fairs/<int:pk>/interview-slots/",
        fairs.FairSlotListCreateView.as_view(),
        name="api-fair-interview-slots",
    ),
    path("interview-slots/<int:pk>/", fairs.SlotDetailView.as_view(), name="api-interview-slot"),
    path(
        "interview-slots/<int:pk>/booking/",
        fairs.SlotBookingView.as_view(),
        name="api-interview-slot-booking",
    ),
]
