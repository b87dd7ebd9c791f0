from django.urls import path

from portal.core import api

urlpatterns = [
    path("auth/token/", api.TokenObtainView.as_view(), name="api-token"),
    path("auth/tokens/", api.ApiTokenListView.as_view(), name="api-tokens"),
    path("auth/tokens/<int:token_id>/", api.ApiTokenDetailView.as_view(), name="api-token-detail"),
    path("auth/logout/", api.LogoutView.as_view(), name="api-logout"),
    path("me/", api.MeView.as_view(), name="api-me"),
    path("audit-events/", api.AuditEventListView.as_view(), name="api-audit-events"),
]
