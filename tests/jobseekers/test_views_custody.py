"""The "Custody and program status" section of the staff participant page: forms that
work without JavaScript, errors shown next to the field with nothing saved, outsiders 404,
English and Spanish."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from jobseekers import services
from jobseekers.models import CustodyEvent, ParticipantStatus, ProgramExit
from portal.core.models import AccessLog

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def test_staff_record_a_custody_event_from_the_page(client, person, staff_user):
    client.force_login(staff_user)
    page = client.get(f"/participants/{person.pk}/").content.decode()
    assert "Custody and program status" in page
    assert "No custody events recorded." in page

    response = client.post(
        f"/participants/{person.pk}/custody-events/add/",
        {
            "occurred_on": days_ago(4).isoformat(),
            "kind": "technical_violation",
            "source": "Probation officer",
            "note": "Curfew violations, revoked.",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/participants/{person.pk}/#custody")
    page = client.get(response["Location"]).content.decode()
    assert "Curfew violations, revoked." in page
    assert "Technical violation of parole or probation" in page
    person.refresh_from_db()
    assert person.status == ParticipantStatus.RETURNED_TO_CUSTODY
    assert AccessLog.objects.filter(what="custody_events", viewer=staff_user).exists()


def test_a_date_before_release_shows_the_error_and_saves_nothing(client, person, staff_user):
    client.force_login(staff_user)
    response = client.post(
        f"/participants/{person.pk}/custody-events/add/",
        {
            "occurred_on": (person.release_date - datetime.timedelta(days=3)).isoformat(),
            "kind": "new_offense",
            "source": "Department of Corrections",
        },
    )
    assert response.status_code == 200
    assert "cannot be before the release date" in response.content.decode()
    assert not CustodyEvent.objects.exists()


def test_an_unknown_kind_is_refused_by_the_form(client, person, staff_user):
    client.force_login(staff_user)
    response = client.post(
        f"/participants/{person.pk}/custody-events/add/",
        {"occurred_on": days_ago(1).isoformat(), "kind": "jaywalking", "source": "Police"},
    )
    assert response.status_code == 200
    assert not CustodyEvent.objects.exists()


def test_exit_then_reenrol_from_the_page(client, person, staff_user):
    client.force_login(staff_user)
    response = client.post(
        f"/participants/{person.pk}/exit/",
        {"exited_on": days_ago(20).isoformat(), "reason": "lost_contact", "note": ""},
    )
    assert response.status_code == 302
    page = client.get(f"/participants/{person.pk}/").content.decode()
    assert "Lost contact (no contact for 90 days)" in page
    assert "Re-enrol in the program" in page
    assert "Record an exit from the program" not in page

    # A second exit sent anyway (an old tab) is refused with the reason, nothing saved.
    again = client.post(
        f"/participants/{person.pk}/exit/",
        {"exited_on": days_ago(1).isoformat(), "reason": "withdrew"},
    )
    assert again.status_code == 200
    assert "Record their re-enrolment before a new exit" in again.content.decode()
    assert ProgramExit.objects.count() == 1

    back = client.post(f"/participants/{person.pk}/reenrol/", {"reenrolled_on": ""})
    assert back.status_code == 302
    person.refresh_from_db()
    assert person.status == ParticipantStatus.ACTIVE
    assert ProgramExit.objects.get().reenrolled_on == timezone.localdate()


@pytest.mark.parametrize("who", ["other_staff", "employer_user", "participant"])
@pytest.mark.parametrize("action", ["custody-events/add", "exit", "reenrol"])
def test_outsiders_get_404_and_nothing_is_saved(client, request, person, who, action):
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        f"/participants/{person.pk}/{action}/",
        {
            "occurred_on": days_ago(1).isoformat(),
            "kind": "new_offense",
            "source": "Police",
            "exited_on": days_ago(1).isoformat(),
            "reason": "withdrew",
        },
    )
    assert response.status_code == 404
    assert not CustodyEvent.objects.exists() and not ProgramExit.objects.exists()


def test_the_section_speaks_spanish(client, person, staff_user):
    services.custody_event_record(
        participant=person,
        actor=staff_user,
        occurred_on=days_ago(2),
        kind="arrest_no_conviction",
        source="Police report",
    )
    client.force_login(staff_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    page = client.get(f"/participants/{person.pk}/").content.decode()
    assert "Custodia y estado en el programa" in page
    assert "Arresto sin nueva condena (no cuenta como regreso a prisión)" in page
    assert "Registrar una salida del programa" in page


def test_the_participant_page_query_budget_holds_with_many_events(
    client, person, staff_user, django_assert_max_num_queries
):
    client.force_login(staff_user)
    client.get(f"/participants/{person.pk}/")  # warm caches (content types, session)
    with django_assert_max_num_queries(60) as few:
        client.get(f"/participants/{person.pk}/")
    baseline = len(few.captured_queries)
    for days in range(1, 31):
        services.custody_event_record(
            participant=person,
            actor=staff_user,
            occurred_on=days_ago(days),
            kind="arrest_no_conviction",
            source="Police report",
        )
    services.program_exit_record(
        participant=person, actor=staff_user, exited_on=days_ago(30), reason="withdrew"
    )
    with django_assert_max_num_queries(baseline):
        client.get(f"/participants/{person.pk}/")
