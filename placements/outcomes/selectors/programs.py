"""Outcome figures 8-11: transitional jobs, employers, job club and résumés, referrals
and supports."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Avg,
    Count,
    DecimalField,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Window,
)
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from employers import selectors as employer_selectors
from jobseekers import selectors as participant_selectors
from placements.applications import selectors as application_selectors
from placements.outcomes.periods import Period
from placements.outcomes.selectors.base import (
    BOND_ISSUED,
    PROGRAM,
    Figure,
    Measure,
    Rate,
    Scope,
    day_starts,
    days_between,
    money,
    people_in,
    placements_in,
    today_or,
)
from placements.transitional import selectors as transitional_selectors

# --- 8. Transitional jobs ---------------------------------------------------------------


def transitional_jobs(*, period: Period, scope: Scope = PROGRAM) -> Figure:
    stubs = transitional_selectors.pay_stubs_for_reports().filter(
        run__period__pay_date__range=(period.start, period.end)
    )
    ratings = transitional_selectors.ratings_for_reports().filter(
        work_date__range=(period.start, period.end)
    )
    stubs = stubs.filter(scope.people_filter("participant__"))
    ratings = ratings.filter(scope.people_filter("participant__"))
    # Whole months from the monthly sums of the shifts, the cut days from the shifts.
    work = transitional_selectors.work_totals_for_reports(
        start=period.start, end=period.end, people=scope.people_filter("participant__")
    )
    gross = stubs.aggregate(gross=Sum("gross"))["gross"]

    def edge(aggregate):
        # Each person's first (or last) rating day in the period, as a window over the
        # period's ratings (one sort), not a grouped subquery per rating row.
        return Window(aggregate("work_date"), partition_by=[F("participant")])

    score = sum(
        (F(name) for name in transitional_selectors.REPORT_RATING_DIMENSIONS[1:]),
        F(transitional_selectors.REPORT_RATING_DIMENSIONS[0]),
    )
    week = dt.timedelta(days=6)
    averages = (
        ratings.annotate(first_day=edge(Min), last_day=edge(Max))
        .annotate(
            score=Cast(score, DecimalField(max_digits=6, decimal_places=2)),
            since_first=days_between(F("work_date"), F("first_day")),
            before_last=days_between(F("last_day"), F("work_date")),
        )
        .aggregate(
            first=Avg("score", filter=Q(since_first__lte=week)),
            latest=Avg("score", filter=Q(before_last__lte=week)),
            rated=Count("participant", distinct=True),
        )
    )
    dimensions = len(transitional_selectors.REPORT_RATING_DIMENSIONS)

    def rating(value):
        if value is None:
            return None
        return (Decimal(value) / dimensions).quantize(Decimal("0.01"), ROUND_HALF_UP)

    return Figure(
        key="transitional_jobs",
        title=_("Transitional jobs"),
        value=work["people"],
        of=work["people"],
        definition=_(
            "People who worked a crew shift in the period, their hours, the gross pay of "
            "the approved payroll runs paid in the period, and the average work-readiness "
            "rating (1 to 5, the mean of the five dimensions) in each person's first week "
            "of ratings in the period and in their latest week."
        ),
        measures=(
            Measure("people", _("People"), work["people"]),
            Measure("hours", _("Hours worked"), work["hours"] or Decimal("0"), "hours"),
            Measure("gross_pay", _("Gross pay"), money(gross), "money"),
            Measure("people_rated", _("People rated"), averages["rated"]),
            Measure(
                "rating_first_week", _("Rating, first week"), rating(averages["first"]), "rating"
            ),
            Measure(
                "rating_latest_week", _("Rating, latest week"), rating(averages["latest"]), "rating"
            ),
        ),
    )


def transitional_people(
    *, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None
) -> QuerySet:
    """The people who worked a crew shift in the period, each annotated `counted`: True
    for those with a work-readiness rating in the period."""
    worked = transitional_selectors.time_entries_for_reports().filter(
        participant=OuterRef("pk"), work_date__range=(period.start, period.end)
    )
    rated = transitional_selectors.ratings_for_reports().filter(
        participant=OuterRef("pk"), work_date__range=(period.start, period.end)
    )
    return people_in(scope).filter(Exists(worked)).annotate(counted=Exists(rated))


# --- 9. Employers -----------------------------------------------------------------------


def employers_results(
    *, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None
) -> Figure:
    today = today_or(today)
    employers = employer_selectors.employers_for_reports()
    jobs = employer_selectors.jobs_for_reports()
    if scope.employer_id:
        employers = employers.filter(pk=scope.employer_id)
        jobs = jobs.filter(employer_id=scope.employer_id)
    approved = employer_selectors.APPROVED_EMPLOYER_STATUS
    # The period's first and after-last moments in the program's zone: the same days as
    # a `__date` range, without converting every job's and employer's time.
    period_starts = day_starts(period.start)
    period_ends = day_starts(period.end + dt.timedelta(days=1))
    employer_totals = employers.aggregate(
        active=Count("pk", filter=Q(status=approved)),
        new=Count(
            "pk",
            filter=Q(status=approved, vetted_at__gte=period_starts, vetted_at__lt=period_ends),
        ),
    )
    jobs_posted = jobs.filter(published_at__gte=period_starts, published_at__lt=period_ends).count()
    hires = application_selectors.placements_with_credit_estimate(
        placements_in(scope).filter(
            employer__isnull=False, start_date__range=(period.start, period.end)
        )
    )
    eligible = Q(wotc__record_eligible=True, wotc__ineligible_reason="")
    deadline = dt.timedelta(days=28)
    hire_totals = hires.annotate(
        filing_delay=days_between(F("wotc__submitted_on"), F("start_date"))
    ).aggregate(
        hires=Count("pk"),
        hiring_employers=Count("employer", distinct=True),
        credits=Sum("credit_estimate"),
        pending=Count("pk", filter=eligible & Q(credit_pending=True)),
        due=Count("pk", filter=eligible & Q(start_date__lte=today - deadline)),
        on_time=Count(
            "pk",
            filter=eligible & Q(start_date__lte=today - deadline, filing_delay__lte=deadline),
        ),
    )
    bonds = (
        placements_in(scope)
        .filter(
            bonding_requests__status=BOND_ISSUED,
            bonding_requests__coverage_starts_on__range=(period.start, period.end),
        )
        .count()
    )
    per_employer = None
    if hire_totals["hiring_employers"]:
        per_employer = (Decimal(hire_totals["hires"]) / hire_totals["hiring_employers"]).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )
    return Figure(
        key="employers",
        title=_("Employers"),
        value=employer_totals["active"],
        of=employer_totals["active"],
        definition=_(
            "Active fair-chance employers: approved employers today; new: approved in the "
            "period. Jobs posted: published in the period. Hires: jobs at a portal "
            "employer that started in the period, and hires per hiring employer. Tax "
            "credits estimated: the Work Opportunity Tax Credit of the eligible hires, "
            "by the rules on the hire's page (hires after the credit's end date are "
            "pending reauthorization). Form 8850 filed on time: within 28 days of the "
            "start, of the eligible hires whose deadline has passed. Bonds issued: "
            "coverage starting in the period."
        ),
        measures=(
            Measure(
                "active_employers", _("Active fair-chance employers"), employer_totals["active"]
            ),
            Measure("new_employers", _("New this period"), employer_totals["new"]),
            Measure("jobs_posted", _("Jobs posted"), jobs_posted),
            Measure("hires", _("Hires"), hire_totals["hires"]),
            Measure("hires_per_employer", _("Hires per hiring employer"), per_employer, "number"),
            Measure(
                "tax_credits_estimated",
                _("Tax credits estimated"),
                money(hire_totals["credits"]),
                "money",
            ),
            Measure(
                "tax_credits_pending", _("Hires pending reauthorization"), hire_totals["pending"]
            ),
            Measure(
                "form_8850_on_time",
                _("Form 8850 filed on time"),
                Rate(hire_totals["on_time"], hire_totals["due"]),
                "rate",
            ),
            Measure("bonds_issued", _("Bonds issued"), bonds),
        ),
    )


def recent_months(*, today: dt.date, months: int = 12) -> list[dt.date]:
    """The first days of the last `months` calendar months, oldest first, this one last."""
    firsts = []
    year, month = today.year, today.month
    for _index in range(months):
        firsts.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def hires_per_month(
    *, scope: Scope, today: dt.date | None = None, months: int = 12
) -> list[tuple[dt.date, int]]:
    """Hires (as in `employers_results`: jobs at a portal employer, by their start date)
    in each of the last `months` calendar months, oldest first: (first day, count).
    One query whatever the number of hires; `scope.employer_id` for one employer's own."""
    firsts = recent_months(today=today_or(today), months=months)
    ends = [*firsts[1:], _next_month(firsts[-1])]
    counts = (
        placements_in(scope)
        .filter(employer__isnull=False, start_date__gte=firsts[0], start_date__lt=ends[-1])
        .aggregate(
            **{
                f"month_{index}": Count("pk", filter=Q(start_date__gte=first, start_date__lt=end))
                for index, (first, end) in enumerate(zip(firsts, ends, strict=True))
            }
        )
    )
    return [(first, counts[f"month_{index}"] or 0) for index, first in enumerate(firsts)]


def _next_month(first: dt.date) -> dt.date:
    return dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)


# --- 10. Job club and résumés -----------------------------------------------------------

ATTENDED = "present"
MISSED = "absent"  # "excused" counts neither way


def job_club(*, period: Period, scope: Scope = PROGRAM) -> Figure:
    """Sessions, attendance and finished résumés of the period, in two queries."""
    attendance = (
        participant_selectors.attendance_for_reports()
        .filter(session__starts_at__date__range=(period.start, period.end))
        .filter(scope.people_filter("participant__"))
        .aggregate(
            sessions=Count("session", distinct=True),
            attended=Count("pk", filter=Q(status=ATTENDED)),
            expected=Count("pk", filter=Q(status__in=(ATTENDED, MISSED))),
            people=Count("participant", distinct=True, filter=Q(status=ATTENDED)),
        )
    )
    # First saved in the period: a version saved in it and none before it (two anti/semi
    # joins on the versions), the same résumés as the earliest version's date in the
    # period, without grouping every résumé with its versions.
    period_starts = day_starts(period.start)
    saved_in_period = participant_selectors.resumes_for_reports().filter(
        versions__created_at__gte=period_starts,
        versions__created_at__lt=day_starts(period.end + dt.timedelta(days=1)),
    )
    saved_before = participant_selectors.resumes_for_reports().filter(
        versions__created_at__lt=period_starts
    )
    resumes = (
        participant_selectors.resumes_for_reports()
        .filter(scope.people_filter("participant__"), pk__in=saved_in_period.values("pk"))
        .exclude(pk__in=saved_before.values("pk"))
        .aggregate(finished=Count("pk"), people=Count("participant", distinct=True))
    )
    rate = Rate(attendance["attended"], attendance["expected"])
    return Figure(
        key="job_club",
        title=_("Job club and résumés"),
        value=attendance["sessions"],
        of=attendance["expected"],
        definition=_(
            "Sessions: job club sessions in the period with attendance taken for the people "
            "counted. Attendance rate: present, of present and absent (an excused absence "
            "counts neither way). Résumés finished: résumés first saved in the period, and "
            "the people they belong to."
        ),
        measures=(
            Measure("sessions", _("Sessions"), attendance["sessions"]),
            Measure("attendance_rate", _("Attendance rate"), rate, "rate"),
            Measure("people_attending", _("People who attended"), attendance["people"]),
            Measure("resumes_finished", _("Résumés finished"), resumes["finished"]),
            Measure("people_with_resume", _("People with a new résumé"), resumes["people"]),
        ),
    )


def job_club_people(
    *, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None
) -> QuerySet:
    """The people the attendance rate counts (present or absent at a session in the
    period), each annotated `counted`: True for those present at least once."""
    taken = participant_selectors.attendance_for_reports().filter(
        participant=OuterRef("pk"),
        session__starts_at__date__range=(period.start, period.end),
        status__in=(ATTENDED, MISSED),
    )
    return (
        people_in(scope)
        .filter(Exists(taken))
        .annotate(counted=Exists(taken.filter(status=ATTENDED)))
    )


# --- 11. Referrals and supports ---------------------------------------------------------

REFERRAL_CONNECTED = "connected"
REFERRAL_NOT_CONNECTED = "not_connected"
REFERRAL_OPEN = ("made", "contacted")
SUPPORT_GIVEN = "given"
SUPPORT_PENDING = "pending_approval"


def referrals_and_supports(*, period: Period, scope: Scope = PROGRAM) -> Figure:
    """Referrals made in the period and how they ended; supports given and money spent,
    in two queries."""
    referrals = (
        participant_selectors.referrals_for_reports()
        .filter(made_on__range=(period.start, period.end))
        .filter(scope.people_filter("participant__"))
        .aggregate(
            made=Count("pk"),
            people=Count("participant", distinct=True),
            connected=Count("pk", filter=Q(status=REFERRAL_CONNECTED)),
            not_connected=Count("pk", filter=Q(status=REFERRAL_NOT_CONNECTED)),
            still_open=Count("pk", filter=Q(status__in=REFERRAL_OPEN)),
        )
    )
    supports = (
        participant_selectors.supports_for_reports()
        .filter(given_on__range=(period.start, period.end))
        .filter(scope.people_filter("participant__"))
        .aggregate(
            given=Count("pk", filter=Q(status=SUPPORT_GIVEN)),
            people=Count("participant", distinct=True, filter=Q(status=SUPPORT_GIVEN)),
            spent=Sum("amount", filter=Q(status=SUPPORT_GIVEN)),
            pending=Sum("amount", filter=Q(status=SUPPORT_PENDING)),
        )
    )
    return Figure(
        key="referrals_and_supports",
        title=_("Referrals and supports"),
        value=referrals["made"],
        of=referrals["made"],
        definition=_(
            "Referrals made in the period to partner organisations, and where they stand "
            "today: connected (the person got the help), not connected, or still open. "
            "Supports: direct supports given in the period (bus passes, work clothes, "
            "fees...), the people who received them and the money spent, to the cent; "
            "supports waiting for an admin's approval are shown apart."
        ),
        measures=(
            Measure("referrals_made", _("Referrals made"), referrals["made"]),
            Measure("people_referred", _("People referred"), referrals["people"]),
            Measure(
                "referrals_connected",
                _("Connected"),
                Rate(referrals["connected"], referrals["made"]),
                "rate",
            ),
            Measure("referrals_not_connected", _("Not connected"), referrals["not_connected"]),
            Measure("referrals_open", _("Still open"), referrals["still_open"]),
            Measure("supports_given", _("Supports given"), supports["given"]),
            Measure("people_supported", _("People who received a support"), supports["people"]),
            Measure("support_spent", _("Spent on supports"), money(supports["spent"]), "money"),
            Measure(
                "support_pending",
                _("Waiting for approval"),
                money(supports["pending"]),
                "money",
            ),
        ),
    )


def referred_people(
    *, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None
) -> QuerySet:
    """The people referred in the period, each annotated `counted`: True for those with
    one of those referrals connected."""
    made = participant_selectors.referrals_for_reports().filter(
        participant=OuterRef("pk"), made_on__range=(period.start, period.end)
    )
    return (
        people_in(scope)
        .filter(Exists(made))
        .annotate(counted=Exists(made.filter(status=REFERRAL_CONNECTED)))
    )


def supported_people(
    *, period: Period, scope: Scope = PROGRAM, today: dt.date | None = None
) -> QuerySet:
    """The people with a support given or waiting for approval in the period, each
    annotated `counted`: True for those who received one (given)."""
    supports = participant_selectors.supports_for_reports().filter(
        participant=OuterRef("pk"),
        given_on__range=(period.start, period.end),
        status__in=(SUPPORT_GIVEN, SUPPORT_PENDING),
    )
    return (
        people_in(scope)
        .filter(Exists(supports))
        .annotate(counted=Exists(supports.filter(status=SUPPORT_GIVEN)))
    )
