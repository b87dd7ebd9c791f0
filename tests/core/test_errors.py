import pytest
from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.test import override_settings
from rest_framework import exceptions

from portal.core.drf import api_exception_handler
from portal.core.exceptions import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from portal.core.forms import show_error_on_form


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (ApplicationError("Hours cannot be negative."), 400, "invalid"),
        (ConflictError("This run is already approved."), 409, "conflict"),
        (NotFoundError(), 404, "not_found"),
        (PermissionDeniedError(), 403, "permission_denied"),
        (ConflictError("Full.", code="booth_full"), 409, "booth_full"),
    ],
)
def test_application_errors_become_their_status_with_the_one_shape(error, status, code):
    response = api_exception_handler(error, {})
    assert response.status_code == status
    assert response.data == {"detail": error.message, "code": code, "fields": {}}


def test_application_error_fields_are_lists_of_messages():
    error = ApplicationError("Check the hours.", fields={"hours": "Too many.", "date": ["a", "b"]})
    assert api_exception_handler(error, {}).data["fields"] == {
        "hours": ["Too many."],
        "date": ["a", "b"],
    }


def test_a_django_validation_error_from_full_clean_is_a_400_per_field():
    response = api_exception_handler(DjangoValidationError({"zip": ["Enter a ZIP code."]}), {})
    assert response.status_code == 400
    assert response.data["fields"] == {"zip": ["Enter a ZIP code."]}
    plain = api_exception_handler(DjangoValidationError("Dates are out of order."), {})
    assert plain.data["fields"] == {"non_field_errors": ["Dates are out of order."]}


def test_a_drf_error_keeps_its_status_and_code():
    response = api_exception_handler(exceptions.NotAuthenticated(), {})
    assert response.status_code == 401
    assert response.data["code"] == "not_authenticated"


def test_an_unknown_exception_is_left_to_django():
    assert api_exception_handler(ZeroDivisionError(), {}) is None


class HoursForm(forms.Form):
    hours = forms.DecimalField()


def test_the_form_helper_shows_the_same_messages_on_a_page():
    form = HoursForm(data={"hours": "9"})
    assert form.is_valid()
    show_error_on_form(
        form,
        ApplicationError(
            "This day is already approved.", fields={"hours": ["Too late."], "other": ["X"]}
        ),
    )
    assert form.errors["hours"] == ["Too late."]
    assert form.non_field_errors() == ["X", "This day is already approved."]


def test_an_unknown_page_is_a_plain_404_page(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.text
    assert "Traceback" not in response.text


@override_settings(ROOT_URLCONF="tests.core.urls_with_errors")
@pytest.mark.django_db
def test_a_crash_shows_a_page_without_a_trace_or_settings(client):
    client.raise_request_exception = False
    response = client.get("/crash/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text
    for leak in ("Traceback", "ZeroDivisionError", "SECRET_KEY", "settings"):
        assert leak not in response.text


@override_settings(ROOT_URLCONF="tests.core.urls_with_errors")
@pytest.mark.django_db
def test_a_crash_in_the_api_is_a_json_500_without_a_trace(client):
    client.raise_request_exception = False
    response = client.get("/api/v1/crash/")
    assert response.status_code == 500
    assert response.json() == {
        "detail": "Something went wrong on our side.",
        "code": "server_error",
        "fields": {},
    }


def test_the_form_helper_does_not_repeat_a_fields_message_at_the_top():
    form = HoursForm(data={"hours": "9"})
    assert form.is_valid()
    show_error_on_form(form, ApplicationError("Too late.", fields={"hours": ["Too late."]}))
    assert form.errors["hours"] == ["Too late."]
    assert form.non_field_errors() == []
