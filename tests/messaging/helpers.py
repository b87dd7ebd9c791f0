"""Shared helpers of the text-message tests."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from jobseekers.models import Consent, ConsentKind
from tests.factories.jobseekers import ParticipantFactory

CHICAGO = ZoneInfo("America/Chicago")


def at(hour: int, minute: int = 0, *, day: int = 3):
    """Travel to December `day`, 2026 at hour:minute program time, clock stopped."""
    return time_machine.travel(datetime(2026, 12, day, hour, minute, tzinfo=CHICAGO), tick=False)


def texting_participant(*, phone="+18165550142", language="en", agreed=True, **fields):
    """A participant with a phone who agreed to texts (unless `agreed` is False)."""
    person = ParticipantFactory(phone=phone, preferred_language=language, **fields)
    if agreed:
        Consent.objects.create(participant=person, kind=ConsentKind.TEXT_MESSAGES, given=True)
    return person
