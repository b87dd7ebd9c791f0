import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from placements.models import (
    DailyRating,
    PayPeriod,
    PaySchedule,
    TimeEntry,
    WorkAssignment,
    WorkSite,
)
from tests.factories.jobseekers import ParticipantFactory, StaffFactory


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


class WorkSiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkSite
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Crew site {n}")
    address = "3200 Wayne Ave, Kansas City, MO"
    crew_capacity = 8

    @factory.post_generation
    def supervisors(self, create, extracted, **kwargs):
        if create:
            self.supervisors.set(extracted if extracted is not None else [StaffFactory()])


class WorkAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkAssignment

    participant = factory.SubFactory(ParticipantFactory)
    worksite = factory.SubFactory(WorkSiteFactory)
    starts_on = factory.LazyFunction(lambda: days_ago(60))
    hourly_rate = Decimal("16.00")
    pay_schedule = PaySchedule.WEEKLY


class TimeEntryFactory(factory.django.DjangoModelFactory):
    """A shift without the service's checks: for setting up payroll quickly."""

    class Meta:
        model = TimeEntry

    assignment = factory.SubFactory(WorkAssignmentFactory)
    participant = factory.SelfAttribute("assignment.participant")
    worksite = factory.SelfAttribute("assignment.worksite")
    hourly_rate = factory.SelfAttribute("assignment.hourly_rate")
    work_date = factory.LazyFunction(lambda: days_ago(3))
    hours = Decimal("8.00")


class DailyRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DailyRating

    participant = factory.SubFactory(ParticipantFactory)
    worksite = factory.SubFactory(WorkSiteFactory)
    work_date = factory.LazyFunction(lambda: days_ago(3))
    cooperation_with_supervisor = 3
    effort = 3
    punctuality_and_attendance = 3
    cooperation_with_coworkers = 3
    personal_presentation = 3


class PayPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PayPeriod

    schedule = PaySchedule.WEEKLY
    starts_on = factory.LazyFunction(lambda: days_ago(13))
    ends_on = factory.LazyAttribute(lambda period: period.starts_on + datetime.timedelta(days=6))
    pay_date = factory.LazyAttribute(lambda period: period.ends_on + datetime.timedelta(days=2))
