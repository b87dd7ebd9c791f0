"""Reads of placements and what follows them (retention checks, the tax-credit file,
the employer's hires), scoped like applications (see `applications._scoped_by_role`)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    BooleanField,
    Case,
    DecimalField,
    ExpressionWrapper,
    F,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least, Round
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy

from employers.permissions import employer_id_of
from jobseekers.models import Participant
from placements.applications import rules
from placements.applications.models import (
    Placement,
    RetentionCheck,
    SeparationReason,
    WotcScreening,
)
from placements.applications.permissions import wotc_shown_to_employer
from placements.applications.wotc_text import eligibility_text, ineligible_text
from portal.core.middleware import current_client_ip
from portal.core.models import AccessLog, User

from .applications import _scoped_by_role

# The content site's hiring-incentive pages (a Wagtail page: no URL name to reverse).
INCENTIVES_URL = "/hiring-incentives/"


# --- Placements --------------------------------------------------------------------------

PLACEMENT_RELATED = ("participant", "participant__facilitator", "employer", "wotc")


def placements_visible_to(*, user: User) -> QuerySet[Placement]:
    """Admins: all; staff: their caseload's; an employer member: its own hires; a
    participant: their own."""
    return _scoped_by_role(Placement.objects.select_related(*PLACEMENT_RELATED), user=user)


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
            # A comparison on the row itself: an EXISTS on the same table made PostgreSQL
            # hash every retention check first (170 ms at statewide size).
            is_overdue=ExpressionWrapper(
                Q(due_on__lt=window.overdue_before), output_field=BooleanField()
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


def retention_checks_for_check_in() -> QuerySet[RetentionCheck]:
    """Open checks that came due within the grace days (not older: a text about a check
    months late would confuse), of placements that have not ended, for the check-in
    text."""
    window = RetentionWindow.now()
    return (
        RetentionCheck.objects.filter(
            outcome="",
            due_on__lte=window.today,
            due_on__gte=window.overdue_before,
            placement__separated_on__isnull=True,
        )
        .select_related("placement__participant")
        .order_by("due_on", "id")
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


WOTC_UNDISCLOSED_MESSAGE = gettext_lazy(
    "The program will tell you if this hire qualifies for the tax credit after the "
    "participant signs Form 8850."
)


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
        # Sentences made now, in the reader's language (never the stored English).
        "eligibility_note": eligibility_text(screening),
        "ineligible_reason": ineligible_text(screening),
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


def recent_hires(*, user: User, days: int = 30) -> QuerySet[Placement]:
    return placements_visible_to(user=user).filter(
        start_date__gte=timezone.localdate() - timedelta(days=days)
    )


# --- Reports ----------------------------------------------------------------------------
# Unscoped on purpose: the outcomes area aggregates these into program figures and decides
# who may see them; no row leaves it.


def placements_for_reports() -> QuerySet[Placement]:
    """Every placement (subsidized or not, through the portal or from outside)."""
    return Placement.objects.order_by()


def retention_checks_for_reports() -> QuerySet[RetentionCheck]:
    """Every retention check, for the earnings after exit (hours and wage at a check)."""
    return RetentionCheck.objects.order_by()


def placements_with_credit_estimate(placements: QuerySet[Placement]) -> QuerySet[Placement]:
    """`placements` annotated in SQL with the tax credit `wotc_summary` would estimate
    (`credit_estimate`: 0 when not eligible) and `credit_pending` (the hire started
    after the credit's end date: "pending reauthorization"), by the same rules as
    `rules.wotc_estimate`: first-year hours (or weekly hours x 52, at most a year's
    hours) and wages (or wage x hours), 25 % or 40 % of the wages up to the cap."""
    hours = Coalesce(
        "wotc__first_year_hours",
        Least(F("hours_per_week") * 52, Value(rules.HOURS_IN_A_YEAR)),
        output_field=DecimalField(max_digits=12, decimal_places=2),
    )
    wages = Coalesce(
        "wotc__first_year_wages",
        F("hourly_wage") * hours,
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
    counted = Least(wages, Value(rules.wotc_wage_cap()))
    eligible = Q(wotc__record_eligible=True, wotc__ineligible_reason="")
    return placements.annotate(
        credit_hours=hours,
        credit_wages=counted,
    ).annotate(
        credit_estimate=Case(
            When(~eligible | Q(wotc__isnull=True), then=Value(Decimal("0"))),
            When(credit_hours__lt=rules.wotc_minimum_hours(), then=Value(Decimal("0"))),
            When(
                credit_hours__lt=rules.wotc_full_rate_hours(),
                then=Round(F("credit_wages") * Value(rules.wotc_partial_rate()), 2),
            ),
            default=Round(F("credit_wages") * Value(rules.wotc_full_rate()), 2),
            output_field=DecimalField(max_digits=12, decimal_places=2),
        ),
        credit_pending=Q(start_date__gt=rules.wotc_end_date()),
    )
