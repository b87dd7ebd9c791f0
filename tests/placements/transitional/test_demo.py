"""`seed_demo` adds two work sites, their crews and past pay periods with runs, and can
run again without adding anything."""

import io

import pytest
from django.core.management import call_command

from placements.models import PayPeriod, PayrollRun, PayrollRunStatus, TimeEntry, WorkSite


@pytest.mark.django_db
def test_seed_demo_builds_crews_and_past_payroll_once():
    call_command("seed_demo", "--force", stdout=io.StringIO())
    counts = (WorkSite.objects.count(), PayPeriod.objects.count(), TimeEntry.objects.count())
    assert counts[0] == 2
    assert counts[1] >= 2
    assert PayrollRun.objects.count() == counts[1]
    assert PayrollRun.objects.filter(status=PayrollRunStatus.EXPORTED).exists()
    assert not TimeEntry.objects.filter(payroll_run__isnull=True).exists()
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert (
        WorkSite.objects.count(),
        PayPeriod.objects.count(),
        TimeEntry.objects.count(),
    ) == counts
