import datetime

import factory
from django.utils import timezone

from jobseekers.models import Referral, ReferralNeed, ReferralStatus
from tests.factories.jobseekers import ParticipantFactory
from tests.factories.partners import PartnerOrganisationFactory


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    participant = factory.SubFactory(ParticipantFactory)
    organisation = factory.SubFactory(PartnerOrganisationFactory)
    need = ReferralNeed.HOUSING
    note = "Needs a bed from Friday."
    consent_to_share = True
    consent_recorded_at = factory.LazyFunction(timezone.now)
    status = ReferralStatus.MADE
    made_on = factory.LazyFunction(timezone.localdate)
    follow_up_due_on = factory.LazyAttribute(lambda o: o.made_on + datetime.timedelta(days=7))
