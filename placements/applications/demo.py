"""Demo data of the applications area for `manage.py seed_demo` (idempotent: nothing is
added once the demo caseload has applications).

On the demo facilitator's caseload: applications in every stage (the demo participant
Pat has an interview tomorrow with the demo employer), one in the fair-chance record
review with its notice sent, placements with retention checks due and overdue, a Form
8850 deadline in a few days, and tax-credit cases on both sides of the credit's end date.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from employers.models import Employer, EmployerMembership, JobPosting, JobStatus, VettingStatus
from jobseekers.models import Consent, ConsentKind, Participant, Resume, ResumeVersion
from jobseekers.selectors import record_summary_for
from jobseekers.services import resume_snapshot
from placements.applications import rules
from placements.applications.demo_history import seed_history_placements
from placements.applications.large import seed_large
from placements.applications.large_placements import seed_large_placements
from placements.applications.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    DeclineReason,
    Interview,
    InterviewMode,
    Placement,
    RecordReview,
    RetentionCheck,
    WotcScreening,
)
from placements.applications.selectors import consent_snapshot
from placements.applications.services import wotc_eligibility
from portal.core.business_days import add_business_days
from portal.core.models import User

S = ApplicationStatus
PIPELINE = [S.SUBMITTED, S.REVIEWING, S.INTERVIEW_SCHEDULED, S.INTERVIEWED, S.CONDITIONAL_OFFER]


def _version(participant: Participant, facilitator: User) -> ResumeVersion:
    """The participant's newest résumé version; a short "General" résumé for someone
    who has none yet."""
    version = ResumeVersion.objects.filter(resume__participant=participant).order_by("-id").first()
    if version is not None:
        return version
    resume, _created = Resume.objects.get_or_create(
        participant=participant,
        title="General",
        defaults={
            "summary": "Hard-working and ready to learn. Available for day shifts.",
            "skills": "Cleaning, teamwork, lifting",
            "contact_city": "Kansas City, MO",
        },
    )
    return ResumeVersion.objects.create(
        resume=resume, number=1, content=resume_snapshot(resume), created_by=facilitator
    )


def _apply(
    participant, job, facilitator, status, *, days_ago: int, reason: str = ""
) -> Application:
    now = timezone.now()
    application = Application.objects.create(
        participant=participant,
        job=job,
        employer=job.employer,
        resume_version=_version(participant, facilitator),
        consents_at_application=consent_snapshot(participant=participant),
        status=status,
        status_changed_at=now - timedelta(days=max(days_ago - 3, 0)),
        decline_reason=reason,
        applied_by=facilitator,
        participant_agreed_at=now - timedelta(days=days_ago),
        offered_on=timezone.localdate() - timedelta(days=max(days_ago - 7, 0))
        if status in (S.CONDITIONAL_OFFER, S.HIRED)
        else None,
    )
    Application.objects.filter(pk=application.pk).update(created_at=now - timedelta(days=days_ago))
    path = [S.SUBMITTED]
    if status in PIPELINE or status == S.HIRED:
        path = (
            PIPELINE[: PIPELINE.index(status) + 1] if status in PIPELINE else [*PIPELINE, S.HIRED]
        )
    elif status == S.DECLINED:
        path = [S.SUBMITTED, S.REVIEWING, S.DECLINED]
    elif status == S.WITHDRAWN:
        path = [S.SUBMITTED, S.WITHDRAWN]
    if S.INTERVIEWED in path:
        # The interview was held (in the past): "interviewed" needs one whose time has come.
        Interview.objects.create(
            application=application,
            starts_at=now - timedelta(days=max(days_ago - 2, 1)),
            mode=InterviewMode.PHONE,
            place="816-555-0100",
            created_by=facilitator,
        )
    previous = ""
    for stage in path:
        ApplicationEvent.objects.create(
            application=application, from_status=previous, to_status=stage, actor=facilitator
        )
        previous = stage
    return application


def _placement(
    participant,
    facilitator,
    *,
    start: date,
    application=None,
    employer=None,
    name="",
    title="",
    wage="16.50",
    hours="40",
    hours_worked=None,
    wages_paid=None,
    filed=True,
    recorded=(),
) -> Placement:
    placement = Placement.objects.create(
        participant=participant,
        application=application,
        employer=employer,
        employer_name=name or (employer.display_name if employer else ""),
        job_title=title or (application.job.title if application else ""),
        offered_on=start - timedelta(days=7),
        start_date=start,
        hourly_wage=Decimal(wage),
        hours_per_week=Decimal(hours),
        created_by=facilitator,
    )
    today = timezone.localdate()
    for days in rules.retention_check_days():
        due = start + timedelta(days=days)
        done = days in recorded and due <= today
        RetentionCheck.objects.create(
            placement=placement,
            days=days,
            due_on=due,
            outcome="same_employer" if done else "",
            verified_by="pay_stub" if done else "",
            recorded_at=timezone.now() if done else None,
            recorded_by=facilitator if done else None,
        )
    eligible, note, window_ends_on = wotc_eligibility(
        record_summary_for(
            participant=participant, viewer=facilitator, why=f"wotc:placement:{placement.pk}"
        ),
        hire_date=start,
    )
    WotcScreening.objects.create(
        placement=placement,
        record_eligible=eligible,
        eligibility_note=note,
        eligibility_window_ends_on=window_ends_on,
        applicant_signed_on=start - timedelta(days=8),
        employer_signed_on=start if filed else None,
        submitted_on=start + timedelta(days=10) if filed else None,
        first_year_hours=Decimal(hours_worked) if hours_worked else None,
        first_year_wages=Decimal(wages_paid) if wages_paid else None,
    )
    return placement


def seed(*, stdout, scale: str = "small") -> None:
    _seed_demo_caseload(stdout=stdout)
    seed_history_placements(stdout=stdout)
    if scale == "large":
        seed_large(stdout=stdout)
        seed_large_placements(stdout=stdout)


@transaction.atomic
def _seed_demo_caseload(*, stdout) -> None:
    facilitator = User.objects.filter(username="facilitator").first()
    if facilitator is None:
        return
    people = {p.first_name: p for p in Participant.objects.filter(facilitator=facilitator)}
    if len(people) < 4 or Application.objects.filter(participant__facilitator=facilitator).exists():
        return
    demo_membership = EmployerMembership.objects.filter(user__username="employer").first()
    home = (
        demo_membership.employer
        if demo_membership
        else Employer.objects.filter(status=VettingStatus.APPROVED).first()
    )
    jobs = list(
        JobPosting.objects.filter(status=JobStatus.OPEN, employer__status=VettingStatus.APPROVED)
        .select_related("employer")
        .order_by("id")
    )
    own = [job for job in jobs if job.employer_id == home.pk]
    others = [job for job in jobs if job.employer_id != home.pk]
    if len(own) < 2 or len(others) < 3:
        return
    pat, marcus, rosa, deshawn = (people.get(name) for name in ("Pat", "Marcus", "Rosa", "DeShawn"))
    if None in (pat, marcus, rosa, deshawn):
        return
    today = timezone.localdate()
    # Pat shares the record summary: the demo employer sees it after the interview.
    for kind in (
        ConsentKind.SHARE_PROFILE_WITH_APPLIED_EMPLOYERS,
        ConsentKind.SHARE_RECORD_SUMMARY,
    ):
        for person in (pat, deshawn, rosa):
            Consent.objects.create(
                participant=person, kind=kind, given=True, recorded_by=facilitator
            )

    interview_app = _apply(pat, own[0], facilitator, S.INTERVIEW_SCHEDULED, days_ago=6)
    Interview.objects.create(
        application=interview_app,
        starts_at=timezone.make_aware(datetime.combine(today + timedelta(days=1), time(10, 0))),
        mode=InterviewMode.IN_PERSON,
        place=f"{own[0].employer.street}, {own[0].city}",
        created_by=facilitator,
    )
    _apply(pat, others[0], facilitator, S.SUBMITTED, days_ago=1)
    _apply(rosa, others[1], facilitator, S.REVIEWING, days_ago=4)
    _apply(
        marcus,
        others[0],
        facilitator,
        S.DECLINED,
        days_ago=20,
        reason=DeclineReason.POSITION_FILLED,
    )
    _apply(marcus, others[2], facilitator, S.WITHDRAWN, days_ago=15)
    _apply(pat, others[2], facilitator, S.CONDITIONAL_OFFER, days_ago=12)
    review_app = _apply(deshawn, others[1], facilitator, S.INTERVIEWED, days_ago=10)
    RecordReview.objects.create(
        application=review_app,
        nature_and_gravity="A weapons felony five years ago; no violence at work.",
        time_elapsed="Five years since the conviction; released this month.",
        nature_of_job="Warehouse work with no security duties.",
        assessed_at=timezone.now() - timedelta(days=2),
        notice_text="The record shows a weapons felony. Tell us about it before we decide.",
        notice_sent_at=timezone.now() - timedelta(days=1),
        decision_allowed_from=add_business_days(
            today - timedelta(days=1), rules.fair_chance_waiting_business_days() + 1
        ),
    )

    # Placements: a hire 35 days ago (30-day check due), one 24 days ago (Form 8850 due in
    # 4 days, pending reauthorization), and a job found outside the portal that started
    # before the credit's end date (active credit; its 365-day check overdue).
    rosa_hire = _apply(rosa, own[1], facilitator, S.HIRED, days_ago=50)
    _placement(
        rosa, facilitator, start=today - timedelta(days=35), application=rosa_hire, employer=home
    )
    deshawn_hire = _apply(deshawn, own[0], facilitator, S.HIRED, days_ago=40)
    _placement(
        deshawn,
        facilitator,
        start=today - timedelta(days=24),
        application=deshawn_hire,
        employer=home,
        filed=False,
    )
    _placement(
        deshawn,
        facilitator,
        start=date(2025, 11, 3),
        name="Midwest Pallet Co. (work release)",
        title="Pallet builder",
        wage="15.25",
        hours_worked="520",
        wages_paid="7930",
        recorded=(30, 90, 180),
    )
    stdout.write(
        f"Applications: {Application.objects.filter(participant__facilitator=facilitator).count()} "
        f"in every stage; placements: 3 with retention checks and tax-credit files."
    )
