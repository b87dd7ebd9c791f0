"""The matching engine: every open job as numpy columns (`JobIndex`, built once per run),
and `rank_jobs`, one participant against all of them (`rank_jobs_batch`: the same for
many people at once, sharing what they have in common; the nightly run uses it).

Order of work for one participant (DESIGN.md, flow 5): hard rules first, each a column
comparison, then the 0-100 score of the jobs left, then reasons and cautions for the
few jobs kept. Nothing here touches the database. Distances use the one great-circle
formula of `portal.core.geo`.

Kept as one module over 500 lines on purpose (issue 12 allows it): `JobIndex` lays out
the columns by position (vocabulary slots with the ZERO and FULL slots after them, the
(title, skills) combos, the wage x shift keys) and the hard rules, the score and the
reasons read exactly that layout. Split into modules, each would import the others'
private layout to work, and the one pass a reader follows (index, rules, score,
reasons) would be spread over files. Speed would not change either way. Wording of
reasons lives apart, in `reasons.py`; `check_pair` (one pair through the same hard rules,
for the job page's "does not fit" warning) is the first thing to move out if it grows.
"""

import calendar
import pickle
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from portal.core.geo import great_circle_miles, sphere_points

from .profiles import (
    OFFENSE_CATEGORIES,
    RULE_CURFEW,
    RULE_POLICY,
    RULE_PRE_RELEASE,
    RULE_REQUIREMENTS,
    RULE_SUPERVISION,
    RULE_TRANSPORT,
    RULE_TRAVEL,
    RULES,
    TERM_CERTIFICATION,
    TERM_SKILL,
    JobProfile,
    Limits,
    ParticipantProfile,
    Weights,
)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
# Similarity rows kept per index (each the size of the vocabulary, a few hundred floats).
TERM_ROWS_KEPT = 50_000
# Distance rows kept per index (one per distinct home place, 20,000 floats each).
HOMES_KEPT = 2_000
SHIFT_KEYS = 8  # (none, day, evening, night) x (weekend or not)
PERIODS = ("", "day", "evening", "night")
# Words that say nothing about what the work is; dropped so that "Forklift
# certificate" and "Forklift operation" compare as "forklift".
FILLER_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "for",
        "in",
        "with",
        "to",
        "certificate",
        "certification",
        "certified",
        "card",
        "license",
        "licence",
        "operation",
        "operator",
        "skills",
        "skill",
        "experience",
        "worker",
        "work",
        "helper",
        "associate",
        "general",
        "entry",
        "level",
    ]
)
_NON_WORD = re.compile(r"[^\w\s]+")


@lru_cache(maxsize=100_000)
def normalize_term(text: str) -> str:
    """Lower case, no accents or punctuation, filler words dropped (unless nothing else
    is left)."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    words = _NON_WORD.sub(" ", text).split()
    kept = [word for word in words if word not in FILLER_WORDS]
    return " ".join(kept or words)


def full_years_between(earlier: date, later: date) -> int:
    """Whole years from `earlier` to `later` (29 February counts as 28 February)."""
    years = later.year - earlier.year
    month, day = earlier.month, earlier.day
    if month == 2 and day == 29 and not calendar.isleap(later.year):
        day = 28
    if (later.month, later.day) < (month, day):
        years -= 1
    return years


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _day_length(start: time, end: time) -> int:
    """Minutes from `start` to `end`; an end at or before the start crosses midnight
    (start == end: the whole day)."""
    return (_minutes(end) - _minutes(start)) % MINUTES_PER_DAY or MINUTES_PER_DAY


def _week_intervals(days: Sequence[int], start: time, end: time) -> list[tuple[int, int]]:
    """[start, end) minute intervals of the week (0 = Monday 00:00)."""
    begin, length = _minutes(start), _day_length(start, end)
    return [(day * MINUTES_PER_DAY + begin, day * MINUTES_PER_DAY + begin + length) for day in days]


def job_day_indexes(shift_days: Sequence[str]) -> list[int]:
    """Weekday numbers of a shift; no days listed means it may be any day."""
    days = [WEEKDAYS.index(day) for day in shift_days if day in WEEKDAYS]
    return days or list(range(7))


def curfew_window(participant: ParticipantProfile, travel_minutes: int) -> tuple[int, int]:
    """The part of the day a shift may not touch, as (start minute, length): the curfew
    itself and, before it, the travel buffer to get home (DOMAIN_RULES.md: a shift ending
    at 10 p.m. does not fit a 10 p.m. curfew). Never longer than a day."""
    start = (_minutes(participant.curfew_start) - travel_minutes) % MINUTES_PER_DAY
    length = _day_length(participant.curfew_start, participant.curfew_end) + travel_minutes
    return start, min(length, MINUTES_PER_DAY)


def curfew_conflict_exact(
    job: JobProfile,
    participant: ParticipantProfile,
    travel_minutes: int = Limits.curfew_travel_minutes,
) -> bool:
    """Whether any minute of any shift day falls inside the curfew or the travel time
    before it, on the week's calendar (a readable reference for the engine's clock
    arithmetic)."""
    if not (participant.has_curfew and job.has_shift_times) or job.remote:
        return participant.curfew_all_day and not job.remote
    begin, length = curfew_window(participant, travel_minutes)
    curfew = [
        (day * MINUTES_PER_DAY + begin, day * MINUTES_PER_DAY + begin + length) for day in range(7)
    ]
    shifts = _week_intervals(job_day_indexes(job.shift_days), job.shift_start, job.shift_end)
    for shift_start, shift_end in shifts:
        for curfew_start, curfew_end in curfew:
            # Compare on the circle of the week: shift the curfew by -1, 0, +1 weeks.
            for offset in (-MINUTES_PER_WEEK, 0, MINUTES_PER_WEEK):
                if shift_start < curfew_end + offset and curfew_start + offset < shift_end:
                    return True
    return False


def minutes_before_curfew(shift_end: time, curfew_start: time) -> int:
    """Minutes from a shift's end to the curfew's start, going forward on the clock (a
    shift ending at 9 p.m. and a 10 p.m. curfew: 60; ending exactly at it: 0)."""
    return (_minutes(curfew_start) - _minutes(shift_end)) % MINUTES_PER_DAY


def curfew_note(
    job: JobProfile, participant: ParticipantProfile, travel_minutes: int
) -> dict | None:
    """What to tell a person with a curfew about a job's hours, as a stored-reason dict:

    - `shift_fits_curfew`: the shift ends at least `travel_minutes` before the curfew;
    - `shift_near_curfew`: it ends outside the curfew but leaves less time to get home
      (a warning: the matching rule leaves such jobs out);
    - `shift_in_curfew`: some of its hours fall inside the curfew (a warning);
    - None: no curfew, a curfew all day (a notice says so), no hours, or remote work."""
    if not participant.has_curfew or participant.curfew_all_day:
        return None
    if job.remote or not job.has_shift_times:
        return None
    note = _curfew_note_of_times(
        tuple(job.shift_days),
        job.shift_start,
        job.shift_end,
        job.shift_period,
        participant.curfew_start,
        participant.curfew_end,
        travel_minutes,
    )
    return dict(note)


@lru_cache(maxsize=50_000)
def _curfew_note_of_times(
    shift_days, shift_start, shift_end, shift_period, curfew_start, curfew_end, travel_minutes
) -> tuple:
    """`curfew_note` for the times alone (the nightly run asks for the same few shift
    and curfew times a million times): the note's items, to copy into a new dict."""
    job = JobProfile(
        id=0,
        title="",
        shift_days=shift_days,
        shift_start=shift_start,
        shift_end=shift_end,
        shift_period=shift_period,
    )
    participant = ParticipantProfile(id=0, curfew_start=curfew_start, curfew_end=curfew_end)
    params = {
        "period": job.shift_period,
        "end": _clock(job.shift_end),
        "curfew": _clock(participant.curfew_start),
    }
    if curfew_conflict_exact(job, participant, 0):
        return tuple({"code": "shift_in_curfew", **params}.items())
    if curfew_conflict_exact(job, participant, travel_minutes):
        return tuple({"code": "shift_near_curfew", **params}.items())
    return tuple({"code": "shift_fits_curfew", **params}.items())


class _Vocabulary:
    """Distinct normalized strings, each with a number."""

    def __init__(self):
        self.index: dict[str, int] = {}
        self.originals: list[str] = []

    def add(self, text: str) -> int | None:
        normalized = normalize_term(text)
        if not normalized:
            return None
        if normalized not in self.index:
            self.index[normalized] = len(self.index)
            self.originals.append(text)
        return self.index[normalized]


def _padded(rows: list[list[int]], pad: int) -> np.ndarray:
    width = max((len(row) for row in rows), default=0) or 1
    matrix = np.full((len(rows), width), pad, dtype=np.int32)
    for number, row in enumerate(rows):
        matrix[number, : len(row)] = row
    return matrix


class JobIndex:
    """Every open job as columns. Build it once per run (the nightly batch builds it
    once for all participants); `rank_jobs` only reads it."""

    def __init__(self, jobs: Sequence[JobProfile]):
        self.jobs = list(jobs)
        count = len(self.jobs)
        self.ids = np.array([job.id for job in self.jobs], dtype=np.int64)
        self.position = {job.id: number for number, job in enumerate(self.jobs)}
        self.has_location = np.array(
            [job.latitude is not None and job.longitude is not None for job in self.jobs],
            dtype=bool,
        )
        self.points = sphere_points(
            np.array([job.latitude or 0.0 for job in self.jobs], dtype=np.float64),
            np.array([job.longitude or 0.0 for job in self.jobs], dtype=np.float64),
        )

        def column(getter, dtype=bool):
            return np.array([getter(job) for job in self.jobs], dtype=dtype)

        self.transit = column(lambda job: job.transit_accessible)
        self.remote = column(lambda job: job.remote)
        self.requires_license = column(lambda job: job.requires_drivers_license)
        self.accepts_parole = column(lambda job: job.accepts_parole)
        self.accepts_probation = column(lambda job: job.accepts_probation)
        self.facility_fairs = column(lambda job: job.hires_at_facility_fairs)
        self.wage = column(lambda job: float(job.wage_max), np.float64)
        self.weekend = column(lambda job: job.works_weekends)
        self.period = np.array([job.shift_period or "" for job in self.jobs], dtype=object)
        # Wage and shift take few distinct values: their parts of the score are computed
        # per (wage, shift kind) and gathered per job in one step.
        self.wage_values, wage_code = np.unique(self.wage, return_inverse=True)
        period_number = np.select(
            [self.period == "day", self.period == "evening", self.period == "night"], [1, 2, 3], 0
        )
        self.wage_code = wage_code.astype(np.int32)
        self.shift_key = (period_number * 2 + self.weekend).astype(np.int32)
        self.wage_shift_key = self.wage_code * SHIFT_KEYS + self.shift_key
        self.expires = column(
            lambda job: job.expires_on.toordinal() if job.expires_on else 10**7, np.int64
        )
        areas: dict[tuple[str, str], int] = {}
        states: dict[str, int] = {}
        self.county_code = column(
            lambda job: areas.setdefault((job.state, job.county), len(areas)) if job.county else -1,
            np.int64,
        )
        self.state_code = column(
            lambda job: states.setdefault(job.state, len(states)) if job.state else -1, np.int64
        )
        self.areas, self.states = areas, states
        self.lookback = np.zeros((count, len(OFFENSE_CATEGORIES)), dtype=np.float64)
        for number, job in enumerate(self.jobs):
            for column_number, category in enumerate(OFFENSE_CATEGORIES):
                if category in job.lookback_years:
                    years = job.lookback_years[category]
                    self.lookback[number, column_number] = np.inf if years is None else years
        # Column by column in memory: a person's record reads one category's column.
        self.lookback = np.asfortranarray(self.lookback)
        self.has_times = column(lambda job: job.has_shift_times)
        # Shift start and length in minutes of the day: the curfew is the same window
        # every day, so a shift (crossing midnight or not) meets it on some shift day
        # exactly when the two overlap on the 24-hour clock.
        self.shift_start_minute = column(
            lambda job: _minutes(job.shift_start) if job.has_shift_times else 0, np.int32
        )
        self.shift_length = column(
            lambda job: _day_length(job.shift_start, job.shift_end) if job.has_shift_times else 0,
            np.int32,
        )

        vocabulary = _Vocabulary()
        titles, skills, required = [], [], []
        for job in self.jobs:
            titles.append(vocabulary.add(job.title))
            terms = [*job.skills, *job.certifications_required, *job.certifications_preferred]
            skills.append(sorted({i for i in (vocabulary.add(t) for t in terms) if i is not None}))
            required.append(
                [
                    i
                    for i in (vocabulary.add(t) for t in job.certifications_required)
                    if i is not None
                ]
            )
        self.vocabulary = vocabulary
        size = len(vocabulary.index)
        # Two extra slots after the vocabulary: ZERO (no term) and FULL (nothing needed).
        self.zero_slot, self.full_slot = size, size + 1
        self.vocabulary_normalized = list(vocabulary.index)
        # Jobs share titles and skill lists (every "Line cook" of a chain): the skill part
        # is computed once per distinct (title, skills) and gathered per job, and the
        # certificate check once per distinct list of required certificates.
        combos: dict[tuple, int] = {}
        self.combo_of_job = np.array(
            [
                combos.setdefault(
                    (self.zero_slot if title is None else title, tuple(row)), len(combos)
                )
                for title, row in zip(titles, skills, strict=True)
            ],
            dtype=np.int32,
        )
        self.combo_title = np.array([title for title, _row in combos], dtype=np.int32)
        self.combo_skill_ids = _padded([list(row) for _title, row in combos], self.zero_slot)
        self.combo_has_skills = np.array([bool(row) for _title, row in combos], dtype=bool)
        required_sets: dict[tuple, int] = {}
        self.required_of_job = np.array(
            [required_sets.setdefault(tuple(row), len(required_sets)) for row in required],
            dtype=np.int32,
        )
        self.required_sets = _padded([list(row) for row in required_sets], self.full_slot)
        self._rows: dict[str, np.ndarray] = {}
        self._miles: dict[tuple, np.ndarray] = {}
        self._empty_row = np.zeros(size, dtype=np.float32)
        # Jobs of this index that closed or changed since it was built (see
        # `LiveJobIndex`): left out silently, counted nowhere.
        self.withdrawn: np.ndarray | None = None

    def __getstate__(self):
        # Stored in the cache between processes (`placements.matching.job_index`): the
        # similarity and distance rows are a per-process speed-up, made again on
        # demand; the profiles stay pickled one by one until read (`_StoredJobs`).
        state = self.__dict__.copy()
        state["_rows"], state["_miles"] = {}, {}
        state["withdrawn"] = None
        state.pop("_shared", None)
        if not isinstance(self.jobs, _StoredJobs):
            state["jobs"] = _StoredJobs(self.jobs)
        return state

    def without(self, job_ids) -> "JobIndex":
        """A view of this index (sharing its columns and similarity rows) in which the
        jobs `job_ids` no longer count: closed, or changed and indexed again elsewhere."""
        view = object.__new__(JobIndex)
        view.__dict__.update(self.__dict__)
        view.withdrawn = np.isin(self.ids, np.fromiter(job_ids, dtype=np.int64))
        return view

    @property
    def considered(self) -> int:
        """How many jobs count (all of them, less the withdrawn ones)."""
        if self.withdrawn is None:
            return len(self.jobs)
        return len(self.jobs) - int(np.count_nonzero(self.withdrawn))

    def similarity_rows(self, terms: list[str]) -> np.ndarray:
        """rapidfuzz similarity (0-100) of each normalized term to every vocabulary
        string, one row per term. People share most terms (the taxonomy's skills and
        synonyms, common job titles), so rows are kept on the index for its lifetime
        (one run): a term is compared with the vocabulary once per run."""
        missing = [term for term in dict.fromkeys(terms) if term and term not in self._rows]
        if missing:
            computed = process.cdist(
                missing, self.vocabulary_normalized, scorer=fuzz.token_set_ratio, dtype=np.float32
            )
            if len(self._rows) + len(missing) > TERM_ROWS_KEPT:
                self._rows.clear()
            self._rows.update(zip(missing, computed, strict=True))
        empty = self._empty_row
        return np.stack([self._rows.get(term, empty) if term else empty for term in terms])

    def miles_from(self, latitude: float, longitude: float) -> np.ndarray:
        """Miles from a home to every job (infinite for jobs with no location). People
        share ZIP codes, so the rows are kept per home for the index's lifetime, like
        the similarity rows (read only: callers never write into them)."""
        key = (latitude, longitude)
        miles = self._miles.get(key)
        if miles is None:
            miles = great_circle_miles(sphere_points(latitude, longitude), self.points)
            miles = np.where(self.has_location, miles, np.inf)
            miles.flags.writeable = False
            if len(self._miles) >= HOMES_KEPT:
                self._miles.clear()
            self._miles[key] = miles
        return miles

    def __len__(self) -> int:
        return len(self.jobs)


class _StoredJobs(Sequence):
    """The job profiles of a stored index, each kept pickled until it is read: a cold
    process loads the index without making 20,000 objects, and ranking reads only the
    few jobs it explains."""

    def __init__(self, jobs: Sequence[JobProfile]):
        self._blobs = [pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL) for job in jobs]
        self._loaded: dict[int, JobProfile] = {}

    def __len__(self) -> int:
        return len(self._blobs)

    def __getitem__(self, number):
        if isinstance(number, slice):
            return [self[item] for item in range(*number.indices(len(self)))]
        job = self._loaded.get(number)
        if job is None:
            job = self._loaded[number] = pickle.loads(self._blobs[number])  # noqa: S301
        return job

    def __getstate__(self):
        return {"_blobs": self._blobs, "_loaded": {}}


@dataclass
class Match:
    """One job kept for a participant: score 0-100, reasons and cautions as
    (code, params) dicts (translated when shown, see `reasons.py`)."""

    job_id: int
    score: int
    reasons: list[dict] = field(default_factory=list)
    cautions: list[dict] = field(default_factory=list)
    available_from: date | None = None
    # The unrounded score, to merge rankings in the engine's exact order.
    rank_total: float = field(default=0.0, repr=False, compare=False)


@dataclass
class Ranking:
    participant_id: int
    matches: list[Match]
    excluded: dict[str, int]
    considered: int
    notices: list[dict]
    readiness: float | None = None
    eligible: int = 0


@dataclass
class _Similarity:
    best: np.ndarray  # per vocabulary slot, 0-1 after the floor
    best_term: np.ndarray  # which participant term gave it
    certified: np.ndarray  # per slot, best raw similarity of a certification or skill


def _similarity(index: JobIndex, participant: ParticipantProfile, limits: Limits) -> _Similarity:
    size = len(index.vocabulary_normalized)
    best = np.zeros(size + 2, dtype=np.float64)
    best_term = np.full(size + 2, -1, dtype=np.int64)
    certified = np.zeros(size + 2, dtype=np.float64)
    certified[index.full_slot] = 100.0
    terms = [normalize_term(text) for _kind, text in participant.terms]
    if size and any(terms):
        scores = index.similarity_rows(terms)
        best_term[:size] = scores.argmax(axis=0)
        raw = scores.max(axis=0)
        floor = limits.skill_similarity_floor
        best[:size] = np.clip((raw - floor) / (100.0 - floor), 0.0, 1.0)
        cert_rows = [
            number
            for number, (kind, _text) in enumerate(participant.terms)
            if kind in (TERM_CERTIFICATION, TERM_SKILL)
        ]
        if cert_rows:
            certified[:size] = scores[cert_rows].max(axis=0)
    return _Similarity(best=best, best_term=best_term, certified=certified)


def _excluded_by_rule(
    index: JobIndex,
    participant: ParticipantProfile,
    similarity: _Similarity,
    distance: np.ndarray | None,
    limits: Limits,
    today: date,
) -> dict[str, np.ndarray]:
    count = len(index)
    nothing = np.zeros(count, dtype=bool)
    on_site = ~index.remote
    rules: dict[str, np.ndarray] = {}

    # 1. The policy against the record, per offense category of the person's record.
    policy = nothing.copy()
    latest: dict[str, date] = {}
    for conviction in participant.convictions:
        if conviction.category in OFFENSE_CATEGORIES:
            previous = latest.get(conviction.category)
            if previous is None or conviction.counted_from > previous:
                latest[conviction.category] = conviction.counted_from
    for category, counted_from in latest.items():
        years_clear = full_years_between(counted_from, today)
        policy |= years_clear < index.lookback[:, OFFENSE_CATEGORIES.index(category)]
    rules[RULE_POLICY] = policy

    # 2. Supervision the employer does not accept.
    if participant.supervision_type == "parole":
        rules[RULE_SUPERVISION] = ~index.accepts_parole
    elif participant.supervision_type == "probation":
        rules[RULE_SUPERVISION] = ~index.accepts_probation
    else:
        rules[RULE_SUPERVISION] = nothing

    # 3. Curfew (with the travel time before it) against every shift day (both may
    #    cross midnight).
    if participant.curfew_all_day:
        rules[RULE_CURFEW] = on_site.copy()
    elif participant.has_curfew:
        # The curfew widened by the travel time before it: the shift must end early
        # enough to get home.
        curfew_start, curfew_length = curfew_window(participant, limits.curfew_travel_minutes)
        starts, lengths = index.shift_start_minute, index.shift_length
        # Two arcs of the 24-hour clock overlap when either starts inside the other.
        overlaps = ((curfew_start - starts) % MINUTES_PER_DAY < lengths) | (
            (starts - curfew_start) % MINUTES_PER_DAY < curfew_length
        )
        rules[RULE_CURFEW] = overlaps & index.has_times & on_site
    else:
        rules[RULE_CURFEW] = nothing

    # 4. Travel limits (checked only when the home ZIP is known; otherwise a caution).
    travel = nothing
    if participant.zip_known and participant.travel_limit == "county":
        code = index.areas.get((participant.state, participant.county), -2)
        travel = on_site & (index.county_code != code)
    elif participant.zip_known and participant.travel_limit == "state":
        code = index.states.get(participant.state, -2)
        travel = on_site & (index.state_code != code)
    rules[RULE_TRAVEL] = travel

    # 5. Requirements: a driver's licence, every required certification.
    requirements = index.requires_license & (not participant.has_drivers_license)
    missing_per_set = (
        similarity.certified[index.required_sets].min(axis=1) < limits.certification_similarity
    )
    missing_certificate = missing_per_set[index.required_of_job]
    rules[RULE_REQUIREMENTS] = requirements | missing_certificate

    # 6. Transport: no car, not on a bus line and farther than walking or biking.
    if "car" in participant.transport or distance is None:
        rules[RULE_TRANSPORT] = nothing
    else:
        reach = limits.biking_miles if "bike" in participant.transport else limits.walking_miles
        rules[RULE_TRANSPORT] = on_site & ~index.transit & (distance > reach)

    # 7. Pre-release: only employers hiring at facility fairs, or jobs still open once out.
    if participant.release_date is not None and participant.release_date > today:
        rules[RULE_PRE_RELEASE] = ~index.facility_fairs & (
            index.expires < participant.release_date.toordinal()
        )
    else:
        rules[RULE_PRE_RELEASE] = nothing
    return rules


@dataclass
class _Parts:
    skills: np.ndarray  # per job
    distance_score: np.ndarray  # per job
    wage_table: np.ndarray  # per distinct wage (index.wage_values)
    shift_table: np.ndarray  # per shift key
    readiness: float | None


def _score_parts(
    index: JobIndex,
    participant: ParticipantProfile,
    similarity: _Similarity,
    distance: np.ndarray | None,
    limits: Limits,
) -> _Parts:
    skills = _skills_per_combo(index, similarity)[index.combo_of_job]
    distance_score = _distance_score(index, distance, limits)
    wage_table, shift_table = _wage_and_shift_tables(index, participant)
    return _Parts(skills, distance_score, wage_table, shift_table, _readiness(participant))


def _skills_per_combo(index: JobIndex, similarity: _Similarity) -> np.ndarray:
    """The skills part (0-1) of each distinct (title, skills) combo of the index."""
    best = similarity.best
    title = best[index.combo_title]
    skill = best[index.combo_skill_ids].max(axis=1)
    return np.where(index.combo_has_skills, np.maximum(title, 0.4 * title + 0.6 * skill), title)


def _distance_score(index: JobIndex, distance: np.ndarray | None, limits: Limits) -> np.ndarray:
    if distance is None:
        distance_score = np.full(len(index), 0.5)
    else:
        distance_score = np.clip(1.0 - distance / limits.distance_zero_score_miles, 0.0, 1.0)
    return np.where(index.remote, 1.0, distance_score)


def _wage_and_shift_tables(
    index: JobIndex, participant: ParticipantProfile
) -> tuple[np.ndarray, np.ndarray]:
    """The wage part per distinct wage (`index.wage_values`) and the shift part per
    shift key."""
    wage = index.wage_values
    if participant.wage_floor:
        floor = float(participant.wage_floor)
        wage_table = np.where(
            wage >= floor,
            0.7 + 0.3 * np.clip((wage - floor) / 3.0, 0.0, 1.0),
            np.clip(0.5 - 2.5 * (floor - wage) / floor, 0.0, 0.5),
        )
    else:
        wage_table = 0.2 + 0.6 * np.clip((wage - 12.0) / 13.0, 0.0, 1.0)

    preferred = participant.preferred_shifts
    shift_table = np.full(SHIFT_KEYS, 0.5)
    if preferred:
        for key in range(SHIFT_KEYS):
            period, weekend = PERIODS[key // 2], bool(key % 2)
            if period or weekend:
                fits = period in preferred or (weekend and "weekend" in preferred)
                shift_table[key] = 1.0 if fits else 0.0
    return wage_table, shift_table


def _readiness(participant: ParticipantProfile) -> float | None:
    if participant.readiness is None:
        return None
    return min(max((float(participant.readiness) - 1.0) / 4.0, 0.0), 1.0)


def _total(index: JobIndex, parts: _Parts, weights: Weights) -> np.ndarray:
    wage_and_shift = (
        weights.wage * parts.wage_table[:, None] + weights.shift * parts.shift_table[None, :]
    ).ravel()
    total = (
        weights.skills * parts.skills
        + weights.distance * parts.distance_score
        + wage_and_shift[index.wage_shift_key]
    )
    weight_sum = weights.skills + weights.distance + weights.wage + weights.shift
    if parts.readiness is not None:
        total += weights.readiness * parts.readiness
        weight_sum += weights.readiness
    return total * (100.0 / weight_sum) if weight_sum else total * 0


def _clock(moment: time) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


@dataclass(frozen=True)
class _Row:
    """One kept job's parts as plain Python numbers (reasons are written for a few jobs,
    so they need no numpy)."""

    skills: float
    distance_score: float
    wage: float
    shift: float
    miles: float | None
    term: int  # the participant's term that matched best, -1 for none


def _best(
    eligible: np.ndarray, total: np.ndarray, ids: np.ndarray, limit: int | None
) -> np.ndarray:
    """The eligible jobs' positions, best score first and ties by job id; only the best
    `limit` of them, picked without sorting everything (one pick for `rank_jobs` and
    `rank_jobs_batch`, so both keep the same jobs at the limit)."""
    if limit and len(eligible) > limit:
        keep = np.argpartition(-total[eligible], limit - 1)[:limit]
        eligible = eligible[keep]
    return eligible[np.lexsort((ids[eligible], -np.round(total[eligible], 6)))]


def _rows(
    order,
    index: JobIndex,
    similarity: _Similarity,
    skills: np.ndarray,
    distance_score: np.ndarray,
    wage_table: np.ndarray,
    shift_table: np.ndarray,
    distance,
) -> list:
    """The parts of the kept jobs `order`; `skills` and `distance_score` are already
    those of `order` (the nightly run computes them for the kept jobs only)."""
    if not len(order):
        return []
    combos = index.combo_of_job[order]
    slots = np.concatenate(
        (index.combo_title[combos][:, None], index.combo_skill_ids[combos]), axis=1
    )
    best_slot = slots[np.arange(len(order)), np.argmax(similarity.best[slots], axis=1)]
    terms = similarity.best_term[best_slot].tolist()
    miles = [None] * len(order) if distance is None else np.round(distance[order], 1).tolist()
    return [
        _Row(*values)
        for values in zip(
            skills.tolist(),
            distance_score.tolist(),
            wage_table[index.wage_code[order]].tolist(),
            shift_table[index.shift_key[order]].tolist(),
            miles,
            terms,
            strict=True,
        )
    ]


def _explain(
    job: JobProfile,
    row: _Row,
    participant: ParticipantProfile,
    readiness: float | None,
    weights: Weights,
    limits: Limits,
) -> tuple[list[dict], list[dict]]:
    """Reasons (the top three parts that count, in plain words) and cautions."""
    candidates: list[tuple[float, dict]] = []
    if row.skills >= limits.reason_minimum and row.term >= 0:
        kind, text = participant.terms[row.term]
        reason = {"code": f"{kind}_matches", "name": text}
        names_es = participant.term_names_es
        if row.term < len(names_es) and names_es[row.term]:
            reason["name_es"] = names_es[row.term]
        candidates.append((weights.skills * row.skills, reason))
    miles = row.miles
    if job.remote:
        candidates.append((weights.distance, {"code": "remote"}))
    elif miles is not None and row.distance_score >= limits.reason_minimum:
        code = "bus_line_miles" if job.transit_accessible else "miles_from_home"
        candidates.append((weights.distance * row.distance_score, {"code": code, "miles": miles}))
    wage = f"{float(job.wage_max):.2f}"
    if participant.wage_floor and float(job.wage_max) >= float(participant.wage_floor):
        candidates.append(
            (
                weights.wage * row.wage,
                {"code": "wage_above_goal", "wage": wage, "floor": f"{participant.wage_floor:.2f}"},
            )
        )
    elif not participant.wage_floor and row.wage >= limits.reason_minimum:
        candidates.append((weights.wage * row.wage, {"code": "wage", "wage": wage}))
    curfew_fit = curfew_note(job, participant, limits.curfew_travel_minutes)
    if curfew_fit is not None and curfew_fit["code"] == "shift_fits_curfew":
        candidates.append((weights.shift * max(row.shift, 0.6), curfew_fit))
    elif row.shift >= 1.0 and participant.preferred_shifts:
        candidates.append((weights.shift, {"code": "shift_preferred", "period": job.shift_period}))
    if readiness is not None and readiness >= 0.6:
        candidates.append(
            (
                weights.readiness * readiness,
                {"code": "readiness_strong", "average": f"{float(participant.readiness):.1f}"},
            )
        )
    candidates.sort(key=lambda pair: -pair[0])
    reasons = [reason for _weight, reason in candidates[:3]]
    # With a curfew, "the shift ends before your curfew" is the reassurance people look
    # for first, so it is always one of the three.
    curfew = [reason for _weight, reason in candidates if reason["code"] == "shift_fits_curfew"]
    if curfew and curfew[0] not in reasons:
        reasons[-1] = curfew[0]

    cautions: list[dict] = []
    if participant.wage_floor and float(job.wage_max) < float(participant.wage_floor):
        cautions.append(
            {"code": "wage_below_goal", "wage": wage, "floor": f"{participant.wage_floor:.2f}"}
        )
    if miles is not None and not job.remote and miles > limits.far_caution_miles:
        cautions.append({"code": "far", "miles": miles})
    if (
        miles is not None
        and not job.remote
        and not job.transit_accessible
        and "car" not in participant.transport
    ):
        cautions.append({"code": "no_bus_line"})
    if participant.has_curfew and not job.has_shift_times and not job.remote:
        cautions.append({"code": "check_hours_curfew"})
    if not job.remote and miles is None and participant.travel_limit != "none":
        cautions.append({"code": "check_travel_area"})
    if participant.preferred_shifts and row.shift == 0.0 and job.shift_period:
        cautions.append({"code": "shift_not_preferred", "period": job.shift_period})
    return reasons, cautions


class LiveJobIndex:
    """A stored `JobIndex` with the changes since it was built applied: the jobs closed
    or changed since are withdrawn from it, and the jobs opened or changed since are in
    a small second index. Ranking both and merging gives exactly the ranking of one
    index built now (a job's score depends on that job and the person only), without
    building the 20,000 jobs again."""

    def __init__(self, base: JobIndex, *, withdrawn_ids=(), added: Sequence[JobProfile] = ()):
        withdrawn_ids = list(withdrawn_ids)
        self.parts = [base.without(withdrawn_ids) if withdrawn_ids else base]
        if added:
            self.parts.append(JobIndex(added))

    @property
    def considered(self) -> int:
        return sum(part.considered for part in self.parts)

    def __len__(self) -> int:
        return self.considered


def rank_jobs(
    index: "JobIndex | LiveJobIndex",
    participant: ParticipantProfile,
    *,
    today: date,
    weights: Weights | None = None,
    limits: Limits | None = None,
    limit: int = 20,
) -> Ranking:
    """The `limit` best jobs the participant can take, best first, with the number of
    jobs each hard rule excluded. Never raises for missing data: no skills, no or an
    unknown ZIP, no record, a 24-hour curfew, jobs with no shift times and no open jobs
    all give a ranking (possibly empty) and notices a person can act on."""
    weights, limits = weights or Weights(), limits or Limits()
    if isinstance(index, LiveJobIndex):
        if len(index.parts) == 1:
            return _rank_one(index.parts[0], participant, today, weights, limits, limit)
        return _merged(
            [_rank_one(part, participant, today, weights, limits, limit) for part in index.parts],
            index,
            participant,
            today,
            limit,
        )
    return _rank_one(index, participant, today, weights, limits, limit)


def _merged(
    rankings: list[Ranking],
    index: LiveJobIndex,
    participant: ParticipantProfile,
    today: date,
    limit: int,
) -> Ranking:
    """One ranking from the rankings of each part of a live index: the same order as
    one index (score to six places, then job id), counts added up."""
    matches = sorted(
        (match for ranking in rankings for match in ranking.matches),
        key=lambda match: (-round(match.rank_total, 6), match.job_id),
    )
    return Ranking(
        participant_id=participant.id,
        matches=matches[:limit] if limit else matches,
        excluded={
            rule: sum(ranking.excluded.get(rule, 0) for ranking in rankings) for rule in RULES
        },
        considered=index.considered,
        notices=_notices(index.considered, participant, today),
        readiness=rankings[0].readiness,
        eligible=sum(ranking.eligible for ranking in rankings),
    )


def _rank_one(
    index: JobIndex,
    participant: ParticipantProfile,
    today: date,
    weights: Weights,
    limits: Limits,
    limit: int,
) -> Ranking:
    considered = index.considered
    notices = _notices(considered, participant, today)
    if not len(index):
        return Ranking(participant.id, [], dict.fromkeys(RULES, 0), 0, notices)
    similarity = _similarity(index, participant, limits)
    distance = None
    if participant.zip_known and participant.latitude is not None:
        distance = index.miles_from(participant.latitude, participant.longitude)
    rules = _excluded_by_rule(index, participant, similarity, distance, limits, today)
    withdrawn = index.withdrawn
    if withdrawn is not None:
        rules = {rule: mask & ~withdrawn for rule, mask in rules.items()}
    excluded = np.zeros(len(index), dtype=bool) if withdrawn is None else withdrawn.copy()
    for mask in rules.values():
        excluded |= mask
    parts = _score_parts(index, participant, similarity, distance, limits)
    total = _total(index, parts, weights)
    order = _best(np.flatnonzero(~excluded), total, index.ids, limit)
    rows = _rows(
        order,
        index,
        similarity,
        parts.skills[order],
        parts.distance_score[order],
        parts.wage_table,
        parts.shift_table,
        distance,
    )
    return Ranking(
        participant_id=participant.id,
        matches=_matches(
            order, total, rows, index, participant, parts.readiness, weights, limits, today
        ),
        excluded={rule: int(np.count_nonzero(rules[rule])) for rule in RULES},
        considered=considered,
        notices=notices,
        readiness=parts.readiness,
        eligible=int(np.count_nonzero(~excluded)),
    )


def _matches(
    order: np.ndarray,
    total: np.ndarray,
    rows: list,
    index: JobIndex,
    participant: ParticipantProfile,
    readiness: float | None,
    weights: Weights,
    limits: Limits,
    today: date,
) -> list["Match"]:
    """The kept jobs `order` (best first) with their scores, reasons and cautions."""
    available_from = (
        participant.release_date
        if participant.release_date and participant.release_date > today
        else None
    )
    matches = []
    for number, row, score in zip(order.tolist(), rows, total[order].tolist(), strict=True):
        job = index.jobs[number]
        reasons, cautions = _explain(job, row, participant, readiness, weights, limits)
        if available_from:
            cautions.insert(0, {"code": "available_from", "date": available_from.isoformat()})
        matches.append(
            Match(
                job_id=job.id,
                score=round(score),
                reasons=reasons,
                cautions=cautions,
                available_from=available_from,
                rank_total=score,
            )
        )
    return matches


# --- Many people against one index (the nightly run) --------------------------------------

# Masks and score columns the nightly run keeps per index and key (a home, a curfew, a
# record, a wage goal...): people share them, and each is 20,000 values.
BATCH_ENTRIES_KEPT = 256


class _SharedColumns:
    """What the people ranked against one index share, made once and then only read:
    the hard rules' inputs reduced to the few distinct values jobs have (look-back rows,
    shift windows), and, per key, a rule's mask with its count or a part of the score
    for every job. Each is made by the very expressions of `_excluded_by_rule` and
    `_total`, so the values are the same, bit for bit."""

    def __init__(self, index: JobIndex, weights: Weights, limits: Limits):
        self.weights, self.limits = weights, limits
        self.on_site = ~index.remote
        self.lookback_rows, code = np.unique(index.lookback, axis=0, return_inverse=True)
        self.lookback_code = code.reshape(-1)
        shifts = np.stack(
            [index.shift_start_minute, index.shift_length, index.has_times & self.on_site], axis=1
        )
        shift_rows, code = np.unique(shifts, axis=0, return_inverse=True)
        self.shift_code = code.reshape(-1)
        self.shift_starts = shift_rows[:, 0].astype(np.int32)
        self.shift_lengths = shift_rows[:, 1].astype(np.int32)
        self.shift_counts = shift_rows[:, 2].astype(bool)
        self.cached: dict[tuple, object] = {}

    def get(self, key: tuple, make):
        value = self.cached.get(key)
        if value is None:
            if len(self.cached) >= BATCH_ENTRIES_KEPT:
                self.cached.clear()
            value = self.cached[key] = make()
        return value


def _shared_columns(index: JobIndex, weights: Weights, limits: Limits) -> _SharedColumns:
    shared = index.__dict__.get("_shared")
    if shared is None or shared.weights != weights or shared.limits != limits:
        shared = index._shared = _SharedColumns(index, weights, limits)
    return shared


def _counted(mask: np.ndarray) -> tuple[np.ndarray, int]:
    mask.flags.writeable = False
    return mask, int(np.count_nonzero(mask))


def _batch_masks(
    index: JobIndex,
    shared: _SharedColumns,
    participant: ParticipantProfile,
    similarity: _Similarity,
    home: tuple | None,
    distance: np.ndarray | None,
    today: date,
) -> dict[str, tuple[np.ndarray | None, int]]:
    """`_excluded_by_rule` for one person from the shared masks: (mask or None when
    the rule excludes nothing for this person, count) per rule."""
    limits, on_site = shared.limits, shared.on_site
    rules: dict[str, tuple[np.ndarray | None, int]] = dict.fromkeys(RULES, (None, 0))

    latest: dict[str, date] = {}
    for conviction in participant.convictions:
        if conviction.category in OFFENSE_CATEGORIES:
            previous = latest.get(conviction.category)
            if previous is None or conviction.counted_from > previous:
                latest[conviction.category] = conviction.counted_from
    if latest:
        clear = tuple(
            sorted(
                (OFFENSE_CATEGORIES.index(category), full_years_between(counted_from, today))
                for category, counted_from in latest.items()
            )
        )

        def policy():
            per_row = np.zeros(len(shared.lookback_rows), dtype=bool)
            for column, years_clear in clear:
                per_row |= years_clear < shared.lookback_rows[:, column]
            return _counted(per_row[shared.lookback_code])

        rules[RULE_POLICY] = shared.get(("policy", clear), policy)

    if participant.supervision_type == "parole":
        rules[RULE_SUPERVISION] = shared.get(("parole",), lambda: _counted(~index.accepts_parole))
    elif participant.supervision_type == "probation":
        rules[RULE_SUPERVISION] = shared.get(
            ("probation",), lambda: _counted(~index.accepts_probation)
        )

    if participant.curfew_all_day:
        rules[RULE_CURFEW] = shared.get(("all day",), lambda: _counted(on_site.copy()))
    elif participant.has_curfew:
        curfew_start, curfew_length = curfew_window(participant, limits.curfew_travel_minutes)

        def curfew():
            starts, lengths = shared.shift_starts, shared.shift_lengths
            overlaps = ((curfew_start - starts) % MINUTES_PER_DAY < lengths) | (
                (starts - curfew_start) % MINUTES_PER_DAY < curfew_length
            )
            return _counted((overlaps & shared.shift_counts)[shared.shift_code])

        rules[RULE_CURFEW] = shared.get(("curfew", curfew_start, curfew_length), curfew)

    if participant.zip_known and participant.travel_limit == "county":
        code = index.areas.get((participant.state, participant.county), -2)
        rules[RULE_TRAVEL] = shared.get(
            ("county", code), lambda: _counted(on_site & (index.county_code != code))
        )
    elif participant.zip_known and participant.travel_limit == "state":
        code = index.states.get(participant.state, -2)
        rules[RULE_TRAVEL] = shared.get(
            ("state", code), lambda: _counted(on_site & (index.state_code != code))
        )

    missing_per_set = (
        similarity.certified[index.required_sets].min(axis=1) < limits.certification_similarity
    )
    licence = participant.has_drivers_license
    rules[RULE_REQUIREMENTS] = shared.get(
        ("requirements", licence, missing_per_set.tobytes()),
        lambda: _counted(
            (index.requires_license & (not licence)) | missing_per_set[index.required_of_job]
        ),
    )

    if "car" not in participant.transport and distance is not None:
        reach = limits.biking_miles if "bike" in participant.transport else limits.walking_miles
        rules[RULE_TRANSPORT] = shared.get(
            ("transport", home, reach),
            lambda: _counted(on_site & ~index.transit & (distance > reach)),
        )

    if participant.release_date is not None and participant.release_date > today:
        release = participant.release_date.toordinal()
        rules[RULE_PRE_RELEASE] = shared.get(
            ("pre-release", release),
            lambda: _counted(~index.facility_fairs & (index.expires < release)),
        )
    return rules


def _home_columns(
    index: JobIndex, shared: _SharedColumns, home: tuple | None
) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    """Miles from a home to every job (None without a known home), the distance part
    of the score and that part times its weight (`_distance_score`, `_total`)."""

    def make():
        distance = None if home is None else index.miles_from(*home)
        distance_score = _distance_score(index, distance, shared.limits)
        weighted = shared.weights.distance * distance_score
        for column in (distance_score, weighted):
            column.flags.writeable = False
        return distance, distance_score, weighted

    return shared.get(("home", home), make)


def _wage_and_shift_column(
    index: JobIndex, shared: _SharedColumns, participant: ParticipantProfile
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The weighted wage and shift parts of every job (`_total`), with the two tables,
    shared by the people with the same wage goal and preferred shifts."""

    def make():
        wage_table, shift_table = _wage_and_shift_tables(index, participant)
        weights = shared.weights
        wage_and_shift = (
            weights.wage * wage_table[:, None] + weights.shift * shift_table[None, :]
        ).ravel()
        column = wage_and_shift[index.wage_shift_key]
        column.flags.writeable = False
        return column, wage_table, shift_table

    key = ("wage and shift", participant.wage_floor, participant.preferred_shifts)
    return shared.get(key, make)


def rank_jobs_batch(
    index: "JobIndex | LiveJobIndex",
    participants: Sequence[ParticipantProfile],
    *,
    today: date,
    weights: Weights | None = None,
    limits: Limits | None = None,
    limit: int = 20,
) -> list[Ranking]:
    """`rank_jobs` for many people at once (the nightly run), in their order: the same
    rankings, to the bit (a test holds them equal), for a fraction of the work. People
    share homes, curfews, records, wage goals and certificates, so each rule's mask and
    each part of the score over the 20,000 jobs is made once per distinct value and
    reused (`_SharedColumns`); what is left per person is the similarity of their terms,
    one gather and three additions for the score, the union of their masks, the top
    `limit` and the reasons of the jobs kept."""
    weights, limits = weights or Weights(), limits or Limits()
    if isinstance(index, LiveJobIndex) and len(index.parts) == 1:
        index = index.parts[0]
    if isinstance(index, LiveJobIndex) or index.withdrawn is not None or not len(index):
        return [
            rank_jobs(index, someone, today=today, weights=weights, limits=limits, limit=limit)
            for someone in participants
        ]
    shared = _shared_columns(index, weights, limits)
    weight_sum = weights.skills + weights.distance + weights.wage + weights.shift
    # Homes next to each other, so a home's columns are made once per batch.
    by_home = sorted(
        range(len(participants)), key=lambda number: _home_of(participants[number]) or ()
    )
    rankings: list[Ranking | None] = [None] * len(participants)
    for number in by_home:
        participant = participants[number]
        home = _home_of(participant)
        similarity = _similarity(index, participant, limits)
        distance, distance_score, weighted_distance = _home_columns(index, shared, home)
        masks = _batch_masks(index, shared, participant, similarity, home, distance, today)
        wage_and_shift, wage_table, shift_table = _wage_and_shift_column(index, shared, participant)
        skills_per_combo = _skills_per_combo(index, similarity)
        # The order of `_total`'s additions, so that every total is the same float.
        total = (weights.skills * skills_per_combo)[index.combo_of_job]
        total += weighted_distance
        total += wage_and_shift
        readiness = _readiness(participant)
        people_weight = weight_sum
        if readiness is not None:
            total += weights.readiness * readiness
            people_weight += weights.readiness
        if people_weight:
            total *= 100.0 / people_weight
        else:
            total *= 0
        present = [mask for mask, count in masks.values() if count]
        if present:
            excluded = np.logical_or.reduce(present) if len(present) > 1 else present[0]
            eligible = np.flatnonzero(~excluded)
        else:
            eligible = np.arange(len(index))
        eligible_count = len(eligible)
        order = _best(eligible, total, index.ids, limit)
        rows = _rows(
            order,
            index,
            similarity,
            skills_per_combo[index.combo_of_job[order]],
            distance_score[order],
            wage_table,
            shift_table,
            distance,
        )
        rankings[number] = Ranking(
            participant_id=participant.id,
            matches=_matches(
                order, total, rows, index, participant, readiness, weights, limits, today
            ),
            excluded={rule: count for rule, (_mask, count) in masks.items()},
            considered=index.considered,
            notices=_notices(index.considered, participant, today),
            readiness=readiness,
            eligible=eligible_count,
        )
    return rankings


def _home_of(participant: ParticipantProfile) -> tuple | None:
    if participant.zip_known and participant.latitude is not None:
        return (participant.latitude, participant.longitude)
    return None


def _notices(considered: int, participant: ParticipantProfile, today: date) -> list[dict]:
    notices = []
    if not considered:
        notices.append({"code": "no_open_jobs"})
    if not participant.terms:
        notices.append({"code": "no_skills"})
    if not participant.zip_known:
        notices.append({"code": "unknown_zip" if participant.zip_code.strip() else "no_zip"})
    if participant.curfew_all_day:
        notices.append({"code": "curfew_all_day"})
    if participant.release_date and participant.release_date > today:
        notices.append({"code": "pre_release", "date": participant.release_date.isoformat()})
    return notices


@dataclass(frozen=True)
class PairCheck:
    """The hard rules one participant and one job break (`RULES` order) and the miles
    between home and the job (None when either place is unknown)."""

    broken: tuple[str, ...]
    miles: float | None


def check_pair(
    job: JobProfile, participant: ParticipantProfile, *, today: date, limits: Limits | None = None
) -> PairCheck:
    """The hard rules of `rank_jobs` for one pair, by the very same column comparisons
    (an index of one job), so a job page, an application and the match list never
    disagree about whether a job fits (issue 14, "jobs that don't fit")."""
    limits = limits or Limits()
    index = JobIndex([job])
    similarity = _similarity(index, participant, limits)
    distance = None
    if participant.zip_known and participant.latitude is not None:
        distance = index.miles_from(participant.latitude, participant.longitude)
    masks = _excluded_by_rule(index, participant, similarity, distance, limits, today)
    miles = None
    if distance is not None and np.isfinite(distance[0]):
        miles = round(float(distance[0]), 1)
    return PairCheck(
        broken=tuple(rule for rule in RULES if bool(masks[rule][0])),
        miles=miles,
    )
