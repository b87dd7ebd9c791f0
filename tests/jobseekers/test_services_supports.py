"""Recording direct supports: the budget left, the approval threshold, the admin's
decision, and bad input refused with nothing saved."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from jobseekers import selectors, services
from jobseekers.models import Support, SupportStatus
from portal.core.exceptions import ApplicationError, ConflictError, NotFoundError
from portal.core.models import AuditEvent
from tests.factories.supports import FundingSourceFactory, SupportFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def record(person, actor, source, amount="45.00", **overrides):
    values = {
        "participant": person,
        "actor": actor,
        "kind": "bus_pass",
        "amount": amount,
        "given_on": TODAY(),
        "funding_source": source,
    }
    return services.support_record(**(values | overrides))


def left_of(source):
    return selectors.funding_sources_with_left().get(pk=source.pk).left


def test_a_support_under_the_threshold_is_given_and_counts_against_the_budget(person, staff_user):
    source = FundingSourceFactory(budget=Decimal("100.00"))
    support = record(person, staff_user, source, amount="33.33", note="Monthly pass")
    assert support.status == SupportStatus.GIVEN
    assert support.approved_by == staff_user
    record(person, staff_user, source, amount="33.33")
    assert left_of(source) == Decimal("33.34")
    event = AuditEvent.objects.get(action="support.recorded", details__support_id=support.pk)
    assert event.details["amount"] == "33.33"


def test_the_whole_budget_can_be_spent_to_the_cent_but_not_a_cent_more(person, staff_user):
    source = FundingSourceFactory(budget=Decimal("100.00"))
    for _ in range(3):
        record(person, staff_user, source, amount="33.33")
    record(person, staff_user, source, amount="0.01")
    assert left_of(source) == Decimal("0.00")
    with pytest.raises(ApplicationError) as error:
        record(person, staff_user, source, amount="0.01")
    assert error.value.code == "over_budget"
    assert Support.objects.count() == 4


def test_over_the_threshold_staff_wait_for_an_admin_who_approves(
    person, staff_user, admin_user, settings
):
    settings.PORTAL_SUPPORT_APPROVAL_THRESHOLD = "200.00"
    source = FundingSourceFactory(budget=Decimal("500.00"))
    at_threshold = record(person, staff_user, source, amount="200.00")
    assert at_threshold.status == SupportStatus.GIVEN
    support = record(person, staff_user, source, amount="200.01", kind="tools")
    assert support.status == SupportStatus.PENDING_APPROVAL
    assert support.approved_by is None
    # Set aside at once: only 99.99 is left for anyone else.
    assert left_of(source) == Decimal("99.99")
    assert list(selectors.supports_pending_approval(user=admin_user)) == [support]
    assert not selectors.supports_pending_approval(user=staff_user).exists()

    with pytest.raises(NotFoundError):
        services.support_decide(support=support, actor=staff_user, approve=True)
    decided = services.support_decide(support=support, actor=admin_user, approve=True)
    assert decided.status == SupportStatus.GIVEN
    assert decided.approved_by == admin_user
    with pytest.raises(ConflictError):
        services.support_decide(support=support, actor=admin_user, approve=False)
    assert AuditEvent.objects.filter(action="support.approved").count() == 1


def test_a_declined_support_gives_its_money_back(person, staff_user, admin_user):
    source = FundingSourceFactory(budget=Decimal("300.00"))
    support = record(person, staff_user, source, amount="250.00")
    assert left_of(source) == Decimal("50.00")
    services.support_decide(support=support, actor=admin_user, approve=False)
    assert left_of(source) == Decimal("300.00")
    assert list(selectors.supports_received(participant=person)) == []


def test_an_admin_recording_a_large_support_approves_it(person, admin_user):
    source = FundingSourceFactory(budget=Decimal("900.00"))
    support = record(person, admin_user, source, amount="450.00")
    assert (support.status, support.approved_by) == (SupportStatus.GIVEN, admin_user)


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"amount": "-5.00"}, "amount", "amount_not_positive"),
        ({"amount": "0"}, "amount", "amount_not_positive"),
        ({"amount": "10.005"}, "amount", "invalid"),
        ({"amount": "ten"}, "amount", "invalid"),
        ({"amount": "1000.01"}, "amount", "over_budget"),
        ({"kind": "car"}, "kind", "invalid"),
        ({"funding_source": 999999}, "funding_source", "unknown_funding_source"),
        ({"given_on": TODAY() + datetime.timedelta(days=1)}, "given_on", "invalid_dates"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(person, staff_user, overrides, field, code):
    source = FundingSourceFactory(budget=Decimal("1000.00"))
    with pytest.raises(ApplicationError) as error:
        record(person, staff_user, source, **overrides)
    assert error.value.code == code
    assert field in error.value.fields
    assert not Support.objects.exists()
    assert not AuditEvent.objects.filter(action="support.recorded").exists()


def test_an_inactive_source_or_a_date_outside_its_period_is_refused(person, staff_user):
    inactive = FundingSourceFactory(is_active=False)
    with pytest.raises(ApplicationError) as error:
        record(person, staff_user, inactive)
    assert error.value.code == "inactive_funding_source"
    ended = FundingSourceFactory(
        starts_on=TODAY() - datetime.timedelta(days=60),
        ends_on=TODAY() - datetime.timedelta(days=30),
    )
    with pytest.raises(ApplicationError) as error:
        record(person, staff_user, ended)
    assert error.value.code == "outside_funding_period"
    assert not Support.objects.exists()


def test_staff_outside_the_caseload_cannot_record(person, other_staff):
    with pytest.raises(NotFoundError):
        record(person, other_staff, FundingSourceFactory())


def test_a_budget_cannot_be_lowered_below_what_is_used(admin_user, staff_user):
    support = SupportFactory(amount=Decimal("120.00"))
    source = support.funding_source
    values = {
        "name": source.name,
        "starts_on": source.starts_on,
        "ends_on": source.ends_on,
        "is_active": True,
    }
    with pytest.raises(ApplicationError) as error:
        services.funding_source_update(
            actor=admin_user, funding_source=source, budget="119.99", **values
        )
    assert error.value.code == "budget_below_spent"
    services.funding_source_update(
        actor=admin_user, funding_source=source, budget="120.00", **values
    )
    assert left_of(source) == Decimal("0.00")
    with pytest.raises(NotFoundError):
        services.funding_source_update(
            actor=staff_user, funding_source=source, budget="500.00", **values
        )


def test_admins_create_funding_sources_staff_cannot(admin_user, staff_user):
    values = {
        "name": "Bus fund",
        "budget": "2500.00",
        "starts_on": datetime.date(2026, 1, 1),
        "ends_on": datetime.date(2026, 12, 31),
    }
    source = services.funding_source_create(actor=admin_user, **values)
    assert source.budget == Decimal("2500.00")
    with pytest.raises(NotFoundError):
        services.funding_source_create(actor=staff_user, **values)
    with pytest.raises(ApplicationError):
        services.funding_source_create(
            actor=admin_user, **(values | {"name": "Other", "budget": "-1"})
        )
