"""Plain profiles for the matching engine's pure core (no database), and a helper that
ranks a handful of jobs for one person."""

import dataclasses
from datetime import date, time
from decimal import Decimal

from placements.matching.engine import JobIndex, rank_jobs
from placements.matching.profiles import JobProfile, ParticipantProfile

TODAY = date(2026, 11, 23)
# Downtown Kansas City, MO (64106) and a few places around it.
DOWNTOWN = (39.1050, -94.5860)
PLACES = {
    "64106": (39.1050, -94.5860, "Jackson County", "MO"),
    "64127": (39.0890, -94.5370, "Jackson County", "MO"),  # about 2.7 miles east
    "64111": (39.0570, -94.5930, "Jackson County", "MO"),  # about 3.3 miles south
    "64050": (39.0990, -94.4240, "Jackson County", "MO"),  # Independence, about 8.7 miles
    "66101": (39.1170, -94.6270, "Wyandotte County", "KS"),  # across the state line
    "64118": (39.2140, -94.5720, "Clay County", "MO"),  # north, another county
    "65101": (38.5770, -92.1730, "Cole County", "MO"),  # Jefferson City, about 130 miles
}
_next_id = iter(range(1, 10**9))


def job(title="Warehouse associate", zip_code="64106", **overrides) -> JobProfile:
    latitude, longitude, county, state = PLACES[zip_code]
    values = {
        "id": next(_next_id),
        "title": title,
        "latitude": latitude,
        "longitude": longitude,
        "county": county,
        "state": state,
        "transit_accessible": True,
        "shift_days": ("mon", "tue", "wed", "thu", "fri"),
        "shift_start": time(7),
        "shift_end": time(15),
        "shift_period": "day",
        "wage_max": Decimal("18.00"),
        "expires_on": date(2027, 3, 1),
    }
    values.update(overrides)
    return JobProfile(**values)


def person(zip_code="64106", **overrides) -> ParticipantProfile:
    values = {"id": next(_next_id), "zip_code": zip_code, "transport": frozenset({"bus"})}
    if zip_code in PLACES:
        latitude, longitude, county, state = PLACES[zip_code]
        values.update(
            latitude=latitude, longitude=longitude, county=county, state=state, zip_known=True
        )
    values.update(overrides)
    return ParticipantProfile(**values)


def ranked(participant, jobs, *, today=TODAY, limit=0, **options):
    """The ranking of `jobs` for `participant` (limit 0: every job that passes)."""
    return rank_jobs(JobIndex(jobs), participant, today=today, limit=limit, **options)


def shown_ids(participant, jobs, **options) -> list[int]:
    return [match.job_id for match in ranked(participant, jobs, **options).matches]


def replace(profile, **changes):
    return dataclasses.replace(profile, **changes)
