"""The OpenAPI schema (/api/schema/) and its browsable docs (/api/docs/).

They map every endpoint and field of the portal's criminal-justice data, so in
production only someone signed in reads them (PORTAL_API_SCHEMA_PUBLIC off); a
developer's machine and the tests keep them public. Staff still need their second
factor first (portal.core.mfa's middleware guards these paths like any other).
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny, IsAuthenticated


def schema_is_public() -> bool:
    return settings.PORTAL_API_SCHEMA_PUBLIC


class SchemaView(SpectacularAPIView):
    """The schema: anyone when public, else a token or a session (401 without)."""

    def get_permissions(self):
        return [AllowAny()] if schema_is_public() else [IsAuthenticated()]


class SchemaDocsView(SpectacularSwaggerView):
    """Swagger UI over the schema; a visitor not signed in is sent to the sign-in page
    when the schema is not public (the page itself then fetches the schema with the
    session)."""

    def get_permissions(self):
        return [AllowAny()] if schema_is_public() else [IsAuthenticated()]

    def dispatch(self, request, *args, **kwargs):
        if not schema_is_public() and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)
