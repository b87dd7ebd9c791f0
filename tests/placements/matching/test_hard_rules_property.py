"""Property test: over random profiles, policies and shifts, no job the engine shows
breaks a hard rule, and no job is left out without one. The oracle below is written
apart from the engine, minute by minute over the week and date by date, so a shortcut
in the engine (clock arithmetic, numpy columns) cannot hide a bug."""

import calendar
from datetime import date, datetime, time, timedelta

import numpy as np
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from placements.matching.engine import JobIndex, normalize_term, rank_jobs
from placements.matching.profiles import OFFENSE_CATEGORIES, Conviction, Limits
from portal.core.geo import miles_between
from tests.factories.matching import PLACES, TODAY, job, person

CERTIFICATES = ["Forklift", "ServSafe", "OSHA 10", "Welding", "Flagger", "CPR"]
WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LIMITS = Limits()

# The hours shifts and curfews usually start and end at, often (so that a shift ending
# exactly when a curfew starts comes up), any minute of the day sometimes.
times = st.builds(
    time,
    st.one_of(st.sampled_from([0, 6, 7, 14, 15, 21, 22, 23]), st.integers(0, 23)),
    st.one_of(st.sampled_from([0, 30]), st.integers(0, 59)),
)
zips = st.sampled_from(sorted(PLACES))
lookbacks = st.dictionaries(
    st.sampled_from(OFFENSE_CATEGORIES), st.one_of(st.none(), st.integers(1, 10)), max_size=3
)


@st.composite
def jobs(draw):
    start = draw(times)
    end = draw(times.filter(lambda value: value != start))
    return job(
        title=draw(st.sampled_from(["Stocker", "Cook", "Welder helper", "Janitor"])),
        zip_code=draw(zips),
        transit_accessible=draw(st.booleans()),
        remote=draw(st.integers(0, 9)) == 0,
        shift_days=tuple(draw(st.lists(st.sampled_from(WEEK), unique=True, max_size=7))),
        # One job in ten has no shift times.
        shift_start=start if draw(st.integers(0, 9)) else None,
        shift_end=end,
        requires_drivers_license=draw(st.booleans()),
        certifications_required=tuple(
            draw(st.lists(st.sampled_from(CERTIFICATES), unique=True, max_size=2))
        ),
        lookback_years=draw(lookbacks),
        accepts_parole=draw(st.booleans()),
        accepts_probation=draw(st.booleans()),
        hires_at_facility_fairs=draw(st.booleans()),
        expires_on=TODAY + timedelta(days=draw(st.integers(-5, 200))),
    )


@st.composite
def people(draw):
    curfew = draw(st.booleans())
    convictions = draw(
        st.lists(
            st.builds(
                lambda category, convicted, released: Conviction(
                    category,
                    TODAY - timedelta(days=convicted),
                    None if released is None else TODAY - timedelta(days=min(released, convicted)),
                ),
                st.sampled_from(OFFENSE_CATEGORIES),
                st.integers(0, 5000),
                st.one_of(st.none(), st.integers(0, 5000)),
            ),
            max_size=3,
        )
    )
    return person(
        zip_code=draw(zips),
        terms=tuple(
            ("certification", name)
            for name in draw(st.lists(st.sampled_from(CERTIFICATES), unique=True, max_size=3))
        ),
        convictions=tuple(convictions),
        supervision_type=draw(st.sampled_from(["none", "parole", "probation"])),
        curfew_start=draw(times) if curfew else None,
        curfew_end=draw(times) if curfew else None,
        travel_limit=draw(st.sampled_from(["none", "county", "state"])),
        transport=frozenset(
            draw(st.lists(st.sampled_from(["car", "bus", "bike", "rides"]), unique=True))
        ),
        has_drivers_license=draw(st.booleans()),
        release_date=draw(
            st.one_of(
                st.none(), st.builds(lambda d: TODAY + timedelta(days=d), st.integers(-900, 400))
            )
        ),
    )


def _add_years(day: date, years: int) -> date:
    if day.month == 2 and day.day == 29 and not calendar.isleap(day.year + years):
        return date(day.year + years, 2, 28)
    return date(day.year + years, day.month, day.day)


def _week_minutes(days, start: time, end: time) -> np.ndarray:
    taken = np.zeros(7 * 1440, dtype=bool)
    begin = start.hour * 60 + start.minute
    length = (end.hour * 60 + end.minute - begin) % 1440 or 1440
    for day in days:
        first = day * 1440 + begin
        taken[np.arange(first, first + length) % (7 * 1440)] = True
    return taken


def broken_rules(posting, someone) -> set[str]:
    """Every hard rule the pair breaks, checked the slow and obvious way."""
    broken = set()
    for conviction in someone.convictions:
        years = posting.lookback_years.get(conviction.category, 0)
        counted = max(conviction.convicted_on, conviction.released_on or conviction.convicted_on)
        if years is None or (years and _add_years(counted, years) > TODAY):
            broken.add("policy")
    if (someone.supervision_type == "parole" and not posting.accepts_parole) or (
        someone.supervision_type == "probation" and not posting.accepts_probation
    ):
        broken.add("supervision")
    if someone.has_curfew and not posting.remote:
        if someone.curfew_start == someone.curfew_end:
            broken.add("curfew")
        elif posting.has_shift_times:
            days = [WEEK.index(day) for day in posting.shift_days] or range(7)
            shift = _week_minutes(days, posting.shift_start, posting.shift_end)
            curfew = _week_minutes(range(7), someone.curfew_start, someone.curfew_end)
            # The travel time before the curfew: the shift must end before it starts.
            on_the_way = datetime.combine(TODAY, someone.curfew_start) - timedelta(
                minutes=LIMITS.curfew_travel_minutes
            )
            curfew |= _week_minutes(range(7), on_the_way.time(), someone.curfew_start)
            if (shift & curfew).any():
                broken.add("curfew")
    outside_county = (posting.state, posting.county) != (someone.state, someone.county)
    if not posting.remote and someone.travel_limit == "county" and outside_county:
        broken.add("travel")
    if not posting.remote and someone.travel_limit == "state" and posting.state != someone.state:
        broken.add("travel")
    # The same certificate however it is written ("Forklift certificate" holds
    # "Forklift certification").
    held = {normalize_term(name) for kind, name in someone.terms if kind == "certification"}
    if (posting.requires_drivers_license and not someone.has_drivers_license) or any(
        normalize_term(name) not in held for name in posting.certifications_required
    ):
        broken.add("requirements")
    if "car" not in someone.transport and not posting.remote and not posting.transit_accessible:
        reach = LIMITS.biking_miles if "bike" in someone.transport else LIMITS.walking_miles
        miles = miles_between(
            someone.latitude, someone.longitude, posting.latitude, posting.longitude
        )
        if miles > reach:
            broken.add("transport")
    inside = someone.release_date is not None and someone.release_date > TODAY
    if inside and not posting.hires_at_facility_fairs and posting.expires_on < someone.release_date:
        broken.add("pre_release")
    return broken


# Edges that random draws reach only rarely: a shift that ends exactly when the curfew
# starts, one that ends exactly the travel time before it, one that ends a minute inside
# the travel time, one that starts exactly when it ends, and one crossing midnight into it.
EDGE_CURFEW = person(curfew_start=time(22), curfew_end=time(6))
EDGE_SHIFTS = [
    job(shift_start=time(14), shift_end=time(22)),
    job(shift_start=time(13), shift_end=time(21)),
    job(shift_start=time(13), shift_end=time(21, 1)),
    job(shift_start=time(6), shift_end=time(14)),
    job(shift_start=time(23, 59), shift_end=time(0, 1), shift_days=("sun",)),
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(someone=people(), postings=st.lists(jobs(), min_size=1, max_size=12))
@example(someone=EDGE_CURFEW, postings=EDGE_SHIFTS)
def test_no_shown_job_breaks_a_hard_rule(someone, postings):
    result = rank_jobs(JobIndex(postings), someone, today=TODAY, limit=0, limits=LIMITS)
    shown = {match.job_id for match in result.matches}
    for posting in postings:
        broken = broken_rules(posting, someone)
        if posting.id in shown:
            assert not broken, (posting, someone, broken)
        else:
            # Nothing is left out without a rule that says so.
            assert broken, (posting, someone)
    for rule, count in result.excluded.items():
        assert count == sum(rule in broken_rules(p, someone) for p in postings), rule
