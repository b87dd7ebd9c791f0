"""The door list's name search as a django-filter FilterSet."""

import pytest

from placements.fairs.filters import CheckInFilter
from placements.models import FairRegistration
from tests.factories.fairs import RegistrationFactory
from tests.factories.jobseekers import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_each_word_must_match_a_first_last_or_preferred_name(fair):
    zelda = RegistrationFactory(
        fair=fair, participant=ParticipantFactory(first_name="Zelda", last_name="Moss")
    )
    RegistrationFactory(
        fair=fair, participant=ParticipantFactory(first_name="Zelda", last_name="Ng")
    )
    RegistrationFactory(
        fair=fair, participant=ParticipantFactory(first_name="Yusuf", preferred_name="Joe")
    )
    rows = FairRegistration.objects.filter(fair=fair)
    assert list(CheckInFilter({"q": " zel  MOSS "}, queryset=rows).qs) == [zelda]
    assert CheckInFilter({"q": "joe"}, queryset=rows).qs.count() == 1
    assert CheckInFilter({}, queryset=rows).qs.count() == 3
    assert CheckInFilter({"q": ""}, queryset=rows).qs.count() == 3
