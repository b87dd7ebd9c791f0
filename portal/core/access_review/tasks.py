"""Background work of the access review."""

from django_tasks import task

from portal.core.access_review.services import access_alert_check


@task()
def access_alert_check_task(*, viewer_id: int) -> bool:
    """Queued after each logged sensitive read: check the reader's last hour and alert
    the admins if needed. Returns whether an alert was sent."""
    return access_alert_check(viewer_id=viewer_id) is not None
