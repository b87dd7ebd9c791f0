"""The people behind every figure (issue "Outcomes": "a link under each figure to the
people it counts (staff, their caseload; admins, all)"): for each list, one person it
counts and one it looks at but does not count, on Fran's caseload and on Olga's. Fran
sees her two, each marked; Alex (admin) sees all four; employers and participants get
404; every person listed is an access-logged read. The period is Q1 2025 (PERIOD)."""

import datetime as dt
from decimal import Decimal

import pytest

from jobseekers.models import Attendance, CustodyEvent, ProgramExit
from placements.outcomes import report
from placements.outcomes.periods import Period
from placements.outcomes.selectors.people import PEOPLE_LISTS
from portal.core.models import AccessLog
from tests.factories.applications import PlacementFactory
from tests.factories.jobseekers import (
    JobClubSessionFactory,
    ParticipantFactory,
    certificate_uploaded,
)
from tests.factories.referrals import ReferralFactory
from tests.factories.supports import FundingSourceFactory, SupportFactory
from tests.factories.transitional import DailyRatingFactory, TimeEntryFactory
from tests.placements.outcomes.test_pages_and_api import PERIOD

pytestmark = pytest.mark.django_db

D = dt.date
Q1 = Period(start=D(2025, 1, 1), end=D(2025, 3, 31))
ENROLLED = dt.datetime(2023, 6, 1, 12, tzinfo=dt.UTC)
LONG_AGO = D(2023, 1, 1)


def person(facilitator, *, released=LONG_AGO, **fields):
    """Someone enrolled in June 2023 and released on `released` (outside every release
    window of Q1 2025 unless a builder says otherwise)."""
    participant = ParticipantFactory(facilitator=facilitator, release_date=released)
    type(participant).objects.filter(pk=participant.pk).update(created_at=ENROLLED, **fields)
    return participant


def job(participant, start, *, subsidized=False, separated_on=None):
    return PlacementFactory(
        participant=participant,
        start_date=start,
        subsidized=subsidized,
        separated_on=separated_on,
        hourly_wage=Decimal("17.00"),
    )


def leaves(participant, day):
    ProgramExit.objects.create(
        participant=participant, exited_on=day, reason="completed", recorded_by=None
    )


# Each builder makes, on `facilitator`'s caseload, (a person the list counts, a person it
# lists but does not count).


def _within_30(facilitator):
    # Released 2025-01-10: their 30th day is in Q1. Hired on 2025-01-20, or never.
    counted, not_counted = (person(facilitator, released=D(2025, 1, 10)) for _ in range(2))
    job(counted, D(2025, 1, 20))
    return counted, not_counted


def _at_9_months(facilitator):
    # Released 2024-05-01: 274 days later is 2025-01-30, in Q1. Working then, or not.
    counted, not_counted = (person(facilitator, released=D(2024, 5, 1)) for _ in range(2))
    job(counted, D(2024, 6, 1))
    job(not_counted, D(2024, 6, 1), separated_on=D(2024, 9, 1))
    return counted, not_counted


def _recidivism(years):
    def build(facilitator):
        # The window ends 2025-01-31 (in Q1); one went back on a technical violation.
        released = D(2025, 1, 31) - dt.timedelta(days=365 * years)
        counted, not_counted = (person(facilitator, released=released) for _ in range(2))
        CustodyEvent.objects.create(
            participant=counted,
            occurred_on=released + dt.timedelta(days=100),
            kind="technical_violation",
            source="Probation officer",
        )
        return counted, not_counted

    return build


def _served(facilitator):
    # Both enrolled in 2023; one active, one who left the program during Q1.
    counted = person(facilitator, status="active")
    not_counted = person(facilitator, status="exited", status_changed_on=D(2025, 2, 1))
    return counted, not_counted


def _placed(facilitator):
    # A job in Q1; a transitional (subsidized) job in Q1 is listed but not a placement.
    counted, not_counted = person(facilitator), person(facilitator)
    job(counted, D(2025, 2, 3))
    job(not_counted, D(2025, 2, 3), subsidized=True)
    return counted, not_counted


def _retention(days):
    def build(facilitator):
        # Started so that the checkpoint is 2025-02-01; one left the job after 5 days.
        start = D(2025, 2, 1) - dt.timedelta(days=days)
        counted, not_counted = person(facilitator), person(facilitator)
        job(counted, start)
        job(not_counted, start, separated_on=start + dt.timedelta(days=5))
        return counted, not_counted

    return build


def _wioa(quarters, exited_on):
    def build(facilitator):
        # Q1 2025 is the measured quarter for exits `quarters` quarters before it: one
        # held a job through it, one had none.
        counted, not_counted = person(facilitator), person(facilitator)
        leaves(counted, exited_on)
        leaves(not_counted, exited_on)
        job(counted, exited_on - dt.timedelta(days=30))
        return counted, not_counted

    return build


def _credential(facilitator):
    # Both left in Q1; one had a certificate in the file by then.
    counted, not_counted = person(facilitator), person(facilitator)
    leaves(counted, D(2025, 2, 1))
    leaves(not_counted, D(2025, 2, 1))
    certificate_uploaded(counted, at=dt.datetime(2025, 1, 15, 12, tzinfo=dt.UTC))
    return counted, not_counted


def _transitional(facilitator):
    # Both worked a crew shift in Q1; one was rated.
    counted, not_counted = person(facilitator), person(facilitator)
    for participant in (counted, not_counted):
        TimeEntryFactory(assignment__participant=participant, work_date=D(2025, 2, 3))
    DailyRatingFactory(participant=counted, work_date=D(2025, 2, 3))
    return counted, not_counted


def _job_club(facilitator):
    # Both expected at a session in Q1; one came, one was absent.
    counted, not_counted = person(facilitator), person(facilitator)
    session = JobClubSessionFactory(starts_at=dt.datetime(2025, 2, 5, 16, tzinfo=dt.UTC))
    Attendance.objects.create(session=session, participant=counted, status="present")
    Attendance.objects.create(session=session, participant=not_counted, status="absent")
    return counted, not_counted


def _referrals(facilitator):
    counted, not_counted = person(facilitator), person(facilitator)
    ReferralFactory(participant=counted, made_on=D(2025, 2, 2), status="connected")
    ReferralFactory(participant=not_counted, made_on=D(2025, 2, 2), status="contacted")
    return counted, not_counted


def _supports(facilitator):
    counted, not_counted = person(facilitator), person(facilitator)
    fund = FundingSourceFactory(starts_on=D(2024, 1, 1), ends_on=D(2025, 12, 31))
    SupportFactory(participant=counted, funding_source=fund, given_on=D(2025, 2, 1))
    SupportFactory(
        participant=not_counted,
        funding_source=fund,
        given_on=D(2025, 2, 1),
        status="pending_approval",
        approved_by=None,
    )
    return counted, not_counted


BUILDERS = {
    "employed_within_30_days_of_release": _within_30,
    "employed_at_9_months_after_release": _at_9_months,
    "recidivism_1_year": _recidivism(1),
    "recidivism_3_years": _recidivism(3),
    "people_served": _served,
    "placements": _placed,
    "retention_30_days": _retention(30),
    "retention_90_days": _retention(90),
    "retention_180_days": _retention(180),
    "retention_365_days": _retention(365),
    # Exits in Q3 2024 (2nd quarter after: Q1 2025) and in Q1 2024 (4th quarter after).
    "wioa_2nd_quarter": _wioa(2, D(2024, 8, 15)),
    "wioa_4th_quarter": _wioa(4, D(2024, 2, 15)),
    "credential_attainment": _credential,
    "transitional_jobs": _transitional,
    "job_club": _job_club,
    "referrals": _referrals,
    "supports": _supports,
}


def test_every_list_has_a_case_here():
    assert set(BUILDERS) == set(PEOPLE_LISTS)


@pytest.mark.parametrize("key", list(BUILDERS))
def test_staff_see_their_caseload_and_admins_everyone(
    client, staff_user, other_staff, admin_user, key
):
    mine = BUILDERS[key](staff_user)
    theirs = BUILDERS[key](other_staff)
    # A surname no factory makes and no page says, so "not on the page" means the person.
    theirs[0].last_name = "Quillfeather"
    theirs[0].save(update_fields=["last_name"])
    url = f"/reports/people/{key}/"

    client.force_login(staff_user)
    page = client.get(url, PERIOD)
    assert page.status_code == 200
    listed = {row["pk"]: row["counted"] for row in page.context["rows"]}
    assert listed == {mine[0].pk: True, mine[1].pk: False}
    html = page.content.decode()
    assert mine[0].last_name in html
    assert "Quillfeather" not in html
    logged = AccessLog.objects.filter(viewer=staff_user, why=f"outcomes:{key}")
    assert sorted(int(entry.subject_id) for entry in logged) == sorted(listed)

    client.force_login(admin_user)
    page = client.get(url, PERIOD)
    listed = {row["pk"]: row["counted"] for row in page.context["rows"]}
    assert listed == {mine[0].pk: True, mine[1].pk: False, theirs[0].pk: True, theirs[1].pk: False}
    assert AccessLog.objects.filter(viewer=admin_user, why=f"outcomes:{key}").count() == 4


@pytest.mark.parametrize("key", list(BUILDERS))
@pytest.mark.parametrize("role", ["employer", "participant"])
def test_people_lists_are_404_outside_the_staff(client, users_by_role, role, key):
    client.force_login(users_by_role[role])
    assert client.get(f"/reports/people/{key}/", PERIOD).status_code == 404


def test_the_counted_people_are_the_figure_s_numbers(admin_user):
    """The lists agree with the figures they sit under (built for two caseloads: each
    list counts 2 people and looks at 4)."""
    from placements.outcomes.selectors.people import people_behind

    for build in BUILDERS.values():
        build(admin_user)
    outcomes = report.outcomes_report(period=Q1)

    def counted(key):
        rows, _cut = people_behind(viewer=admin_user, figure_key=key, period=Q1)
        return sum(row["counted"] for row in rows), len(rows)

    figures = outcomes.figures
    assert counted("placements")[0] == figures["placements"].measure("people_placed")
    retention = figures["retention"].value
    for days in (30, 90, 180, 365):
        assert counted(f"retention_{days}_days") == (retention[days].count, retention[days].of)
    wioa = figures["wioa"]
    second = wioa.measure("employment_rate_2nd_quarter")
    assert counted("wioa_2nd_quarter") == (second.count, second.of)
    fourth = wioa.measure("employment_rate_4th_quarter")
    assert counted("wioa_4th_quarter") == (fourth.count, fourth.of)
    credential = wioa.measure("credential_attainment")
    assert counted("credential_attainment") == (credential.count, credential.of)
    job_club = figures["job_club"].measure("attendance_rate")
    assert counted("job_club")[0] == figures["job_club"].measure("people_attending")
    assert counted("job_club")[1] == job_club.of  # one expected row per person here
    assert counted("referrals")[1] == figures["referrals_and_supports"].measure("people_referred")
    assert counted("supports")[0] == figures["referrals_and_supports"].measure("people_supported")
    assert counted("transitional_jobs")[1] == figures["transitional_jobs"].measure("people")


def test_each_figure_links_its_lists_on_the_page_not_on_the_funder_page(client, staff_user):
    client.force_login(staff_user)
    html = client.get("/reports/", PERIOD).content.decode()
    for key in PEOPLE_LISTS:
        assert f"/reports/people/{key}/?" in html
    assert "/reports/people/" not in client.get("/reports/funder/", PERIOD).content.decode()


def test_a_retention_list_not_in_use_is_404(client, staff_user, settings):
    settings.PORTAL_RETENTION_CHECK_DAYS = (30, 90)
    client.force_login(staff_user)
    assert client.get("/reports/people/retention_90_days/", PERIOD).status_code == 200
    assert client.get("/reports/people/retention_365_days/", PERIOD).status_code == 404
    html = client.get("/reports/", PERIOD).content.decode()
    assert "/reports/people/retention_365_days/" not in html
