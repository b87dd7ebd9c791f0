"""`seed_demo` adds two work sites, their crews and past pay periods with runs, and can
run again without adding anything."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from placements.models import PayPeriod, PayrollRun, PayrollRunStatus, TimeEntry, WorkSite


@pytest.mark.django_db
def test_seed_demo_builds_crews_and_past_payroll_once():
    call_command("seed_demo", "--force", stdout=io.StringIO())
    counts = (WorkSite.objects.count(), PayPeriod.objects.count(), TimeEntry.objects.count())
    assert counts[0] == 2
    assert counts[1] >= 2
    assert PayrollRun.objects.count() == counts[1]
    assert PayrollRun.objects.filter(status=PayrollRunStatus.EXPORTED).exists()
    assert not TimeEntry.objects.unpaid().exists()
    # No pay before the work: every demo shift and pay period is on a day that has ended,
    # and yesterday is left free for a crew day to approve and pay at once.
    today = timezone.localdate()
    assert not TimeEntry.objects.filter(work_date__gte=today - timedelta(days=1)).exists()
    assert not PayPeriod.objects.filter(ends_on__gte=today).exists()
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert (
        WorkSite.objects.count(),
        PayPeriod.objects.count(),
        TimeEntry.objects.count(),
    ) == counts
