"""The custody-events, exit and re-enrol endpoints: who may reach them, what they save,
what they refuse, and the access log."""

import datetime

import pytest
from django.utils import timezone

from jobseekers.models import CustodyEvent, ParticipantStatus, ProgramExit
from portal.core.models import AccessLog, AuditEvent

pytestmark = pytest.mark.django_db


def days_ago(days):
    return (timezone.localdate() - datetime.timedelta(days=days)).isoformat()


def url(person, what):
    return f"/api/v1/participants/{person.pk}/{what}/"


EVENT = {"kind": "new_offense", "source": "Department of Corrections", "note": "Arrested 5/2."}


def test_staff_record_and_read_custody_events(api_client, person, staff_user):
    api_client.force_authenticate(staff_user)
    created = api_client.post(
        url(person, "custody-events"), EVENT | {"occurred_on": days_ago(3)}, format="json"
    )
    assert created.status_code == 201
    assert created.json()["counts_as_return"] is True
    person.refresh_from_db()
    assert person.status == ParticipantStatus.RETURNED_TO_CUSTODY

    listed = api_client.get(url(person, "custody-events"))
    assert listed.status_code == 200
    assert listed.json()[0]["note"] == "Arrested 5/2."
    log = AccessLog.objects.get()
    assert (log.viewer, log.what, log.why) == (staff_user, "custody_events", "caseload")


def test_the_participant_reads_their_own_without_notes_and_cannot_write(
    api_client, person, staff_user, participant
):
    api_client.force_authenticate(staff_user)
    api_client.post(
        url(person, "custody-events"), EVENT | {"occurred_on": days_ago(3)}, format="json"
    )
    AccessLog.objects.all().delete()
    api_client.force_authenticate(participant)
    own = api_client.get(url(person, "custody-events"))
    assert own.status_code == 200
    assert own.json()[0]["kind"] == "new_offense"
    assert "note" not in own.json()[0]
    assert not AccessLog.objects.exists()
    refused = api_client.post(
        url(person, "custody-events"), EVENT | {"occurred_on": days_ago(1)}, format="json"
    )
    assert refused.status_code == 403
    assert api_client.post(url(person, "exit"), {}, format="json").status_code == 403
    assert CustodyEvent.objects.count() == 1


@pytest.mark.parametrize("who", ["employer_user", "other_staff", "other_participant_user", None])
@pytest.mark.parametrize(
    ("method", "what"),
    [
        ("get", "custody-events"),
        ("post", "custody-events"),
        ("get", "exit"),
        ("post", "exit"),
        ("post", "reenrol"),
    ],
)
def test_anyone_else_gets_404(request, api_client, person, who, method, what):
    if who is None:
        response = getattr(api_client, method)(url(person, what), {}, format="json")
        assert response.status_code in (401, 403)  # not signed in
        return
    api_client.force_authenticate(request.getfixturevalue(who))
    payload = EVENT | {"occurred_on": days_ago(1), "exited_on": days_ago(1), "reason": "withdrew"}
    response = getattr(api_client, method)(url(person, what), payload, format="json")
    assert response.status_code == 404
    assert not CustodyEvent.objects.exists() and not ProgramExit.objects.exists()
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"occurred_on": "2999-01-01"}, "occurred_on"),
        ({"occurred_on": "not a date"}, "occurred_on"),
        ({"kind": "speeding"}, "kind"),
        ({"source": ""}, "source"),
    ],
)
def test_bad_custody_events_are_400_and_nothing_saved(
    api_client, person, staff_user, payload, field
):
    api_client.force_authenticate(staff_user)
    response = api_client.post(
        url(person, "custody-events"),
        EVENT | {"occurred_on": days_ago(1)} | payload,
        format="json",
    )
    assert response.status_code == 400
    assert field in str(response.json())
    assert not CustodyEvent.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="custody_event").exists()


def test_a_date_before_the_release_is_400(api_client, person, staff_user):
    api_client.force_authenticate(staff_user)
    before = (person.release_date - datetime.timedelta(days=1)).isoformat()
    response = api_client.post(
        url(person, "custody-events"), EVENT | {"occurred_on": before}, format="json"
    )
    assert response.status_code == 400
    assert "before the release date" in str(response.json())
    person.refresh_from_db()
    assert person.status == ParticipantStatus.ACTIVE


def test_exit_then_second_exit_then_reenrol(api_client, person, staff_user):
    api_client.force_authenticate(staff_user)
    first = api_client.post(
        url(person, "exit"), {"exited_on": days_ago(30), "reason": "lost_contact"}, format="json"
    )
    assert first.status_code == 201
    assert first.json()["reenrolled_on"] is None
    second = api_client.post(
        url(person, "exit"), {"exited_on": days_ago(2), "reason": "withdrew"}, format="json"
    )
    assert second.status_code == 409
    assert second.json()["code"] == "exit_already_open"
    assert ProgramExit.objects.count() == 1

    back = api_client.post(url(person, "reenrol"), {"reenrolled_on": days_ago(10)}, format="json")
    assert back.status_code == 200
    assert back.json()["reenrolled_on"] == days_ago(10)
    person.refresh_from_db()
    assert person.status == ParticipantStatus.ACTIVE

    again = api_client.post(url(person, "reenrol"), {}, format="json")
    assert again.status_code == 409
    assert again.json()["code"] == "no_open_exit"

    history = api_client.get(url(person, "exit")).json()
    assert [row["reason"] for row in history] == ["lost_contact"]


def test_an_unknown_exit_reason_is_400(api_client, person, staff_user):
    api_client.force_authenticate(staff_user)
    response = api_client.post(
        url(person, "exit"), {"exited_on": days_ago(1), "reason": "graduated"}, format="json"
    )
    assert response.status_code == 400
    assert not ProgramExit.objects.exists()


def test_the_participant_sees_their_own_exits(api_client, person, staff_user, participant):
    api_client.force_authenticate(staff_user)
    api_client.post(
        url(person, "exit"), {"exited_on": days_ago(1), "reason": "completed"}, format="json"
    )
    api_client.force_authenticate(participant)
    assert api_client.get(url(person, "exit")).json()[0]["reason"] == "completed"


def test_the_list_has_a_query_budget(api_client, person, staff_user, django_assert_max_num_queries):
    from jobseekers import services

    api_client.force_authenticate(staff_user)
    for days in range(1, 31):
        services.custody_event_record(
            participant=person,
            actor=staff_user,
            occurred_on=timezone.localdate() - datetime.timedelta(days=days),
            kind="arrest_no_conviction",
            source="Police report",
        )
    with django_assert_max_num_queries(12):
        response = api_client.get(url(person, "custody-events"))
    assert len(response.json()) == 30
