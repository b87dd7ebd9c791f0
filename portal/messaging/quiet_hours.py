"""Quiet hours: no text between PORTAL_SMS_QUIET_START (9 p.m.) and PORTAL_SMS_QUIET_END
(8 a.m.) program time (TIME_ZONE, America/Chicago). The TCPA forbids telemarketing calls
and texts before 8 a.m. and after 9 p.m. at the called party's location; the program keeps
the same hours for every text, and uses its own zone since participants live near it."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def program_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _clock(value: str) -> time:
    return time.fromisoformat(value)


def quiet_window() -> tuple[time, time]:
    """(start, end) of the quiet hours, e.g. (21:00, 08:00); the window may cross midnight."""
    return _clock(settings.PORTAL_SMS_QUIET_START), _clock(settings.PORTAL_SMS_QUIET_END)


def is_quiet(moment: datetime) -> bool:
    """Whether `moment` (aware) falls in the quiet hours, program time."""
    start, end = quiet_window()
    clock = moment.astimezone(program_zone()).time()
    if start == end:
        return False
    if start < end:
        return start <= clock < end
    return clock >= start or clock < end


def next_send_time(moment: datetime | None = None) -> datetime:
    """The first moment at or after `moment` (default now) when a text may go out: the
    moment itself outside quiet hours, otherwise the end of the quiet hours (8 a.m.)."""
    moment = moment or timezone.now()
    if not is_quiet(moment):
        return moment
    zone = program_zone()
    local = moment.astimezone(zone)
    _start, end = quiet_window()
    day = local.date() if local.time() < end else local.date() + timedelta(days=1)
    return datetime.combine(day, end, tzinfo=zone)


def program_day(moment: datetime) -> date:
    """The program-time calendar day of `moment` (the daily limit counts per such day)."""
    return moment.astimezone(program_zone()).date()


def program_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The aware start and end (exclusive) of program-time day `day`."""
    zone = program_zone()
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start, datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
