"""Django REST framework plumbing shared by every app's API: one error format, one
pagination, and what the OpenAPI schema says of both (and of times, web addresses and
emails), so that the schema at /api/schema/ tells the truth (`make fuzz` checks it)."""

import copy
import datetime
import re

from django import forms
from django.core.exceptions import FieldDoesNotExist, RequestDataTooBig
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.fields import empty
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
    `?page_size=` may ask for up to 100 (more gets 100); anything but a whole number from 1
    is refused with 400, as the schema says (DRF would silently use 25 instead)."""

    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        asked = request.query_params.get(self.page_size_query_param)
        if asked is not None and not (asked.isascii() and asked.isdigit() and int(asked) >= 1):
            raise exceptions.ValidationError(
                {self.page_size_query_param: [_("Enter a whole number from 1 to 100.")]}
            )
        return super().get_page_size(request)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["description"] = (
                    f"Rows per page, at most {self.max_page_size} (a larger number gets "
                    f"{self.max_page_size})."
                )
        return parameters


def only_portal_api_endpoints(endpoints):
    """drf-spectacular preprocessing hook: document the portal's /api/v1/ only, not the
    internal API Wagtail's editor uses."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


# --- What the schema says ---------------------------------------------------------------

# A wall-clock time of the program's local day ("08:00", "17:30:00"): shifts and curfews
# have no time zone, so they are not the `time` format of OpenAPI (RFC 3339, which always
# carries an offset such as "08:00:00Z").
WALL_CLOCK_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"
_WALL_CLOCK = re.compile(WALL_CLOCK_PATTERN)


class WallClockSchema(OpenApiSerializerFieldExtension):
    """Every TimeField of the API in the schema: "HH:MM" or "HH:MM:SS", no offset."""

    target_class = "rest_framework.fields.TimeField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "pattern": WALL_CLOCK_PATTERN, "example": "08:00"}


class WallClockTimeField(serializers.TimeField):
    """A time as input: exactly "HH:MM" or "HH:MM:SS" (the schema's pattern). DRF's own
    TimeField also takes "8:0", "0800" or "08:00+05:00", which the schema does not allow."""

    def to_internal_value(self, value):
        if isinstance(value, datetime.time):  # a stored value merged into a PATCH
            return super().to_internal_value(value)
        if not isinstance(value, str) or not _WALL_CLOCK.fullmatch(value):
            self.fail("invalid", format="HH:MM")
        return super().to_internal_value(value)


class _BlankAllowedFormatSchema(OpenApiSerializerFieldExtension):
    """A web address or email that may be left empty (`blank=True`) is "" when empty, and
    "" is neither a `uri` nor an `email`: the schema says "this format, or empty"."""

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if not _may_be_blank(self.target) or schema.get("type") != "string":
            return schema
        # No `type` at the top: drf-spectacular would add the format there again.
        formatted = {"type": schema.pop("type"), "format": schema.pop("format", None)}
        if getattr(self.target, "max_length", None):
            formatted["maxLength"] = self.target.max_length
        schema["anyOf"] = [formatted, {"type": "string", "maxLength": 0}]
        return schema


def _may_be_blank(field) -> bool:
    """Whether the field accepts "" or, read-only, shows a model field that may be ""
    (a ModelSerializer's read-only field forgets the model's `blank`)."""
    if getattr(field, "allow_blank", False):
        return True
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source:
        return False
    try:
        return model._meta.get_field(field.source).blank
    except FieldDoesNotExist:
        return False


class BlankAllowedUrlSchema(_BlankAllowedFormatSchema):
    target_class = "rest_framework.fields.URLField"
    match_subclasses = True


class BlankAllowedEmailSchema(_BlankAllowedFormatSchema):
    target_class = "rest_framework.fields.EmailField"
    match_subclasses = True


@extend_schema_field(build_basic_type(OpenApiTypes.BOOL))
class RequiredBooleanField(serializers.BooleanField):
    """A yes/no the client must send. DRF reads a boolean missing from a form body as an
    unticked checkbox (False); an API field that is required must be refused when
    missing, whatever the body's content type."""

    default_empty_html = empty


# The one error shape (error_body) as a schema component. `fields` maps a field to its
# messages, or for a list or a nested object to their messages in the same shape.
ERROR_COMPONENT = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "fields": {"type": "object", "additionalProperties": {}},
    },
    "required": ["detail", "code", "fields"],
}

_WRITES = {"post", "put", "patch", "delete"}
_ERROR_DESCRIPTIONS = {
    "400": "Invalid input: the messages per field are in `fields`.",
    "401": "No token or session, or an expired or revoked token.",
    "403": "Signed in, but not allowed to do this (or the second factor is missing).",
    "404": "No such object, or one you may not see; or an unknown route.",
    "409": "The object's current state forbids this (code says which rule).",
    "413": "Content Too Large: a body over 5 MB (code `request_too_large`).",
    "429": "Too many requests, or signing in is locked out for a while (see Retry-After).",
}


def _errors_of(method: str, operation: dict) -> list[str]:
    """The error statuses this operation can answer with, whatever its view."""
    signed_in = any(requirement for requirement in operation.get("security", []))
    write = method in _WRITES
    statuses = ["404", "429"]
    if write or any(p["in"] == "query" for p in operation.get("parameters", [])):
        statuses.append("400")
    if signed_in:
        statuses += ["401", "403"]
    if write:
        statuses.append("409")
    if "requestBody" in operation:
        statuses.append("413")
    return sorted(statuses)


_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def json_request_bodies(result, generator, request, public):
    """drf-spectacular postprocessing hook: the API takes JSON. DRF's form parsers also
    read flat form bodies, but a form cannot say null, an empty list or a nested object,
    so the schema documents JSON wherever a view takes it (uploads stay multipart)."""
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                for media_type in _FORM_TYPES:
                    content.pop(media_type, None)
    return result


@csrf_exempt
def unknown_api_route(request, *args, **kwargs):
    """Any address under /api/ that is no endpoint: the API's JSON 404, whatever the
    method. Without it a POST to /api/v1/jobs/abc/ would meet the content site's CSRF
    check and get an HTML 403 page."""
    return JsonResponse(error_body(detail=_("Not found."), code="not_found"), status=404)


def declare_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: the error answers every API view can give
    (api_exception_handler's one shape), on every operation that can get them, without
    replacing what a view declares itself.

    404 and 429 anywhere (an unknown or hidden object, the rate limits); 400 where there
    is input; 401 and 403 where a sign-in is needed; 409 on writes (ConflictError); 413
    where there is a body.
    """
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR_COMPONENT
    error = {"$ref": "#/components/schemas/Error"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            responses = operation.setdefault("responses", {})
            for status in _errors_of(method, operation):
                responses.setdefault(
                    status,
                    {
                        "description": _ERROR_DESCRIPTIONS[status],
                        "content": {"application/json": {"schema": error}},
                    },
                )
    return result


def refuse_a_method_the_route_lacks(request, view) -> None:
    """Answer 405 (with `Allow`) for a method the view has no handler for, before a
    permission scopes the user out with 404: nobody may PUT a list, so saying so tells an
    outsider nothing, while a 404 would claim the address does not exist (the fuzz run's
    unsupported_method check). Call it first in a permission that raises NotFound."""
    method = request.method.lower()
    if method not in view.http_method_names or not hasattr(view, method):
        raise exceptions.MethodNotAllowed(request.method)


class StrictCharField(serializers.CharField):
    """A text field that refuses a JSON number or true/false where the schema says
    string: DRF's own CharField turns 0 into "0", so the API accepted what its schema
    refuses (found by the fuzz run)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


# drf-spectacular describes a decimal as `^-?\d{0,N}(?:\.\d{0,M})?$`, which also matches
# "", "-" and ".", all refused by DRF's DecimalField: the schema says at least one digit.
_LOOSE_DECIMAL = re.compile(r"^\^-\?\\d\{0,(\d+)\}\(\?:\\\.\\d\{0,(\d+)\}\)\?\$$")


def _tighten_decimals(node) -> None:
    if isinstance(node, dict):
        pattern = node.get("pattern")
        if node.get("format") == "decimal" and isinstance(pattern, str):
            loose = _LOOSE_DECIMAL.fullmatch(pattern)
            if loose:
                whole, places = loose.groups()
                node["pattern"] = (
                    rf"^-?(?:\d{{1,{whole}}}(?:\.\d{{0,{places}}})?|\.\d{{1,{places}}})$"
                )
        for value in node.values():
            _tighten_decimals(value)
    elif isinstance(node, list):
        for value in node:
            _tighten_decimals(value)


def decimals_need_a_digit(result, generator, request, public):
    """drf-spectacular postprocessing hook: a decimal's pattern needs a digit (above)."""
    _tighten_decimals(result)
    return result


# --- List filters of the API -------------------------------------------------------------


# What a yes/no filter of the API takes (the schema's `boolean` is "true" or "false"; the
# usual words too, as employers.filters.YesNoField reads them).
YES_NO_WORDS = frozenset({"true", "false", "on", "off", "1", "0", "yes", "no", "y", "n", "t", "f"})


class ApiFilterBackend(DjangoFilterBackend):
    """The API's django-filter backend: a filter sent empty (`?work_date=`) is refused with
    400 unless it is free text, since "" is no date, number, choice or yes/no, and the
    schema says so; a yes/no filter takes yes/no words only (Django's check box reads any
    word as yes). django-filter itself reads an empty value as "no filter", which the
    HTML list pages keep: their forms send every field, filled in or not, and they use
    the FilterSets directly, not this backend."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is not None:
            self.refuse_what_the_schema_refuses(request, filterset)
        return super().filter_queryset(request, queryset, view)

    @staticmethod
    def refuse_what_the_schema_refuses(request, filterset) -> None:
        """400 for a parameter of `filterset` sent empty, a yes/no that is neither, or a
        bad value of a filter this user may not use (a view that cleans its FilterSet
        itself calls this too)."""
        # Every filter the schema lists, also one this user may not use (the caseload's
        # `facilitator` is for admins only and ignored for others): its value must still
        # be one the schema allows, or the API would accept what its schema refuses.
        errors = {}
        for name, base in type(filterset).base_filters.items():
            values = request.query_params.getlist(name)
            if not values:
                continue
            if not issubclass(base.field_class, forms.CharField) and not any(
                value.strip() for value in values
            ):
                errors[name] = [_("Leave this filter out rather than sending it empty.")]
            elif issubclass(base.field_class, forms.BooleanField | forms.NullBooleanField):
                wrong = [v for v in values if v.strip().lower() not in YES_NO_WORDS]
                if wrong:
                    invalid = forms.ChoiceField.default_error_messages["invalid_choice"]
                    errors[name] = [invalid % {"value": wrong[0]}]
            elif name not in filterset.filters:
                unused = copy.deepcopy(base)
                unused.parent, unused.model = filterset, filterset._meta.model
                try:
                    for value in values:
                        unused.field.clean(value)
                except DjangoValidationError as error:
                    errors[name] = error.messages
        if errors:
            raise exceptions.ValidationError(errors)


class ApiFilterSchema(DjangoFilterExtension):
    """What ApiFilterBackend's filters take, in the schema: a whole number (not any
    number) for an IntegerField, and a filter's min_value, max_value and max_length,
    which drf-spectacular leaves out (a `radius=0` looked valid and got 400)."""

    target_class = "portal.core.drf.ApiFilterBackend"
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        extra = filter_field.extra
        for parameter in parameters:
            schema = parameter["schema"]
            field_class = filter_field.field_class
            whole = issubclass(field_class, forms.IntegerField) and not issubclass(
                field_class,
                forms.DecimalField | forms.FloatField,  # Django's subclasses
            )
            if whole and schema.get("type") in ("number", "integer"):
                schema["type"] = "integer"
                schema.pop("format", None)
            for option, keyword in (
                ("min_value", "minimum"),
                ("max_value", "maximum"),
                ("max_length", "maxLength"),
            ):
                value = extra.get(option)
                if callable(value):  # a setting read when the form is made
                    value = value()
                if value is not None:
                    schema[keyword] = value
            digits, places = extra.get("max_digits"), extra.get("decimal_places")
            if issubclass(field_class, forms.DecimalField) and digits and places:
                # An amount with at most `places` decimals (`min_wage=12.50`): a number in
                # JSON Schema cannot say how many, so it is the text of one, as in bodies.
                number = rf"\d{{1,{digits - places}}}(?:\.\d{{0,{places}}})?|\.\d{{1,{places}}}"
                sign = "" if (extra.get("min_value") or 0) >= 0 else "-?"
                parameter["schema"] = {
                    "type": "string",
                    "format": "decimal",
                    "pattern": rf"^{sign}(?:{number})$",
                }
        return parameters
