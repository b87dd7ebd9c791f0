import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from employers.models import Employer, JobPosting, JobStatus, VettingStatus
from portal.core.models import Role
from tests.factories.employers import EmployerFactory, FairFactory, JobFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_at_once")]


def as_user(api_client, user):
    if user is not None:
        api_client.force_authenticate(user)
    return api_client


SIGN_UP = {
    "legal_name": "Prairie Metal Works Inc",
    "display_name": "Prairie Metal Works",
    "ein": "43-7654321",
    "street": "1 Industrial Dr",
    "city": "Kansas City",
    "state": "KS",
    "zip_code": "66101",
    "industry": "manufacturing",
    "employee_count": 60,
    "phone": "913-555-0101",
    "username": "pam",
    "email": "pam@prairie.example.org",
    "password": "a long enough password 3",
    "first_name": "Pam",
    "last_name": "Prairie",
}

JOB = {
    "title": "Welder helper",
    "description": "Help our welders. We train you.",
    "zip_code": "64106",
    "shift_days": ["sat", "sun"],
    "shift_start": "18:00",
    "shift_end": "02:00",
    "hours_per_week": 20,
    "employment_type": "part_time",
    "wage_min": "16.00",
    "wage_max": "17.00",
    "expires_on": str(timezone.localdate() + dt.timedelta(days=10)),
}


def test_me_returns_employer_id(api_client, employer_user, employer):
    response = as_user(api_client, employer_user).get("/api/v1/me/")
    assert response.data["employer_id"] == employer.pk


def test_sign_up_api(api_client):
    response = api_client.post("/api/v1/employers/", SIGN_UP, format="json")
    assert response.status_code == 201
    assert response.data["status"] == "pending"


def test_sign_up_api_bad_ein_is_400_and_nothing_saved(api_client):
    response = api_client.post("/api/v1/employers/", {**SIGN_UP, "ein": "12"}, format="json")
    assert response.status_code == 400
    assert response.data["code"] == "invalid_ein"
    assert "ein" in response.data["fields"]
    assert not Employer.objects.exists()


def test_employer_list_public_sees_approved_only_staff_sees_all(api_client, staff_user):
    EmployerFactory(display_name="Approved Co")
    EmployerFactory(display_name="Pending Co", status=VettingStatus.PENDING)
    public = api_client.get("/api/v1/employers/")
    assert [row["display_name"] for row in public.data["results"]] == ["Approved Co"]
    assert "status" not in public.data["results"][0]
    staff = as_user(api_client, staff_user).get("/api/v1/employers/")
    assert {row["status"] for row in staff.data["results"]} == {"approved", "pending"}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, 401),
        (Role.PARTICIPANT, 403),
        (Role.EMPLOYER, 403),
        (Role.STAFF, 200),
        (Role.ADMIN, 200),
    ],
)
def test_vetting_permission_matrix(api_client, users_by_role, role, expected):
    employer = EmployerFactory(status=VettingStatus.PENDING)
    response = as_user(api_client, users_by_role.get(role)).post(
        f"/api/v1/employers/{employer.pk}/vetting/",
        {"decision": "approve", "note": ""},
        format="json",
    )
    assert response.status_code == expected
    employer.refresh_from_db()
    assert (employer.status == VettingStatus.APPROVED) == (expected == 200)


def test_vetting_needs_note_for_reject(api_client, staff_user):
    employer = EmployerFactory(status=VettingStatus.PENDING)
    response = as_user(api_client, staff_user).post(
        f"/api/v1/employers/{employer.pk}/vetting/", {"decision": "reject"}, format="json"
    )
    assert response.status_code == 400
    assert "note" in response.data["fields"]


def test_job_search_result_shape(api_client):
    job = JobFactory()
    JobFactory(status=JobStatus.DRAFT, published_at=None)
    JobFactory(employer=EmployerFactory(status=VettingStatus.SUSPENDED))
    response = api_client.get("/api/v1/jobs/")
    assert response.status_code == 200
    assert response.data["count"] == 1
    row = response.data["results"][0]
    assert row["id"] == job.pk
    assert row["employer"] == {"id": job.employer_id, "name": job.employer.display_name}
    assert row["wage_min"] == "16.00"
    assert row["shift"]["period"] == "day"
    assert row["transit_accessible"] is True
    assert row["zip"] == "64106"


def test_job_search_filters_and_sorts(api_client):
    near = JobFactory(title="Dishwasher", wage_max=Decimal("17.00"))
    # Lee's Summit, about 20 miles away, night shift at weekends, higher pay.
    far = JobFactory(
        title="Night stocker",
        zip_code="64063",
        latitude=38.9108,
        longitude=-94.3822,
        shift_period="night",
        works_weekends=True,
        transit_accessible=False,
        wage_max=Decimal("21.00"),
    )
    # St. Louis: outside 30 miles.
    JobFactory(title="Far away", zip_code="63101", latitude=38.6340, longitude=-90.1910)

    def ids(**params):
        return [row["id"] for row in api_client.get("/api/v1/jobs/", params).data["results"]]

    assert ids(zip="64106", radius=30, sort="distance") == [near.pk, far.pk]
    assert ids(zip="64106", radius=5) == [near.pk]
    assert ids(shift="weekend") == [far.pk]
    assert ids(shift="night") == [far.pk]
    assert near.pk in ids(transit="true") and far.pk not in ids(transit="true")
    assert ids(min_wage="20") == [far.pk]
    assert ids(sort="wage")[0] == far.pk
    assert api_client.get("/api/v1/jobs/", {"zip": "00000"}).status_code == 400


def test_job_keyword_search(api_client):
    cook = JobFactory(title="Prep cook", description="Cooking and cleaning in a busy kitchen.")
    JobFactory(title="Forklift driver", description="Move pallets.")
    rows = api_client.get("/api/v1/jobs/", {"q": "cook"}).data["results"]
    assert [row["id"] for row in rows] == [cook.pk]
    if connection.vendor == "postgresql":
        # Full-text stems words: "kitchens" finds "kitchen".
        rows = api_client.get("/api/v1/jobs/", {"q": "kitchens"}).data["results"]
        assert [row["id"] for row in rows] == [cook.pk]


@pytest.mark.parametrize("rows", [1, 30])
def test_job_search_query_budget(api_client, django_assert_max_num_queries, rows):
    employers = [EmployerFactory() for _ in range(3)]
    for index in range(rows):
        JobFactory(employer=employers[index % 3])
    with django_assert_max_num_queries(2):
        response = api_client.get("/api/v1/jobs/", {"page_size": 50})
    assert response.data["count"] == rows
    with django_assert_max_num_queries(2):
        response = api_client.get("/api/v1/jobs/", {"zip": "64106", "radius": 10, "q": "cook"})
    assert response.data["count"] == rows


def test_post_job_as_member(api_client, employer_user, employer):
    response = as_user(api_client, employer_user).post("/api/v1/jobs/", JOB, format="json")
    assert response.status_code == 201, response.data
    assert response.data["status"] == "draft"
    assert response.data["shift"]["overnight"] is True
    assert response.data["shift"]["weekend"] is True


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"wage_min": "5.00"}, "wage_min"),
        ({"wage_min": "20.00", "wage_max": "18.00"}, "wage_max"),
        ({"shift_end": "18:00"}, "shift_end"),
        ({"expires_on": "2020-01-01"}, "expires_on"),
        ({"zip_code": "00000"}, "zip_code"),
    ],
)
def test_post_job_bad_input(api_client, employer_user, employer, change, field):
    response = as_user(api_client, employer_user).post(
        "/api/v1/jobs/", {**JOB, **change}, format="json"
    )
    assert response.status_code == 400
    assert field in response.data["fields"]
    assert not JobPosting.objects.exists()


def test_post_job_for_another_employer_or_unapproved(api_client, employer_user, employer):
    other = EmployerFactory()
    client = as_user(api_client, employer_user)
    assert (
        client.post("/api/v1/jobs/", {**JOB, "employer": other.pk}, format="json").status_code
        == 403
    )
    employer.status = VettingStatus.PENDING
    employer.save()
    response = client.post("/api/v1/jobs/", JOB, format="json")
    assert response.status_code == 409
    assert response.data["code"] == "employer_not_approved"
    assert not JobPosting.objects.exists()


@pytest.mark.parametrize("role", [None, Role.PARTICIPANT, Role.STAFF])
def test_post_job_other_roles(api_client, users_by_role, role):
    response = as_user(api_client, users_by_role.get(role)).post(
        "/api/v1/jobs/", JOB, format="json"
    )
    assert response.status_code in (401, 403)


def test_patch_job_own_and_other(api_client, employer_user, employer, other_employer_user):
    job = JobFactory(employer=employer)
    response = as_user(api_client, other_employer_user).patch(
        f"/api/v1/jobs/{job.pk}/", {"title": "Hijacked"}, format="json"
    )
    assert response.status_code == 404
    api_client.force_authenticate(employer_user)
    response = api_client.patch(f"/api/v1/jobs/{job.pk}/", {"title": "Head cook"}, format="json")
    assert response.status_code == 200, response.data
    job.refresh_from_db()
    assert job.title == "Head cook"


def test_draft_is_404_for_others(api_client, employer, other_employer_user):
    job = JobFactory(employer=employer, status=JobStatus.DRAFT, published_at=None)
    assert api_client.get(f"/api/v1/jobs/{job.pk}/").status_code == 404
    assert (
        as_user(api_client, other_employer_user).get(f"/api/v1/jobs/{job.pk}/").status_code == 404
    )


def test_submit_approve_close_flow(api_client, employer_user, employer, staff_user):
    client = as_user(api_client, employer_user)
    job_id = client.post("/api/v1/jobs/", JOB, format="json").data["id"]
    assert client.post(f"/api/v1/jobs/{job_id}/submit/").data["status"] == "submitted"
    assert client.post(f"/api/v1/jobs/{job_id}/approve/").status_code == 403
    api_client.force_authenticate(staff_user)
    assert api_client.post(f"/api/v1/jobs/{job_id}/approve/").data["status"] == "open"
    assert api_client.get("/api/v1/jobs/").data["count"] == 1
    api_client.force_authenticate(employer_user)
    response = api_client.post(f"/api/v1/jobs/{job_id}/close/", {"filled": True}, format="json")
    assert response.data["status"] == "filled"


def test_fairs_api(api_client, staff_user, employer_user):
    FairFactory(title="Public fair")
    FairFactory(title="Draft fair", status="draft")
    titles = [row["title"] for row in api_client.get("/api/v1/fairs/").data["results"]]
    assert titles == ["Public fair"]
    starts = timezone.now() + dt.timedelta(days=30)
    body = {
        "title": "Virtual fair",
        "kind": "virtual",
        "venue": "https://meet.example.org/fair",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + dt.timedelta(hours=2)).isoformat(),
        "registration_deadline": (starts - dt.timedelta(days=1)).isoformat(),
        "employer_capacity": 5,
        "participant_capacity": 50,
        "booth_fee": "0",
        "publish": True,
    }
    assert (
        as_user(api_client, employer_user).post("/api/v1/fairs/", body, format="json").status_code
        == 403
    )
    api_client.force_authenticate(staff_user)
    response = api_client.post("/api/v1/fairs/", body, format="json")
    assert response.status_code == 201
    assert response.data["status"] == "published"


def test_book_booth_api_offline(api_client, employer_user, employer):
    fair = FairFactory(booth_fee=Decimal("50.00"), employer_capacity=1)
    client = as_user(api_client, employer_user)
    response = client.post(f"/api/v1/fairs/{fair.pk}/booths/")
    assert response.status_code == 201
    assert response.data["status"] == "pending_payment"
    assert response.data["checkout_url"] is None
    assert response.data["payment_provider"] == "offline"
    again = client.post(f"/api/v1/fairs/{fair.pk}/booths/")
    assert again.status_code == 409
    assert again.data["code"] == "booth_exists"


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.STAFF])
def test_book_booth_api_non_members_404(api_client, users_by_role, role):
    fair = FairFactory()
    response = as_user(api_client, users_by_role[role]).post(f"/api/v1/fairs/{fair.pk}/booths/")
    assert response.status_code == 404


def test_openapi_schema_documents_employer_paths(api_client, admin_user):
    response = as_user(api_client, admin_user).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ["/api/v1/jobs/", "/api/v1/employers/{id}/vetting/", "/api/v1/fairs/{id}/booths/"]:
        assert path in paths
