from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal.core import views as core_views
from portal.core.api_schema import SchemaDocsView, SchemaView
from portal.core.drf import unknown_api_route
from portal.core.forms import QueuedPasswordResetForm

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", core_views.LoginView.as_view(), name="login"),
    # Before django.contrib.auth.urls: the sign-out page with "Sign out on every device".
    path("accounts/logout/", core_views.SignOutView.as_view(), name="logout"),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(
            form_class=QueuedPasswordResetForm,
            email_template_name="registration/password_reset_email.txt",
        ),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("portal.core.urls")),
    path("", include("cms.urls")),
    path("api/v1/", include("portal.core.api_urls")),
    path("api/v1/", include("jobseekers.api_urls")),
    path("", include("jobseekers.urls")),
    path("api/v1/", include("employers.api_urls")),
    path("payments/", include("portal.payments.urls")),
    path("sms/", include("portal.messaging.urls")),
    path("", include("employers.urls")),
    path("api/v1/", include("placements.api_urls")),
    path("", include("placements.urls")),
    path("api/schema/", SchemaView.as_view(), name="api-schema"),
    path("api/docs/", SchemaDocsView.as_view(url_name="api-schema"), name="api-docs"),
    # After every API route: the rest of /api/ is the API's JSON 404 (not the content site).
    re_path(r"^api/", unknown_api_route),
    path("django-admin/", admin.site.urls),
    path("cms/admin/", include(wagtailadmin_urls)),
    path("cms/documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Last: Wagtail serves the content site, with the home page at "/".
urlpatterns.append(path("", include(wagtail_urls)))

handler400 = "portal.core.views.bad_request"
handler404 = "portal.core.views.page_not_found"
handler500 = "portal.core.views.server_error"
