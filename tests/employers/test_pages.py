import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from employers.models import (
    BoothStatus,
    Employer,
    HiringPolicy,
    JobPosting,
    JobStatus,
    OffenseRule,
    VettingStatus,
)
from portal.core.models import Role, User
from tests.factories.employers import EmployerFactory, FairFactory, JobFactory, MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_at_once")]

PUBLIC_PAGES = [
    "employers:job-search",
    "employers:directory",
    "employers:fair-list",
    "employers:sign-up",
]
EMPLOYER_PAGES = [
    "employers:organization",
    "employers:policy",
    "employers:job-list",
    "employers:job-new",
    "employers:booth-list",
    "employers:invite",
]
STAFF_PAGES = [
    "employers:staff-vetting",
    "employers:staff-jobs",
    "employers:staff-fairs",
    "employers:staff-fair-new",
    "payments:list",
]


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("name", PUBLIC_PAGES)
@pytest.mark.parametrize("role", [None, Role.PARTICIPANT, Role.EMPLOYER, Role.STAFF, Role.ADMIN])
def test_public_pages_open_to_all(client, users_by_role, employer, name, role):
    response = login(client, users_by_role.get(role)).get(reverse(name))
    assert response.status_code == 200


@pytest.mark.parametrize("name", EMPLOYER_PAGES)
@pytest.mark.parametrize(
    ("role", "expected"),
    [(Role.PARTICIPANT, 404), (Role.EMPLOYER, 200), (Role.STAFF, 404), (Role.ADMIN, 404)],
)
def test_employer_pages_matrix(client, users_by_role, employer, name, role, expected):
    # follow: the policy's old address opens its first part.
    response = login(client, users_by_role[role]).get(reverse(name), follow=True)
    assert response.status_code == expected


@pytest.mark.parametrize("name", EMPLOYER_PAGES + STAFF_PAGES)
def test_anonymous_is_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", STAFF_PAGES)
@pytest.mark.parametrize(
    ("role", "expected"),
    [(Role.PARTICIPANT, 404), (Role.EMPLOYER, 404), (Role.STAFF, 200), (Role.ADMIN, 200)],
)
def test_staff_pages_matrix(client, users_by_role, employer, name, role, expected):
    assert login(client, users_by_role[role]).get(reverse(name)).status_code == expected


def test_employer_without_organization_gets_404(client):
    user = User.objects.create(username="lonely", role=Role.EMPLOYER)
    assert login(client, user).get(reverse("employers:organization")).status_code == 404


def test_other_employers_objects_are_404(client, employer, other_employer_user, employer_user):
    job = JobFactory(employer=employer, status=JobStatus.DRAFT, published_at=None)
    fair = FairFactory()
    client.force_login(employer_user)
    client.post(reverse("employers:booth-book", args=[fair.pk]))
    booth = employer.booths.get()
    client.force_login(other_employer_user)
    assert client.get(reverse("employers:job-edit", args=[job.pk])).status_code == 404
    assert client.get(reverse("employers:job-detail", args=[job.pk])).status_code == 404
    assert client.post(reverse("employers:job-action", args=[job.pk, "submit"])).status_code == 404
    assert client.get(reverse("employers:booth-detail", args=[booth.pk])).status_code == 404
    assert client.post(reverse("employers:booth-pay", args=[booth.pk])).status_code == 404
    assert client.post(reverse("employers:booth-cancel", args=[booth.pk])).status_code == 404
    booth.refresh_from_db()
    assert booth.status == BoothStatus.PENDING_PAYMENT


def test_staff_object_pages_are_404_for_others(client, employer, employer_user, participant):
    job = JobFactory(employer=employer, status=JobStatus.SUBMITTED, published_at=None)
    fair = FairFactory()
    for user in (employer_user, participant):
        client.force_login(user)
        for url in (
            reverse("employers:staff-employer", args=[employer.pk]),
            reverse("employers:staff-job", args=[job.pk]),
            reverse("employers:staff-fair", args=[fair.pk]),
        ):
            assert client.get(url).status_code == 404
        response = client.post(reverse("employers:staff-fair-action", args=[fair.pk, "cancel"]))
        assert response.status_code == 404
    fair.refresh_from_db()
    assert fair.status == "published"


def test_sign_up_verify_and_sign_in(client):
    response = client.post(
        reverse("employers:sign-up"),
        {
            "legal_name": "Northland Care LLC",
            "display_name": "Northland Care",
            "ein": "43-2223334",
            "street": "5 Vivion Rd",
            "city": "Kansas City",
            "state": "MO",
            "zip_code": "64118",
            "industry": "healthcare",
            "employee_count": "15",
            "phone": "816-555-0111",
            "first_name": "Nia",
            "last_name": "North",
            "email": "nia@northland.example.org",
            "username": "nia",
            "password": "a long enough password 4",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:sign-up-done")
    # Before confirming the email, signing in fails.
    credentials = {"username": "nia", "password": "a long enough password 4"}
    assert client.post(reverse("login"), credentials).status_code == 200
    link = mail.outbox[0].body.split("http://testserver")[1].split()[0]
    response = client.get(link)
    assert response["Location"] == reverse("login")
    assert client.post(reverse("login"), credentials).status_code == 302
    page = client.get(reverse("employers:organization"))
    assert "Waiting for review" in page.content.decode()


def test_sign_up_page_shows_errors_and_saves_nothing(client):
    response = client.post(reverse("employers:sign-up"), {"ein": "1", "zip_code": "00000"})
    assert response.status_code == 200
    assert "Please fix the problems below" in response.content.decode()
    assert not Employer.objects.exists()


def test_bad_verification_link(client):
    response = client.get(reverse("employers:verify-email", args=["nonsense"]))
    assert response.status_code == 400


def test_staff_decide_with_note_and_employer_sees_it(client, staff_user, employer_user, employer):
    employer.status = VettingStatus.PENDING
    employer.save()
    client.force_login(staff_user)
    page = client.get(reverse("employers:staff-vetting"))
    assert employer.display_name in page.content.decode()
    response = client.post(
        reverse("employers:staff-employer", args=[employer.pk]),
        {"decision": "request_changes", "note": "Please add your website."},
    )
    assert response.status_code == 302
    client.force_login(employer_user)
    page = client.get(reverse("employers:organization")).content.decode()
    assert "Please add your website." in page
    assert "Changes requested" in page


def test_job_form_and_publish(client, employer_user, employer, staff_user):
    client.force_login(employer_user)
    response = client.post(
        reverse("employers:job-new"),
        {
            "title": "Janitor",
            "description": "Keep the building clean.",
            "zip_code": "64106",
            "shift_days": ["mon", "wed"],
            "shift_start": "23:00",
            "shift_end": "07:00",
            "hours_per_week": "30",
            "employment_type": "part_time",
            "wage_min": "15.50",
            "wage_max": "16.50",
            "openings": "2",
            "expires_on": str(timezone.localdate() + dt.timedelta(days=20)),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    job = JobPosting.objects.get()
    client.post(reverse("employers:job-action", args=[job.pk, "submit"]))
    job.refresh_from_db()
    assert job.status == JobStatus.SUBMITTED
    client.force_login(staff_user)
    client.post(reverse("employers:staff-job", args=[job.pk]), {"decision": "approve"})
    job.refresh_from_db()
    assert job.status == JobStatus.OPEN
    assert "Janitor" in client.get(reverse("employers:job-search")).content.decode()


def test_job_form_shows_wage_error(client, employer_user, employer):
    client.force_login(employer_user)
    response = client.post(
        reverse("employers:job-new"),
        {
            "title": "Janitor",
            "description": "x",
            "zip_code": "64106",
            "shift_days": ["mon"],
            "shift_start": "08:00",
            "shift_end": "16:00",
            "hours_per_week": "30",
            "employment_type": "part_time",
            "wage_min": "7.25",
            "wage_max": "8.00",
            "openings": "1",
            "expires_on": str(timezone.localdate() + dt.timedelta(days=20)),
        },
    )
    assert response.status_code == 200
    assert "minimum wage" in response.content.decode()
    assert not JobPosting.objects.exists()


def test_offline_booth_flow_in_pages(client, employer_user, employer, staff_user):
    fair = FairFactory(booth_fee=Decimal("120.00"))
    client.force_login(employer_user)
    page = client.get(reverse("employers:fair-detail", args=[fair.pk])).content.decode()
    assert "invoice or check" in page
    response = client.post(reverse("employers:booth-book", args=[fair.pk]))
    booth = employer.booths.get()
    assert response["Location"] == reverse("employers:booth-detail", args=[booth.pk])
    page = client.get(response["Location"]).content.decode()
    assert f"booth:{booth.pk}" in page
    client.force_login(staff_user)
    page = client.get(reverse("employers:staff-fair", args=[fair.pk])).content.decode()
    assert employer.display_name in page
    client.post(
        reverse("payments:confirm", args=[booth.payment.pk]),
        {"offline_reference": "CHK-900", "next": reverse("employers:staff-fair", args=[fair.pk])},
    )
    booth.refresh_from_db()
    assert booth.status == BoothStatus.CONFIRMED


def test_policy_page_saves(client, employer_user, employer):
    client.force_login(employer_user)
    data = {
        f"{code}_decision": "considered"
        for code in ["violent", "sex_offense", "theft_fraud", "drug", "weapons", "dui", "other"]
    }
    data.update(
        {
            "theft_fraud_decision": "not_within_years",
            "theft_fraud_years": "7",
            "theft_fraud_reason": "law",
            "accepts_parole": "on",
            "background_check_timing": "after_conditional_offer",
            "record_visible_from": "interviewed",
            "pledge_signer": "Erin Employer",
        }
    )
    response = client.post(reverse("employers:policy"), data)
    assert response.status_code == 302
    rule = employer.hiring_policy.rules.get()
    assert (rule.category, rule.years) == ("theft_fraud", 7)


def test_invite_page(client, employer_user, employer):
    client.force_login(employer_user)
    response = client.post(reverse("employers:invite"), {"email": "new@example.org"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["new@example.org"]
    link = mail.outbox[-1].body.split("http://testserver")[1].split()[0]
    client.logout()
    response = client.post(
        link,
        {
            "first_name": "New",
            "last_name": "Member",
            "username": "newbie",
            "password": "a long enough password 5",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="newbie").employer_membership.employer == employer


def test_dashboard_panels(client, employer_user, employer, staff_user):
    JobFactory(employer=employer, title="Visible on dashboard")
    client.force_login(employer_user)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Visible on dashboard" in page
    assert employer.display_name in page
    client.force_login(staff_user)
    assert "Employer vetting" in client.get(reverse("dashboard")).content.decode()


LIST_PAGES = [
    ("employers:job-search", None, {}),
    (
        "employers:job-search",
        None,
        {"zip": "64106", "radius": "20", "q": "cook", "sort": "distance"},
    ),
    ("employers:directory", None, {}),
    ("employers:fair-list", None, {}),
    ("employers:job-list", Role.EMPLOYER, {}),
    ("employers:booth-list", Role.EMPLOYER, {}),
    ("employers:staff-vetting", Role.STAFF, {}),
    ("employers:staff-jobs", Role.STAFF, {}),
    ("employers:staff-fairs", Role.STAFF, {}),
    ("dashboard", Role.EMPLOYER, {}),
]


def make_rows(count: int, employer: Employer) -> None:
    for index in range(count):
        other = EmployerFactory(
            status=VettingStatus.APPROVED if index % 2 else VettingStatus.PENDING
        )
        MembershipFactory(employer=other)
        JobFactory(employer=employer, title=f"Line cook {index}")
        JobFactory(employer=other, status=JobStatus.SUBMITTED, published_at=None)
        fair = FairFactory()
        fair.booths.create(employer=employer, fee=0, status=BoothStatus.CONFIRMED)


@pytest.mark.parametrize(("name", "role", "params"), LIST_PAGES)
def test_list_page_query_budget(
    client, users_by_role, employer, django_assert_max_num_queries, name, role, params
):
    login(client, users_by_role.get(role))
    # One request first: Django caches content types per process after their first lookup,
    # which would count once in the first measure only.
    client.get(reverse(name), params)
    budgets = []
    for count in (1, 30):
        make_rows(count - (1 if count == 30 else 0), employer)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name), params).status_code == 200
        budgets.append(len(queries))
    assert budgets[0] == budgets[1], budgets
    # The employer's dashboard also holds the placements panels (applicants by job and
    # stage, interviews, hires; fair attendees), each a fixed number of queries; every
    # signed-in page adds one for the second factor (portal.core.mfa.middleware).
    with django_assert_max_num_queries(17 if name == "dashboard" else 12):
        client.get(reverse(name), params)


def test_staff_cancel_booth_refunds_and_others_get_404(client, staff_user, employer_user, employer):
    fair = FairFactory(booth_fee=Decimal("40.00"))
    client.force_login(employer_user)
    client.post(reverse("employers:booth-book", args=[fair.pk]))
    booth = employer.booths.get()
    assert client.post(reverse("employers:staff-booth-cancel", args=[booth.pk])).status_code == 404
    client.force_login(staff_user)
    response = client.post(reverse("employers:staff-booth-cancel", args=[booth.pk]))
    assert response["Location"] == reverse("employers:staff-fair", args=[fair.pk])
    booth.refresh_from_db()
    assert booth.status == BoothStatus.CANCELLED
    assert booth.payment.status == "cancelled"


def test_policy_page_for_employer_without_policy(client, employer_user, employer):
    employer.hiring_policy.delete()
    client.force_login(employer_user)
    assert client.get(reverse("employers:policy"), follow=True).status_code == 200


@pytest.mark.parametrize(
    "model",
    [
        "employers/employer",
        "employers/jobposting",
        "employers/hiringfair",
        "employers/fairbooth",
        "payments/payment",
        "payments/stripeevent",
    ],
)
def test_technical_admin_lists_are_read_only(client, admin_user, employer, model):
    User.objects.filter(pk=admin_user.pk).update(is_superuser=True, is_staff=True)
    JobFactory(employer=employer)
    client.force_login(admin_user)
    assert client.get(f"/django-admin/{model}/").status_code == 200
    assert client.get(f"/django-admin/{model}/add/").status_code == 403


def test_policy_page_says_years_count_from_the_later_of_conviction_and_release(
    client, employer_user, employer
):
    client.force_login(employer_user)
    page = client.get(reverse("employers:policy"), follow=True).content.decode()
    assert "counts the years from the later of the conviction and the release" in page
    assert "convicted 9 years ago and released 3 years ago is still within them" in page
    page = client.get(
        reverse("employers:policy"), HTTP_ACCEPT_LANGUAGE="es", follow=True
    ).content.decode()
    assert "fecha más reciente entre la condena y la salida de prisión" in page


def test_staff_read_the_look_back_from_the_later_of_conviction_and_release(
    client, staff_user, employer
):
    policy, _created = HiringPolicy.objects.get_or_create(employer=employer)
    OffenseRule.objects.create(
        policy=policy, category="theft_fraud", decision="not_within_years", years=7
    )
    client.force_login(staff_user)
    page = client.get(reverse("employers:staff-employer", args=[employer.pk])).content.decode()
    assert "within 7 years of the later of conviction and release" in page


def test_staff_read_the_policy_in_words_never_its_stored_codes(client, staff_user, employer):
    employer.phone = "+18165550140"
    employer.save(update_fields=["phone"])
    policy, _created = HiringPolicy.objects.get_or_create(employer=employer)
    policy.accepts_parole = False
    policy.save()
    OffenseRule.objects.create(
        policy=policy,
        category="theft_fraud",
        decision="not_within_years",
        years=7,
        reason="insurance",
    )
    client.force_login(staff_user)
    url = reverse("employers:staff-employer", args=[employer.pk])
    page = client.get(url).content.decode()
    assert "Not considered within a number of years" in page and "Our insurance" in page
    assert "Does not hire people on parole" in page and "After the interview" in page
    assert "(816) 555-0140" in page
    for code in ("not_within_years", ">insurance<", "+1816"):
        assert code not in page
    assert not re.search(r"<dd>\s*(yes|no|True|False|interviewed)\s*</dd>", page)
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Nuestro seguro" in spanish
    assert "No contrata a personas en libertad condicional" in spanish
