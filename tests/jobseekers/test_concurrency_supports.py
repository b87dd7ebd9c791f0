"""Two staff saving supports from one funding source at the same moment, on PostgreSQL:
the budget is never overspent; the second save sees the first and is refused."""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from jobseekers.models import Support
from jobseekers.services import support_record
from portal.core.exceptions import ApplicationError
from portal.core.models import Role
from tests.factories.jobseekers import ParticipantFactory
from tests.factories.supports import FundingSourceFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def race(actions):
    """Run each action in its own thread, released together; the outcomes sorted."""
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite has no row locks (select_for_update) to race on.")
    barrier = threading.Barrier(len(actions))
    results: list[str] = []

    def go(action):
        try:
            barrier.wait()
            action()
            results.append("ok")
        except ApplicationError as error:
            results.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=go, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(results)


def test_two_saves_that_together_exceed_the_budget_one_wins():
    source = FundingSourceFactory(budget=Decimal("150.00"))
    people = []
    for n in range(2):
        staff = UserFactory(role=Role.STAFF, username=f"staff{n}")
        people.append((ParticipantFactory(facilitator=staff), staff))

    def save(person, staff):
        return lambda: support_record(
            participant=person,
            actor=staff,
            kind="work_clothes",
            amount="100.00",
            given_on=timezone.localdate(),
            funding_source=source.pk,
        )

    results = race([save(person, staff) for person, staff in people])
    assert results == ["ok", "over_budget"]
    assert Support.objects.aggregate(total=Sum("amount"))["total"] == Decimal("100.00")


def test_two_saves_that_fit_both_succeed():
    source = FundingSourceFactory(budget=Decimal("200.00"))
    staff = UserFactory(role=Role.STAFF, username="staff")
    person = ParticipantFactory(facilitator=staff)

    def save():
        support_record(
            participant=person,
            actor=staff,
            kind="bus_pass",
            amount="100.00",
            given_on=timezone.localdate(),
            funding_source=source.pk,
        )

    assert race([save, save]) == ["ok", "ok"]
    assert Support.objects.aggregate(total=Sum("amount"))["total"] == Decimal("200.00")
