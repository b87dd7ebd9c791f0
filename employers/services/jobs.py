"""Job postings: create, edit, submit, staff moderation, close, expire."""

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from employers import rules
from employers.exceptions import EmployerNotApprovedError, InvalidJobError
from employers.hooks import jobs_changed
from employers.models import (
    DECISION_STRICTNESS,
    Employer,
    EmploymentType,
    JobOffenseRule,
    JobPosting,
    JobStatus,
    PolicyDecision,
    ShiftPeriod,
    VettingStatus,
    Weekday,
)
from employers.permissions import can_edit_job, can_moderate_jobs, employer_id_of, is_member_of
from employers.selectors import employer_member_recipients
from employers.services._common import full_clean_or_error, move
from portal.core.audit import audit_record
from portal.core.emails import email_on_commit
from portal.core.exceptions import ApplicationError, PermissionDeniedError
from portal.core.geo import zip_location_or_error
from portal.core.models import OffenseCategory, Skill, User
from portal.core.money import to_money
from portal.core.rules import minimum_hourly_wage

WEEKEND = {Weekday.SAT, Weekday.SUN}


def shift_period_of(start: time) -> str:
    """Day shifts start from 05:00 to 13:59, evening shifts from 14:00 to 19:59, night
    shifts from 20:00 to 04:59 (the usual first/second/third shift split)."""
    if time(5) <= start < time(14):
        return ShiftPeriod.DAY
    if time(14) <= start < time(20):
        return ShiftPeriod.EVENING
    return ShiftPeriod.NIGHT


@dataclass
class JobDetails:
    title: str
    description: str
    zip_code: str
    shift_days: list[str]
    shift_start: time
    shift_end: time
    hours_per_week: int
    employment_type: str
    wage_min: Decimal
    wage_max: Decimal
    expires_on: date
    street: str = ""
    transit_accessible: bool = False
    remote: bool = False
    openings: int = 1
    skills: list[Skill] = field(default_factory=list)
    skills_other: str = ""
    certifications_required: str = ""
    certifications_preferred: str = ""
    requires_drivers_license: bool = False
    lifting_pounds: int | None = None
    other_requirements: str = ""
    # Offense category -> (decision, years): stricter than the employer's policy only.
    tightened_rules: dict[str, tuple[str, int | None]] = field(default_factory=dict)


def _validate(details: JobDetails, employer: Employer) -> dict:
    errors: dict[str, list[str]] = {}
    minimum = minimum_hourly_wage()
    wage_min, wage_max = to_money(details.wage_min), to_money(details.wage_max)
    if wage_min < minimum:
        errors["wage_min"] = [
            _("The wage cannot be below the minimum wage of $%(minimum)s an hour.")
            % {"minimum": minimum}
        ]
    if wage_min > wage_max:
        errors["wage_max"] = [_("The highest wage must be at least the lowest wage.")]
    if details.shift_start == details.shift_end:
        errors["shift_end"] = [_("The shift must end at a different time than it starts.")]
    days = [day for day in Weekday.values if day in set(details.shift_days)]
    if not days or len(days) != len(set(details.shift_days)):
        errors["shift_days"] = [_("Choose the days of the shift.")]
    if details.expires_on < timezone.localdate():
        errors["expires_on"] = [_("The closing date cannot be in the past.")]
    if details.employment_type not in EmploymentType.values:
        errors["employment_type"] = [_("Choose a type of job.")]
    if not 1 <= (details.hours_per_week or 0) <= 80:
        errors["hours_per_week"] = [_("Enter between 1 and 80 hours a week.")]
    if (details.openings or 0) < 1:
        errors["openings"] = [_("Enter at least 1 opening.")]
    errors.update(_rule_errors(details.tightened_rules, employer))
    if errors:
        first = next(iter(errors.values()))[0]
        raise InvalidJobError(first, fields=errors)
    location = zip_location_or_error(details.zip_code, field="zip_code")
    return {
        "title": details.title.strip(),
        "description": details.description.strip(),
        "zip_code": details.zip_code.strip()[:5],
        "city": location.city,
        "state": location.state,
        "latitude": location.latitude,
        "longitude": location.longitude,
        "street": details.street.strip(),
        "transit_accessible": details.transit_accessible,
        "remote": details.remote,
        "shift_days": ",".join(days),
        "shift_start": details.shift_start,
        "shift_end": details.shift_end,
        "shift_period": shift_period_of(details.shift_start),
        "works_weekends": bool(WEEKEND & set(days)),
        "hours_per_week": details.hours_per_week,
        "employment_type": details.employment_type,
        "wage_min": wage_min,
        "wage_max": wage_max,
        "openings": details.openings,
        "skills_other": details.skills_other.strip(),
        "certifications_required": details.certifications_required.strip(),
        "certifications_preferred": details.certifications_preferred.strip(),
        "requires_drivers_license": details.requires_drivers_license,
        "lifting_pounds": details.lifting_pounds,
        "other_requirements": details.other_requirements.strip(),
        "expires_on": details.expires_on,
    }


def _rule_errors(tightened: dict[str, tuple[str, int | None]], employer: Employer) -> dict:
    """A job may only tighten its employer's policy: each of its rules must be at least
    as strict as the employer's rule for the category."""
    errors: dict[str, list[str]] = {}
    if not tightened:
        return errors
    policy = getattr(employer, "hiring_policy", None)
    base = {rule.category: rule for rule in policy.rules.all()} if policy else {}
    for category, (decision, years) in tightened.items():
        if category not in OffenseCategory.values or decision not in PolicyDecision.values:
            errors[f"rule_{category}"] = [_("Choose one of the options.")]
            continue
        if decision == PolicyDecision.NOT_WITHIN_YEARS and not (years or 0) >= 1:
            errors[f"rule_{category}"] = [_("Enter the number of years (1 or more).")]
            continue
        own = (DECISION_STRICTNESS[decision], years or 0)
        employer_rule = base.get(category)
        if employer_rule is not None and own < employer_rule.strictness():
            errors[f"rule_{category}"] = [
                _("A job can only be stricter than your hiring policy, not looser.")
            ]
    return errors


def _save_rules(job: JobPosting, tightened: dict[str, tuple[str, int | None]]) -> None:
    job.policy_rules.all().delete()
    JobOffenseRule.objects.bulk_create(
        JobOffenseRule(
            job=job,
            category=category,
            decision=decision,
            years=years if decision == PolicyDecision.NOT_WITHIN_YEARS else None,
        )
        for category, (decision, years) in tightened.items()
        if decision != PolicyDecision.CONSIDERED
    )


def _require_approved(employer: Employer) -> None:
    if employer.status != VettingStatus.APPROVED:
        raise EmployerNotApprovedError()


@transaction.atomic
def job_create(*, employer: Employer, details: JobDetails, actor: User) -> JobPosting:
    """A member of an approved employer writes a job (a draft until submitted).

    Raises PermissionDeniedError for a job of another employer, EmployerNotApprovedError,
    InvalidJobError for a wage below the minimum or min > max, an empty shift, a past
    closing date; ApplicationError for an unknown ZIP. Nothing is saved then."""
    if not is_member_of(actor, employer):
        raise PermissionDeniedError(_("You can only post jobs for your own organization."))
    _require_approved(employer)
    job = JobPosting(employer=employer, created_by=actor, **_validate(details, employer))
    full_clean_or_error(job, exclude=["skills"])
    job.save()
    job.skills.set(details.skills)
    _save_rules(job, details.tightened_rules)
    audit_record(actor=actor, action="job.created", target=job)
    return job


@transaction.atomic
def job_update(*, job: JobPosting, details: JobDetails, actor: User) -> JobPosting:
    """Change a job (draft, waiting for review, or open). Same rules as `job_create`."""
    job = JobPosting.objects.select_for_update().select_related("employer").get(pk=job.pk)
    if employer_id_of(actor) != job.employer_id:
        raise PermissionDeniedError(_("You can only change your own organization's jobs."))
    if job.status not in (JobStatus.DRAFT, JobStatus.SUBMITTED, JobStatus.OPEN):
        raise InvalidJobError(_("A closed job cannot be changed."))
    for name, value in _validate(details, job.employer).items():
        setattr(job, name, value)
    full_clean_or_error(job, exclude=["skills"])
    job.save()
    job.skills.set(details.skills)
    _save_rules(job, details.tightened_rules)
    audit_record(actor=actor, action="job.updated", target=job)
    if job.status == JobStatus.OPEN:
        jobs_changed(job_ids=[job.pk])
    return job


@transaction.atomic
def job_submit(*, job: JobPosting, actor: User) -> JobPosting:
    """Send a draft to be published. An employer's first postings
    (`rules.moderated_first_postings()`) wait for staff review; later ones open at once.
    Raises EmployerNotApprovedError, InvalidTransition."""
    job = JobPosting.objects.select_for_update().select_related("employer").get(pk=job.pk)
    if employer_id_of(actor) != job.employer_id:
        raise PermissionDeniedError()
    _require_approved(job.employer)
    published_before = (
        JobPosting.objects.filter(employer_id=job.employer_id, published_at__isnull=False)
        .exclude(pk=job.pk)
        .count()
    )
    if published_before < rules.moderated_first_postings():
        move(job, JobStatus.SUBMITTED)
    else:
        move(job, JobStatus.OPEN)
        job.published_at = timezone.now()
    job.save()
    audit_record(actor=actor, action="job.submitted", target=job, details={"status": job.status})
    if job.status == JobStatus.OPEN:
        jobs_changed(job_ids=[job.pk])
    return job


@transaction.atomic
def job_approve(*, job: JobPosting, actor: User) -> JobPosting:
    """Staff publish a job waiting for review. Raises EmployerNotApprovedError when the
    employer is no longer approved."""
    if not can_moderate_jobs(actor):
        raise PermissionDeniedError()
    job = JobPosting.objects.select_for_update().select_related("employer").get(pk=job.pk)
    _require_approved(job.employer)
    move(job, JobStatus.OPEN)
    job.published_at = timezone.now()
    job.moderation_note = ""
    job.save()
    audit_record(actor=actor, action="job.approved", target=job)
    jobs_changed(job_ids=[job.pk])
    email_on_commit(
        "employers/email/job_published",
        {"title": job.title},
        recipients=employer_member_recipients(employer_id=job.employer_id),
        together=True,
    )
    return job


@transaction.atomic
def job_reject(*, job: JobPosting, note: str, actor: User) -> JobPosting:
    """Staff send a job back to its employer as a draft, with a note saying why."""
    if not can_moderate_jobs(actor):
        raise PermissionDeniedError()
    note = (note or "").strip()
    if not note:
        raise ApplicationError(
            _("Write a note so the employer knows what to change."),
            fields={"note": [_("This field is required.")]},
        )
    job = JobPosting.objects.select_for_update().select_related("employer").get(pk=job.pk)
    if job.status != JobStatus.SUBMITTED:
        raise InvalidJobError(_("Only a job waiting for review can be sent back."))
    move(job, JobStatus.DRAFT)
    job.moderation_note = note
    job.save()
    audit_record(actor=actor, action="job.rejected", target=job)
    email_on_commit(
        "employers/email/job_sent_back",
        {"title": job.title, "note": note},
        recipients=employer_member_recipients(employer_id=job.employer_id),
        together=True,
    )
    return job


@transaction.atomic
def job_close(*, job: JobPosting, actor: User, filled: bool = False) -> JobPosting:
    """The employer (or staff) closes a job, as filled or not."""
    job = JobPosting.objects.select_for_update().get(pk=job.pk)
    if not can_edit_job(actor, job):
        raise PermissionDeniedError()
    move(job, JobStatus.FILLED if filled else JobStatus.CLOSED)
    job.save()
    audit_record(actor=actor, action="job.closed", target=job, details={"filled": filled})
    jobs_changed(job_ids=[job.pk])
    return job


@transaction.atomic
def jobs_expire(*, today: date | None = None) -> int:
    """Daily: open jobs whose closing date has passed become expired. Returns how many."""
    today = today or timezone.localdate()
    expired = list(
        JobPosting.objects.select_for_update().filter(status=JobStatus.OPEN, expires_on__lt=today)
    )
    for job in expired:
        move(job, JobStatus.EXPIRED)
        job.save(update_fields=["status", "updated_at"])
        audit_record(actor=None, action="job.expired", target=job)
    if expired:
        jobs_changed(job_ids=[job.pk for job in expired])
    return len(expired)
