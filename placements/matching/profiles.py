"""Plain data the matching engine works on (built by the selectors, used by tests as is)."""

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

# Hard rules, in the order staff see them. A pair that fails one is never shown to the
# participant; staff see how many jobs each rule excluded; employers never see either.
RULE_POLICY = "policy"
RULE_SUPERVISION = "supervision"
RULE_CURFEW = "curfew"
RULE_TRAVEL = "travel"
RULE_REQUIREMENTS = "requirements"
RULE_TRANSPORT = "transport"
RULE_PRE_RELEASE = "pre_release"
RULES = (
    RULE_POLICY,
    RULE_SUPERVISION,
    RULE_CURFEW,
    RULE_TRAVEL,
    RULE_REQUIREMENTS,
    RULE_TRANSPORT,
    RULE_PRE_RELEASE,
)

# Kinds of a participant's matching terms (they pick the wording of a reason).
TERM_SKILL = "skill"
TERM_CERTIFICATION = "certification"
TERM_DESIRED = "desired"
TERM_EXPERIENCE = "experience"

# The offense categories of portal.core.models.OffenseCategory, in a fixed order (the
# columns of the policy matrix).
OFFENSE_CATEGORIES = ("violent", "sex_offense", "theft_fraud", "drug", "weapons", "dui", "other")


@dataclass(frozen=True)
class Conviction:
    category: str
    convicted_on: date
    released_on: date | None = None

    @property
    def counted_from(self) -> date:
        """Look-backs count from the later of conviction and release."""
        return max(self.convicted_on, self.released_on or self.convicted_on)


@dataclass(frozen=True)
class ParticipantProfile:
    """What matching knows about one participant. `terms` are (kind, text) pairs:
    taxonomy skills (with their synonyms as extra terms of the same kind), résumé
    certifications, desired job titles and experience titles."""

    id: int
    terms: tuple[tuple[str, str], ...] = ()
    # The Spanish name of each term that comes from the taxonomy (same positions as
    # `terms`; "" where there is none), so a reason reads in the reader's language.
    term_names_es: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    county: str = ""
    state: str = ""
    zip_code: str = ""  # as entered; `zip_known` says whether the ZIP table knows it
    zip_known: bool = False
    release_date: date | None = None
    convictions: tuple[Conviction, ...] = ()
    supervision_type: str = "none"  # parole | probation | none (only while it lasts)
    curfew_start: time | None = None
    curfew_end: time | None = None
    travel_limit: str = "none"  # none | county | state
    transport: frozenset[str] = frozenset()  # car | bus | bike | rides
    has_drivers_license: bool = False
    preferred_shifts: frozenset[str] = frozenset()  # day | evening | night | weekend
    wage_floor: Decimal | None = None
    readiness: Decimal | None = None  # transitional-job work-readiness average, 1-5
    display_name: str = ""

    @property
    def has_curfew(self) -> bool:
        return self.curfew_start is not None and self.curfew_end is not None

    @property
    def curfew_all_day(self) -> bool:
        """A curfew whose start equals its end covers the whole day (house arrest)."""
        return self.has_curfew and self.curfew_start == self.curfew_end


@dataclass(frozen=True)
class JobProfile:
    """One open job with its effective policy (the employer's, tightened by the job).

    `lookback_years[category]`: 0 considered, N not within N years, None never."""

    id: int
    title: str
    skills: tuple[str, ...] = ()  # taxonomy names, synonyms and "other skills"
    certifications_required: tuple[str, ...] = ()
    certifications_preferred: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    county: str = ""
    state: str = ""
    transit_accessible: bool = False
    remote: bool = False
    shift_days: tuple[str, ...] = ()  # mon..sun; empty with times means every day
    shift_start: time | None = None
    shift_end: time | None = None
    shift_period: str = ""  # day | evening | night
    works_weekends: bool = False
    wage_max: Decimal = Decimal("0")
    requires_drivers_license: bool = False
    lookback_years: dict[str, int | None] = field(default_factory=dict)
    accepts_parole: bool = True
    accepts_probation: bool = True
    hires_at_facility_fairs: bool = False
    expires_on: date | None = None
    employer_id: int = 0

    @property
    def has_shift_times(self) -> bool:
        return self.shift_start is not None and self.shift_end is not None


@dataclass(frozen=True)
class Weights:
    """How much each part counts in the 0-100 score (settings, see placements.rules)."""

    skills: float = 45
    distance: float = 15
    wage: float = 15
    shift: float = 10
    readiness: float = 15


@dataclass(frozen=True)
class Limits:
    """Distances and thresholds (settings, see placements.rules)."""

    walking_miles: float = 1.5
    biking_miles: float = 5.0
    distance_zero_score_miles: float = 30.0
    far_caution_miles: float = 15.0
    certification_similarity: float = 85.0
    skill_similarity_floor: float = 55.0
    reason_minimum: float = 0.6
    # Minutes between a shift's end and the curfew's start to get home (DOMAIN_RULES.md).
    curfew_travel_minutes: int = 60
