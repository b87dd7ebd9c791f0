"""Numbers of program policy for matching, each with its source, read from settings at call
time (`override_settings` works in tests)."""

from datetime import timedelta

from django.conf import settings

from placements.matching.profiles import Limits, Weights
from portal.core.rules import int_setting

# --- Matching ---------------------------------------------------------------------------
# Program policy, not law: the weights of the score and the distances people can manage
# without a car (job club staff's experience: about 1.5 miles on foot, 5 by bike). Read at
# call time so `override_settings` works in tests.


def matching_weights():
    """The score's weights. Settings: PORTAL_MATCHING_WEIGHT_SKILLS, _DISTANCE, _WAGE,
    _SHIFT, _READINESS."""
    return Weights(
        skills=float(getattr(settings, "PORTAL_MATCHING_WEIGHT_SKILLS", 45)),
        distance=float(getattr(settings, "PORTAL_MATCHING_WEIGHT_DISTANCE", 15)),
        wage=float(getattr(settings, "PORTAL_MATCHING_WEIGHT_WAGE", 15)),
        shift=float(getattr(settings, "PORTAL_MATCHING_WEIGHT_SHIFT", 10)),
        readiness=float(getattr(settings, "PORTAL_MATCHING_WEIGHT_READINESS", 15)),
    )


def matching_limits():
    """Distances of the transport rule and the score. Settings:
    PORTAL_MATCHING_WALKING_MILES, _BIKING_MILES, _DISTANCE_ZERO_MILES, _FAR_MILES, and
    the curfew's travel buffer (PORTAL_CURFEW_TRAVEL_BUFFER_MINUTES)."""
    return Limits(
        walking_miles=float(getattr(settings, "PORTAL_MATCHING_WALKING_MILES", 1.5)),
        biking_miles=float(getattr(settings, "PORTAL_MATCHING_BIKING_MILES", 5.0)),
        distance_zero_score_miles=float(
            getattr(settings, "PORTAL_MATCHING_DISTANCE_ZERO_MILES", 30)
        ),
        far_caution_miles=float(getattr(settings, "PORTAL_MATCHING_FAR_MILES", 15)),
        curfew_travel_minutes=curfew_travel_buffer_minutes(),
    )


def curfew_travel_buffer_minutes() -> int:
    """Minutes a shift must end before a curfew starts, so the person can get home in
    time (program policy: a bus ride across the metro area takes about an hour; a shift
    ending at 10 p.m. does not fit a 10 p.m. curfew). Used by the curfew rule and every
    curfew reason or warning. Setting: PORTAL_CURFEW_TRAVEL_BUFFER_MINUTES (default 60)."""
    return max(0, int_setting("PORTAL_CURFEW_TRAVEL_BUFFER_MINUTES", 60))


def matching_results_per_participant() -> int:
    """Matches stored per participant. Setting: PORTAL_MATCHING_RESULTS_PER_PARTICIPANT."""
    return int_setting("PORTAL_MATCHING_RESULTS_PER_PARTICIPANT", 20)


def matching_max_age() -> timedelta:
    """Stored matches older than this are recomputed when the person opens their page.
    Setting: PORTAL_MATCHING_MAX_AGE_HOURS."""
    return timedelta(hours=int_setting("PORTAL_MATCHING_MAX_AGE_HOURS", 24))


def matching_max_live_changes() -> int:
    """Jobs opened or changed since the stored index was built that a page still indexes
    itself (a fraction of a second); past this, pages show the stored matches until the
    background rebuild has run. Setting: PORTAL_MATCHING_MAX_LIVE_CHANGES."""
    return int_setting("PORTAL_MATCHING_MAX_LIVE_CHANGES", 2_000)


def matching_nightly_chunk() -> int:
    """Participants per task of the nightly run (each task worker takes chunks; about
    half a minute each at statewide size). Setting: PORTAL_MATCHING_NIGHTLY_CHUNK."""
    return max(1, int_setting("PORTAL_MATCHING_NIGHTLY_CHUNK", 2_500))
