"""One-line helpers that services call to leave a trail.

    audit_record(actor=actor, action="job.published", target=job, details={"openings": 3})
    access_log_record(viewer=user, subject=participant, what="record", why="application:42")

Both write in the caller's transaction: if the service rolls back, so does its trail.
"""

from collections.abc import Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from portal.core.access_review.tasks import access_alert_check_task
from portal.core.middleware import current_client_ip
from portal.core.models import AccessLog, AuditEvent, User
from portal.core.tasks import enqueue_on_commit

# Values that never go into an audit event's details, whatever a caller passes: secrets
# (any key containing these words) and the free text of the most sensitive records
# (these exact keys; DESIGN.md, "Roles and what each may see").
SECRET_KEY_WORDS = ("password", "token", "secret")
SENSITIVE_DETAIL_KEYS = frozenset(
    {
        "invitation_code",
        "description",
        "notes",
        "note",
        "offense",
        "record",
        "supervision",
        "curfew",
        "officer",
        "officer_phone",
        "ssn",
        "date_of_birth",
    }
)
# Any key ending so is free text too ("fit_note", "staff_notes"): a new caller cannot
# put a note in clear by naming it differently.
SENSITIVE_DETAIL_SUFFIXES = ("_note", "_notes")
REDACTED = "[redacted]"


def _is_sensitive(key: str) -> bool:
    lowered = key.lower()
    return (
        lowered in SENSITIVE_DETAIL_KEYS
        or lowered.endswith(SENSITIVE_DETAIL_SUFFIXES)
        or any(word in lowered for word in SECRET_KEY_WORDS)
    )


def _scrub(details: Mapping[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for key, value in details.items():
        if _is_sensitive(key):
            clean[key] = REDACTED
        elif isinstance(value, Mapping):
            clean[key] = _scrub(value)
        else:
            clean[key] = value
    return clean


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    details: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Record that `actor` did `action` (a dotted name such as "user.profile_updated") to
    `target`. Values under sensitive keys are replaced by "[redacted]"."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:255] if target is not None else "",
        ip_address=current_client_ip(),
        details=_scrub(details or {}),
    )


def access_log_record(*, viewer: User, subject: models.Model, what: str, why: str) -> AccessLog:
    """Record that `viewer` read the sensitive `what` ("record", "supervision_terms",
    "case_notes") of `subject` (the participant) for the reason `why` ("caseload",
    "application:42"). Call it from the selector that returns the data, for every reader
    but the participant themself.

    Once the read commits, a background task checks the reader's last hour and emails
    the program admins when it passes PORTAL_ACCESS_ALERT_READS_PER_HOUR (see
    `portal.core.access_review`)."""
    entry = AccessLog.objects.create(
        viewer=viewer,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=str(subject.pk),
        what=what,
        why=why,
        ip_address=current_client_ip(),
    )
    enqueue_on_commit(access_alert_check_task, viewer_id=viewer.pk)
    return entry


def access_logs_record(
    *, viewer: User, subject_model: type[models.Model], subject_ids, what: str, why: str
) -> None:
    """`access_log_record` for a list read at once (e.g. the people behind a report's
    figure): one AccessLog row per subject, written in one query (none for an empty
    list), and one check of the reader's last hour."""
    subject_type = ContentType.objects.get_for_model(subject_model)
    ip_address = current_client_ip()
    rows = [
        AccessLog(
            viewer=viewer,
            subject_type=subject_type,
            subject_id=str(subject_id),
            what=what,
            why=why,
            ip_address=ip_address,
        )
        for subject_id in subject_ids
    ]
    if rows:
        AccessLog.objects.bulk_create(rows)
        enqueue_on_commit(access_alert_check_task, viewer_id=viewer.pk)
