import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from employers.exceptions import EmployerNotApprovedError, InvalidJobError
from employers.models import JobPosting, JobStatus, OffenseRule, PolicyDecision, VettingStatus
from employers.selectors import job_effective_rules, open_jobs_public
from employers.services import (
    JobDetails,
    job_approve,
    job_close,
    job_create,
    job_reject,
    job_submit,
    job_update,
    jobs_expire,
    shift_period_of,
)
from portal.core.exceptions import ApplicationError, PermissionDeniedError
from portal.core.transitions import InvalidTransition
from tests.factories.employers import JobFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_at_once")]


def details(**overrides) -> JobDetails:
    values = {
        "title": "Warehouse associate",
        "description": "Pick and pack orders.",
        "zip_code": "64120",
        "shift_days": ["mon", "tue", "wed", "thu", "fri"],
        "shift_start": dt.time(22),
        "shift_end": dt.time(6),
        "hours_per_week": 40,
        "employment_type": "full_time",
        "wage_min": Decimal("16.00"),
        "wage_max": Decimal("19.00"),
        "expires_on": timezone.localdate() + dt.timedelta(days=30),
        "transit_accessible": True,
    }
    values.update(overrides)
    return JobDetails(**values)


def test_create_draft_with_location_and_overnight_shift(employer_user, employer):
    job = job_create(employer=employer, details=details(), actor=employer_user)

    assert job.status == JobStatus.DRAFT
    assert job.city == "Kansas City"
    assert job.state == "MO"
    assert 38.9 < job.latitude < 39.3
    assert job.shift_period == "night"
    assert job.is_overnight
    assert job.works_weekends is False


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"wage_min": Decimal("7.25"), "wage_max": Decimal("9.00")}, "wage_min"),
        ({"wage_min": Decimal("20.00"), "wage_max": Decimal("18.00")}, "wage_max"),
        ({"shift_start": dt.time(9), "shift_end": dt.time(9)}, "shift_end"),
        ({"expires_on": dt.date(2020, 1, 1)}, "expires_on"),
        ({"shift_days": []}, "shift_days"),
        ({"zip_code": "99999"}, "zip_code"),
    ],
)
def test_bad_job_input_is_refused_and_nothing_saved(employer_user, employer, overrides, field):
    with pytest.raises(ApplicationError) as error:
        job_create(employer=employer, details=details(**overrides), actor=employer_user)
    assert field in error.value.fields
    assert not JobPosting.objects.exists()


@override_settings(PORTAL_MINIMUM_HOURLY_WAGE="17.00")
def test_minimum_wage_comes_from_settings(employer_user, employer):
    with pytest.raises(InvalidJobError):
        job_create(employer=employer, details=details(), actor=employer_user)


def test_job_for_another_employer_is_refused(other_employer_user, employer):
    with pytest.raises(PermissionDeniedError):
        job_create(employer=employer, details=details(), actor=other_employer_user)
    assert not JobPosting.objects.exists()


@pytest.mark.parametrize("status", [VettingStatus.PENDING, VettingStatus.SUSPENDED])
def test_unapproved_employer_cannot_post_or_submit(employer_user, employer, status):
    job = JobFactory(employer=employer, status=JobStatus.DRAFT, published_at=None)
    employer.status = status
    employer.save()
    with pytest.raises(EmployerNotApprovedError):
        job_create(employer=employer, details=details(), actor=employer_user)
    with pytest.raises(EmployerNotApprovedError):
        job_submit(job=job, actor=employer_user)
    job.refresh_from_db()
    assert job.status == JobStatus.DRAFT


@override_settings(PORTAL_EMPLOYER_MODERATED_POSTINGS=2)
def test_first_postings_are_moderated_then_open_at_once(employer_user, employer, staff_user):
    statuses = []
    for _ in range(3):
        job = job_create(employer=employer, details=details(), actor=employer_user)
        job = job_submit(job=job, actor=employer_user)
        statuses.append(job.status)
        if job.status == JobStatus.SUBMITTED:
            assert job not in open_jobs_public()
            job_approve(job=job, actor=staff_user)
    assert statuses == [JobStatus.SUBMITTED, JobStatus.SUBMITTED, JobStatus.OPEN]
    assert open_jobs_public().count() == 3
    assert "published" in mail.outbox[-1].subject


def test_staff_reject_with_note_back_to_draft(employer_user, employer, staff_user):
    job = job_submit(
        job=job_create(employer=employer, details=details(), actor=employer_user),
        actor=employer_user,
    )
    with pytest.raises(ApplicationError):
        job_reject(job=job, note="", actor=staff_user)
    job_reject(job=job, note="Add the pay range.", actor=staff_user)
    job.refresh_from_db()
    assert job.status == JobStatus.DRAFT
    assert job.moderation_note == "Add the pay range."
    assert "Add the pay range." in mail.outbox[-1].body


def test_only_staff_moderate(employer_user, employer):
    job = JobFactory(employer=employer, status=JobStatus.SUBMITTED, published_at=None)
    with pytest.raises(PermissionDeniedError):
        job_approve(job=job, actor=employer_user)


def test_update_and_close(employer_user, employer, other_employer_user):
    job = JobFactory(employer=employer)
    job_update(job=job, details=details(title="Forklift driver"), actor=employer_user)
    job.refresh_from_db()
    assert job.title == "Forklift driver"
    with pytest.raises(PermissionDeniedError):
        job_update(job=job, details=details(title="Mine"), actor=other_employer_user)
    job_close(job=job, actor=employer_user, filled=True)
    job.refresh_from_db()
    assert job.status == JobStatus.FILLED
    with pytest.raises(InvalidTransition):
        job_close(job=job, actor=employer_user)


def test_expire_daily_task_only_past_open_jobs(employer):
    today = timezone.localdate()
    old = JobFactory(employer=employer, expires_on=today - dt.timedelta(days=1))
    current = JobFactory(employer=employer, expires_on=today)
    assert jobs_expire(today=today) == 1
    old.refresh_from_db()
    current.refresh_from_db()
    assert old.status == JobStatus.EXPIRED
    assert current.status == JobStatus.OPEN


def test_job_may_only_tighten_the_policy(employer_user, employer):
    OffenseRule.objects.create(
        policy=employer.hiring_policy,
        category="theft_fraud",
        decision=PolicyDecision.NOT_WITHIN_YEARS,
        years=7,
    )
    with pytest.raises(InvalidJobError) as error:
        job_create(
            employer=employer,
            details=details(tightened_rules={"theft_fraud": ("not_within_years", 3)}),
            actor=employer_user,
        )
    assert "rule_theft_fraud" in error.value.fields
    job = job_create(
        employer=employer,
        details=details(tightened_rules={"theft_fraud": ("never", None), "dui": ("never", None)}),
        actor=employer_user,
    )
    rules = job_effective_rules(job=job)
    assert rules["theft_fraud"].decision == "never"
    assert rules["dui"].decision == "never"
    assert rules["violent"].decision == "considered"


@pytest.mark.parametrize(
    ("start", "period"),
    [
        (dt.time(5), "day"),
        (dt.time(13, 59), "day"),
        (dt.time(14), "evening"),
        (dt.time(20), "night"),
        (dt.time(2), "night"),
    ],
)
def test_shift_period(start, period):
    assert shift_period_of(start) == period


def test_expire_jobs_command_runs_the_daily_task(employer):
    import io

    from django.core.management import call_command

    job = JobFactory(employer=employer, expires_on=timezone.localdate() - dt.timedelta(days=2))
    out = io.StringIO()
    call_command("expire_jobs", stdout=out)
    job.refresh_from_db()
    assert job.status == JobStatus.EXPIRED
    assert "queued" in out.getvalue()
