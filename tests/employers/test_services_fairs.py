import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from employers.exceptions import (
    BoothFullError,
    BoothTakenError,
    EmployerNotApprovedError,
    FairClosedError,
)
from employers.models import BoothStatus, FairBooth, FairStatus, HiringFair, VettingStatus
from employers.services import (
    FairDetails,
    booth_book,
    booth_cancel,
    booth_checkout_url,
    fair_cancel,
    fair_create,
    fair_publish,
)
from portal.core.exceptions import ApplicationError, PermissionDeniedError
from portal.payments.models import Payment, PaymentStatus
from portal.payments.services import payment_confirm_offline
from tests.factories.employers import EmployerFactory, FairFactory, MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_at_once")]


def fair_details(**overrides) -> FairDetails:
    starts = timezone.now() + dt.timedelta(days=14)
    values = {
        "title": "Reentry hiring fair",
        "kind": "facility",
        "venue": "Western Missouri Correctional Center",
        "starts_at": starts,
        "ends_at": starts + dt.timedelta(hours=3),
        "registration_deadline": starts - dt.timedelta(days=2),
        "employer_capacity": 12,
        "participant_capacity": 80,
        "booth_fee": Decimal("100.00"),
    }
    values.update(overrides)
    return FairDetails(**values)


def test_staff_create_and_publish_fair(staff_user):
    fair = fair_create(details=fair_details(), actor=staff_user)
    assert fair.status == FairStatus.DRAFT
    fair_publish(fair=fair, actor=staff_user)
    fair.refresh_from_db()
    assert fair.status == FairStatus.PUBLISHED


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "moon"}, "kind"),
        ({"employer_capacity": 0}, "employer_capacity"),
        ({"booth_fee": Decimal("-1")}, "booth_fee"),
    ],
)
def test_bad_fair_input(staff_user, overrides, field):
    with pytest.raises(ApplicationError) as error:
        fair_create(details=fair_details(**overrides), actor=staff_user)
    assert field in error.value.fields
    assert not HiringFair.objects.exists()


def test_fair_must_end_after_start_and_deadline_before(staff_user):
    details = fair_details()
    details.ends_at = details.starts_at
    details.registration_deadline = details.starts_at + dt.timedelta(hours=1)
    with pytest.raises(ApplicationError) as error:
        fair_create(details=details, actor=staff_user)
    assert {"ends_at", "registration_deadline"} <= set(error.value.fields)


def test_only_staff_create_fairs(employer_user):
    with pytest.raises(PermissionDeniedError):
        fair_create(details=fair_details(), actor=employer_user)


def test_paid_booth_waits_for_offline_payment_then_confirms(employer_user, employer, staff_user):
    fair = FairFactory(booth_fee=Decimal("150.00"))
    booth = booth_book(fair=fair, employer=employer, actor=employer_user)

    assert booth.status == BoothStatus.PENDING_PAYMENT
    assert booth.payment.amount == Decimal("150.00")
    assert booth.payment.provider == "offline"
    assert booth.payment.reference == f"booth:{booth.pk}"
    assert (
        booth_checkout_url(booth=booth, actor=employer_user, success_url="x", cancel_url="y") == ""
    )

    payment_confirm_offline(payment=booth.payment, offline_reference="CHK-1042", actor=staff_user)
    booth.refresh_from_db()
    assert booth.status == BoothStatus.CONFIRMED
    assert booth.payment.status == PaymentStatus.PAID


def test_free_booth_is_confirmed_at_once(employer_user, employer):
    booth = booth_book(fair=FairFactory(booth_fee=0), employer=employer, actor=employer_user)
    assert booth.status == BoothStatus.CONFIRMED
    assert booth.payment is None


def test_booth_twice_for_one_employer(employer_user, employer):
    fair = FairFactory()
    booth_book(fair=fair, employer=employer, actor=employer_user)
    with pytest.raises(BoothTakenError):
        booth_book(fair=fair, employer=employer, actor=employer_user)
    assert FairBooth.objects.count() == 1


def test_booth_over_capacity_is_full(employer_user, employer):
    fair = FairFactory(employer_capacity=1)
    other = EmployerFactory()
    booth_book(fair=fair, employer=other, actor=MembershipFactory(employer=other).user)
    with pytest.raises(BoothFullError) as error:
        booth_book(fair=fair, employer=employer, actor=employer_user)
    assert error.value.code == "fair_full"
    assert FairBooth.objects.count() == 1


def test_booth_after_deadline_or_on_cancelled_fair(employer_user, employer):
    late = FairFactory(registration_deadline=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(FairClosedError):
        booth_book(fair=late, employer=employer, actor=employer_user)
    cancelled = FairFactory(status=FairStatus.CANCELLED)
    with pytest.raises(FairClosedError):
        booth_book(fair=cancelled, employer=employer, actor=employer_user)
    assert not FairBooth.objects.exists()
    assert not Payment.objects.exists()


def test_booth_for_unapproved_or_other_employer(employer_user, employer, other_employer_user):
    fair = FairFactory()
    with pytest.raises(PermissionDeniedError):
        booth_book(fair=fair, employer=employer, actor=other_employer_user)
    employer.status = VettingStatus.PENDING
    employer.save()
    with pytest.raises(EmployerNotApprovedError):
        booth_book(fair=fair, employer=employer, actor=employer_user)
    assert not FairBooth.objects.exists()


def test_paying_for_another_employers_booth_is_refused(
    employer_user, employer, other_employer_user
):
    booth = booth_book(fair=FairFactory(), employer=employer, actor=employer_user)
    with pytest.raises(PermissionDeniedError):
        booth_checkout_url(booth=booth, actor=other_employer_user, success_url="x", cancel_url="y")


def test_cancel_before_deadline_refunds_in_full(employer_user, employer, staff_user):
    booth = booth_book(fair=FairFactory(), employer=employer, actor=employer_user)
    payment_confirm_offline(payment=booth.payment, offline_reference="CHK-1", actor=staff_user)
    booth_cancel(booth=booth, actor=employer_user)
    booth.refresh_from_db()
    booth.payment.refresh_from_db()
    assert booth.status == BoothStatus.CANCELLED
    assert booth.payment.status == PaymentStatus.REFUNDED
    # The place is free again.
    booth_book(fair=booth.fair, employer=employer, actor=employer_user)


def test_employer_cannot_cancel_after_deadline(employer_user, employer):
    fair = FairFactory()
    booth = booth_book(fair=fair, employer=employer, actor=employer_user)
    HiringFair.objects.filter(pk=fair.pk).update(
        registration_deadline=timezone.now() - dt.timedelta(hours=1)
    )
    with pytest.raises(FairClosedError):
        booth_cancel(booth=booth, actor=employer_user)
    booth.refresh_from_db()
    assert booth.status == BoothStatus.PENDING_PAYMENT


def test_cancelling_a_fair_cancels_booths_and_refunds(employer_user, employer, staff_user):
    fair = FairFactory()
    paid = booth_book(fair=fair, employer=employer, actor=employer_user)
    payment_confirm_offline(payment=paid.payment, offline_reference="CHK-2", actor=staff_user)
    other = EmployerFactory()
    waiting = booth_book(fair=fair, employer=other, actor=MembershipFactory(employer=other).user)

    fair_cancel(fair=fair, actor=staff_user)

    paid.refresh_from_db()
    waiting.refresh_from_db()
    assert paid.status == waiting.status == BoothStatus.CANCELLED
    assert Payment.objects.get(pk=paid.payment_id).status == PaymentStatus.REFUNDED
    assert Payment.objects.get(pk=waiting.payment_id).status == PaymentStatus.CANCELLED


@pytest.mark.django_db(transaction=True)
def test_two_bookings_for_the_last_booth_one_wins():
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite has no row locks (select_for_update) to race on.")
    fair = FairFactory(employer_capacity=1)
    members = [MembershipFactory(employer=EmployerFactory()) for _ in range(2)]
    barrier = threading.Barrier(2)
    results: list[str] = []

    def book(membership):
        try:
            barrier.wait()
            booth_book(fair=fair, employer=membership.employer, actor=membership.user)
            results.append("booked")
        except BoothFullError:
            results.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(member,)) for member in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == ["booked", "full"]
    assert FairBooth.objects.filter(fair=fair).count() == 1
