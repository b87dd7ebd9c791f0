"""The portal's URLs plus bare baseline views for the benchmarks."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import path

from portal.urls import handler404, handler500
from portal.urls import urlpatterns as portal_urlpatterns


def bare_json(request):
    """The least Django can do for a JSON answer: no auth, no DRF, no query."""
    return JsonResponse({"id": 1, "username": "bench", "role": "staff"})


def bare_html(request):
    """The least Django can do for a page: the same middleware, no template, no query."""
    return HttpResponse("<!doctype html><title>bench</title><p>bench</p>")


@login_required
def signed_in_floor(request):
    """What any signed-in page costs before its own content: the session, the user and
    their second factor (middleware), and the site's base template with its menus."""
    return render(request, "base.html")


urlpatterns = [
    path("bench/bare-json/", bare_json),
    path("bench/bare-html/", bare_html),
    path("bench/signed-in-floor/", signed_in_floor),
    *portal_urlpatterns,
]

__all__ = ["handler404", "handler500", "urlpatterns"]
