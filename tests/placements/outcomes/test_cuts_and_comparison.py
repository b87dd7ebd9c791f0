"""Cutting the report (release and enrolment cohort, risk level, gender, ZIP area), the
previous period beside each value, and the job club and résumé figures. Every expected
number is worked out by hand in the comments."""

import csv
import datetime as dt
import io

import pytest

from jobseekers.models import Attendance, ResumeVersion
from placements.outcomes import selectors
from placements.outcomes.periods import Period, quarter_period
from placements.outcomes.selectors import Rate, Scope
from tests.factories.jobseekers import JobClubSessionFactory, ParticipantFactory, ResumeFactory
from tests.placements.outcomes.test_pages_and_api import API, PERIOD, released_and_hired

pytestmark = pytest.mark.django_db

D = dt.date
Q1 = Period(start=D(2025, 1, 1), end=D(2025, 3, 31))


def _set(people, **fields):
    for participant in people:
        type(participant).objects.filter(pk=participant.pk).update(**fields)


@pytest.fixture
def mixed_cohort():
    """12 people released 2025-01-10 (30th day in Q1):
    6 hired women, high risk, ZIP 64127; 1 not hired woman, high risk, ZIP 64127;
    5 not hired men, low risk, ZIP 66101 (Kansas City, Kansas)."""
    women = released_and_hired(6) + released_and_hired(1, employed=False)
    men = released_and_hired(5, employed=False)
    _set(women, gender="woman", risk_level="high", zip_code="64127")
    _set(men, gender="man", risk_level="low", zip_code="66101")
    return women, men


def test_each_cut_counts_only_its_people(mixed_cohort):
    def within_30(scope):
        figure = selectors.employed_within_30_days_of_release(
            period=Q1, scope=scope, today=D(2026, 6, 1)
        )
        return figure.value

    # Whole program: 6 of 12. Women: 6 of 7. Men: 0 of 5.
    assert within_30(Scope()) == Rate(6, 12)
    assert within_30(Scope(gender="woman")) == Rate(6, 7)
    assert within_30(Scope(gender="man")) == Rate(0, 5)
    assert within_30(Scope(risk_level="high")) == Rate(6, 7)
    assert within_30(Scope(zip_area="661")) == Rate(0, 5)
    # Released in 2025-Q1: everyone; in 2024-Q4: no one.
    assert within_30(Scope(release_cohort=quarter_period("2025-Q1"))) == Rate(6, 12)
    assert within_30(Scope(release_cohort=quarter_period("2024-Q4"))) == Rate(0, 0)
    # Cuts combine: women in ZIP area 661 are none.
    assert within_30(Scope(gender="woman", zip_area="661")) == Rate(0, 0)


def test_enrolment_cohort_is_the_quarter_of_enrolment(mixed_cohort):
    _women, men = mixed_cohort
    # The helper enrols everyone on 2024-06-01 (2024-Q2); move the men to 2024-Q3.
    _set(men, created_at=dt.datetime(2024, 8, 15, 12, tzinfo=dt.UTC))
    q2 = selectors.people_served(period=Q1, scope=Scope(enrolment_cohort=quarter_period("2024-Q2")))
    q3 = selectors.people_served(period=Q1, scope=Scope(enrolment_cohort=quarter_period("2024-Q3")))
    assert (q2.value, q3.value) == (7, 5)


def test_the_api_and_the_page_take_the_cuts(client, api_client, staff_user, mixed_cohort):
    api_client.force_authenticate(staff_user)
    women = api_client.get(API, {**PERIOD, "gender": "woman", "release_cohort": "2025-Q1"}).json()
    assert women["employed_within_30_days_of_release"]["count"] == 6
    assert women["employed_within_30_days_of_release"]["of"] == 7
    client.force_login(staff_user)
    page = client.get("/reports/", {**PERIOD, "zip_area": "661"})
    assert page.status_code == 200
    # 5 men in 661, none hired: the page counts 0 of 5 for the 30-day figure.
    figure = page.context["report"].figures["employed_within_30_days_of_release"]
    assert figure.value == Rate(0, 5)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"release_cohort": "2025-Q5"}, "release_cohort"),
        ({"enrolment_cohort": "last spring"}, "enrolment_cohort"),
        ({"release_cohort": "1900-Q1"}, "release_cohort"),
        ({"risk_level": "extreme"}, "risk_level"),
        ({"gender": "x"}, "gender"),
        ({"zip_area": "64"}, "zip_area"),
        ({"zip_area": "abc"}, "zip_area"),
    ],
)
def test_unknown_cuts_get_a_message_not_a_report(client, api_client, staff_user, query, field):
    client.force_login(staff_user)
    page = client.get("/reports/", {**PERIOD, **query})
    assert page.status_code == 400
    assert page.context["report"] is None
    assert field in page.context["form"].errors
    api_client.force_authenticate(staff_user)
    answer = api_client.get(API, {**PERIOD, **query})
    assert answer.status_code == 400
    assert field in answer.json()["fields"]


def test_employers_cannot_cut_their_own_results(client, employer_user, employer):
    client.force_login(employer_user)
    page = client.get("/employer/results/", PERIOD)
    assert page.status_code == 200
    assert "gender" not in page.context["form"].fields
    assert "zip_area" not in page.content.decode()


def test_page_and_csv_show_the_previous_period(client, staff_user):
    # Q1 2025: 6 released 2025-01-10 and hired. The previous period of the same length
    # (90 days) is 2024-10-03 to 2024-12-31: 5 released 2024-11-01, none hired.
    released_and_hired(6)
    late = released_and_hired(5, employed=False)
    _set(late, release_date=D(2024, 11, 1))
    client.force_login(staff_user)
    page = client.get("/reports/", PERIOD)
    html = page.content.decode()
    assert "Oct. 3, 2024" in html and "Dec. 31, 2024" in html
    reentry = page.context["sections"][0]["figures"][0]
    assert reentry["value"] == "100.0 %"
    assert reentry["previous_value"] == "0.0 %"
    rows = list(csv.reader(io.StringIO(client.get("/reports/reentry.csv", PERIOD).text)))
    header, first = rows[0], rows[1]
    assert first[header.index("Value")] == "100.0 %"
    assert first[header.index("Previous period")] == "0.0 %"


def test_job_club_and_resumes():
    """Two sessions in Q1 and one after it. In Q1: A present twice, B present once and
    absent once, C excused once: 3 present of 4 present-or-absent = 75 %; 2 sessions;
    2 people attended. After Q1: A absent (not counted). Résumés: A's first saved in
    Q1 (counted, even with a second version in Q1), B's first saved in 2024 (not), C has
    two résumés first saved in Q1 (2 résumés, 1 person): 3 résumés, 2 people."""
    a, b, c = (ParticipantFactory() for _ in range(3))
    first = JobClubSessionFactory(starts_at=dt.datetime(2025, 1, 8, 16, tzinfo=dt.UTC))
    second = JobClubSessionFactory(starts_at=dt.datetime(2025, 2, 12, 16, tzinfo=dt.UTC))
    after = JobClubSessionFactory(starts_at=dt.datetime(2025, 4, 9, 16, tzinfo=dt.UTC))
    for session, participant, status in (
        (first, a, "present"),
        (second, a, "present"),
        (first, b, "present"),
        (second, b, "absent"),
        (second, c, "excused"),
        (after, a, "absent"),
    ):
        Attendance.objects.create(session=session, participant=participant, status=status)

    def resume(participant, *saved_on):
        made = ResumeFactory(participant=participant)
        for number, day in enumerate(saved_on, start=1):
            version = ResumeVersion.objects.create(resume=made, number=number, content={})
            ResumeVersion.objects.filter(pk=version.pk).update(
                created_at=dt.datetime(day.year, day.month, day.day, 15, tzinfo=dt.UTC)
            )

    resume(a, D(2025, 1, 20), D(2025, 3, 1))
    resume(b, D(2024, 11, 5), D(2025, 2, 2))
    resume(c, D(2025, 2, 2))
    resume(c, D(2025, 3, 3))

    figure = selectors.job_club(period=Q1)
    assert figure.measure("sessions") == 2
    assert figure.measure("attendance_rate") == Rate(3, 4)
    assert figure.measure("people_attending") == 2
    assert figure.measure("resumes_finished") == 3
    assert figure.measure("people_with_resume") == 2
    # A facilitator's cut counts their caseload only: none of these people is on it.
    staff = first.facilitator
    mine = selectors.job_club(period=Q1, scope=Scope(facilitator_id=staff.pk))
    assert mine.measure("sessions") == 0


# --- The people behind a figure ------------------------------------------------------------


def test_staff_see_their_caseload_behind_a_figure_and_each_read_is_logged(
    client, staff_user, other_staff
):
    from portal.core.models import AccessLog

    # Fran's caseload: 2 released and hired, 1 not hired; Olga's: 3 hired.
    mine = released_and_hired(2, facilitator=staff_user)
    mine += released_and_hired(1, employed=False, facilitator=staff_user)
    theirs = released_and_hired(3, facilitator=other_staff)
    client.force_login(staff_user)
    page = client.get("/reports/people/employed_within_30_days_of_release/", PERIOD)
    assert page.status_code == 200
    listed = {row["pk"]: row["counted"] for row in page.context["rows"]}
    assert listed == {mine[0].pk: True, mine[1].pk: True, mine[2].pk: False}
    html = page.content.decode()
    assert mine[2].last_name in html
    assert theirs[0].last_name not in html
    logged = AccessLog.objects.filter(
        viewer=staff_user, why="outcomes:employed_within_30_days_of_release"
    )
    assert sorted(int(entry.subject_id) for entry in logged) == sorted(listed)


def test_admins_see_everyone_and_recidivism_lists_log_custody_reads(client, admin_user):
    from jobseekers.models import CustodyEvent
    from portal.core.models import AccessLog

    # Released 2025-01-10; the 1-year window ended 2026-01-10, in Q1 2026. One returned.
    people = released_and_hired(2, employed=False)
    CustodyEvent.objects.create(
        participant=people[0], occurred_on=D(2025, 6, 1), kind="technical_violation", source="PO"
    )
    client.force_login(admin_user)
    page = client.get(
        "/reports/people/recidivism_1_year/", {"start": "2026-01-01", "end": "2026-03-31"}
    )
    assert {row["pk"]: row["counted"] for row in page.context["rows"]} == {
        people[0].pk: True,
        people[1].pk: False,
    }
    assert AccessLog.objects.filter(viewer=admin_user, what="custody_events").count() == 2


def test_the_report_links_each_headline_figure_to_its_people_but_the_funder_page_does_not(
    client, staff_user
):
    released_and_hired(6)
    client.force_login(staff_user)
    html = client.get("/reports/", PERIOD).content.decode()
    assert "/reports/people/employed_within_30_days_of_release/" in html
    assert "/reports/people/recidivism_3_years/" in html
    assert "/reports/people/" not in client.get("/reports/funder/", PERIOD).content.decode()


@pytest.mark.parametrize("role", ["employer", "participant"])
def test_people_lists_are_404_outside_the_staff(client, users_by_role, role):
    client.force_login(users_by_role[role])
    response = client.get("/reports/people/recidivism_1_year/", PERIOD)
    assert response.status_code == 404


def test_unknown_figure_is_404_and_bad_period_is_400(client, staff_user):
    client.force_login(staff_user)
    assert client.get("/reports/people/cost_savings/", PERIOD).status_code == 404
    bad = client.get(
        "/reports/people/recidivism_1_year/", {"start": "2025-03-31", "end": "2025-01-01"}
    )
    assert bad.status_code == 400


@pytest.mark.parametrize("preset", ["this_quarter", "year_to_date", "last_quarter"])
def test_each_preset_period_shows_a_report(client, staff_user, preset):
    # This quarter has not ended: no quarter after an exit can be measured yet, and the
    # after-exit figures count nobody rather than failing the page.
    released_and_hired(2)
    client.force_login(staff_user)
    response = client.get("/reports/", {"period": preset})
    assert response.status_code == 200
    assert response.context["report"].figures["wioa"].of >= 0
    default = client.get("/reports/")
    assert default.status_code == 200


def test_referrals_and_supports():
    """In Q1 2025: A referred twice (one connected, one still open), B once (not
    connected); one referral of A's made in 2024 (not counted). 3 made, 2 people, 1
    connected of 3 (33.3 %), 1 not connected, 1 open. Supports in Q1: A $45.00 and $19.99
    given, B $250.00 waiting for approval, C $30.01 given in April (not counted): 2 given,
    1 person, $64.99 spent, $250.00 waiting."""
    from decimal import Decimal

    from tests.factories.referrals import ReferralFactory
    from tests.factories.supports import FundingSourceFactory, SupportFactory

    a, b, c = (ParticipantFactory() for _ in range(3))
    ReferralFactory(participant=a, made_on=D(2025, 1, 6), status="connected")
    ReferralFactory(participant=a, made_on=D(2025, 3, 31), status="contacted")
    ReferralFactory(participant=b, made_on=D(2025, 2, 2), status="not_connected", reason="Full")
    ReferralFactory(participant=a, made_on=D(2024, 12, 31), status="connected")
    fund = FundingSourceFactory(starts_on=D(2024, 1, 1), ends_on=D(2025, 12, 31))
    SupportFactory(participant=a, funding_source=fund, given_on=D(2025, 1, 7), amount="45.00")
    SupportFactory(participant=a, funding_source=fund, given_on=D(2025, 3, 1), amount="19.99")
    SupportFactory(
        participant=b,
        funding_source=fund,
        given_on=D(2025, 2, 1),
        amount="250.00",
        status="pending_approval",
        approved_by=None,
    )
    SupportFactory(participant=c, funding_source=fund, given_on=D(2025, 4, 1), amount="30.01")

    figure = selectors.referrals_and_supports(period=Q1)
    assert figure.measure("referrals_made") == 3
    assert figure.measure("people_referred") == 2
    assert figure.measure("referrals_connected") == Rate(1, 3)
    assert figure.measure("referrals_not_connected") == 1
    assert figure.measure("referrals_open") == 1
    assert figure.measure("supports_given") == 2
    assert figure.measure("people_supported") == 1
    assert figure.measure("support_spent") == Decimal("64.99")
    assert figure.measure("support_pending") == Decimal("250.00")


def test_the_api_gives_the_previous_period_beside_the_figures(api_client, staff_user):
    # As above: Q1 2025, 6 of 6 employed within 30 days; the previous 90 days
    # (2024-10-03 to 2024-12-31), 0 of 5. The contract's names stay at the top level.
    released_and_hired(6)
    _set(released_and_hired(5, employed=False), release_date=D(2024, 11, 1))
    api_client.force_authenticate(staff_user)
    data = api_client.get(API, PERIOD).json()
    within_30 = data["employed_within_30_days_of_release"]
    assert (within_30["rate"], within_30["count"], within_30["of"]) == ("1.000", 6, 6)
    previous = data["previous_period"]
    assert (previous["start"], previous["end"]) == ("2024-10-03", "2024-12-31")
    before = previous["employed_within_30_days_of_release"]
    assert (before["rate"], before["count"], before["of"], before["target"]) == (
        "0.000",
        0,
        5,
        "0.850",
    )
    assert set(previous) == set(data) - {"previous_period"}
    for name in (
        "employed_at_9_months_after_release",
        "recidivism_1_year",
        "recidivism_3_years",
        "median_days_release_to_first_job",
        "median_starting_wage",
        "placements",
        "cost_savings",
        "definitions",
    ):
        assert name in data and name in previous
