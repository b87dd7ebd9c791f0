from django.urls import path

from portal.core.mfa import views

app_name = "mfa"

urlpatterns = [
    path("", views.manage, name="manage"),
    path("set-up/", views.enrol, name="enrol"),
    path("code/", views.verify, name="verify"),
    path("recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("recovery-codes/new/", views.regenerate, name="regenerate"),
    path("turn-off/", views.remove, name="remove"),
]
