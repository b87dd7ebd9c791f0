"""HTML pages of the applications area (mounted by placements/urls.py)."""

from django.urls import path

from placements.applications import views

urlpatterns = [
    path("jobs/<int:job_pk>/apply/", views.apply, name="apply"),
    path("jobs/<int:job_pk>/apply/ask-staff/", views.apply_ask_staff, name="apply-ask-staff"),
    path("applications/questions/", views.fit_question_list, name="fit-question-list"),
    path("applications/questions/<int:pk>/", views.fit_question_answer, name="fit-question-answer"),
    path("applications/", views.application_list, name="application-list"),
    path("applications/<int:pk>/", views.application_detail, name="application-detail"),
    path("applications/<int:pk>/record/", views.application_record, name="application-record"),
    path("placements/", views.placement_list, name="placement-list"),
    path("placements/new/", views.placement_new, name="placement-new"),
    path("placements/<int:pk>/", views.placement_detail, name="placement-detail"),
]
