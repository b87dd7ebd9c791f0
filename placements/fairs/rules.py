"""Numbers of program policy for hiring fairs, each with its source, read from settings at
call time (`override_settings` works in tests)."""

from portal.core.rules import int_setting

# --- Hiring fairs: interview slots ------------------------------------------------------
# Source: program policy (job club staff plan fair interviews of 10 to 60 minutes; video
# interviews from inside a facility are booked by the facility in blocks of at most an
# hour). Not law: a program changes them in settings.


def fair_interview_minimum_minutes() -> int:
    """The shortest interview slot an employer may offer at a fair.
    Setting: PORTAL_FAIR_INTERVIEW_MINIMUM_MINUTES."""
    return int_setting("PORTAL_FAIR_INTERVIEW_MINIMUM_MINUTES", 10)


def fair_interview_maximum_minutes() -> int:
    """The longest interview slot an employer may offer at a fair.
    Setting: PORTAL_FAIR_INTERVIEW_MAXIMUM_MINUTES."""
    return int_setting("PORTAL_FAIR_INTERVIEW_MAXIMUM_MINUTES", 60)
