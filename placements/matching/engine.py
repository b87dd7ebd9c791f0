"""The matching engine: every open job as numpy columns (`JobIndex`, built once per run),
and `rank_jobs`, one participant against all of them.

Order of work for one participant (DESIGN.md, flow 5): hard rules first, each a column
comparison, then the 0-100 score of the jobs left, then reasons and cautions for the
few jobs kept. Nothing here touches the database.
"""

import calendar
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time

import numpy as np
from rapidfuzz import fuzz, process

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

EARTH_RADIUS_MILES = 3958.8
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
# Curfew and shifts are compared on a week of 15-minute slots, as bit masks. A slot
# counts as taken when any minute of it is, so a conflict is never missed (a shift and
# a curfew that both touch the same quarter hour without overlapping, at odd minutes
# such as 21:50 and 21:55, count as a conflict: the safe side).
SLOT_MINUTES = 15
SLOTS_PER_WEEK = MINUTES_PER_WEEK // SLOT_MINUTES
MASK_WORDS = math.ceil(SLOTS_PER_WEEK / 64)

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


def _week_intervals(days: Sequence[int], start: time, end: time) -> list[tuple[int, int]]:
    """[start, end) minute intervals of the week (0 = Monday 00:00); an end at or before
    the start crosses midnight (start == end: the whole day)."""
    begin, finish = _minutes(start), _minutes(end)
    length = (finish - begin) % MINUTES_PER_DAY or MINUTES_PER_DAY
    return [(day * MINUTES_PER_DAY + begin, day * MINUTES_PER_DAY + begin + length) for day in days]


def _slots_mask(intervals: list[tuple[int, int]]) -> int:
    mask = 0
    for start, end in intervals:
        first, last = start // SLOT_MINUTES, -(-end // SLOT_MINUTES)  # outward
        for slot in range(first, last):
            mask |= 1 << (slot % SLOTS_PER_WEEK)
    return mask


def _mask_words(mask: int) -> list[int]:
    return [(mask >> (64 * word)) & 0xFFFFFFFFFFFFFFFF for word in range(MASK_WORDS)]


def job_day_indexes(shift_days: Sequence[str]) -> list[int]:
    """Weekday numbers of a shift; no days listed means it may be any day."""
    days = [WEEKDAYS.index(day) for day in shift_days if day in WEEKDAYS]
    return days or list(range(7))


def curfew_conflict_exact(job: JobProfile, participant: ParticipantProfile) -> bool:
    """Whether any minute of any shift falls inside the curfew, minute by minute. The
    reference the engine's slot masks are tested against (never stricter than it lets
    through)."""
    if not (participant.has_curfew and job.has_shift_times) or job.remote:
        return participant.curfew_all_day and not job.remote
    curfew = _week_intervals(range(7), participant.curfew_start, participant.curfew_end)
    shifts = _week_intervals(job_day_indexes(job.shift_days), job.shift_start, job.shift_end)
    for shift_start, shift_end in shifts:
        for curfew_start, curfew_end in curfew:
            # Compare on the circle of the week: shift the curfew by -1, 0, +1 weeks.
            for offset in (-MINUTES_PER_WEEK, 0, MINUTES_PER_WEEK):
                if shift_start < curfew_end + offset and curfew_start + offset < shift_end:
                    return True
    return False


def _haversine(lat0: float, lon0: float, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    lat0, lon0 = math.radians(lat0), math.radians(lon0)
    a = np.sin((lat - lat0) / 2) ** 2 + math.cos(lat0) * np.cos(lat) * np.sin((lon - lon0) / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


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
        self.lat = np.radians(
            np.array([job.latitude or 0.0 for job in self.jobs], dtype=np.float64)
        )
        self.lon = np.radians(
            np.array([job.longitude or 0.0 for job in self.jobs], dtype=np.float64)
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
        self.period_code = {period: self.period == period for period in ("day", "evening", "night")}
        self.has_period = self.period != ""
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
        self.has_times = column(lambda job: job.has_shift_times)
        masks = np.zeros((count, MASK_WORDS), dtype=np.uint64)
        for number, job in enumerate(self.jobs):
            if job.has_shift_times:
                intervals = _week_intervals(
                    job_day_indexes(job.shift_days), job.shift_start, job.shift_end
                )
                masks[number] = _mask_words(_slots_mask(intervals))
        self.shift_masks = masks

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
        self.title_ids = np.array(
            [self.zero_slot if title is None else title for title in titles], dtype=np.int32
        )
        self.skill_ids = _padded(skills, self.zero_slot)
        self.has_skills = np.array([bool(row) for row in skills], dtype=bool)
        self.required_ids = _padded(required, self.full_slot)

    def __len__(self) -> int:
        return len(self.jobs)


@dataclass
class Match:
    """One job kept for a participant: score 0-100, reasons and cautions as
    (code, params) dicts (translated when shown, see `reasons.py`)."""

    job_id: int
    score: int
    reasons: list[dict] = field(default_factory=list)
    cautions: list[dict] = field(default_factory=list)
    available_from: date | None = None


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
        scores = process.cdist(
            terms, index.vocabulary_normalized, scorer=fuzz.token_set_ratio, dtype=np.float32
        )
        scores[[not term for term in terms]] = 0
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

    # 3. Curfew against every shift day (both may cross midnight).
    if participant.curfew_all_day:
        rules[RULE_CURFEW] = on_site.copy()
    elif participant.has_curfew:
        curfew = np.array(
            _mask_words(
                _slots_mask(
                    _week_intervals(range(7), participant.curfew_start, participant.curfew_end)
                )
            ),
            dtype=np.uint64,
        )
        overlaps = np.bitwise_and(index.shift_masks, curfew).any(axis=1)
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
    missing_certificate = (
        similarity.certified[index.required_ids].min(axis=1) < limits.certification_similarity
    )
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
    skills: np.ndarray
    distance_score: np.ndarray
    wage: np.ndarray
    shift: np.ndarray
    readiness: float | None


def _score_parts(
    index: JobIndex,
    participant: ParticipantProfile,
    similarity: _Similarity,
    distance: np.ndarray | None,
    limits: Limits,
) -> _Parts:
    best = similarity.best
    title = best[index.title_ids]
    skill = best[index.skill_ids].max(axis=1)
    skills = np.where(index.has_skills, np.maximum(title, 0.4 * title + 0.6 * skill), title)

    if distance is None:
        distance_score = np.full(len(index), 0.5)
    else:
        distance_score = np.clip(1.0 - distance / limits.distance_zero_score_miles, 0.0, 1.0)
    distance_score = np.where(index.remote, 1.0, distance_score)

    wage = index.wage
    if participant.wage_floor:
        floor = float(participant.wage_floor)
        wage_score = np.where(
            wage >= floor,
            0.7 + 0.3 * np.clip((wage - floor) / 3.0, 0.0, 1.0),
            np.clip(0.5 - 2.5 * (floor - wage) / floor, 0.0, 0.5),
        )
    else:
        wage_score = 0.2 + 0.6 * np.clip((wage - 12.0) / 13.0, 0.0, 1.0)

    preferred = participant.preferred_shifts
    if preferred:
        fits = np.zeros(len(index), dtype=bool)
        for period in ("day", "evening", "night"):
            if period in preferred:
                fits |= index.period_code[period]
        if "weekend" in preferred:
            fits |= index.weekend
        shift = np.where(index.has_period | index.weekend, fits.astype(np.float64), 0.5)
    else:
        shift = np.full(len(index), 0.5)

    readiness = None
    if participant.readiness is not None:
        readiness = min(max((float(participant.readiness) - 1.0) / 4.0, 0.0), 1.0)
    return _Parts(skills, distance_score, wage_score, shift, readiness)


def _total(parts: _Parts, weights: Weights) -> np.ndarray:
    total = (
        weights.skills * parts.skills
        + weights.distance * parts.distance_score
        + weights.wage * parts.wage
        + weights.shift * parts.shift
    )
    weight_sum = weights.skills + weights.distance + weights.wage + weights.shift
    if parts.readiness is not None:
        total = total + weights.readiness * parts.readiness
        weight_sum += weights.readiness
    return total * (100.0 / weight_sum) if weight_sum else total * 0


def _clock(moment: time) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _explain(
    number: int,
    index: JobIndex,
    participant: ParticipantProfile,
    similarity: _Similarity,
    parts: _Parts,
    distance: np.ndarray | None,
    weights: Weights,
    limits: Limits,
) -> tuple[list[dict], list[dict]]:
    """Reasons (the top three parts that count, in plain words) and cautions."""
    job = index.jobs[number]
    candidates: list[tuple[float, dict]] = []
    if parts.skills[number] >= limits.reason_minimum:
        slots = [int(index.title_ids[number]), *map(int, index.skill_ids[number])]
        slot = max(slots, key=lambda s: similarity.best[s])
        term = int(similarity.best_term[slot])
        if term >= 0:
            kind, text = participant.terms[term]
            candidates.append(
                (weights.skills * parts.skills[number], {"code": f"{kind}_matches", "name": text})
            )
    miles = None if distance is None else round(float(distance[number]), 1)
    if job.remote:
        candidates.append((weights.distance, {"code": "remote"}))
    elif miles is not None and parts.distance_score[number] >= limits.reason_minimum:
        code = "bus_line_miles" if job.transit_accessible else "miles_from_home"
        candidates.append(
            (weights.distance * parts.distance_score[number], {"code": code, "miles": miles})
        )
    wage = f"{float(job.wage_max):.2f}"
    if participant.wage_floor and float(job.wage_max) >= float(participant.wage_floor):
        candidates.append(
            (
                weights.wage * parts.wage[number],
                {"code": "wage_above_goal", "wage": wage, "floor": f"{participant.wage_floor:.2f}"},
            )
        )
    elif not participant.wage_floor and parts.wage[number] >= limits.reason_minimum:
        candidates.append((weights.wage * parts.wage[number], {"code": "wage", "wage": wage}))
    if participant.has_curfew and not participant.curfew_all_day and job.has_shift_times:
        candidates.append(
            (
                weights.shift * max(parts.shift[number], 0.6),
                {
                    "code": "shift_fits_curfew",
                    "period": job.shift_period,
                    "end": _clock(job.shift_end),
                    "curfew": _clock(participant.curfew_start),
                },
            )
        )
    elif parts.shift[number] >= 1.0 and participant.preferred_shifts:
        candidates.append((weights.shift, {"code": "shift_preferred", "period": job.shift_period}))
    if parts.readiness is not None and parts.readiness >= 0.6:
        candidates.append(
            (
                weights.readiness * parts.readiness,
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
    if not job.remote and distance is None and participant.travel_limit != "none":
        cautions.append({"code": "check_travel_area"})
    if participant.preferred_shifts and parts.shift[number] == 0.0 and job.shift_period:
        cautions.append({"code": "shift_not_preferred", "period": job.shift_period})
    return reasons, cautions


def rank_jobs(
    index: JobIndex,
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
    notices = _notices(index, participant, today)
    if not len(index):
        return Ranking(participant.id, [], dict.fromkeys(RULES, 0), 0, notices)
    similarity = _similarity(index, participant, limits)
    distance = None
    if participant.zip_known and participant.latitude is not None:
        distance = _haversine(participant.latitude, participant.longitude, index.lat, index.lon)
        distance = np.where(index.has_location, distance, np.inf)
    rules = _excluded_by_rule(index, participant, similarity, distance, limits, today)
    excluded = np.zeros(len(index), dtype=bool)
    for mask in rules.values():
        excluded |= mask
    parts = _score_parts(index, participant, similarity, distance, limits)
    total = _total(parts, weights)
    eligible = np.flatnonzero(~excluded)
    if limit and len(eligible) > limit:
        # Best `limit` by score, ties by job id, without sorting everything.
        keep = np.argpartition(-total[eligible], limit - 1)[:limit]
        eligible = eligible[keep]
    order = eligible[np.lexsort((index.ids[eligible], -np.round(total[eligible], 6)))]
    available_from = (
        participant.release_date
        if participant.release_date and participant.release_date > today
        else None
    )
    matches = []
    for number in order:
        reasons, cautions = _explain(
            int(number), index, participant, similarity, parts, distance, weights, limits
        )
        if available_from:
            cautions.insert(0, {"code": "available_from", "date": available_from.isoformat()})
        matches.append(
            Match(
                job_id=int(index.ids[number]),
                score=round(float(total[number])),
                reasons=reasons,
                cautions=cautions,
                available_from=available_from,
            )
        )
    return Ranking(
        participant_id=participant.id,
        matches=matches,
        excluded={rule: int(rules[rule].sum()) for rule in RULES},
        considered=len(index),
        notices=notices,
        readiness=parts.readiness,
        eligible=int((~excluded).sum()),
    )


def _notices(index: JobIndex, participant: ParticipantProfile, today: date) -> list[dict]:
    notices = []
    if not len(index):
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
