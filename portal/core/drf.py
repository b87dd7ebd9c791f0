"""Django REST framework plumbing shared by every app's API: one error format, one
pagination."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from portal.core.exceptions import ApplicationError


def _plain(detail):
    """DRF's ErrorDetail tree as plain strings, lists and dicts."""
    if isinstance(detail, dict):
        return {str(key): _plain(value) for key, value in detail.items()}
    if isinstance(detail, list | tuple):
        return [_plain(item) for item in detail]
    return str(detail)


def error_body(*, detail: str, code: str, fields: dict | None = None) -> dict:
    """The one shape of every API error: {"detail", "code", "fields"}."""
    return {"detail": str(detail), "code": code, "fields": fields or {}}


REQUEST_TOO_LARGE = "request_too_large"


def request_too_large_body() -> dict:
    """The error of a body over DATA_UPLOAD_MAX_MEMORY_SIZE (413 Content Too Large)."""
    return error_body(
        detail=_("The request is too large. Send less data at once."), code=REQUEST_TOO_LARGE
    )


def api_exception_handler(exc, context):
    """Turn any error raised under /api/ into {"detail", "code", "fields"}.

    ApplicationError keeps its own status (400, 403, 404, 409...) and message; DRF's and
    Django's validation errors become 400 with the messages per field; anything unknown is
    left to Django, whose 500 handler answers JSON under /api/ without leaking details.
    """
    if isinstance(exc, ApplicationError):
        set_rollback()
        return Response(
            error_body(detail=exc.message, code=exc.code, fields=exc.fields),
            status=exc.status_code,
        )
    if isinstance(exc, RequestDataTooBig):
        # Django would answer its HTML 400 page; an API client gets the one shape, and
        # 413 (Content Too Large) says that sending the same body again will not help.
        return Response(request_too_large_body(), status=413)
    if isinstance(exc, DjangoValidationError):
        fields = exc.message_dict if hasattr(exc, "error_dict") else {}
        exc = exceptions.ValidationError(fields or {"non_field_errors": exc.messages})
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    # DRF's own handler sets the status, the WWW-Authenticate and Retry-After headers.
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        if isinstance(detail, dict):
            body = error_body(
                detail=_("Please correct the errors below."), code="invalid", fields=_plain(detail)
            )
        else:
            messages = _plain(detail)
            body = error_body(detail=" ".join(messages) if messages else "", code="invalid")
    else:
        codes = exc.get_codes()
        body = error_body(
            detail=exc.detail, code=codes if isinstance(codes, str) else exc.default_code
        )
    response.data = body
    return response


class PortalPagination(PageNumberPagination):
    """Pages of PAGE_SIZE (25) rows: {"count", "next", "previous", "results"}.
    `?page_size=` may ask for up to 100."""

    page_size_query_param = "page_size"
    max_page_size = 100


def only_portal_api_endpoints(endpoints):
    """drf-spectacular preprocessing hook: document the portal's /api/v1/ only, not the
    internal API Wagtail's editor uses."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
