"""The figures that count returns to custody and program exits (recidivism, cost
savings, employment and credentials after exit), on datasets worked out by hand. The
period is the first quarter of 2025 (90 days) and "today" 2026-06-01."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import override_settings

from jobseekers.models import CustodyEvent, ProgramExit
from placements.applications.models import RetentionCheck
from placements.outcomes import selectors
from placements.outcomes.periods import Period
from placements.outcomes.selectors import Rate, Scope
from tests.factories.applications import PlacementFactory
from tests.factories.jobseekers import ParticipantFactory, certificate_uploaded

pytestmark = pytest.mark.django_db

Q1 = Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 3, 31))
TODAY = dt.date(2026, 6, 1)
D = dt.date


def person(release, *, enrolled=dt.datetime(2023, 6, 1, 12, tzinfo=dt.UTC)):
    participant = ParticipantFactory(release_date=release)
    type(participant).objects.filter(pk=participant.pk).update(created_at=enrolled)
    return participant


def custody(participant, day, kind):
    CustodyEvent.objects.create(participant=participant, occurred_on=day, kind=kind, source="DOC")


def leaves(participant, day, reason="withdrew"):
    ProgramExit.objects.create(participant=participant, exited_on=day, reason=reason)


def test_recidivism_within_one_year():
    # The 1-year window (365 days) ends in Q1 for releases 2024-01-02 .. 2024-03-31
    # (2024 is a leap year: 2025-01-01 minus 365 days is 2024-01-02).
    # R1 2024-01-10, new offense 2024-06-01: returned (new offense).
    # R2 2024-02-01, technical violation 2024-12-01: returned (technical).
    # R3 2024-02-15, arrest without conviction 2024-05-01: not counted.
    # R4 2024-03-01, new offense 2025-03-05, after its year (ended 2025-03-01): no.
    # R5 2024-03-31 (last day of the base), completed the program, no return.
    # R6 2024-01-20, completed, technical violation 2024-02-01, before any job: returned.
    # R7 2024-01-01: its window ended 2024-12-31, outside.
    # Base 6, returned 3: 0.500; new offense 1 / 6 = 0.167; technical 2 / 6 = 0.333;
    # completers R5 and R6: 1 of 2, fewer than 5, no rate.
    r1 = person(D(2024, 1, 10))
    custody(r1, D(2024, 6, 1), "new_offense")
    r2 = person(D(2024, 2, 1))
    custody(r2, D(2024, 12, 1), "technical_violation")
    r3 = person(D(2024, 2, 15))
    custody(r3, D(2024, 5, 1), "arrest_no_conviction")
    r4 = person(D(2024, 3, 1))
    custody(r4, D(2025, 3, 5), "new_offense")
    r5 = person(D(2024, 3, 31))
    leaves(r5, D(2024, 9, 1), "completed")
    r6 = person(D(2024, 1, 20))
    leaves(r6, D(2024, 1, 25), "completed")
    custody(r6, D(2024, 2, 1), "technical_violation")
    r7 = person(D(2024, 1, 1))
    custody(r7, D(2024, 2, 1), "new_offense")

    figure = selectors.recidivism(period=Q1, years=1, today=TODAY)
    assert figure.key == "recidivism_1_year"
    assert figure.value == Rate(3, 6)
    assert figure.value.rate == Decimal("0.500")
    assert figure.measure("new_offense").rate == Decimal("0.167")
    assert figure.measure("technical_violation").rate == Decimal("0.333")
    completers = figure.measure("completers")
    assert completers == Rate(1, 2) and completers.rate is None
    assert figure.extra["comparison"]["missouri"] == Decimal("0.35")
    assert figure.extra["comparison"]["high_risk_3_years"] == Decimal("0.83")


def test_recidivism_within_three_years():
    # The 3-year window (1,095 days) ends in Q1 for releases 2022-01-02 .. 2022-04-01.
    # One person released 2022-02-01 and back on 2024-06-01: 1 of 1 (no rate shown);
    # one released 2021-12-31 is outside.
    inside = person(D(2022, 2, 1))
    custody(inside, D(2024, 6, 1), "new_offense")
    person(D(2021, 12, 31))
    figure = selectors.recidivism(period=Q1, years=3, today=TODAY)
    assert figure.key == "recidivism_3_years"
    assert figure.value == Rate(1, 1)
    assert figure.value.suppressed


def test_cost_savings_to_the_cent():
    # Days out of prison in Q1 (from release or enrolment if later, until a return):
    # S1 released 2024-06-01, no return: all 90 days.
    # S2 released 2025-02-01: Feb 1 .. Mar 31 = 28 + 31 = 59 days.
    # S3 released 2024-01-01, new offense 2025-01-31: Jan 1 .. Jan 30 = 30 days.
    # S4 released 2024-01-01, back 2024-12-01: none.
    # S5 released 2024-05-01, arrested without conviction 2025-02-01: all 90 days.
    # S6 released 2024-01-01, enrolled 2025-03-02: Mar 2 .. Mar 31 = 30 days.
    # S7 released 2025-06-01 (still inside): none.
    # 299 days / 365 = 0.819... = 0.82 person-years, 5 people.
    # Savings 0.82 x $18,000 = $14,760.00; operating cost $500,000 x 90 / 365 =
    # $123,287.67 (123,287.671...); net $14,760.00 - $123,287.67 = -$108,527.67.
    person(D(2024, 6, 1))
    person(D(2025, 2, 1))
    s3 = person(D(2024, 1, 1))
    custody(s3, D(2025, 1, 31), "new_offense")
    s4 = person(D(2024, 1, 1))
    custody(s4, D(2024, 12, 1), "technical_violation")
    s5 = person(D(2024, 5, 1))
    custody(s5, D(2025, 2, 1), "arrest_no_conviction")
    person(D(2024, 1, 1), enrolled=dt.datetime(2025, 3, 2, 18, tzinfo=dt.UTC))
    person(D(2025, 6, 1))

    figure = selectors.cost_savings(period=Q1, today=TODAY)
    assert figure.of == 5
    assert figure.measure("person_years_kept_out") == Decimal("0.82")
    assert figure.measure("savings_per_person_year") == Decimal("18000.00")
    assert figure.measure("operating_cost") == Decimal("123287.67")
    assert figure.measure("net") == Decimal("-108527.67")
    assert figure.value == Decimal("-108527.67")
    with override_settings(PORTAL_PROGRAM_OPERATING_COST="0"):
        assert selectors.cost_savings(period=Q1, today=TODAY).value == Decimal("14760.00")


def test_cost_savings_count_only_days_that_have_passed():
    # On 2025-01-10 a person released long ago has 10 days out in Q1 (Jan 1 .. Jan 10).
    # 10 / 365 = 0.027... = 0.03 person-years.
    person(D(2024, 6, 1))
    figure = selectors.cost_savings(period=Q1, today=D(2025, 1, 10))
    assert figure.measure("person_years_kept_out") == Decimal("0.03")


def test_employment_and_earnings_after_exit():
    # The 2nd quarter after the exit quarter is Q1 2025 for exits in Q3 2024 (Jul-Sep).
    # W1 left 2024-08-15, job from 2024-12-01, $20 x 40 h: employed, $10,400 a quarter.
    # W2 left 2024-07-01, job from 2025-03-31 (the quarter's last day), $15 x 30 h: $5,850.
    # W3 left 2024-09-30, job 2024-10-01 .. 2024-12-31: not employed in Q1 2025.
    # W4 left 2024-09-01, a subsidized job only: not employed.
    # W5 left 2024-07-20, job from 2025-01-10, $18 x 40 h: $9,360.
    # W7 left 2024-08-01, $16 x 40 h: $8,320.  W8 left 2024-08-02, $17 x 40 h: $8,840.
    # W6 left 2024-10-01: outside.
    # Employed 5 of 7 = 0.714; median of 5,850 8,320 8,840 9,360 10,400 = $8,840.00.
    def exiter(day, *jobs):
        participant = person(D(2023, 1, 1))
        leaves(participant, day)
        for start, fields in jobs:
            PlacementFactory(participant=participant, start_date=start, **fields)

    exiter(D(2024, 8, 15), (D(2024, 12, 1), {"hourly_wage": Decimal("20")}))
    exiter(
        D(2024, 7, 1),
        (D(2025, 3, 31), {"hourly_wage": Decimal("15"), "hours_per_week": Decimal("30")}),
    )
    exiter(D(2024, 9, 30), (D(2024, 10, 1), {"separated_on": D(2024, 12, 31)}))
    exiter(D(2024, 9, 1), (D(2024, 10, 1), {"subsidized": True}))
    exiter(D(2024, 7, 20), (D(2025, 1, 10), {"hourly_wage": Decimal("18")}))
    exiter(D(2024, 8, 1), (D(2024, 9, 1), {"hourly_wage": Decimal("16")}))
    exiter(D(2024, 8, 2), (D(2024, 9, 1), {"hourly_wage": Decimal("17")}))
    exiter(D(2024, 10, 1), (D(2024, 11, 1), {}))

    figure = selectors.wioa_indicators(period=Q1, today=TODAY)
    assert figure.measure("employment_rate_2nd_quarter") == Rate(5, 7)
    assert figure.measure("employment_rate_2nd_quarter").rate == Decimal("0.714")
    assert figure.measure("median_earnings_2nd_quarter") == Decimal("8840.00")
    # The 4th quarter after exit is Q1 2025 for exits in Q1 2024: nobody.
    assert figure.measure("employment_rate_4th_quarter") == Rate(0, 0)


def test_credential_attainment():
    # Left in Q1: C1 (certificate uploaded 2025-01-15, left 2025-02-01): yes; C2
    # (certificate uploaded after leaving): no; C3 (none): no. 1 of 3, no rate.
    def leaver(day, certificate_on=None):
        participant = person(D(2023, 1, 1))
        leaves(participant, day)
        if certificate_on:
            certificate_uploaded(
                participant, at=dt.datetime.combine(certificate_on, dt.time(12), tzinfo=dt.UTC)
            )

    leaver(D(2025, 2, 1), D(2025, 1, 15))
    leaver(D(2025, 3, 1), D(2025, 3, 15))
    leaver(D(2025, 3, 2))
    figure = selectors.wioa_indicators(period=Q1, today=TODAY)
    assert figure.measure("credential_attainment") == Rate(1, 3)


def test_earnings_after_exit_come_from_the_latest_retention_check_that_recorded_them():
    # Five left in Q3 2024; each holds a $16 x 40 h job from 2024-09-01 in Q1 2025 (the
    # 2nd quarter after): $8,320 a quarter from the start. E1's 90-day check (due
    # 2024-11-30) says $20 x 30 h: $7,800. E2's 90-day check says $20 x 40 h but its
    # 180-day check (due 2025-02-28) $22 x 40 h: $11,440. E3's check answered "not
    # working" with no wage keeps the start: $8,320. E4's 365-day check (due after the
    # quarter) $30 x 40 h does not count: $8,320. E5: no answer, $8,320.
    # Earnings 7,800 8,320 8,320 8,320 11,440: median $8,320.00; without E1..E3's
    # checks all five would be 8,320 too, so the lowest and highest are checked as well.
    def exiter():
        participant = person(D(2023, 1, 1))
        leaves(participant, D(2024, 8, 15))
        return PlacementFactory(
            participant=participant, start_date=D(2024, 9, 1), hourly_wage=Decimal("16")
        )

    def answer(placement, days, outcome, wage=None, hours=None):
        RetentionCheck.objects.filter(placement=placement, days=days).update(
            outcome=outcome, hourly_wage=wage, hours_per_week=hours
        )

    e1, e2, e3, e4, _e5 = (exiter() for _ in range(5))
    answer(e1, 90, "same_employer", Decimal("20"), Decimal("30"))
    answer(e2, 90, "same_employer", Decimal("20"), Decimal("40"))
    answer(e2, 180, "other_employer", Decimal("22"), Decimal("40"))
    answer(e3, 90, "not_working")
    answer(e4, 365, "same_employer", Decimal("30"), Decimal("40"))

    people = {
        row.pk: row.earnings
        for row in selectors.employment._employment_after_exit(
            Scope(), selectors.employment._quarters_after_exit(Q1, 2, TODAY)
        )
    }
    assert sorted(people.values()) == [
        Decimal("7800.00"),
        Decimal("8320.00"),
        Decimal("8320.00"),
        Decimal("8320.00"),
        Decimal("11440.00"),
    ]
    figure = selectors.wioa_indicators(period=Q1, today=TODAY)
    assert figure.measure("employment_rate_2nd_quarter") == Rate(5, 5)
    assert figure.measure("median_earnings_2nd_quarter") == Decimal("8320.00")
