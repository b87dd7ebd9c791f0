"""The access review (issue 16): program admins see sensitive reads per staff member per
day, filter them, download them as CSV; and an email goes to the admins once per person
per hour when someone reads more distinct participants than the setting allows."""

import csv
import datetime as dt
import io

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from portal.core.access_review.services import access_alert_check
from portal.core.audit import access_log_record
from portal.core.models import AccessAlert, AccessLog, Role
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

URL = "/staff/access-review/"


def read(viewer, subject, what="record", *, when=None):
    """One logged sensitive read (`subject` stands for the participant: any row will do
    for the log), dated `when` if given."""
    entry = access_log_record(viewer=viewer, subject=subject, what=what, why="caseload")
    if when is not None:
        AccessLog.objects.filter(pk=entry.pk).update(created_at=when)
    return entry


@pytest.fixture
def subjects(db):
    return [UserFactory(role=Role.PARTICIPANT) for _ in range(4)]


def at(days_ago: int, hour: int = 10) -> dt.datetime:
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


# --- who may see it ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [(Role.PARTICIPANT, 404), (Role.EMPLOYER, 404), (Role.STAFF, 404), (Role.ADMIN, 200)],
)
@pytest.mark.parametrize("url", [URL, f"{URL}?format=csv", "/staff/access-review.csv"])
def test_only_program_admins_reach_the_review(client, users_by_role, role, expected, url):
    client.force_login(users_by_role[role])
    assert client.get(url).status_code == expected


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_admin_dashboard_links_the_review(client, admin_user, staff_user):
    client.force_login(admin_user)
    assert f'href="{URL}"' in client.get(reverse("dashboard")).content.decode()
    client.force_login(staff_user)
    assert f'href="{URL}"' not in client.get(reverse("dashboard")).content.decode()


# --- counts -----------------------------------------------------------------------------


@pytest.fixture
def reads(staff_user, other_staff, admin_user, employer_user, subjects):
    """Fran: yesterday 3 reads of 2 people (a record twice, supervision terms once);
    today 1 case-notes read. Olga: 2 days ago 1 read. An employer's read (through an
    application) is not a staff member's and is not listed."""
    read(staff_user, subjects[0], "record", when=at(1, 9))
    read(staff_user, subjects[0], "record", when=at(1, 11))
    read(staff_user, subjects[1], "supervision_terms", when=at(1, 15))
    read(staff_user, subjects[2], "case_notes", when=at(0, 0))
    read(other_staff, subjects[3], "record_summary", when=at(2))
    read(employer_user, subjects[0], "record_summary", when=at(1))


def _rows(response):
    return [
        (row["day"], row["viewer__username"], row["reads"], row["participants"])
        for row in response.context["page"].object_list
    ]


def test_reads_are_counted_per_staff_member_per_day_newest_first(client, admin_user, reads):
    client.force_login(admin_user)
    response = client.get(URL)
    today = timezone.localdate()
    assert _rows(response) == [
        (today, "fran", 1, 1),
        (today - dt.timedelta(days=1), "fran", 3, 2),
        (today - dt.timedelta(days=2), "olga", 1, 1),
    ]
    yesterday = response.context["page"].object_list[1]
    assert (yesterday["records"], yesterday["supervision_terms"], yesterday["case_notes"]) == (
        2,
        1,
        0,
    )
    page = response.content.decode()
    assert "Sensitive reads per staff member per day" in page


def test_filter_by_person_and_days(client, admin_user, staff_user, reads):
    client.force_login(admin_user)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = client.get(
        URL, {"viewer": staff_user.pk, "date_from": yesterday, "date_to": yesterday}
    )
    assert _rows(response) == [(yesterday, "fran", 3, 2)]
    response = client.get(URL, {"date_from": timezone.localdate() - dt.timedelta(days=2)})
    assert [row[1] for row in _rows(response)] == ["fran", "fran", "olga"]


def test_bad_filter_values_are_refused_with_a_message(client, admin_user, reads, participant):
    client.force_login(admin_user)
    for query in (
        {"date_from": "yesterday"},
        {"viewer": participant.pk},  # not a staff member
        {"date_from": "2026-03-02", "date_to": "2026-03-01"},
    ):
        response = client.get(URL, query)
        assert response.status_code == 200
        assert response.context["form"].errors
        assert not response.context["page"].object_list
        assert client.get(URL, {**query, "format": "csv"})["Content-Type"].startswith("text/html")


def test_the_page_runs_the_same_queries_for_1_or_30_rows(
    client, admin_user, subjects, django_assert_max_num_queries
):
    client.force_login(admin_user)
    read(UserFactory(role=Role.STAFF), subjects[0], when=at(1))

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    one = count()
    for days_ago in range(29):
        read(UserFactory(role=Role.STAFF), subjects[days_ago % 4], when=at(days_ago % 20))
    assert count() == one
    with django_assert_max_num_queries(10):
        client.get(URL)


# --- CSV --------------------------------------------------------------------------------


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_the_csv_holds_the_same_rows_as_the_page(client, admin_user, staff_user, reads):
    client.force_login(admin_user)
    page_rows = client.get(URL).context["page"].object_list
    for url in (f"{URL}?format=csv", "/staff/access-review.csv"):
        response = client.get(url)
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        lines = _csv(response)
        assert lines[0] == [
            "date",
            "username",
            "name",
            "role",
            "reads",
            "participants",
            "records",
            "supervision_terms",
            "case_notes",
        ]
        assert [(line[0], line[1], int(line[4]), int(line[5])) for line in lines[1:]] == [
            (row["day"].isoformat(), row["viewer__username"], row["reads"], row["participants"])
            for row in page_rows
        ]
    filtered = _csv(client.get("/staff/access-review.csv", {"viewer": staff_user.pk}))
    assert {line[1] for line in filtered[1:]} == {"fran"}


def test_the_csv_never_hands_a_spreadsheet_a_formula(client, admin_user, subjects):
    sneaky = UserFactory(role=Role.STAFF, first_name="=HYPERLINK(1)", last_name="")
    read(sneaky, subjects[0])
    client.force_login(admin_user)
    lines = _csv(client.get("/staff/access-review.csv"))
    assert lines[1][2] == "'=HYPERLINK(1)"


def test_the_page_in_spanish(client, admin_user, reads):
    client.force_login(admin_user)
    client.cookies["django_language"] = "es"
    page = client.get(URL).content.decode()
    assert "Revisión de accesos" in page and "Participantes leídos" in page


# --- the alert --------------------------------------------------------------------------


@pytest.fixture
def admins(admin_user):
    admin_user.email = "alex@example.org"
    admin_user.save()
    spanish = UserFactory(role=Role.ADMIN, email="ana@example.org", preferred_language="es")
    return [admin_user, spanish]


def read_many(viewer, count):
    for _ in range(count):
        read(viewer, UserFactory(role=Role.PARTICIPANT))


@override_settings(PORTAL_ACCESS_ALERT_READS_PER_HOUR=3)
def test_crossing_the_threshold_emails_the_admins_once(
    staff_user, admins, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        read_many(staff_user, 3)  # at the limit: no email
    assert mail.outbox == [] and not AccessAlert.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        read_many(staff_user, 1)  # 4 people in the hour: one email to each admin
    assert sorted(message.to[0] for message in mail.outbox) == [
        "alex@example.org",
        "ana@example.org",
    ]
    english = next(message for message in mail.outbox if message.to == ["alex@example.org"])
    assert "4 people in an hour" in english.subject
    assert f"viewer={staff_user.pk}" in english.body
    assert any("Alerta de acceso" in message.subject for message in mail.outbox)
    alert = AccessAlert.objects.get()
    assert alert.viewer == staff_user and alert.participants_read == 4
    with django_capture_on_commit_callbacks(execute=True):
        read_many(staff_user, 5)  # still within the hour: no second email
    assert len(mail.outbox) == 2 and AccessAlert.objects.count() == 1


@override_settings(PORTAL_ACCESS_ALERT_READS_PER_HOUR=3)
def test_the_same_person_read_again_is_not_another_participant(
    staff_user, admins, subjects, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            for subject in subjects[:3]:
                read(staff_user, subject)
    assert mail.outbox == []


@override_settings(PORTAL_ACCESS_ALERT_READS_PER_HOUR=3)
def test_reads_older_than_an_hour_do_not_count_and_a_new_hour_alerts_again(
    staff_user, admins, subjects
):
    old = timezone.now() - dt.timedelta(minutes=61)
    for subject in subjects:
        read(staff_user, subject, when=old)
    assert access_alert_check(viewer_id=staff_user.pk) is None
    AccessAlert.objects.create(viewer=staff_user, participants_read=4, window_start=old)
    AccessAlert.objects.filter(viewer=staff_user).update(created_at=old)
    read_many(staff_user, 4)
    assert access_alert_check(viewer_id=staff_user.pk) is not None
    assert AccessAlert.objects.filter(viewer=staff_user).count() == 2


def test_the_default_threshold_is_30(staff_user, admins, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        read_many(staff_user, 30)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        read_many(staff_user, 1)
    assert len(mail.outbox) == 2


def test_no_check_runs_when_the_read_rolls_back(staff_user, admins, subjects):
    """The check is queued on commit: a read that never commits queues nothing."""
    from django.db import transaction

    with (
        override_settings(PORTAL_ACCESS_ALERT_READS_PER_HOUR=0),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        read(staff_user, subjects[0])
        raise RuntimeError
    assert mail.outbox == [] and not AccessAlert.objects.exists()
