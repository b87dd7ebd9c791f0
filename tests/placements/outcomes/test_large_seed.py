"""The statewide placements builder (`seed_demo --scale large`) at a small size: about
two in five released people placed, hired applications as placements, four
retention checks each, jobs consistent with returns to custody, a report worth reading
over them; a second run adds nothing."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import F
from django.utils import timezone

from employers.demo import seed_large as seed_large_employers
from jobseekers.demo import seed_large as seed_large_participants
from jobseekers.models import CustodyEvent, Participant
from placements.applications.large import seed_large as seed_large_applications
from placements.applications.large_placements import seed_large_placements
from placements.applications.models import Application, Placement, RetentionCheck
from placements.outcomes import report
from placements.outcomes.periods import Period

pytestmark = pytest.mark.django_db


def test_statewide_placements_retention_checks_and_returns_to_custody():
    out = io.StringIO()
    seed_large_employers(stdout=out, employers=20, jobs=100)
    seed_large_participants(stdout=out, participants=400, facilitators=3)
    seed_large_applications(stdout=out, applications=600)
    seed_large_placements(stdout=out)
    today = timezone.localdate()

    released = Participant.objects.filter(release_date__lt=today).count()
    placed = Placement.objects.values("participant").distinct().count()
    assert 0.3 * released <= placed <= 0.7 * released
    hired = Application.objects.filter(status="hired")
    assert hired.exists()
    # A hired application becomes the person's placement (one per person, once
    # released and unless back inside first): most of them, and only those.
    assert Placement.objects.filter(application__in=hired).count() >= 0.5 * hired.count()
    through_portal = Placement.objects.exclude(application=None)
    assert not through_portal.exclude(application__status="hired").exists()
    assert not through_portal.exclude(application__participant=F("participant")).exists()
    assert Placement.objects.filter(subsidized=True).exists()
    # Some people placed twice.
    assert Placement.objects.count() > placed

    # Four checks each; none answered before it is due; most of those due answered.
    assert RetentionCheck.objects.count() == 4 * Placement.objects.count()
    assert not RetentionCheck.objects.filter(due_on__gt=today).exclude(outcome="").exists()
    due = RetentionCheck.objects.filter(due_on__lte=today)
    assert due.exclude(outcome="").count() >= 0.6 * due.count()
    assert due.filter(outcome="same_employer", hourly_wage__isnull=False).exists()

    # A job starts after release and before any return to custody, and ends at it.
    assert not Placement.objects.filter(start_date__lt=F("participant__release_date")).exists()
    returns = CustodyEvent.objects.exclude(kind="arrest_no_conviction")
    assert returns.exists()
    for event in returns:
        for job in Placement.objects.filter(participant=event.participant_id):
            assert job.start_date < event.occurred_on or job.start_date > event.occurred_on
            if job.start_date < event.occurred_on:
                assert job.separated_on is not None and job.separated_on <= event.occurred_on

    # The report over the last year counts placements, retention and returns.
    year = Period(start=today.replace(year=today.year - 1), end=today)
    outcomes = report.outcomes_report(period=year)
    assert outcomes.figures["placements"].measure("people_placed") > 0
    assert outcomes.figures["retention"].value[90].of > 0
    assert outcomes.figures["employed_within_30_days_of_release"].value.of > 0

    count = Placement.objects.count()
    seed_large_placements(stdout=out)
    assert Placement.objects.count() == count
    assert "already there" in out.getvalue()


def test_demo_history_jobs_make_a_report_worth_reading(staff_user):
    """The demo history people (released 300 to 900 days ago) with their jobs: within
    30 days of release Tyrone (14 days), Keisha (10), Carlos (25), Brandon (20) and
    Crystal (18) found an unsubsidized job; José's first job (8 days) is transitional
    and his next came at 60 days, Angela's at 45; Latoya and Terrence had none: 5 of 9.
    Jobs end at a return to custody; a second run adds nothing."""
    from jobseekers.demo.history import seed_history
    from placements.applications.demo_history import seed_history_placements

    today = timezone.localdate()
    seed_history(facilitator=staff_user, today=today)
    seed_history_placements(stdout=io.StringIO(), facilitator=staff_user)
    jobs = Placement.objects.filter(participant__facilitator=staff_user)
    assert jobs.count() == 8
    tyrone = jobs.get(participant__first_name="Tyrone")
    assert tyrone.separation_reason == "returned_to_custody"
    assert tyrone.separated_on == today - timedelta(days=450)
    assert RetentionCheck.objects.filter(placement=tyrone, days=365, outcome="not_working").exists()
    keisha = jobs.get(participant__first_name="Keisha")
    check = RetentionCheck.objects.get(placement=keisha, days=180)
    assert (check.outcome, check.hourly_wage, check.hours_per_week) == (
        "same_employer",
        Decimal("18.75"),
        Decimal("40.00"),
    )

    everyone = Period(start=today - timedelta(days=900), end=today)
    figure = report.outcomes_report(period=everyone).figures["employed_within_30_days_of_release"]
    assert (figure.value.count, figure.value.of) == (5, 9)

    seed_history_placements(stdout=io.StringIO(), facilitator=staff_user)
    assert jobs.count() == 8
