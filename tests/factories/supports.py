import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from jobseekers.models import FundingSource, Support, SupportKind, SupportStatus
from tests.factories.jobseekers import ParticipantFactory


def _this_year_start():
    return timezone.localdate().replace(month=1, day=1)


class FundingSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingSource

    name = factory.Sequence(lambda n: f"Reentry fund {n}")
    budget = Decimal("1000.00")
    starts_on = factory.LazyFunction(lambda: _this_year_start() - datetime.timedelta(days=365))
    ends_on = factory.LazyFunction(lambda: _this_year_start() + datetime.timedelta(days=730))
    is_active = True


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    participant = factory.SubFactory(ParticipantFactory)
    kind = SupportKind.BUS_PASS
    amount = Decimal("45.00")
    given_on = factory.LazyFunction(timezone.localdate)
    funding_source = factory.SubFactory(FundingSourceFactory)
    status = SupportStatus.GIVEN
    recorded_by = factory.SelfAttribute("participant.facilitator")
    approved_by = factory.SelfAttribute("participant.facilitator")
