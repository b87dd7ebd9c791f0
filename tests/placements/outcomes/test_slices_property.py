"""Property: the figures of the facilitator slices add up to the program's where they
should (counts and bases of the windowed rates, person-years kept out), whatever the
people, releases, jobs and returns."""

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobseekers.models import CustodyEvent
from placements.outcomes import selectors
from placements.outcomes.periods import Period
from placements.outcomes.selectors import Scope
from tests.factories.applications import PlacementFactory
from tests.factories.jobseekers import ParticipantFactory

pytestmark = pytest.mark.django_db

Q1 = Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 3, 31))
TODAY = dt.date(2026, 6, 1)

someone = st.tuples(
    st.integers(min_value=0, max_value=2),  # which facilitator
    st.integers(min_value=0, max_value=700),  # release, days before 2025-03-31
    st.one_of(st.none(), st.integers(min_value=0, max_value=60)),  # days to a job
    st.one_of(st.none(), st.integers(min_value=1, max_value=400)),  # days to a return
)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(people=st.lists(someone, min_size=1, max_size=12))
def test_facilitator_slices_add_up_to_the_program(staff_user, other_staff, admin_user, people):
    facilitators = [staff_user, other_staff, admin_user]
    with transaction.atomic():
        for which, released_before, to_job, to_return in people:
            release = Q1.end - dt.timedelta(days=released_before)
            participant = ParticipantFactory(facilitator=facilitators[which], release_date=release)
            if to_job is not None:
                PlacementFactory(
                    participant=participant, start_date=release + dt.timedelta(days=to_job)
                )
            if to_return is not None:
                CustodyEvent.objects.create(
                    participant=participant,
                    occurred_on=release + dt.timedelta(days=to_return),
                    kind="new_offense",
                    source="Test",
                )
        slices = [Scope(facilitator_id=user.pk) for user in facilitators]
        for figure in (
            selectors.employed_within_30_days_of_release,
            selectors.employed_at_9_months_after_release,
        ):
            whole = figure(period=Q1, today=TODAY).value
            parts = [figure(period=Q1, scope=scope, today=TODAY).value for scope in slices]
            assert whole.count == sum(part.count for part in parts)
            assert whole.of == sum(part.of for part in parts)
        whole = selectors.recidivism(period=Q1, years=1, today=TODAY).value
        parts = [
            selectors.recidivism(period=Q1, years=1, scope=scope, today=TODAY).value
            for scope in slices
        ]
        assert whole.count == sum(part.count for part in parts)
        assert whole.of == sum(part.of for part in parts)
        whole_days = selectors.cost_savings(period=Q1, today=TODAY).of
        assert whole_days == sum(
            selectors.cost_savings(period=Q1, scope=scope, today=TODAY).of for scope in slices
        )
        transaction.set_rollback(True)
