"""Demo data: the small seed computes matches for the demo people; the statewide
builders (`--scale large`) make consistent rows in bulk (here at a smaller size)."""

import io

import pytest
from django.core.management import call_command

from employers.demo import seed_large as seed_large_employers
from employers.models import JobPosting
from jobseekers.demo import seed_large as seed_large_participants
from jobseekers.models import Participant, RecordEntry, SupervisionTerms
from placements.matching import services
from placements.models import MatchResult, MatchRun

pytestmark = pytest.mark.django_db


def test_small_demo_has_matches_for_pat():
    services._INDEX_CACHE.clear()
    call_command("seed_demo", "--force", stdout=io.StringIO())
    pat = Participant.objects.get(user__username="participant")
    titles = list(MatchResult.objects.filter(participant=pat).values_list("job__title", flat=True))
    assert titles[0] == "Forklift operator, day shift"
    assert "Warehouse associate" not in titles  # a night shift against a 10 pm curfew
    # One run for each active participant (the demo's history people who left the program
    # or returned to custody are not matched).
    assert MatchRun.objects.count() == Participant.objects.filter(status="active").count()


def test_large_builders_make_consistent_rows_and_skip_when_done():
    out = io.StringIO()
    seed_large_employers(stdout=out, employers=20, jobs=300)
    seed_large_participants(stdout=out, participants=400, facilitators=5)
    assert JobPosting.objects.filter(employer__ein__startswith="45-").count() == 300
    assert Participant.objects.filter(email__endswith="@large-demo.invalid").count() == 400
    assert SupervisionTerms.objects.exists() and RecordEntry.objects.exists()
    seed_large_employers(stdout=out, employers=20, jobs=300)
    seed_large_participants(stdout=out, participants=400, facilitators=5)
    assert JobPosting.objects.filter(employer__ein__startswith="45-").count() == 300
    assert Participant.objects.filter(email__endswith="@large-demo.invalid").count() == 400
    services._INDEX_CACHE.clear()
    result = services.matches_recompute_all()
    assert result["jobs"] == 300 and result["participants"] > 300
    assert MatchResult.objects.count() > 0
