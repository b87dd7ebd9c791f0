"""The pay stub PDF prints names and reasons in any script (portal.core.pdf's Unicode
font), not "Nguy?n ??ng"."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from pypdf import PdfReader

from placements.transitional.pdf import pay_stub_pdf_bytes
from placements.transitional.selectors import pay_stub_get
from placements.transitional.services import (
    pay_adjustment_create,
    payroll_run_approve,
    payroll_run_create,
    payroll_run_review,
)
from portal.core.models import Role
from tests.factories.transitional import PayPeriodFactory, TimeEntryFactory, WorkAssignmentFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def _approve(admin_user, period):
    run = payroll_run_create(actor=admin_user, period=period)
    payroll_run_review(actor=admin_user, run=run)
    return payroll_run_approve(actor=admin_user, run=run)


@pytest.fixture
def stub(admin_user):
    login = UserFactory(role=Role.PARTICIPANT, username="nguyen")
    assignment = WorkAssignmentFactory(
        participant__user=login,
        participant__first_name="Nguyễn",
        participant__last_name="Đặng",
        starts_on=date(2026, 2, 1),
    )
    TimeEntryFactory(assignment=assignment, work_date=date(2026, 3, 3))
    first = _approve(
        admin_user,
        PayPeriodFactory(
            starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 8), pay_date=date(2026, 3, 10)
        ),
    )
    pay_adjustment_create(
        actor=admin_user,
        participant=assignment.participant,
        corrects_run=first,
        amount=Decimal("12.50"),
        reason="Pausa no pagada el miércoles",
    )
    second = _approve(
        admin_user,
        PayPeriodFactory(
            starts_on=date(2026, 3, 9), ends_on=date(2026, 3, 15), pay_date=date(2026, 3, 17)
        ),
    )
    return pay_stub_get(user=admin_user, stub_id=second.stubs.get().pk), login


def _text(pdf: bytes) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_a_stub_prints_a_vietnamese_name_and_a_spanish_reason(stub):
    pay_stub, _login = stub
    text = _text(pay_stub_pdf_bytes(pay_stub))
    assert "Nguyễn Đặng" in text
    assert "Pausa no pagada el miércoles" in text
    assert "$12.50" in text
    assert "?" not in text


def test_the_participant_downloads_their_stub_with_their_name(stub):
    pay_stub, login = stub
    client = Client()
    client.force_login(login)
    response = client.get(f"/transitional/pay-stubs/{pay_stub.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert "Nguyễn Đặng" in _text(response.content)
