"""Employer-side numbers, read from settings at call time (one place, one test each)."""

from django.conf import settings


def moderated_first_postings() -> int:
    """How many of an employer's first job postings staff review before they go public.

    Source: program policy (the issue "Employers", first 3). Setting:
    PORTAL_EMPLOYER_MODERATED_POSTINGS.
    """
    return int(getattr(settings, "PORTAL_EMPLOYER_MODERATED_POSTINGS", 3))


def email_verification_max_age_seconds() -> int:
    """How long a sign-up's email-verification link works: 3 days, since many people read
    their email rarely (program policy). Setting: PORTAL_EMPLOYER_VERIFY_MAX_AGE."""
    return int(getattr(settings, "PORTAL_EMPLOYER_VERIFY_MAX_AGE", 3 * 24 * 3600))


def invitation_max_age_seconds() -> int:
    """How long a member invitation works: 14 days (program policy). Setting:
    PORTAL_EMPLOYER_INVITATION_MAX_AGE."""
    return int(getattr(settings, "PORTAL_EMPLOYER_INVITATION_MAX_AGE", 14 * 24 * 3600))


def max_search_radius_miles() -> int:
    """The widest job search radius: 100 miles covers the Kansas City metro and the
    state's other cities (program policy). Setting: PORTAL_JOB_SEARCH_MAX_RADIUS."""
    return int(getattr(settings, "PORTAL_JOB_SEARCH_MAX_RADIUS", 100))


def job_search_exact_count_limit() -> int:
    """Up to how many results the job search counts exactly; past it the count is an
    estimate ("about 10,000 jobs") and only this many results can be paged through (50
    pages of 20): a narrower search finds the rest. Setting:
    PORTAL_JOB_SEARCH_EXACT_COUNT_LIMIT."""
    return int(getattr(settings, "PORTAL_JOB_SEARCH_EXACT_COUNT_LIMIT", 1000))


def job_search_cache_seconds() -> int:
    """How long a search's results are shared between visitors at most (a job change
    drops them at once: employers/search_cache.py); 0 turns the sharing off. Setting:
    PORTAL_JOB_SEARCH_CACHE_SECONDS."""
    return int(getattr(settings, "PORTAL_JOB_SEARCH_CACHE_SECONDS", 300))
