import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from employers.models import (
    Employer,
    EmployerMembership,
    EmploymentType,
    FairKind,
    FairStatus,
    HiringFair,
    HiringPolicy,
    JobPosting,
    JobStatus,
    ShiftPeriod,
    VettingStatus,
)
from portal.core.models import Role
from tests.factories.users import UserFactory


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer
        skip_postgeneration_save = True

    legal_name = factory.Sequence(lambda n: f"Riverside Foods {n} LLC")
    display_name = factory.Sequence(lambda n: f"Riverside Foods {n}")
    ein = factory.Sequence(lambda n: f"43-{1000000 + n:07d}")
    street = "100 Main St"
    city = "Kansas City"
    state = "MO"
    zip_code = "64106"
    industry = "food_service"
    employee_count = 40
    phone = "816-555-0100"
    status = VettingStatus.APPROVED
    policy = factory.RelatedFactory(
        "tests.factories.employers.HiringPolicyFactory", factory_related_name="employer"
    )


class HiringPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HiringPolicy

    employer = factory.SubFactory(EmployerFactory, policy=None)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployerMembership

    user = factory.SubFactory(UserFactory, role=Role.EMPLOYER)
    employer = factory.SubFactory(EmployerFactory)
    is_owner = True


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobPosting
        skip_postgeneration_save = True

    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"Line cook {n}")
    description = "Prepare food on the line. We train you."
    zip_code = "64106"
    city = "Kansas City"
    state = "MO"
    latitude = 39.1050
    longitude = -94.5860
    transit_accessible = True
    shift_days = "mon,tue,wed,thu,fri"
    shift_start = dt.time(7)
    shift_end = dt.time(15)
    shift_period = ShiftPeriod.DAY
    hours_per_week = 40
    employment_type = EmploymentType.FULL_TIME
    wage_min = Decimal("16.00")
    wage_max = Decimal("18.50")
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    status = JobStatus.OPEN
    published_at = factory.LazyFunction(timezone.now)


class FairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HiringFair

    title = factory.Sequence(lambda n: f"Spring hiring fair {n}")
    kind = FairKind.COMMUNITY
    venue = "Central Library, 14 W 10th St, Kansas City"
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=20))
    ends_at = factory.LazyAttribute(lambda fair: fair.starts_at + dt.timedelta(hours=4))
    registration_deadline = factory.LazyAttribute(
        lambda fair: fair.starts_at - dt.timedelta(days=3)
    )
    employer_capacity = 10
    participant_capacity = 100
    booth_fee = Decimal("150.00")
    status = FairStatus.PUBLISHED
