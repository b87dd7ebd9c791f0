"""The access alert: when someone reads the sensitive data of more distinct participants
within an hour than PORTAL_ACCESS_ALERT_READS_PER_HOUR, the program admins get an email,
once per person per hour.

Checked by a background task queued when a read is logged (after its commit), so a read
never waits for the count. The AccessAlert row, written under a lock on the reader's
user row, is what stops a second email within the hour, across processes and servers.
"""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal.core import rules
from portal.core.access_review.selectors import (
    participants_read_since,
    program_admin_recipients,
)
from portal.core.emails import email_on_commit
from portal.core.models import AccessAlert, User

WINDOW = dt.timedelta(hours=1)


def access_alert_threshold() -> int:
    """Distinct participants one person may read in an hour before the admins are told.
    Program policy (a common misuse signal in criminal-justice systems' access audits).
    Setting: PORTAL_ACCESS_ALERT_READS_PER_HOUR (default 30)."""
    return rules.int_setting("PORTAL_ACCESS_ALERT_READS_PER_HOUR", 30)


def access_alert_check(*, viewer_id: int) -> AccessAlert | None:
    """Email the program admins if `viewer_id` read more distinct participants in the
    last hour than the threshold and no alert about them went out within the hour.
    Returns the new AccessAlert, or None (below the threshold, or already alerted)."""
    now = timezone.now()
    since = now - WINDOW
    if participants_read_since(viewer_id=viewer_id, since=since) <= access_alert_threshold():
        return None
    with transaction.atomic():
        # The lock serialises two checks for one person, so only one alert is written.
        viewer = User.objects.select_for_update().filter(pk=viewer_id).first()
        if viewer is None or viewer.access_alerts.filter(created_at__gt=since).exists():
            return None
        read = participants_read_since(viewer_id=viewer_id, since=since)
        alert = AccessAlert.objects.create(
            viewer=viewer, participants_read=read, window_start=since
        )
        day = timezone.localdate(now).isoformat()
        email_on_commit(
            "core/email/access_alert",
            {
                "name": viewer.get_full_name() or viewer.username,
                "username": viewer.username,
                "role": viewer.get_role_display(),
                "count": read,
                "threshold": access_alert_threshold(),
                "time": timezone.localtime(now).strftime("%Y-%m-%d %H:%M"),
                "review_path": f"{reverse('access-review')}?viewer={viewer.pk}"
                f"&date_from={day}&date_to={day}",
            },
            recipients=program_admin_recipients(),
        )
    return alert
