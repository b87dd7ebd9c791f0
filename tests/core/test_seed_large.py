"""`seed_demo --scale large` builders, at a small size: they work after the small demo
(the facility fair keeps a booth for the demo employer), make exactly the active people
asked for, and the applications and crew shifts (COPY on PostgreSQL); a second run skips."""

import io

import pytest
from django.db.models import Sum

from employers.demo import seed as seed_employers
from employers.demo import seed_large as seed_large_employers
from employers.models import BOOTH_HOLDS_PLACE, FairBooth, FairKind, HiringFair
from jobseekers.demo import seed as seed_participants
from jobseekers.demo import seed_large as seed_large_participants
from jobseekers.models import Participant
from placements.applications.large import seed_large as seed_large_applications
from placements.applications.models import Application
from placements.fairs import demo as fairs_demo
from placements.transitional.large import seed_large as seed_large_shifts
from placements.transitional.models import TimeEntry, TimeEntryMonth
from portal.core import demo as core_demo

pytestmark = pytest.mark.django_db


def test_statewide_employers_leave_the_demo_employer_a_booth_at_the_facility_fair(settings):
    settings.DEBUG = True
    out = io.StringIO()
    core_demo.seed(stdout=out)
    seed_employers(stdout=out)
    # One employer in twenty wants a booth: 20 for 12 places.
    seed_large_employers(stdout=out, employers=400, jobs=20)
    seed_participants(stdout=out)
    fairs_demo.seed(stdout=out)  # books the demo employer's booth (raised BoothFullError)
    fair = HiringFair.objects.get(kind=FairKind.FACILITY)
    held = FairBooth.objects.filter(fair=fair, status__in=BOOTH_HOLDS_PLACE)
    assert held.filter(employer__memberships__user__username="employer").exists()
    assert held.count() == fair.employer_capacity


def test_statewide_builders_make_the_active_people_applications_and_shifts_asked_for():
    out = io.StringIO()
    seed_large_employers(stdout=out, employers=20, jobs=100)
    seed_large_participants(stdout=out, participants=300, active=250, facilitators=3)
    people = Participant.objects.filter(email__endswith="@large-demo.invalid")
    assert people.count() == 300
    assert people.filter(status="active").count() == 250
    seed_large_applications(stdout=out, applications=500)
    assert Application.objects.count() == 500
    assert not Application.objects.filter(resume_version__isnull=True).exists()
    seed_large_shifts(stdout=out, crew=10, shifts_each=20, sites=2)
    assert TimeEntry.objects.count() == 200
    assert TimeEntry.objects.values("participant").distinct().count() == 10
    # The COPY's shifts are in the monthly sums the outcomes report reads.
    months = TimeEntryMonth.objects.aggregate(shifts=Sum("shifts"), hours=Sum("hours"))
    assert months == {"shifts": 200, "hours": TimeEntry.objects.aggregate(h=Sum("hours"))["h"]}
    # A second run adds nothing.
    seed_large_applications(stdout=out, applications=500)
    seed_large_shifts(stdout=out, crew=10, shifts_each=20, sites=2)
    assert Application.objects.count() == 500 and TimeEntry.objects.count() == 200
