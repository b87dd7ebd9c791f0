"""The outcome figures on small datasets whose every number is worked out by hand in the
comments (never by calling the code under test). The period is the first quarter of
2025 and "today" is 2026-06-01 throughout, so every window has passed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import override_settings

from placements.models import (
    BondingRequest,
    BondingStatus,
    PayrollRun,
    PayStub,
    RetentionCheck,
    WotcScreening,
)
from placements.outcomes import selectors
from placements.outcomes.periods import Period
from placements.outcomes.selectors import Rate, Scope
from tests.factories.applications import PlacementFactory
from tests.factories.employers import EmployerFactory
from tests.factories.jobseekers import ParticipantFactory
from tests.factories.transitional import DailyRatingFactory, PayPeriodFactory, TimeEntryFactory

pytestmark = pytest.mark.django_db

Q1 = Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 3, 31))
TODAY = dt.date(2026, 6, 1)
D = dt.date


def person(release: dt.date | None, **fields):
    participant = ParticipantFactory(release_date=release, **fields)
    # Enrolled well before the period (created_at is set on save, so set it after).
    type(participant).objects.filter(pk=participant.pk).update(
        created_at=dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC)
    )
    return participant


def job(participant, start: dt.date, **fields):
    return PlacementFactory(participant=participant, start_date=start, **fields)


@pytest.fixture
def release_cohort():
    """Released people and their jobs around the first quarter of 2025.

    name  released     jobs (start, wage, hours)                       days to 1st job
    A     2025-01-10   2025-01-15 $15 40h; subsidized 2025-02-01       5
    B     2025-01-20   2025-02-19 $16 40h (30-day check: not working)  30
    C     2025-02-01   2025-02-03 $17 40h (left 02-09); 02-10 $18 40h  2 (placed twice)
    D     2025-02-10   2025-03-13 $19 20h                              31
    E     2025-03-01   2025-03-05 $20 30h                              4
    F     2024-12-02   2024-12-20 $16 40h                              18 (job before Q1)
    H     2025-01-05   2025-01-05 $21 40h                              0
    I     2025-03-02   2025-03-20 $22 40h                              18
    J     2024-12-01   2024-12-10 $16 40h                              9 (job before Q1)
    """
    people = {}
    people["A"] = a = person(D(2025, 1, 10))
    job(a, D(2025, 1, 15), hourly_wage=Decimal("15.00"))
    job(a, D(2025, 2, 1), subsidized=True)
    people["B"] = b = person(D(2025, 1, 20))
    b_job = job(b, D(2025, 2, 19))
    RetentionCheck.objects.filter(placement=b_job, days=30).update(outcome="not_working")
    people["C"] = c = person(D(2025, 2, 1))
    job(c, D(2025, 2, 3), hourly_wage=Decimal("17.00"), separated_on=D(2025, 2, 9))
    job(c, D(2025, 2, 10), hourly_wage=Decimal("18.00"))
    people["D"] = d = person(D(2025, 2, 10))
    job(d, D(2025, 3, 13), hourly_wage=Decimal("19.00"), hours_per_week=Decimal("20"))
    people["E"] = e = person(D(2025, 3, 1))
    job(e, D(2025, 3, 5), hourly_wage=Decimal("20.00"), hours_per_week=Decimal("30"))
    people["F"] = f = person(D(2024, 12, 2))
    job(f, D(2024, 12, 20))
    people["H"] = h = person(D(2025, 1, 5))
    job(h, D(2025, 1, 5), hourly_wage=Decimal("21.00"))
    people["I"] = i = person(D(2025, 3, 2))
    job(i, D(2025, 3, 20), hourly_wage=Decimal("22.00"))
    people["J"] = j = person(D(2024, 12, 1))
    job(j, D(2024, 12, 10))
    return people


def test_employed_within_30_days_of_release(release_cohort):
    # Base: the 30th day after release falls in Q1, i.e. released 2024-12-02 .. 2025-03-01:
    # A, B, C, D, E (released on the last possible day), F (the first), H = 7 people.
    # Not I (2025-03-02) nor J (2024-12-01). Employed within 30 days: A (5), B (30, the
    # last day counts), C (2, placed twice: once), E (4), F (18), H (0) = 6; D took 31 days.
    # 6 / 7 = 0.857 against the 85 % target.
    figure = selectors.employed_within_30_days_of_release(period=Q1, today=TODAY)
    assert figure.value == Rate(count=6, of=7)
    assert figure.value.rate == Decimal("0.857")
    assert figure.target == Decimal("0.85")
    assert figure.of == 7


def test_a_window_not_yet_over_is_not_counted(release_cohort):
    # On 2025-02-15 only people released by 2025-01-16 have had their 30 days: F, H, A.
    # All three found a job within 30 days: 3 of 3, fewer than 5, so no rate.
    figure = selectors.employed_within_30_days_of_release(period=Q1, today=D(2025, 2, 15))
    assert figure.value == Rate(count=3, of=3)
    assert figure.value.suppressed and figure.value.rate is None


def test_days_from_release_to_first_job(release_cohort):
    # First unsubsidized job after release starting in Q1: A 5, B 30, C 2, D 31, E 4, H 0,
    # I 18 (F's and J's first jobs started in December). Sorted 0 2 4 5 18 30 31:
    # median 5; 0-7 days: 4, 8-30: 2, 31-90: 1.
    figure = selectors.release_to_first_job(period=Q1)
    assert figure.of == 7
    assert figure.value == Decimal("5")
    assert figure.measure("days_0_7") == 4
    assert figure.measure("days_8_30") == 2
    assert figure.measure("days_31_90") == 1
    assert figure.measure("days_91_180") == 0


def test_placements(release_cohort):
    # Jobs starting in Q1: A 1 + 1 subsidized, B 1, C 2, D 1, E 1, H 1, I 1 = 9 jobs,
    # 1 subsidized, 8 unsubsidized; people placed 7 (A B C D E H I).
    # Enrolled (created 2024-03-01): all 9 people; placement rate 7 / 9 = 0.778.
    # Wages of the 8: 15 16 17 18 19 20 21 22: median (18 + 19) / 2 = 18.50, range 15-22.
    # Full time (35 h or more): all but D (20 h) and E (30 h): 6 / 8 = 0.750.
    figure = selectors.placements_made(period=Q1)
    assert figure.measure("count") == 9
    assert figure.measure("subsidized") == 1
    assert figure.measure("unsubsidized") == 8
    assert figure.measure("people_placed") == 7
    assert figure.measure("placement_rate") == Rate(7, 9)
    assert figure.measure("placement_rate").rate == Decimal("0.778")
    assert figure.measure("median_starting_wage") == Decimal("18.50")
    assert figure.measure("lowest_starting_wage") == Decimal("15.00")
    assert figure.measure("highest_starting_wage") == Decimal("22.00")
    assert figure.measure("full_time_share").rate == Decimal("0.750")


def test_people_served(release_cohort):
    # 9 enrolled before Q1; I is still inside at the end of Q1? No: released 2025-03-02.
    # A newcomer enrolled in Q1 and released after it is new and pre-release; someone
    # who left the program in 2024 is not served.
    newcomer = ParticipantFactory(release_date=D(2025, 6, 1))
    type(newcomer).objects.filter(pk=newcomer.pk).update(
        created_at=dt.datetime(2025, 2, 1, 12, tzinfo=dt.UTC)
    )
    gone = person(D(2024, 1, 1), status="exited")
    type(gone).objects.filter(pk=gone.pk).update(status_changed_on=D(2024, 10, 1))
    figure = selectors.people_served(period=Q1)
    assert figure.measure("enrolled") == 10  # 9 + the newcomer
    assert figure.measure("new") == 1
    assert figure.measure("pre_release") == 1
    assert figure.measure("active") == 10


def test_retention_same_employer_and_any_employer(release_cohort):
    # 30-day checkpoint in Q1: unsubsidized jobs that started 2024-12-02 .. 2025-03-01:
    # F, J, A, B, C(02-03), C(02-10), H = 7. Not retained with the same employer: B (check
    # says not working), C(02-03) (left on 02-09): 5 / 7 = 0.714.
    figure = selectors.retention(period=Q1, today=TODAY)
    assert figure.value[30] == Rate(5, 7)
    assert figure.value[30].rate == Decimal("0.714")
    # 90-day checkpoint: jobs started 2024-10-03 .. 2024-12-31: F and J: fewer than 5.
    assert figure.value[90] == Rate(2, 2) and figure.value[90].suppressed
    assert "same employer" in figure.definition
    # Any employer with no gap over 4 weeks: C left on 02-09 and started again on 02-10,
    # still there on 03-05: retained. 6 / 7 = 0.857.
    with override_settings(PORTAL_RETENTION_DEFINITION="any_employer_no_gap_over_4_weeks"):
        figure = selectors.retention(period=Q1, today=TODAY)
    assert figure.value[30] == Rate(6, 7)
    assert "any employer" in figure.definition


def test_scope_by_facilitator(release_cohort, staff_user):
    # Only A and H on staff_user's caseload: both employed within 30 days, 2 of 2.
    for name in ("A", "H"):
        release_cohort[name].facilitator = staff_user
        release_cohort[name].save()
    figure = selectors.employed_within_30_days_of_release(
        period=Q1, scope=Scope(facilitator_id=staff_user.pk), today=TODAY
    )
    assert figure.value == Rate(2, 2)


def test_employed_at_9_months_after_release():
    # The day 274 days after release falls in Q1 for releases 2024-04-02 .. 2024-06-30.
    # K 2024-04-10, job from 2024-05-01, still there: employed.
    # L 2024-05-01, job 2024-05-10 to 2024-12-01; mark 2025-01-30: not employed.
    # M 2024-06-30 (last day), job from 2024-07-01: employed.
    # N 2024-06-01, no job.
    # O 2024-04-02 (first day), job left on the mark day itself (2025-01-01): employed.
    # P 2024-07-01, outside. 3 / 5 = 0.600 against the 80 % target.
    k = person(D(2024, 4, 10))
    job(k, D(2024, 5, 1))
    lo = person(D(2024, 5, 1))
    job(lo, D(2024, 5, 10), separated_on=D(2024, 12, 1))
    m = person(D(2024, 6, 30))
    job(m, D(2024, 7, 1))
    person(D(2024, 6, 1))
    o = person(D(2024, 4, 2))
    job(o, D(2024, 4, 20), separated_on=D(2025, 1, 1))
    p = person(D(2024, 7, 1))
    job(p, D(2024, 7, 2))
    figure = selectors.employed_at_9_months_after_release(period=Q1, today=TODAY)
    assert figure.value == Rate(3, 5)
    assert figure.value.rate == Decimal("0.600")
    assert figure.target == Decimal("0.80")


def test_transitional_jobs(staff_user):
    # P1: 3 shifts of 8 h in Q1; P2: 2 shifts of 6.5 h; a shift in April is outside.
    # People 2, hours 24 + 13 = 37.00. Gross pay: the approved run paid in Q1 ($412.50);
    # a draft run's stub is not paid.
    first = TimeEntryFactory(work_date=D(2025, 1, 6))
    p1 = first.participant
    TimeEntryFactory(assignment=first.assignment, work_date=D(2025, 1, 7))
    TimeEntryFactory(assignment=first.assignment, work_date=D(2025, 2, 20))
    TimeEntryFactory(assignment=first.assignment, work_date=D(2025, 4, 1))
    second = TimeEntryFactory(work_date=D(2025, 3, 3), hours=Decimal("6.50"))
    p2 = second.participant
    TimeEntryFactory(assignment=second.assignment, work_date=D(2025, 3, 4), hours=Decimal("6.50"))
    approved = PayrollRun.objects.create(
        period=PayPeriodFactory(
            starts_on=D(2025, 1, 6), ends_on=D(2025, 1, 12), pay_date=D(2025, 1, 14)
        ),
        status="approved",
    )
    PayStub.objects.create(run=approved, participant=p1, hourly_rate=16, gross=Decimal("412.50"))
    draft = PayrollRun.objects.create(
        period=PayPeriodFactory(
            starts_on=D(2025, 3, 3), ends_on=D(2025, 3, 9), pay_date=D(2025, 3, 11)
        ),
        status="draft",
    )
    PayStub.objects.create(run=draft, participant=p2, hourly_rate=16, gross=Decimal("104.00"))
    # Ratings (every dimension the same score): P1 2 on 01-06, 3 on 01-08, 4 on 02-20,
    # 5 on 02-24; P2 3 on 03-03. First week rows (within 6 days of each person's first):
    # 2, 3, 3 -> 8 / 3 = 2.67. Latest week rows (within 6 days of each person's last):
    # 4, 5, 3 -> 12 / 3 = 4.00.
    for participant, day, score in (
        (p1, D(2025, 1, 6), 2),
        (p1, D(2025, 1, 8), 3),
        (p1, D(2025, 2, 20), 4),
        (p1, D(2025, 2, 24), 5),
        (p2, D(2025, 3, 3), 3),
    ):
        DailyRatingFactory(
            participant=participant,
            work_date=day,
            cooperation_with_supervisor=score,
            effort=score,
            punctuality_and_attendance=score,
            cooperation_with_coworkers=score,
            personal_presentation=score,
        )
    figure = selectors.transitional_jobs(period=Q1)
    assert figure.measure("people") == 2
    assert figure.measure("hours") == Decimal("37.00")
    assert figure.measure("gross_pay") == Decimal("412.50")
    assert figure.measure("people_rated") == 2
    assert figure.measure("rating_first_week") == Decimal("2.67")
    assert figure.measure("rating_latest_week") == Decimal("4.00")


def test_employers_tax_credits_filing_and_bonds():
    # Two approved employers (one approved in Q1), one pending.
    # Hires at `first` in Q1:
    #   1. 40 h a week, $16: 2,080 h, wages $33,280 -> 40 % of the $6,000 cap = $2,400.00
    #      (Form 8850 sent on day 28: on time)
    #   2. first year 200 h and $3,000: 25 % of $3,000 = $750.00 (sent on day 29: late)
    #   3. not eligible (reason given): $0 (not counted for the deadline)
    #   at `second`: 4. 40 h, $16 -> $2,400.00, never sent: late.
    # Credits 2,400 + 750 + 2,400 = $5,550.00; on time 1 of 3 eligible (fewer than 5).
    # Hires 4 at 2 employers: 2.0 per employer. One bond issued with coverage in Q1.
    first = EmployerFactory(vetted_at=dt.datetime(2025, 2, 1, 12, tzinfo=dt.UTC))
    second = EmployerFactory()
    EmployerFactory(status="pending")
    one = job(person(None), D(2025, 1, 6), employer=first)
    WotcScreening.objects.filter(placement=one).update(submitted_on=D(2025, 2, 3))
    two = job(person(None), D(2025, 1, 6), employer=first)
    WotcScreening.objects.filter(placement=two).update(
        first_year_hours=Decimal("200"),
        first_year_wages=Decimal("3000"),
        submitted_on=D(2025, 2, 4),
    )
    three = job(person(None), D(2025, 2, 6), employer=first)
    WotcScreening.objects.filter(placement=three).update(ineligible_reason="Hired too late")
    job(person(None), D(2025, 3, 6), employer=second)
    BondingRequest.objects.create(
        placement=one,
        amount=Decimal("5000"),
        coverage_starts_on=D(2025, 1, 6),
        coverage_ends_on=D(2025, 7, 6),
        status=BondingStatus.ISSUED,
    )
    figure = selectors.employers_results(period=Q1, today=TODAY)
    assert figure.measure("active_employers") == 2
    assert figure.measure("new_employers") == 1
    assert figure.measure("hires") == 4
    assert figure.measure("hires_per_employer") == Decimal("2.0")
    assert figure.measure("tax_credits_estimated") == Decimal("5550.00")
    assert figure.measure("form_8850_on_time") == Rate(1, 3)
    assert figure.measure("bonds_issued") == 1
    # An employer's own scope: only its 3 hires and $3,150.00.
    own = selectors.employers_results(period=Q1, scope=Scope(employer_id=first.pk), today=TODAY)
    assert own.measure("hires") == 3
    assert own.measure("tax_credits_estimated") == Decimal("3150.00")
