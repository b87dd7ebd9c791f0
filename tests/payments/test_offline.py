from decimal import Decimal

import pytest
from django.urls import reverse

from employers.models import BoothStatus
from employers.services import booth_book
from portal.core.exceptions import ApplicationError
from portal.core.transitions import InvalidTransition
from portal.payments.models import Payment, PaymentStatus
from portal.payments.services import payment_confirm_offline, payment_create
from tests.factories.employers import FairFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_at_once")]


def test_offline_is_used_without_stripe_keys(staff_user):
    payment = payment_create(
        reference="test:1", description="x", payer_label="y", amount=Decimal("5"), actor=staff_user
    )
    assert payment.provider == "offline"


def test_confirm_needs_a_reference_and_changes_nothing_without_it(staff_user):
    payment = payment_create(
        reference="test:2", description="x", payer_label="y", amount=Decimal("5"), actor=staff_user
    )
    with pytest.raises(ApplicationError):
        payment_confirm_offline(payment=payment, offline_reference=" ", actor=staff_user)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_confirm_twice_is_refused(staff_user):
    payment = payment_create(
        reference="test:3", description="x", payer_label="y", amount=Decimal("5"), actor=staff_user
    )
    payment_confirm_offline(payment=payment, offline_reference="A1", actor=staff_user)
    with pytest.raises(InvalidTransition):
        payment_confirm_offline(payment=payment, offline_reference="A2", actor=staff_user)
    payment.refresh_from_db()
    assert payment.offline_reference == "A1"


def test_zero_payment_refused(staff_user):
    with pytest.raises(ApplicationError):
        payment_create(
            reference="t:4", description="x", payer_label="y", amount=Decimal("0"), actor=staff_user
        )
    assert not Payment.objects.exists()


def test_staff_confirm_page_confirms_booth(client, staff_user, employer_user, employer):
    booth = booth_book(fair=FairFactory(), employer=employer, actor=employer_user)
    client.force_login(staff_user)
    response = client.post(
        reverse("payments:confirm", args=[booth.payment.pk]),
        {"offline_reference": "CHK-77", "next": "/payments/"},
    )
    assert response.status_code == 302
    booth.refresh_from_db()
    assert booth.status == BoothStatus.CONFIRMED


@pytest.mark.parametrize("role_user", ["participant", "employer_user"])
def test_payment_pages_are_404_for_non_staff(client, request, role_user, staff_user):
    payment = payment_create(
        reference="t:5", description="x", payer_label="y", amount=Decimal("5"), actor=staff_user
    )
    client.force_login(request.getfixturevalue(role_user))
    assert client.get(reverse("payments:list")).status_code == 404
    response = client.post(
        reverse("payments:confirm", args=[payment.pk]), {"offline_reference": "x"}
    )
    assert response.status_code == 404
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_payment_list_query_budget(client, staff_user, django_assert_max_num_queries):
    client.force_login(staff_user)
    for count in (1, 30):
        for index in range(Payment.objects.count(), count):
            payment_create(
                reference=f"q:{index}",
                description="x",
                payer_label="y",
                amount=Decimal("5"),
                actor=staff_user,
            )
        # 9: one more than before two-factor sign-in (the staff member's verified device).
        with django_assert_max_num_queries(9):
            assert client.get(reverse("payments:list")).status_code == 200
