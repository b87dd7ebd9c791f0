"""Reads of the applications area, each scoped to who asks, and the predicates that
decide actions on an application (pure: no queries beyond the objects given, except
`can_view_record`, which reads the consent in force and the employer's policy).

Who sees an application: the participant, their caseload staff (admins: all), and the
members of the employer whose job it is. Anyone else: not in the queryset, so a 404.
The employer's right to the record summary (DESIGN.md, "Roles and what each may see")
is `can_view_record`; `record_summary_for_application` is the one read behind the
record page and API, and it writes the AccessLog row.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from employers.models import RecordStage
from employers.permissions import employer_id_of
from employers.selectors import employer_policy, jobs_of_employer
from jobseekers.models import Consent, ConsentKind, Participant
from jobseekers.permissions import is_on_caseload_of, is_self
from jobseekers.selectors import access_reason, consent_in_force, record_summary_for
from placements.applications import rules
from placements.applications.models import (
    OPEN_APPLICATION_STATES,
    Application,
    ApplicationStatus,
    Interview,
    Placement,
    RecordReview,
    RetentionCheck,
    SeparationReason,
    WotcScreening,
)
from portal.core.middleware import current_client_ip
from portal.core.models import AccessLog, User
from portal.core.permissions import is_program_admin, is_staff_member

S = ApplicationStatus

# The content site's hiring-incentive pages (a Wagtail page: no URL name to reverse).
INCENTIVES_URL = "/hiring-incentives/"

# From which stage on the employer may see the record, per policy setting.
RECORD_VISIBLE_STATES = {
    RecordStage.INTERVIEWED: frozenset({S.INTERVIEWED, S.CONDITIONAL_OFFER, S.HIRED}),
    RecordStage.CONDITIONAL_OFFER: frozenset({S.CONDITIONAL_OFFER, S.HIRED}),
}

# --- Predicates --------------------------------------------------------------------------


def is_employer_side(user: User, application: Application) -> bool:
    """A member of the employer whose job the application is for."""
    own = employer_id_of(user)
    return own is not None and own == application.employer_id


def is_participant_side(user: User, application: Application) -> bool:
    """The participant themself, or their caseload staff (admins: anyone's)."""
    participant = application.participant
    return is_self(user, participant) or is_on_caseload_of(user, participant)


def can_view_application(user: User, application: Application) -> bool:
    return is_participant_side(user, application) or is_employer_side(user, application)


def can_move_application(user: User, application: Application, to: str) -> bool:
    """Withdrawing is the participant's (or their staff's) decision; every other move is
    the employer's, which caseload staff may also record for them."""
    if to == S.WITHDRAWN:
        return is_participant_side(user, application)
    return is_employer_side(user, application) or is_on_caseload_of(user, application.participant)


def record_stage_reached(application: Application, *, record_visible_from: str) -> bool:
    allowed = RECORD_VISIBLE_STATES.get(
        record_visible_from, RECORD_VISIBLE_STATES[RecordStage.INTERVIEWED]
    )
    return application.status in allowed


def employer_record_stage_reached(application: Application) -> bool:
    """Whether the application has reached the stage at which its employer's policy lets
    it consider a record (default: interviewed; or a conditional offer)."""
    policy = employer_policy(employer_id=application.employer_id)
    return record_stage_reached(application, record_visible_from=policy.record_visible_from)


def can_view_record(user: User, application: Application) -> bool:
    """The record summary through an application: the participant and their staff
    always; the employer only with the participant's record-sharing consent in force now
    and once the application has reached the stage its policy allows."""
    if is_participant_side(user, application):
        return True
    if not is_employer_side(user, application):
        return False
    return employer_record_stage_reached(application) and consent_in_force(
        participant=application.participant, kind=ConsentKind.SHARE_RECORD_SUMMARY
    )


def profile_shared_subquery(participant_ref: str = "participant_id") -> Subquery:
    """Whether the participant's consent "share my profile and résumé with employers I
    apply to" is in force now (the newest row of that kind says given), as a subquery for
    an annotation, so lists read it for every row in the same query."""
    newest = Consent.objects.filter(
        participant_id=OuterRef(participant_ref),
        kind=ConsentKind.SHARE_PROFILE_WITH_APPLIED_EMPLOYERS,
    ).order_by("-recorded_at", "-id")
    return Subquery(newest.values("given")[:1])


def can_view_resume(user: User, application: Application) -> bool:
    """The résumé sent (with contact details): the participant and their staff always;
    the employer only while the participant's profile-sharing consent is in force, so a
    withdrawal hides it at once. Reads the `profile_shared` annotation of
    `applications_visible_to` when there is one."""
    if is_participant_side(user, application):
        return True
    if not is_employer_side(user, application):
        return False
    if hasattr(application, "profile_shared"):
        return bool(application.profile_shared)
    return consent_in_force(
        participant=application.participant,
        kind=ConsentKind.SHARE_PROFILE_WITH_APPLIED_EMPLOYERS,
    )


# --- Applications ------------------------------------------------------------------------

APPLICATION_RELATED = ("participant", "participant__facilitator", "job", "employer")


def applications_visible_to(*, user: User) -> QuerySet[Application]:
    """Admins: all; staff: their caseload's; an employer member: its jobs'; a
    participant: their own; anyone else: none. Each row carries `profile_shared` (see
    `can_view_resume`)."""
    base = Application.objects.select_related(*APPLICATION_RELATED).annotate(
        profile_shared=profile_shared_subquery()
    )
    if not (user and user.is_authenticated and user.is_active):
        return base.none()
    if is_program_admin(user):
        return base.all()
    if is_staff_member(user):
        return base.filter(participant__facilitator=user)
    own = employer_id_of(user)
    if own is not None:
        return base.filter(employer_id=own)
    if user.is_participant:
        return base.filter(participant__user=user)
    return base.none()


def application_get_for_user(*, user: User, application_id) -> Application:
    """One application the user may see (with its interviews, history and record
    review), or Http404, the same answer as for an id that does not exist."""
    try:
        return (
            applications_visible_to(user=user)
            .select_related("resume_version__resume", "record_review", "placement")
            .prefetch_related("interviews", "events__actor")
            .get(pk=int(application_id))
        )
    except (Application.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error


def record_summary_for_application(*, user: User, application: Application) -> list[dict]:
    """The record summary (offense categories, level, dates; never descriptions) for the
    record page and API. Raises Http404 unless `can_view_record`: before the allowed stage
    or without consent the employer learns nothing, not even that there is a record.
    Writes the AccessLog row (why "application:<id>" for the employer)."""
    if not can_view_record(user, application):
        raise Http404
    participant = application.participant
    why = (
        f"application:{application.pk}"
        if is_employer_side(user, application)
        else access_reason(user, participant)
    )
    return record_summary_for(participant=participant, viewer=user, why=why)


def active_application_exists(*, participant: Participant, job_id: int) -> bool:
    return Application.objects.filter(
        participant=participant, job_id=job_id, status__in=[*OPEN_APPLICATION_STATES, S.HIRED]
    ).exists()


COUNTED_STAGES = (S.SUBMITTED, S.INTERVIEW_SCHEDULED, S.CONDITIONAL_OFFER, S.HIRED)


def jobs_with_applicant_counts(*, user: User) -> QuerySet:
    """For the employer's dashboard: the member's own jobs, newest first, each annotated
    with `applicants` (all applications) and `applicants_<stage>` for the stages the
    dashboard shows (one query)."""
    counts = {
        f"applicants_{stage}": Count("applications", filter=Q(applications__status=stage))
        for stage in COUNTED_STAGES
    }
    return jobs_of_employer(user=user).annotate(applicants=Count("applications"), **counts)


def next_step_for(application: Application) -> str:
    """What happens next, in plain words, for the participant's dashboard. Reads the
    already-loaded record review."""
    review = getattr(application, "record_review", None)
    if application.is_open and review is not None and review.notice_sent_at and not review.decision:
        return _(
            "The employer sent a notice about your record. You can answer it: the "
            "employer decides on %(day)s at the earliest."
        ) % {"day": review.decision_allowed_from}
    steps = {
        S.SUBMITTED: _("The employer will look at your application."),
        S.REVIEWING: _("The employer is looking at your application."),
        S.INTERVIEW_SCHEDULED: _("Go to your interview. Your staff can help you get ready."),
        S.INTERVIEWED: _("The employer is deciding."),
        S.CONDITIONAL_OFFER: _("You have an offer. The employer will tell you the start date."),
        S.HIRED: _("You got the job. Your staff will check in with you."),
        S.DECLINED: _("This one did not work out. Keep applying: your staff can help."),
        S.WITHDRAWN: _("You withdrew this application."),
    }
    return steps[application.status]


def waiting_on(application: Application) -> str:
    """Who the open application waits on: "employer", "participant" (a notice to answer)
    or "interview"."""
    review = getattr(application, "record_review", None)
    if review is not None and review.notice_sent_at and not review.decision:
        return "participant"
    if application.status == S.INTERVIEW_SCHEDULED:
        return "interview"
    return "employer"


def applications_waiting(*, user: User) -> QuerySet[Application]:
    """Open applications the user sees, oldest change first (those waiting longest)."""
    return (
        applications_visible_to(user=user)
        .filter(status__in=OPEN_APPLICATION_STATES)
        .select_related("record_review")
        .order_by("status_changed_at", "id")
    )


# --- Interviews --------------------------------------------------------------------------


def interviews_visible_to(*, user: User) -> QuerySet[Interview]:
    return Interview.objects.filter(
        application__in=applications_visible_to(user=user).values("pk")
    ).select_related("application__participant", "application__job", "application__employer")


def interviews_upcoming(*, user: User, days: int = 7) -> QuerySet[Interview]:
    """Interviews from now to `days` ahead, of open applications, soonest first."""
    now = timezone.now()
    return (
        interviews_visible_to(user=user)
        .filter(
            starts_at__gte=now,
            starts_at__lt=now + timedelta(days=days),
            application__status=S.INTERVIEW_SCHEDULED,
        )
        .order_by("starts_at", "id")
    )


def interviews_for_reminder(*, on: date) -> QuerySet[Interview]:
    """Interviews on the day `on` (program time zone) with no reminder sent yet."""
    start = timezone.make_aware(datetime.combine(on, time.min))
    return (
        Interview.objects.filter(
            starts_at__gte=start,
            starts_at__lt=start + timedelta(days=1),
            reminder_sent_at__isnull=True,
            application__status=S.INTERVIEW_SCHEDULED,
        )
        .select_related(
            "application__participant__facilitator", "application__job", "application__employer"
        )
        .order_by("starts_at", "id")
    )


# --- Placements --------------------------------------------------------------------------

PLACEMENT_RELATED = ("participant", "participant__facilitator", "employer", "wotc")


def placements_visible_to(*, user: User) -> QuerySet[Placement]:
    """Admins: all; staff: their caseload's; an employer member: its own hires; a
    participant: their own."""
    base = Placement.objects.select_related(*PLACEMENT_RELATED)
    if not (user and user.is_authenticated and user.is_active):
        return base.none()
    if is_program_admin(user):
        return base.all()
    if is_staff_member(user):
        return base.filter(participant__facilitator=user)
    own = employer_id_of(user)
    if own is not None:
        return base.filter(employer_id=own)
    if user.is_participant:
        return base.filter(participant__user=user)
    return base.none()


def placement_get_for_user(*, user: User, placement_id) -> Placement:
    try:
        return (
            placements_visible_to(user=user)
            .prefetch_related(
                Prefetch("retention_checks", queryset=RetentionCheck.objects.order_by("days")),
                "bonding_requests",
            )
            .get(pk=int(placement_id))
        )
    except (Placement.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error


def is_placement_staff(user: User, placement: Placement) -> bool:
    return is_on_caseload_of(user, placement.participant)


def is_placement_employer(user: User, placement: Placement) -> bool:
    own = employer_id_of(user)
    return own is not None and placement.employer_id == own


NEUTRAL_SEPARATION = ("left", gettext_lazy("Left the job"))


def separation_reason_for(*, user: User, placement: Placement) -> tuple[str, str]:
    """Why the job ended, as (code, label) for `user`. The employer (not staff) reads a
    return to custody as the neutral "left" / "Left the job": the program does not tell
    an employer that someone went back to prison. A quit reads the same way, so that
    "left" does not point at custody."""
    reason = placement.separation_reason
    if reason in (
        SeparationReason.RETURNED_TO_CUSTODY,
        SeparationReason.QUIT,
    ) and wotc_shown_to_employer(user=user, placement=placement):
        return NEUTRAL_SEPARATION[0], str(NEUTRAL_SEPARATION[1])
    return reason, str(placement.get_separation_reason_display()) if reason else ""


def placements_this_year(*, year: int | None = None) -> QuerySet:
    """The people hired this calendar year (program time zone), one row per person:
    unsubsidized placements only (a transitional job is not a placement in the outcome
    measures). A queryset of participant ids, so a page can count it with others."""
    year = year or timezone.localdate().year
    return (
        Placement.objects.filter(start_date__year=year, subsidized=False)
        .order_by()
        .values("participant_id")
        .distinct()
    )


def placements_this_year_count(*, year: int | None = None) -> int:
    """For the content site's home page: how many people were hired this year."""
    return placements_this_year(year=year).count()


# --- Retention checks --------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionWindow:
    today: date
    overdue_before: date

    @classmethod
    def now(cls) -> "RetentionWindow":
        today = timezone.localdate()
        return cls(today=today, overdue_before=today - timedelta(days=rules.retention_grace_days()))


def retention_checks_open(*, user: User) -> QuerySet[RetentionCheck]:
    """Checks not recorded yet whose due day has come, of placements the user sees and
    that have not ended, oldest first; `is_overdue` is annotated (past the grace days)."""
    window = RetentionWindow.now()
    return (
        RetentionCheck.objects.filter(
            placement__in=placements_visible_to(user=user).values("pk"),
            outcome="",
            due_on__lte=window.today,
            placement__separated_on__isnull=True,
        )
        .select_related("placement__participant__facilitator")
        .annotate(
            is_overdue=Exists(
                RetentionCheck.objects.filter(pk=OuterRef("pk"), due_on__lt=window.overdue_before)
            )
        )
        .order_by("due_on", "id")
    )


def retention_checks_due_for_staff() -> QuerySet[RetentionCheck]:
    """Every open check (all staff), for the weekly email: grouped by facilitator there."""
    window = RetentionWindow.now()
    return (
        RetentionCheck.objects.filter(
            outcome="", due_on__lte=window.today, placement__separated_on__isnull=True
        )
        .select_related("placement__participant__facilitator")
        .order_by("placement__participant__facilitator_id", "due_on", "id")
    )


# --- Tax credit --------------------------------------------------------------------------


def wotc_deadlines(*, user: User) -> QuerySet[WotcScreening]:
    """Form 8850 files not sent to the state whose deadline (start + 28 days) is within
    the warning days or already missed, of placements the user sees, soonest first. Only
    record-eligible hires: the others have nothing to file."""
    today = timezone.localdate()
    window = rules.wotc_filing_window_days()
    latest_start = (
        today + timedelta(days=rules.wotc_deadline_warning_days()) - timedelta(days=window)
    )
    return (
        WotcScreening.objects.filter(
            placement__in=placements_visible_to(user=user).values("pk"),
            record_eligible=True,
            submitted_on__isnull=True,
            ineligible_reason="",
            placement__start_date__lte=latest_start,
            # Missed more than a year ago is history, not a to-do.
            placement__start_date__gte=today - timedelta(days=365),
        )
        .select_related("placement__participant", "placement__employer")
        .order_by("placement__start_date", "id")
    )


def record_consent_subquery(participant_ref: str = "participant") -> Exists:
    """Whether the participant's newest `share_record_summary` consent row says given:
    an annotation for lists (one query), the same answer as `consent_in_force`."""
    newest = Consent.objects.filter(
        participant=OuterRef(participant_ref), kind=ConsentKind.SHARE_RECORD_SUMMARY
    ).order_by("-recorded_at", "-id")
    return Exists(newest.filter(pk=Subquery(newest.values("pk")[:1]), given=True))


WOTC_UNDISCLOSED_MESSAGE = gettext_lazy(
    "The program will tell you if this hire qualifies for the tax credit after the "
    "participant signs Form 8850."
)


def wotc_disclosed_to(
    *, user: User, screening: WotcScreening, record_consent: bool | None = None
) -> bool:
    """Whether `user` may see the ex-felon eligibility (it reveals a felony) and the
    credit estimate that depends on it. Staff and the participant always may; the
    employer only once the participant signed the applicant part of Form 8850 (their
    own disclosure for the credit) or while the record-sharing consent is in force.
    `record_consent` may be passed precomputed (lists) to save a query."""
    placement = screening.placement
    if not is_placement_employer(user, placement) or is_placement_staff(user, placement):
        return True
    if screening.applicant_signed_on is not None:
        return True
    if record_consent is None:
        record_consent = consent_in_force(
            participant=placement.participant, kind=ConsentKind.SHARE_RECORD_SUMMARY
        )
    return bool(record_consent)


def wotc_shown_to_employer(*, user: User, placement: Placement) -> bool:
    """Whether `user` reads the tax-credit file as the employer (not as staff): the
    eligibility, once disclosed, is then a record-derived read to log, and the note
    (which names the felony and its dates) stays hidden."""
    return is_placement_employer(user, placement) and not is_placement_staff(user, placement)


def wotc_disclosure_log(*, viewer: User, placements) -> None:
    """An employer shown the ex-felon eligibility of these hires read something derived
    from each participant's record: one AccessLog row per placement ("record_summary",
    "wotc:placement:<id>"), all written in one query (none for an empty list)."""
    subject_type = ContentType.objects.get_for_model(Participant)
    ip_address = current_client_ip()
    rows = [
        AccessLog(
            viewer=viewer,
            subject_type=subject_type,
            subject_id=str(placement.participant_id),
            what="record_summary",
            why=f"wotc:placement:{placement.pk}",
            ip_address=ip_address,
        )
        for placement in placements
    ]
    if rows:
        AccessLog.objects.bulk_create(rows)


def wotc_summary(screening: WotcScreening, *, disclosed: bool = True) -> dict:
    """What the employer may claim for one hire, in plain values: eligible or why not,
    the status ("active" or "pending reauthorization"), the Form 8850 deadline and
    whether it is soon or missed, and the estimated credit. With `disclosed=False`
    (an employer before the participant's 8850 signature or consent, see
    `wotc_disclosed_to`) eligibility, reasons and credit are None / empty."""
    summary = _wotc_summary(screening)
    summary["disclosed"] = disclosed
    if not disclosed:
        summary.update(
            eligible=None,
            eligibility_note="",
            ineligible_reason="",
            estimate=None,
            credit=None,
        )
    return summary


def _wotc_summary(screening: WotcScreening) -> dict:
    placement = screening.placement
    today = timezone.localdate()
    deadline = rules.wotc_filing_deadline(placement.start_date)
    hours = screening.first_year_hours
    wages = screening.first_year_wages
    if hours is None:
        hours = min(placement.hours_per_week * 52, rules.HOURS_IN_A_YEAR)
    if wages is None:
        wages = placement.hourly_wage * hours
    estimate = rules.wotc_estimate(hours=hours, wages=wages, start_date=placement.start_date)
    filed = screening.submitted_on is not None
    return {
        "eligible": screening.eligible,
        "eligibility_note": screening.eligibility_note,
        "ineligible_reason": screening.ineligible_reason,
        "status": estimate.status,
        "status_label": estimate.status.label,
        "pending_reauthorization": estimate.status == rules.WotcStatus.PENDING_REAUTHORIZATION,
        "end_date": rules.wotc_end_date(),
        "filing_deadline": deadline,
        "filed": filed,
        "deadline_missed": not filed and deadline < today,
        "deadline_soon": not filed
        and today <= deadline <= today + timedelta(days=rules.wotc_deadline_warning_days()),
        "estimate": estimate if screening.eligible else None,
        "credit": estimate.credit if screening.eligible else 0,
    }


def record_review_of(application: Application) -> RecordReview | None:
    return getattr(application, "record_review", None)


def hires_of_employer(*, user: User) -> QuerySet[Placement]:
    """The employer's hires made through the portal, newest first."""
    own = employer_id_of(user)
    if own is None:
        return Placement.objects.none()
    return (
        Placement.objects.filter(employer_id=own)
        .select_related("participant", "wotc")
        .order_by("-start_date", "-id")
    )


def applications_for_participant_dashboard(*, user: User) -> QuerySet[Application]:
    return (
        applications_visible_to(user=user)
        .select_related("record_review")
        .order_by("-status_changed_at", "-id")
    )


def applications_of_employer_by_job(*, user: User) -> QuerySet[Application]:
    """The employer's applications still in play and its hires, by job then stage, for
    its dashboard in one query: each with its placement and tax-credit file (hires) and
    `next_interview_at` / `next_interview_mode` (the next interview from now, if any)."""
    own = employer_id_of(user)
    if own is None:
        return Application.objects.none()
    upcoming = Interview.objects.filter(
        application=OuterRef("pk"), starts_at__gte=timezone.now()
    ).order_by("starts_at", "id")
    return (
        Application.objects.filter(employer_id=own)
        .exclude(status__in=[S.DECLINED, S.WITHDRAWN])
        .select_related("participant", "job", "placement__wotc", "placement__participant")
        .annotate(
            record_consent=record_consent_subquery(),
            next_interview_at=Subquery(upcoming.values("starts_at")[:1]),
            next_interview_mode=Subquery(upcoming.values("mode")[:1]),
        )
        .order_by("job__title", "job_id", "status", "id")
    )


def recent_hires(*, user: User, days: int = 30) -> QuerySet[Placement]:
    return placements_visible_to(user=user).filter(
        start_date__gte=timezone.localdate() - timedelta(days=days)
    )


def consent_snapshot(*, participant: Participant) -> list[dict]:
    """The consents in force now, as kept on an application."""
    from jobseekers.selectors import consents_current

    return [
        {"kind": row["kind"], "given": row["given"]}
        for row in consents_current(participant=participant)
    ]
