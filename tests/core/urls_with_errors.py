"""The portal's URLs plus views that crash, to test the 500 handlers."""

from django.urls import path

from portal.urls import handler400, handler404, handler500
from portal.urls import urlpatterns as portal_urlpatterns


def crash(request):
    return 1 / 0


urlpatterns = [
    path("crash/", crash),
    path("api/v1/crash/", crash),
    *portal_urlpatterns,
]

__all__ = ["handler400", "handler404", "handler500", "urlpatterns"]
