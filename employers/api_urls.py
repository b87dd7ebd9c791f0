from django.urls import path

from employers import api

urlpatterns = [
    path("employers/", api.EmployerListCreateView.as_view(), name="api-employers"),
    path(
        "employers/<int:pk>/vetting/",
        api.EmployerVettingView.as_view(),
        name="api-employer-vetting",
    ),
    path("jobs/", api.JobListCreateView.as_view(), name="api-jobs"),
    path("jobs/<int:pk>/", api.JobDetailView.as_view(), name="api-job"),
    path("jobs/<int:pk>/submit/", api.JobSubmitView.as_view(), name="api-job-submit"),
    path("jobs/<int:pk>/approve/", api.JobApproveView.as_view(), name="api-job-approve"),
    path("jobs/<int:pk>/reject/", api.JobRejectView.as_view(), name="api-job-reject"),
    path("jobs/<int:pk>/close/", api.JobCloseView.as_view(), name="api-job-close"),
    path("fairs/", api.FairListCreateView.as_view(), name="api-fairs"),
    path("fairs/<int:pk>/booths/", api.FairBoothView.as_view(), name="api-fair-booths"),
    path(
        "fairs/<int:pk>/staff-working/",
        api.FairStaffWorkingView.as_view(),
        name="api-fair-staff-working",
    ),
]
