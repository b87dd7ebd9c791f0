import pytest

from portal.core.audit import REDACTED, access_log_record, audit_record
from portal.core.models import AccessLog, AuditEvent

pytestmark = pytest.mark.django_db


def test_audit_record_keeps_safe_details_and_redacts_sensitive_ones(staff_user, participant):
    event = audit_record(
        actor=staff_user,
        action="participant.updated",
        target=participant,
        details={
            "fields": ["phone"],
            "new_password": "hunter2hunter2",
            "api_token": "abc",
            "description": "theft in 2019",
            "nested": {"curfew": "22:00-06:00", "count": 3},
        },
    )
    event.refresh_from_db()
    assert event.details == {
        "fields": ["phone"],
        "new_password": REDACTED,
        "api_token": REDACTED,
        "description": REDACTED,
        "nested": {"curfew": REDACTED, "count": 3},
    }
    assert event.target == participant
    assert event.target_label == str(participant)
    assert event.ip_address is None  # no request: a task or a command


def test_any_key_ending_in_note_is_free_text_and_redacted(staff_user, participant):
    # A note under another name ("fit_note": what the officer said) stays out of the
    # trail as "note" does; a key that only contains the word is kept.
    event = audit_record(
        actor=staff_user,
        action="application.fit_confirmed",
        target=participant,
        details={"fit_note": "Officer Reyes allows Kansas", "staff_notes": "x", "notebook": 2},
    )
    event.refresh_from_db()
    assert event.details == {"fit_note": REDACTED, "staff_notes": REDACTED, "notebook": 2}


def test_audit_record_takes_the_ip_of_the_request(api_client, participant):
    api_client.force_authenticate(participant)
    response = api_client.patch(
        "/api/v1/me/", {"first_name": "Patricia"}, format="json", REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="user.profile_updated")
    assert event.ip_address == "203.0.113.9"
    assert event.actor == participant


def test_access_log_record_says_who_read_whose_what_and_why(staff_user, participant):
    access_log_record(viewer=staff_user, subject=participant, what="record", why="caseload")
    entry = AccessLog.objects.get()
    assert (entry.viewer, entry.subject, entry.what, entry.why) == (
        staff_user,
        participant,
        "record",
        "caseload",
    )
    assert entry.created_at is not None
