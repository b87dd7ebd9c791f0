"""Numbers of the participants app, read from settings at call time."""

from decimal import Decimal

from django.conf import settings


def invitation_days() -> int:
    """How long an invitation code works. Program policy: two weeks, time enough to hand
    it over at job club or by text. Setting: PORTAL_INVITATION_DAYS."""
    return int(getattr(settings, "PORTAL_INVITATION_DAYS", 14))


def duplicate_name_similarity() -> int:
    """Name similarity (rapidfuzz token-sort ratio, 0-100) from which intake warns of a
    possible duplicate with the same date of birth. Program choice: 85 catches "Jon" /
    "John" and swapped first and last names but not different people.
    Setting: PORTAL_DUPLICATE_NAME_SIMILARITY."""
    return int(getattr(settings, "PORTAL_DUPLICATE_NAME_SIMILARITY", 85))


def resume_max_entries() -> int:
    """At most this many jobs, schools or certificates on one résumé (a one- or two-page
    résumé for hourly work; keeps the PDF printable)."""
    return int(getattr(settings, "PORTAL_RESUME_MAX_ENTRIES", 10))


def document_max_bytes() -> int:
    """The largest PDF a participant's file accepts. Program choice: 5 MB holds a scanned
    certificate or letter of a few pages, and keeps uploads quick on a phone.
    Setting: PORTAL_DOCUMENT_MAX_BYTES."""
    return int(getattr(settings, "PORTAL_DOCUMENT_MAX_BYTES", 5 * 1024 * 1024))


def documents_per_participant() -> int:
    """At most this many documents in one participant's file (certificates, diplomas,
    letters: a person rarely has more; old ones are deleted to make room).
    Setting: PORTAL_DOCUMENTS_PER_PARTICIPANT."""
    return int(getattr(settings, "PORTAL_DOCUMENTS_PER_PARTICIPANT", 20))


def support_approval_threshold() -> Decimal:
    """A direct support of more than this many dollars waits for a program admin's
    approval before it counts as given (DOMAIN_RULES.md, "Direct supports": $200).
    Setting: PORTAL_SUPPORT_APPROVAL_THRESHOLD."""
    return Decimal(str(getattr(settings, "PORTAL_SUPPORT_APPROVAL_THRESHOLD", "200.00")))


def referral_follow_up_days() -> int:
    """Days after a referral (and after each follow-up that leaves it open) when staff
    check with the person and the partner. Program practice: a week, so a referral that
    did not take is caught while the need is still fresh.
    Setting: PORTAL_REFERRAL_FOLLOW_UP_DAYS."""
    return int(getattr(settings, "PORTAL_REFERRAL_FOLLOW_UP_DAYS", 7))


def text_daily_limit() -> int:
    """At most this many texts a day (program time) to one person. Program policy: a
    reminder, a piece of news and a check-in; more reads as spam and gets the number
    blocked by carriers. Setting: PORTAL_SMS_DAILY_LIMIT."""
    return int(getattr(settings, "PORTAL_SMS_DAILY_LIMIT", 3))


def text_max_attempts() -> int:
    """Tries per text when the provider fails (5, 30 and 120 minutes apart), then the text
    is marked failed. Setting: PORTAL_SMS_MAX_ATTEMPTS."""
    return int(getattr(settings, "PORTAL_SMS_MAX_ATTEMPTS", 3))
