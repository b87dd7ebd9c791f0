"""HTML pages of the fairs area (mounted by placements/urls.py)."""

from django.urls import path

from placements.fairs import views as fairs

urlpatterns = [
    path("fairs/<int:fair_pk>/rsvp/", fairs.fair_rsvp, name="fair-rsvp"),
    path("fair-rsvps/<int:pk>/", fairs.registration_detail, name="fair-registration"),
    path(
        "fair-rsvps/<int:pk>/sharing/",
        fairs.registration_sharing,
        name="fair-registration-sharing",
    ),
    path("fair-rsvps/<int:pk>/cancel/", fairs.registration_cancel, name="fair-registration-cancel"),
    path(
        "fair-rsvps/<int:pk>/check-in/",
        fairs.registration_check_in,
        name="fair-registration-check-in",
    ),
    path("staff/fair-check-in/<int:fair_pk>/", fairs.fair_check_in, name="fair-check-in"),
    path("fairs/<int:fair_pk>/attendees/", fairs.fair_attendees, name="fair-attendees"),
    path(
        "fairs/<int:fair_pk>/attendees/<int:registration_pk>/resume/",
        fairs.attendee_resume,
        name="fair-attendee-resume",
    ),
    path("interview-slots/<int:pk>/book/", fairs.slot_book, name="interview-slot-book"),
    path("interview-slots/<int:pk>/cancel/", fairs.slot_cancel, name="interview-slot-cancel"),
    path(
        "interview-bookings/<int:pk>/cancel/",
        fairs.booking_cancel,
        name="interview-booking-cancel",
    ),
]
