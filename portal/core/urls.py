from django.urls import include, path

from portal.core import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("account/", views.account, name="account"),
    path("account/two-factor/", include("portal.core.mfa.urls")),
]
