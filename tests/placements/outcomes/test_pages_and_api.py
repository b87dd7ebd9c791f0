"""The outcomes pages, CSV, funder PDF, employer results and API: who may read them, the
numbers they show (the same everywhere), "fewer than 5", bad periods, and a query count
that does not grow with the data."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from employers.models import EmployerMembership
from placements.models import RetentionCheck
from portal.core.models import AccessLog, Role
from tests.factories.applications import PlacementFactory
from tests.factories.employers import EmployerFactory
from tests.factories.jobseekers import ParticipantFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

D = dt.date
# A period long past, so that every window has ended whatever day the tests run.
PERIOD = {"start": "2025-01-01", "end": "2025-03-31"}
API = "/api/v1/reports/outcomes/"


def released_and_hired(count, *, employed=True, employer=None, facilitator=None):
    """`count` people released on 2025-01-10 (their 30th day, 2025-02-09, is in the
    period), each hired on 2025-01-20 at $17.00 when `employed`."""
    people = []
    for _ in range(count):
        fields = {"facilitator": facilitator} if facilitator else {}
        participant = ParticipantFactory(release_date=D(2025, 1, 10), **fields)
        type(participant).objects.filter(pk=participant.pk).update(
            created_at=dt.datetime(2024, 6, 1, 12, tzinfo=dt.UTC)
        )
        if employed:
            PlacementFactory(
                participant=participant,
                start_date=D(2025, 1, 20),
                hourly_wage=Decimal("17.00"),
                employer=employer,
            )
        people.append(participant)
    return people


@pytest.fixture
def cohort():
    # 7 released, 6 hired within 30 days: 6 / 7 = 85.7 %.
    return released_and_hired(6) + released_and_hired(1, employed=False)


# --- Who may read what ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/reports/",
        "/reports/funder/",
        "/reports/funder.pdf",
        "/reports/placements.csv",
    ],
)
def test_only_staff_and_admins_read_the_program_report(
    client, url, participant, employer_user, employer, staff_user, admin_user
):
    for user in (participant, employer_user):
        client.force_login(user)
        assert client.get(url, PERIOD).status_code == 404
    for user in (staff_user, admin_user):
        client.force_login(user)
        assert client.get(url, PERIOD).status_code == 200
    client.logout()
    assert client.get(url, PERIOD).status_code == 302  # to the sign-in page


def test_api_is_for_staff_and_admins_only(
    api_client, participant, employer_user, employer, staff_user
):
    assert api_client.get(API, PERIOD).status_code in (401, 403)
    for user in (participant, employer_user):
        api_client.force_authenticate(user)
        assert api_client.get(API, PERIOD).status_code == 404
    api_client.force_authenticate(staff_user)
    assert api_client.get(API, PERIOD).status_code == 200


def test_employer_results_are_only_their_own(client, employer_user, employer, other_employer_user):
    # Erin's employer hired 6 people in the period; the other employer 2. Erin's page
    # shows her 6 hires; the other employer's page shows "fewer than 5", never Erin's.
    released_and_hired(6, employer=employer)
    other = EmployerMembership.objects.get(user=other_employer_user).employer
    released_and_hired(2, employer=other)
    client.force_login(employer_user)
    page = client.get("/employer/results/", PERIOD)
    assert page.status_code == 200
    hires = next(row for row in page.context["results"] if row["label"] == "Hires")
    assert hires["value"] == "6"
    client.force_login(other_employer_user)
    page = client.get("/employer/results/", PERIOD)
    hires = next(row for row in page.context["results"] if row["label"] == "Hires")
    assert hires["value"] == "fewer than 5"
    # No participant's name on an employer's results page.
    assert ParticipantFactory._meta.model.objects.first().last_name not in page.content.decode()


def test_staff_and_participants_have_no_employer_results(client, staff_user, participant):
    for user in (staff_user, participant):
        client.force_login(user)
        assert client.get("/employer/results/").status_code == 404


# --- The numbers, the same on the page, the CSV, the PDF and the API -------------------------


def test_page_shows_the_reentry_figure_with_its_target_and_count(client, staff_user, cohort):
    client.force_login(staff_user)
    page = client.get("/reports/", PERIOD)
    content = page.content.decode()
    assert "85.7 %" in content  # 6 / 7
    assert "target 85.0 %" in content
    assert "<svg" in content and "<title" in content and "<desc" in content
    assert "Retention definition used: Employed with the same employer." in content
    assert "<script" not in content


def test_page_in_spanish(client, staff_user, cohort):
    client.force_login(staff_user)
    client.cookies["django_language"] = "es"
    content = client.get("/reports/", PERIOD, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    # Spanish as written in the US (portal/formats/es): a decimal point, as in "$1,336.56".
    assert "85.7 %" in content
    assert "Empleo dentro de los 30 días de la liberación" in content


def test_csv_has_the_same_numbers(client, staff_user, cohort):
    client.force_login(staff_user)
    response = client.get("/reports/reentry.csv", PERIOD)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == ["Figure", "Measure", "Value", "Count", "Of"]
    within_30 = next(row for row in rows if row[0] == "Employed within 30 days of release")
    assert within_30[2:6] == ["85.7 %", "6", "7", "85.0 %"]
    assert within_30[6:8] == ["2025-01-01", "2025-03-31"]


def test_unknown_csv_section_is_404(client, staff_user):
    client.force_login(staff_user)
    assert client.get("/reports/nothing.csv", PERIOD).status_code == 404


def test_funder_pdf_has_the_program_period_figures_and_the_note(client, staff_user, cohort):
    client.force_login(staff_user)
    response = client.get("/reports/funder.pdf", PERIOD)
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Second Chance" in text
    assert "Employed within 30 days of release" in text
    assert "85.7 %" in text
    assert "fewer than 5" in text  # the suppression note, at least


def test_small_numbers_read_fewer_than_5_everywhere(client, api_client, staff_user):
    # 4 people released and hired: a rate of 4 / 4 is not shown anywhere.
    released_and_hired(4)
    client.force_login(staff_user)
    assert "fewer than 5" in client.get("/reports/", PERIOD).content.decode()
    rows = list(
        csv.reader(io.StringIO(client.get("/reports/reentry.csv", PERIOD).content.decode()))
    )
    within_30 = next(row for row in rows if row[0] == "Employed within 30 days of release")
    assert within_30[2] == "fewer than 5"
    # The funder report also hides the count of 4 people.
    funder = client.get("/reports/funder/", PERIOD).content.decode()
    assert "100.0 %" not in funder
    api_client.force_authenticate(staff_user)
    data = api_client.get(API, PERIOD).json()
    assert data["employed_within_30_days_of_release"] == {
        "rate": None,
        "count": 4,
        "of": 4,
        "target": "0.850",
        "suppressed": True,
    }


def test_api_field_names_and_values(api_client, staff_user, cohort):
    api_client.force_authenticate(staff_user)
    data = api_client.get(API, {"from": "2025-01-01", "to": "2025-03-31"}).json()
    for name in (
        "employed_within_30_days_of_release",
        "employed_at_9_months_after_release",
        "recidivism_1_year",
        "recidivism_3_years",
    ):
        assert {"rate", "count", "of", "target"} <= set(data[name])
    assert data["employed_within_30_days_of_release"] == {
        "rate": "0.857",
        "count": 6,
        "of": 7,
        "target": "0.850",
        "suppressed": False,
    }
    assert data["recidivism_1_year"]["target"] is None
    assert data["median_days_release_to_first_job"] == {"value": "10", "of": 6}
    assert data["median_starting_wage"] == {"value": "17.00", "of": 6}
    assert data["placements"]["count"] == 6
    assert data["placements"]["subsidized"] == 0
    assert data["placements"]["unsubsidized"] == 6
    assert set(data["cost_savings"]) >= {
        "person_years_kept_out",
        "savings_per_person_year",
        "operating_cost",
        "net",
    }
    assert data["cost_savings"]["savings_per_person_year"] == "18000.00"
    assert "employed_within_30_days_of_release" in data["definitions"]
    assert data["retention_definition"] == "same_employer"


def test_api_is_in_the_schema(api_client, staff_user):
    api_client.force_authenticate(staff_user)
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/reports/outcomes/"]["get"]
    reference = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    properties = schema["components"]["schemas"][reference.rsplit("/", 1)[1]]["properties"]
    assert "employed_within_30_days_of_release" in properties
    assert "cost_savings" in properties


def test_facilitator_narrows_the_figures(client, api_client, staff_user, other_staff):
    # 6 on Fran's caseload all hired; 5 on Olga's, none hired: program 6 / 11, Fran 6 / 6.
    released_and_hired(6, facilitator=staff_user)
    released_and_hired(5, employed=False, facilitator=other_staff)
    api_client.force_authenticate(staff_user)
    program = api_client.get(API, PERIOD).json()
    assert program["employed_within_30_days_of_release"]["of"] == 11
    mine = api_client.get(API, {**PERIOD, "facilitator": staff_user.pk}).json()
    assert mine["employed_within_30_days_of_release"]["rate"] == "1.000"


# --- Bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        {"start": "2025-03-31", "end": "2025-01-01"},
        {"start": "1925-01-01", "end": "1925-03-31"},
        {"start": "2025-01-01", "end": "2125-01-01"},
        {"start": "not a date", "end": "2025-01-01"},
        {**PERIOD, "facilitator": "999999"},
    ],
)
def test_bad_periods_get_a_message_not_a_report(client, api_client, staff_user, query):
    client.force_login(staff_user)
    page = client.get("/reports/", query)
    assert page.status_code == 400
    assert page.context["report"] is None
    assert "Please fix the problems below" in page.content.decode()
    assert client.get("/reports/reentry.csv", query).status_code == 400
    api_client.force_authenticate(staff_user)
    assert api_client.get(API, query).status_code == 400


# --- Query count -------------------------------------------------------------------------------


def test_report_query_count_does_not_grow(client, staff_user, django_assert_max_num_queries):
    client.force_login(staff_user)
    released_and_hired(1)
    client.get("/reports/", PERIOD)  # warm the session and content types
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get("/reports/", PERIOD)
    people = released_and_hired(30)
    for participant in people[:10]:
        check = RetentionCheck.objects.filter(placement__participant=participant, days=30).get()
        check.outcome = "same_employer"
        check.save()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/reports/", PERIOD)
    assert response.status_code == 200


def test_api_query_count_does_not_grow(api_client, staff_user, django_assert_max_num_queries):
    api_client.force_authenticate(staff_user)
    released_and_hired(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        api_client.get(API, PERIOD)
    released_and_hired(30, employer=EmployerFactory())
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert api_client.get(API, PERIOD).status_code == 200


def test_dashboard_links_the_report_for_staff_only(client, staff_user, participant):
    client.force_login(staff_user)
    assert reverse("placements:outcomes-reports") in client.get("/dashboard/").content.decode()
    client.force_login(participant)
    assert reverse("placements:outcomes-reports") not in client.get("/dashboard/").content.decode()


def test_admin_role_is_staff(client, db):
    admin = UserFactory(role=Role.ADMIN)
    client.force_login(admin)
    assert client.get("/reports/", PERIOD).status_code == 200


@pytest.mark.parametrize(
    ("role", "sees_reports"),
    [
        ("admin", True),
        ("staff", True),
        ("employer", False),
        ("participant", False),
    ],
)
def test_the_menu_leads_staff_to_the_reports(client, users_by_role, role, sees_reports):
    client.force_login(users_by_role[role])
    page = client.get(reverse("account")).content.decode()
    assert (f'href="{reverse("placements:outcomes-reports")}"' in page) is sees_reports


def _many_placements(count: int, *, facilitator) -> None:
    """`count` people released in 2024 and hired (each job with its four retention
    checks), a third of them answered at 30 days with a wage, one in four back in custody,
    one in five left the program, one in ten placed a second time: the shapes each
    placement figure joins over."""
    from jobseekers.models import CustodyEvent, ProgramExit

    for number in range(count):
        participant = ParticipantFactory(
            facilitator=facilitator, release_date=D(2024, 1, 1) + dt.timedelta(days=number % 360)
        )
        placement = PlacementFactory(
            participant=participant,
            start_date=participant.release_date + dt.timedelta(days=10 + number % 40),
            hourly_wage=Decimal("15.00") + number % 7,
            separated_on=D(2025, 2, 1) if number % 6 == 0 else None,
        )
        if number % 3 == 0:
            RetentionCheck.objects.filter(placement=placement, days=30).update(
                outcome="same_employer", hours_per_week=Decimal("32"), hourly_wage=Decimal("16")
            )
        if number % 4 == 0:
            CustodyEvent.objects.create(
                participant=participant,
                occurred_on=participant.release_date + dt.timedelta(days=200),
                kind=("new_offense", "technical_violation", "arrest_no_conviction")[number % 3],
                source="Probation officer",
            )
        if number % 5 == 0:
            ProgramExit.objects.create(
                participant=participant, exited_on=D(2024, 9, 1), reason="completed"
            )
        if number % 10 == 0:
            PlacementFactory(participant=participant, start_date=D(2025, 2, 10))


@pytest.mark.parametrize(
    "url",
    ["/reports/", API, "/reports/people/retention_90_days/", "/reports/funder.pdf"],
)
def test_query_count_stays_with_200_placements(client, admin_user, url):
    """The same number of queries for one placement and for 200 (with 800 retention
    checks, 50 custody events, 40 exits): the figures aggregate in SQL."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(admin_user)
    _many_placements(1, facilitator=admin_user)
    year = {"start": "2024-07-01", "end": "2025-06-30"}
    client.get(url, year)  # warm the session and content types
    with CaptureQueriesContext(connection) as small:
        assert client.get(url, year).status_code == 200
    _many_placements(200, facilitator=admin_user)
    assert RetentionCheck.objects.count() > 800
    logs_before = AccessLog.objects.count()
    with CaptureQueriesContext(connection) as large:
        assert client.get(url, year).status_code == 200
    # A people list writes one access-log row per person in one INSERT; SQLite caps the
    # variables of a statement, so there (not on PostgreSQL) bulk_create splits it.
    logged = AccessLog.objects.count() - logs_before
    batch = connection.ops.bulk_batch_size(
        [field for field in AccessLog._meta.concrete_fields if not field.primary_key],
        [None] * max(logged, 1),
    )
    inserts = -(-logged // batch) if logged else 0
    assert len(large.captured_queries) <= len(small.captured_queries) + max(inserts - 1, 0)


def _placements_item(client, url):
    sections = client.get(url, PERIOD).context["sections"]
    item = next(section for section in sections if section["key"] == "placements")
    item = item["figures"][0]
    return item, {row["label"]: row["value"] for row in item["rows"]}


def test_the_funder_page_withholds_a_total_that_subtraction_would_tell(client, staff_user):
    # 6 released 2025-01-10 hired on 2025-01-20; 2 others started a transitional
    # (subsidized) job in Q1: 8 jobs, 6 unsubsidized, 2 subsidized. Staff see every
    # number; the funder page shows "fewer than 5" for the 2, and neither the 8 nor the
    # 6 (8 - 6 would tell the 2).
    released_and_hired(6)
    for participant in released_and_hired(2, employed=False):
        PlacementFactory(participant=participant, start_date=D(2025, 2, 3), subsidized=True)
    client.force_login(staff_user)
    staff_item, staff = _placements_item(client, "/reports/")
    assert (staff["Jobs started"], staff["Unsubsidized"], staff["Subsidized (transitional)"]) == (
        "8",
        "6",
        "2",
    )
    assert (staff_item["value"], staff_item["of"]) == ("8", "8")
    funder_item, funder = _placements_item(client, "/reports/funder/")
    assert funder["Subsidized (transitional)"] == "fewer than 5"
    assert funder["Jobs started"] == "not shown"
    assert funder["Unsubsidized"] == "not shown"
    assert (funder_item["value"], funder_item["of"]) == ("not shown", "not shown")
    # With no small part, the funder page shows the total.
    for participant in released_and_hired(3, employed=False):
        PlacementFactory(participant=participant, start_date=D(2025, 2, 3), subsidized=True)
    _item, funder = _placements_item(client, "/reports/funder/")
    assert (funder["Jobs started"], funder["Subsidized (transitional)"]) == ("11", "5")


def test_the_funder_page_gives_no_rate_of_fewer_than_5_people(client, staff_user):
    # 10 released 2025-01-10, 3 hired within 30 days: 30.0 % for staff; on the funder
    # page the rate reads "fewer than 5" (30 % of 10 would tell the 3).
    released_and_hired(3)
    released_and_hired(7, employed=False)
    client.force_login(staff_user)
    reentry = client.get("/reports/", PERIOD).context["sections"][0]["figures"][0]
    assert reentry["value"] == "30.0 %"
    funder_page = client.get("/reports/funder/", PERIOD)
    assert funder_page.context["sections"][0]["figures"][0]["value"] == "fewer than 5"
    assert "30.0 %" not in funder_page.content.decode()
