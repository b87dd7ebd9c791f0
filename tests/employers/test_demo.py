import io

import pytest
from django.core.management import call_command

from employers.models import Employer, FairKind, HiringFair, JobPosting
from employers.selectors import open_jobs_public
from portal.core.models import User

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo", "--force", stdout=io.StringIO())


def snapshot():
    return (
        sorted(Employer.objects.values_list("id", "status", "display_name")),
        sorted(JobPosting.objects.values_list("id", "status", "title", "expires_on")),
        sorted(HiringFair.objects.values_list("id", "title", "starts_at")),
    )


def test_demo_employers_jobs_and_fairs():
    seed()
    statuses = set(Employer.objects.values_list("status", flat=True))
    assert {"approved", "pending"} <= statuses
    demo = User.objects.get(username="employer").employer_membership
    assert demo.is_owner and demo.employer.status == "approved"
    jobs = open_jobs_public()
    assert {job.shift_period for job in jobs} == {"day", "evening", "night"}
    assert any(job.works_weekends for job in jobs)
    assert len({job.zip_code for job in jobs}) >= 8
    assert HiringFair.objects.count() == 2
    assert HiringFair.objects.filter(kind=FairKind.FACILITY).exists()


def test_demo_twice_changes_nothing():
    seed()
    first = snapshot()
    seed()
    assert snapshot() == first
