"""Edge dates of the figures rewritten for speed (issue 13, "Outcomes report at statewide
size"): the quarters after exit counted from each person's latest exit, on the first and
last days of the quarters; the first job after release when a person has several. The
numbers are worked out by hand here. The period is the first half of 2025 and "today"
2026-06-01."""

import datetime as dt
from decimal import Decimal

import pytest

from jobseekers.models import ProgramExit
from placements.outcomes import selectors
from placements.outcomes.periods import Period
from placements.outcomes.selectors import Rate
from placements.outcomes.selectors.employment import credential_people, wioa_people
from tests.factories.applications import PlacementFactory
from tests.factories.employers import EmployerFactory, JobFactory
from tests.factories.jobseekers import ParticipantFactory, certificate_uploaded

pytestmark = pytest.mark.django_db

D = dt.date
H1 = Period(start=D(2025, 1, 1), end=D(2025, 6, 30))
TODAY = D(2026, 6, 1)
LONG_AGO = D(2023, 1, 1)


def person(release=LONG_AGO):
    participant = ParticipantFactory(release_date=release)
    type(participant).objects.filter(pk=participant.pk).update(
        created_at=dt.datetime(2022, 6, 1, 12, tzinfo=dt.UTC)
    )
    return participant


def leaves(participant, day, *, back_on=None):
    """An exit on `day`; `back_on`: re-enrolled that day (so a later exit can follow)."""
    ProgramExit.objects.create(
        participant=participant, exited_on=day, reason="withdrew", reenrolled_on=back_on
    )


def job(participant, start, separated_on=None, wage="20", subsidized=False):
    return PlacementFactory(
        participant=participant,
        start_date=start,
        separated_on=separated_on,
        hourly_wage=Decimal(wage),
        hours_per_week=Decimal("40"),
        subsidized=subsidized,
    )


def counted(people) -> dict[int, bool]:
    return dict(people.values_list("pk", "counted"))


def test_quarters_after_exit_count_each_person_once_from_their_latest_exit():
    # H1 2025 holds two measured quarters: Q1 2025 is the 2nd after exits in Q3 2024,
    # Q2 2025 the 2nd after exits in Q4 2024 (and the 4th after exits in Q2 2024).
    # A left 2024-08-10 (Q3), came back, left again 2024-10-01 (Q4, the latest): measured
    #   in Q2 2025, where the job (2025-01-05 .. 2025-03-31) no longer is: not employed,
    #   and counted once.
    # B left 2024-09-30 (Q3's last day): Q1 2025; job from 2025-03-31 (Q1's last day).
    # C left 2024-12-31 (Q4's last day): Q2 2025; job left 2025-04-01 (Q2's first day).
    # F left 2024-07-01 (Q3's first day): Q1 2025; job left 2024-12-31: not employed.
    # D left 2024-06-30 (Q2 2024): 4th quarter after is Q2 2025; job from 2025-06-30.
    # E left 2025-01-01 (Q1 2025): its 2nd quarter after (Q3 2025) is outside H1.
    # 2nd quarter: B and C of A, B, C, F; 4th: D of D.
    a, b, c, d, e, f = (person() for _ in range(6))
    leaves(a, D(2024, 8, 10), back_on=D(2024, 9, 1))
    leaves(a, D(2024, 10, 1))
    job(a, D(2025, 1, 5), separated_on=D(2025, 3, 31))
    leaves(b, D(2024, 9, 30))
    job(b, D(2025, 3, 31))
    leaves(c, D(2024, 12, 31))
    job(c, D(2024, 11, 1), separated_on=D(2025, 4, 1), wage="15")
    leaves(f, D(2024, 7, 1))
    job(f, D(2024, 8, 1), separated_on=D(2024, 12, 31))
    leaves(d, D(2024, 6, 30))
    job(d, D(2025, 6, 30))
    leaves(e, D(2025, 1, 1))

    figure = selectors.wioa_indicators(period=H1, today=TODAY)
    assert figure.measure("employment_rate_2nd_quarter") == Rate(2, 4)
    assert figure.measure("employment_rate_4th_quarter") == Rate(1, 1)
    assert counted(wioa_people(period=H1, quarters=2, today=TODAY)) == {
        a.pk: False,
        b.pk: True,
        c.pk: True,
        f.pk: False,
    }
    assert counted(wioa_people(period=H1, quarters=4, today=TODAY)) == {d.pk: True}


def test_earnings_after_exit_come_from_the_latest_job_held_in_the_quarter():
    # Five left on 2024-09-30 (Q3's last day): measured in Q1 2025. Each holds a $16 x
    # 40 h job from 2024-10-01 ($8,320 a quarter); G also started a second, later job on
    # 2025-02-01 at $25 x 40 h ($13,000), which is the one whose earnings count.
    # Earnings 8,320 x 4 and 13,000: median $8,320.00; employed 5 of 5.
    people = [person() for _ in range(5)]
    for participant in people:
        leaves(participant, D(2024, 9, 30))
        job(participant, D(2024, 10, 1), wage="16")
    job(people[0], D(2025, 2, 1), wage="25")
    figure = selectors.wioa_indicators(period=Period(D(2025, 1, 1), D(2025, 3, 31)), today=TODAY)
    assert figure.measure("employment_rate_2nd_quarter") == Rate(5, 5)
    assert figure.measure("median_earnings_2nd_quarter") == Decimal("8320.00")


def test_credential_attainment_counts_the_latest_exit_in_the_period_once():
    # G left 2025-02-01, came back 2025-02-15, left again 2025-05-01; the certificate
    # was uploaded 2025-03-01: by the latest exit, yes (once, not twice). H left
    # 2025-06-30 (the period's last day) without one. 1 of 2.
    g, h = person(), person()
    leaves(g, D(2025, 2, 1), back_on=D(2025, 2, 15))
    leaves(g, D(2025, 5, 1))
    leaves(h, D(2025, 6, 30))
    certificate_uploaded(g, at=dt.datetime(2025, 3, 1, 18, tzinfo=dt.UTC))
    figure = selectors.wioa_indicators(period=H1, today=TODAY)
    assert figure.measure("credential_attainment") == Rate(1, 2)
    assert counted(credential_people(period=H1, today=TODAY)) == {g.pk: True, h.pk: False}


def test_days_to_first_job_take_the_first_unsubsidized_job_after_release():
    # Released 2024-12-01. J: a subsidized job 2024-12-03, then unsubsidized jobs
    # 2025-01-10 and 2025-02-01: 40 days. K: a job before release (2024-11-01) and one
    # 2025-01-01 (the period's first day): 31 days. L: first job after release was in
    # 2024-12-20, before the period: not counted although another started in it.
    # Median of 31 and 40: 35.5 days; both in "31-90 days".
    j, k, m = (person(D(2024, 12, 1)) for _ in range(3))
    job(j, D(2024, 12, 3), subsidized=True)
    job(j, D(2025, 1, 10))
    job(j, D(2025, 2, 1))
    job(k, D(2024, 11, 1), separated_on=D(2024, 11, 20))
    job(k, D(2025, 1, 1))
    job(m, D(2024, 12, 20))
    job(m, D(2025, 3, 1))
    figure = selectors.release_to_first_job(period=H1)
    assert figure.of == 2
    assert figure.value == Decimal("35.5")
    assert figure.measure("days_31_90") == 2


def test_jobs_posted_and_employers_approved_count_the_program_days_at_the_edges():
    # The program's days (America/Chicago, UTC-6 in winter, UTC-5 in summer): H1 runs
    # from 2025-01-01 00:00 to 2025-06-30 24:00 there. Published 2025-01-01 06:00 UTC
    # (midnight in Kansas City) and 2025-07-01 04:59 UTC (23:59 on June 30): in. Published
    # 2025-01-01 05:59 UTC (still Dec 31) and 2025-07-01 05:00 UTC (July 1): out.
    # Employers approved at the same four moments: the first two are new in H1.
    utc = dt.UTC
    inside = (dt.datetime(2025, 1, 1, 6, tzinfo=utc), dt.datetime(2025, 7, 1, 4, 59, tzinfo=utc))
    outside = (dt.datetime(2025, 1, 1, 5, 59, tzinfo=utc), dt.datetime(2025, 7, 1, 5, tzinfo=utc))
    for moment in (*inside, *outside):
        employer = EmployerFactory(vetted_at=moment)
        JobFactory(employer=employer, published_at=moment)
    figure = selectors.employers_results(period=H1, today=TODAY)
    assert figure.measure("jobs_posted") == 2
    assert figure.measure("new_employers") == 2
