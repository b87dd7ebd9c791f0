"""Reads of the access review, for program admins only (anyone else: nothing).

Everything is counted in the database (one GROUP BY per page), so a page costs the same
few queries whatever the number of reads behind it.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from portal.core.models import STAFF_ROLES, AccessLog, Role, User
from portal.core.permissions import is_program_admin

# Without dates the review covers this many days, today included.
DEFAULT_DAYS = 30

RECORD_READS = ("record", "record_summary")


@dataclass(frozen=True)
class AccessReviewFilters:
    viewer_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day` in the program's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def review_period(filters: AccessReviewFilters) -> tuple[dt.date, dt.date]:
    """The days covered: the dates asked for, else the last DEFAULT_DAYS days."""
    date_to = filters.date_to or timezone.localdate()
    date_from = filters.date_from or (date_to - dt.timedelta(days=DEFAULT_DAYS - 1))
    return date_from, date_to


def sensitive_reads_by_day(*, user: User, filters: AccessReviewFilters) -> QuerySet:
    """Sensitive reads by staff and admins, one row per person per day (days of the
    program's time zone), newest day first, then by name. Each row is a dict with
    `day`, `viewer_id`, `username`, `first_name`, `last_name`, `role`, `reads`,
    `participants` (distinct people read), `records` (record or its summary),
    `supervision_terms` and `case_notes`. Program admins only; anyone else: none."""
    if not is_program_admin(user):
        return AccessLog.objects.none().values()
    date_from, date_to = review_period(filters)
    logs = AccessLog.objects.filter(
        viewer__role__in=STAFF_ROLES,
        created_at__gte=_start_of(date_from),
        created_at__lt=_start_of(date_to + dt.timedelta(days=1)),
    )
    if filters.viewer_id:
        logs = logs.filter(viewer_id=filters.viewer_id)
    return (
        logs.annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values(
            "day",
            "viewer_id",
            "viewer__username",
            "viewer__first_name",
            "viewer__last_name",
            "viewer__role",
        )
        .annotate(
            reads=Count("id"),
            participants=Count("subject_id", distinct=True),
            records=Count("id", filter=Q(what__in=RECORD_READS)),
            supervision_terms=Count("id", filter=Q(what="supervision_terms")),
            case_notes=Count("id", filter=Q(what="case_notes")),
        )
        .order_by("-day", "viewer__last_name", "viewer__first_name", "viewer_id")
    )


def participants_read_since(*, viewer_id: int, since: dt.datetime) -> int:
    """How many distinct participants `viewer_id` read sensitive data of since `since`."""
    return AccessLog.objects.filter(viewer_id=viewer_id, created_at__gte=since).aggregate(
        count=Count("subject_id", distinct=True)
    )["count"]


def program_admin_recipients() -> list[tuple[str, str]]:
    """(email, language) of every active program admin with an email."""
    return list(
        User.objects.filter(role=Role.ADMIN, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", "preferred_language")
    )
