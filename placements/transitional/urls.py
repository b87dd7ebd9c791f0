"""HTML pages of the transitional area (mounted by placements/urls.py)."""

from django.urls import path

from placements.transitional import views

urlpatterns = [
    path("transitional/crew/", views.crew_sites, name="transitional-crew"),
    path(
        "transitional/crew/<int:worksite_id>/",
        views.crew_sheet,
        name="transitional-crew-sheet",
    ),
    path(
        "transitional/crew/<int:worksite_id>/approve/",
        views.crew_day_approve,
        name="transitional-crew-approve",
    ),
    path("transitional/sites/", views.worksites, name="transitional-worksites"),
    path(
        "transitional/assignments/<int:assignment_id>/",
        views.assignment_manage,
        name="transitional-assignment",
    ),
    path("transitional/payroll/", views.payroll_periods, name="transitional-payroll"),
    path(
        "transitional/payroll/periods/<int:period_id>/run/",
        views.payroll_run_start,
        name="transitional-run-start",
    ),
    path("transitional/payroll/runs/<int:run_id>/", views.payroll_run, name="transitional-run"),
    path(
        "transitional/payroll/runs/<int:run_id>/export.csv",
        views.payroll_run_export,
        name="transitional-run-export",
    ),
    path(
        "transitional/payroll/runs/<int:run_id>/<slug:action>/",
        views.payroll_run_action,
        name="transitional-run-action",
    ),
    path("transitional/pay-stubs/<int:stub_id>/", views.pay_stub, name="transitional-stub"),
    path(
        "transitional/pay-stubs/<int:stub_id>/pdf/",
        views.pay_stub_pdf,
        name="transitional-stub-pdf",
    ),
    path("transitional/my/hours/", views.my_hours, name="transitional-my-hours"),
    path("transitional/my/ratings/", views.my_ratings, name="transitional-my-ratings"),
    path("transitional/my/pay/", views.my_pay, name="transitional-my-pay"),
]
