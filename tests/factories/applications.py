import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from jobseekers.models import ResumeVersion
from placements.models import (
    Application,
    ApplicationStatus,
    Interview,
    InterviewMode,
    Placement,
    RetentionCheck,
    WotcScreening,
)
from tests.factories.employers import JobFactory
from tests.factories.jobseekers import ParticipantFactory, ResumeFactory


class ResumeVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResumeVersion

    resume = factory.SubFactory(ResumeFactory)
    number = factory.Sequence(lambda n: n + 1)
    content = factory.LazyFunction(lambda: {"title": "Warehouse", "summary": "Reliable."})


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    participant = factory.SubFactory(ParticipantFactory)
    job = factory.SubFactory(JobFactory)
    employer = factory.LazyAttribute(lambda application: application.job.employer)
    resume_version = factory.LazyAttribute(
        lambda application: ResumeVersionFactory(
            resume=ResumeFactory(participant=application.participant)
        )
    )
    status = ApplicationStatus.SUBMITTED
    status_changed_at = factory.LazyFunction(timezone.now)
    participant_agreed_at = factory.LazyFunction(timezone.now)


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    application = factory.SubFactory(
        ApplicationFactory, status=ApplicationStatus.INTERVIEW_SCHEDULED
    )
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=2))
    mode = InterviewMode.IN_PERSON
    place = "100 Main St, Kansas City"


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement
        skip_postgeneration_save = True

    participant = factory.SubFactory(ParticipantFactory)
    employer_name = "Riverside Foods"
    job_title = "Line cook"
    start_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))
    offered_on = factory.LazyAttribute(
        lambda placement: placement.start_date - dt.timedelta(days=3)
    )
    hourly_wage = Decimal("16.00")
    hours_per_week = Decimal("40.00")

    @factory.post_generation
    def follow_up(placement, create, extracted, **kwargs):
        if not create:
            return
        for days in (30, 90, 180, 365):
            RetentionCheck.objects.create(
                placement=placement,
                days=days,
                due_on=placement.start_date + dt.timedelta(days=days),
            )
        WotcScreening.objects.create(placement=placement, record_eligible=True)
