from django.urls import path

from portal.core import api

urlpatterns = [
    path("auth/token/", api.TokenObtainView.as_view(), name="api-token"),
    path("me/", api.MeView.as_view(), name="api-me"),
    path("audit-events/", api.AuditEventListView.as_view(), name="api-audit-events"),
]
