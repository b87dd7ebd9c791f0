"""Reads of the employers app, each scoped to who asks: an object the user may not see
is simply not in the queryset (a 404 for them).

Other apps read employers through these functions (matching, applications, the CMS home
page): `employer_policy`, `open_jobs_public`, `job_get_for_user`, `employers_public`,
`fairs_public_upcoming`, `open_jobs_count`, `approved_employers_count`, `upcoming_fairs`.

One module at ~540 lines: each read is short and they share the scoping helpers; the
job search (its bounded count and estimate) is the first to move to `selectors/jobs.py`
when it grows.
"""

import hashlib
import json
import math
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt
from django.utils import timezone

from employers.models import (
    BOOTH_HOLDS_PLACE,
    DECISION_STRICTNESS,
    BoothStatus,
    Employer,
    EmployerMembership,
    FairBooth,
    FairStatus,
    HiringFair,
    HiringPolicy,
    JobPosting,
    JobStatus,
    OffenseRule,
    PolicyDecision,
    RecordStage,
    VettingStatus,
)
from employers.permissions import employer_id_of, is_staff_member
from portal.core.geo import EARTH_RADIUS_MILES, zip_location_or_error
from portal.core.models import OffenseCategory, User

# --- Employers ---------------------------------------------------------------------------


def employers_public() -> QuerySet[Employer]:
    """The vetted-employer directory: approved employers only."""
    return Employer.objects.filter(status=VettingStatus.APPROVED).annotate(
        open_jobs=Count("jobs", filter=Q(jobs__status=JobStatus.OPEN))
    )


def employers_visible_to(*, user: User) -> QuerySet[Employer]:
    """Staff see every employer with its state; an employer member its own and the
    approved ones; anyone else the approved ones."""
    if is_staff_member(user):
        return Employer.objects.all()
    own = employer_id_of(user)
    return Employer.objects.filter(Q(status=VettingStatus.APPROVED) | Q(pk=own or 0))


def employer_of(*, user: User) -> Employer | None:
    """The employer the user is a member of, or None."""
    membership = (
        EmployerMembership.objects.select_related("employer").filter(user_id=user.pk).first()
        if user.is_authenticated
        else None
    )
    return membership.employer if membership is not None else None


def vetting_queue(*, user: User) -> QuerySet[Employer]:
    """Staff: employers waiting for a decision, oldest first, with policy and owner."""
    if not is_staff_member(user):
        return Employer.objects.none()
    return (
        Employer.objects.filter(status=VettingStatus.PENDING)
        .select_related("hiring_policy")
        .prefetch_related(
            "hiring_policy__rules",
            Prefetch("memberships", queryset=EmployerMembership.objects.select_related("user")),
        )
        .order_by("created_at", "id")
    )


def employer_members(*, employer: Employer) -> QuerySet[EmployerMembership]:
    return employer.memberships.select_related("user")


def employer_member_recipients(
    *, employer_id: int, active_only: bool = True
) -> list[tuple[str, str]]:
    """(email, preferred language) of the employer's members who have an email (only
    those whose account is on, unless `active_only` is False): the readers of the emails
    sent to an organization's team."""
    members = EmployerMembership.objects.filter(employer_id=employer_id).exclude(user__email="")
    if active_only:
        members = members.filter(user__is_active=True)
    return list(members.values_list("user__email", "user__preferred_language"))


@dataclass(frozen=True)
class PolicyRule:
    category: str
    decision: str
    years: int | None
    reason: str


@dataclass(frozen=True)
class EmployerPolicy:
    """An employer's hiring policy in plain values, every category present (missing
    rules are "considered"). What matching and applications read."""

    employer_id: int
    rules: dict[str, PolicyRule]
    accepts_parole: bool
    accepts_probation: bool
    background_check_timing: str
    record_visible_from: str


def _rules_map(rules) -> dict[str, PolicyRule]:
    found = {
        rule.category: PolicyRule(rule.category, rule.decision, rule.years, rule.reason)
        for rule in rules
    }
    return {
        category: found.get(category, PolicyRule(category, PolicyDecision.CONSIDERED, None, ""))
        for category in OffenseCategory.values
    }


def employer_policy(*, employer_id: int) -> EmployerPolicy:
    """The employer's policy (defaults when it has never filled one in)."""
    policy = HiringPolicy.objects.filter(employer_id=employer_id).prefetch_related("rules").first()
    if policy is None:
        policy = HiringPolicy(employer_id=employer_id)
        rules: list[OffenseRule] = []
    else:
        rules = list(policy.rules.all())
    return EmployerPolicy(
        employer_id=employer_id,
        rules=_rules_map(rules),
        accepts_parole=policy.accepts_parole,
        accepts_probation=policy.accepts_probation,
        background_check_timing=policy.background_check_timing,
        record_visible_from=policy.record_visible_from or RecordStage.INTERVIEWED,
    )


def job_effective_rules(*, job: JobPosting) -> dict[str, PolicyRule]:
    """The rules a job applies: its employer's policy, tightened by the job's own rules."""
    rules = dict(employer_policy(employer_id=job.employer_id).rules)
    for rule in job.policy_rules.all():
        own = PolicyRule(rule.category, rule.decision, rule.years, rule.reason)
        current = rules[rule.category]
        if rule.strictness() > (DECISION_STRICTNESS[current.decision], current.years or 0):
            rules[rule.category] = own
    return rules


# --- Jobs --------------------------------------------------------------------------------

JOB_LIST_RELATED = ("employer",)


def open_jobs_public() -> QuerySet[JobPosting]:
    """Open jobs of approved employers (suspending an employer hides its jobs at once).
    Everything a job seeker may see."""
    return JobPosting.objects.filter(
        status=JobStatus.OPEN, employer__status=VettingStatus.APPROVED
    ).select_related(*JOB_LIST_RELATED)


def jobs_visible_to(*, user: User) -> QuerySet[JobPosting]:
    """Staff: every job. An employer member: its own jobs (any state) and public ones.
    Anyone else: the public ones."""
    if is_staff_member(user):
        return JobPosting.objects.select_related(*JOB_LIST_RELATED)
    own = employer_id_of(user)
    public = Q(status=JobStatus.OPEN, employer__status=VettingStatus.APPROVED)
    return JobPosting.objects.filter(public | Q(employer_id=own or 0)).select_related(
        *JOB_LIST_RELATED
    )


def job_get_for_user(*, user: User, pk: int) -> JobPosting | None:
    """One job the user may see (with its skills and rules), or None."""
    return (
        jobs_visible_to(user=user).prefetch_related("skills", "policy_rules").filter(pk=pk).first()
    )


def jobs_of_employer(*, user: User) -> QuerySet[JobPosting]:
    """The signed-in member's own organization's jobs, newest first."""
    own = employer_id_of(user)
    if own is None:
        return JobPosting.objects.none()
    return JobPosting.objects.filter(employer_id=own).order_by("-created_at", "-id")


def jobs_moderation_queue(*, user: User) -> QuerySet[JobPosting]:
    if not is_staff_member(user):
        return JobPosting.objects.none()
    return (
        JobPosting.objects.filter(status=JobStatus.SUBMITTED)
        .select_related("employer")
        .order_by("updated_at", "id")
    )


def open_jobs_count() -> int:
    return open_jobs_public().count()


def approved_employers_count() -> int:
    return Employer.objects.filter(status=VettingStatus.APPROVED).count()


@dataclass
class JobSearch:
    """The public search's filters. `shift` is day / evening / night / weekend."""

    keyword: str = ""
    zip_code: str = ""
    radius_miles: int | None = None
    shift: str = ""
    transit_accessible: bool = False
    minimum_wage: Decimal | None = None
    employment_type: str = ""
    sort: str = "newest"  # newest | wage | distance


SORTS = ("newest", "wage", "distance")


# The full-text document of a job, written once here and in the GIN index of migration
# 0002 (PostgreSQL only): the planner uses the index when the expressions match.
SEARCH_DOCUMENT_SQL = (
    "to_tsvector('english'::regconfig, "
    "COALESCE(\"employers_jobposting\".\"title\", '') || ' ' || "
    "COALESCE(\"employers_jobposting\".\"description\", '') || ' ' || "
    'COALESCE("employers_jobposting"."skills_other", \'\'))'
)


def _keyword_filter(queryset: QuerySet[JobPosting], keyword: str) -> QuerySet[JobPosting]:
    """Full-text on PostgreSQL (stemmed English: "kitchens" finds "kitchen"), through the
    GIN index; a plain contains-match of every word elsewhere (SQLite for `make run`).
    `alias`, not `annotate`: the document is only filtered on, never selected (selecting
    it made PostgreSQL build each result's tsvector a second time)."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVectorField

        return queryset.alias(
            # A constant expression, no user input in it (the keyword is a parameter).
            document=RawSQL(SEARCH_DOCUMENT_SQL, [], output_field=SearchVectorField())  # noqa: S611
        ).filter(document=SearchQuery(keyword, config="english", search_type="websearch"))
    condition = Q()
    for word in keyword.split():
        condition &= (
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(skills_other__icontains=word)
        )
    return queryset.filter(condition)


def _haversine_term(latitude: float, longitude: float):
    """The haversine's inner term `a` = sin²(Δφ/2) + cos φ0 · cos φ · sin²(Δλ/2) from
    (latitude, longitude), as a SQL expression. The distance, 2R·asin(√a), grows with
    `a`, so filtering and sorting on `a` keeps exactly the same jobs in the same order
    while sparing asin and sqrt on every candidate row."""
    lat0, lon0 = math.radians(latitude), math.radians(longitude)
    half_d_lat = (Radians(F("latitude")) - Value(lat0)) / Value(2.0)
    half_d_lon = (Radians(F("longitude")) - Value(lon0)) / Value(2.0)
    return ExpressionWrapper(
        Power(Sin(half_d_lat), 2)
        + Value(math.cos(lat0)) * Cos(Radians(F("latitude"))) * Power(Sin(half_d_lon), 2),
        output_field=FloatField(),
    )


def _haversine_term_limit(radius_miles: float) -> float:
    """The largest `a` (see `_haversine_term`) within `radius_miles`."""
    return math.sin(radius_miles / (2 * EARTH_RADIUS_MILES)) ** 2


def _distance_miles(latitude: float, longitude: float):
    """The haversine distance in miles from (latitude, longitude), as a SQL expression."""
    return ExpressionWrapper(
        Value(2 * EARTH_RADIUS_MILES) * ASin(Sqrt(_haversine_term(latitude, longitude))),
        output_field=FloatField(),
    )


# What a search result shows (the API's JobListSerializer, the page's job card): loading
# only these keeps the description and a dozen other columns out of every result row.
JOB_SEARCH_FIELDS = (
    "id",
    "title",
    "employer__id",
    "employer__display_name",
    "zip_code",
    "city",
    "transit_accessible",
    "shift_days",
    "shift_start",
    "shift_end",
    "shift_period",
    "works_weekends",
    "employment_type",
    "wage_min",
    "wage_max",
    "published_at",
)


def job_search(search: JobSearch) -> tuple[QuerySet[JobPosting], dict]:
    """Open public jobs matching `search`, sorted, as one queryset (so a page costs a
    count and a select whatever its size). With a ZIP, jobs inside the radius's bounding
    box are kept by an indexable range filter first, then by the exact haversine
    distance, annotated as `distance_miles`.

    The rows carry only `JOB_SEARCH_FIELDS` (what a result shows); reading another
    field costs a query per row, so a caller needing more uses `job_get_for_user`.
    Count them with `job_search_count`, not `.count()`.

    Returns (jobs, origin). Raises ApplicationError for an unknown ZIP."""
    _in_box, jobs, origin = _job_search_querysets(search)
    if search.sort == "distance" and origin:
        jobs = jobs.order_by("haversine_term", "-published_at", "-id")
    elif search.sort == "wage":
        jobs = jobs.order_by(F("wage_max").desc(), "-published_at", "-id")
    else:
        jobs = jobs.order_by("-published_at", "-id")
    return jobs, origin


def _job_search_querysets(search: JobSearch) -> tuple[QuerySet, QuerySet, dict]:
    """(the jobs in the radius's bounding box, the jobs in the radius, origin); without
    a ZIP both are the filtered jobs."""
    jobs = open_jobs_public().only(*JOB_SEARCH_FIELDS)
    if search.keyword.strip():
        jobs = _keyword_filter(jobs, search.keyword.strip())
    if search.shift == "weekend":
        jobs = jobs.filter(works_weekends=True)
    elif search.shift:
        jobs = jobs.filter(shift_period=search.shift)
    if search.transit_accessible:
        jobs = jobs.filter(transit_accessible=True)
    if search.minimum_wage is not None:
        jobs = jobs.filter(wage_max__gte=search.minimum_wage)
    if search.employment_type:
        jobs = jobs.filter(employment_type=search.employment_type)
    if not search.zip_code:
        return jobs, jobs, {}

    location = zip_location_or_error(search.zip_code, field="zip")
    radius = search.radius_miles or 25
    angle = radius / EARTH_RADIUS_MILES
    lat_delta = math.degrees(angle)
    # The circle's widest longitude span is asin(sin δ / cos φ), a hair wider than
    # δ / cos φ: with the latter a job right at the radius due east could fall outside
    # the box though within the distance.
    lon_delta = math.degrees(
        math.asin(min(1.0, math.sin(angle) / max(math.cos(math.radians(location.latitude)), 0.01)))
    )
    in_box = jobs.filter(
        latitude__range=(location.latitude - lat_delta, location.latitude + lat_delta),
        longitude__range=(location.longitude - lon_delta, location.longitude + lon_delta),
    )
    in_radius = (
        in_box.alias(haversine_term=_haversine_term(location.latitude, location.longitude))
        .filter(haversine_term__lte=_haversine_term_limit(radius))
        # Computed for the rows of the page only: PostgreSQL evaluates an expensive
        # output column after the sort and limit when it is not the sort key.
        .annotate(distance_miles=_distance_miles(location.latitude, location.longitude))
    )
    return in_box, in_radius, {"zip": location.zip_code, "radius": radius}


@dataclass(frozen=True)
class JobCount:
    """How many jobs a search found: exact up to a limit, past it an estimate (shown as
    "about 10,000 jobs")."""

    number: int
    is_estimate: bool = False


def job_search_count(search: JobSearch, *, exact_up_to: int) -> JobCount:
    """The number of jobs `search` finds, costing no more than reading `exact_up_to`
    of them: counted exactly up to that many (a COUNT over a LIMIT, which stops there),
    estimated past it. Counting 10,000 keyword and radius matches exactly read and
    tested every one of them for a page that shows 20.

    The estimate is PostgreSQL's planner's row estimate for the jobs in the radius's
    bounding box (its statistics know latitude and longitude; they cannot know the
    distance formula) times the circle's share of the box, π/4; rounded, and never
    below the exact limit it passed. Elsewhere (SQLite, `make run`) the exact count.

    An estimate is kept in the cache for a few minutes (ESTIMATE_CACHE_SECONDS): the
    busiest searches (the first page, a city's ZIP) then cost no count at all, and a
    count past the limit does not drop below it within minutes.

    Raises ApplicationError for an unknown ZIP (as `job_search`)."""
    in_box, in_radius, origin = _job_search_querysets(search)
    cache_key = (
        "job-search-estimate:" + hashlib.sha256(repr((search, exact_up_to)).encode()).hexdigest()
    )
    cached = cache.get(cache_key)
    if cached is not None:
        return JobCount(cached, is_estimate=True)
    found = in_radius.order_by().values("pk")[: exact_up_to + 1].count()
    if found <= exact_up_to:
        return JobCount(found)
    if connection.vendor == "postgresql":
        estimate = _planner_row_estimate(in_box.order_by().values("pk"))
        if origin:
            estimate *= math.pi / 4
    else:
        estimate = in_radius.order_by().count()
    number = max(exact_up_to + 1, _rounded_estimate(estimate))
    cache.set(cache_key, number, ESTIMATE_CACHE_SECONDS)
    return JobCount(number, is_estimate=True)


ESTIMATE_CACHE_SECONDS = 300


def _planner_row_estimate(queryset: QuerySet) -> float:
    """PostgreSQL's estimate of the number of rows `queryset` returns (EXPLAIN without
    ANALYZE: planned, never run)."""
    plan = json.loads(queryset.explain(format="json"))
    return float(plan[0]["Plan"]["Plan Rows"])


def _rounded_estimate(number: float) -> int:
    """To two significant figures (9,968 -> 10,000; 1,234 -> 1,200): an estimate does not
    pretend to more."""
    if number < 100:
        return round(number)
    magnitude = 10 ** (len(str(int(number))) - 2)
    return int(round(number / magnitude) * magnitude)


# --- Fairs -------------------------------------------------------------------------------


def _with_booth_counts(fairs: QuerySet[HiringFair]) -> QuerySet[HiringFair]:
    return fairs.annotate(
        booths_taken=Count("booths", filter=Q(booths__status__in=BOOTH_HOLDS_PLACE))
    )


def fairs_public_upcoming() -> QuerySet[HiringFair]:
    """Published fairs that have not ended, soonest first, with `booths_taken`."""
    return _with_booth_counts(
        HiringFair.objects.filter(status=FairStatus.PUBLISHED, ends_at__gte=timezone.now())
    ).order_by("starts_at", "id")


def upcoming_fairs(limit: int = 3) -> list[HiringFair]:
    """For the home page: the next `limit` fairs."""
    return list(fairs_public_upcoming()[:limit])


def fairs_visible_to(*, user: User) -> QuerySet[HiringFair]:
    """Staff: every fair (drafts and past ones too). Others: published fairs, and past
    ones they had a booth at."""
    if is_staff_member(user):
        return _with_booth_counts(HiringFair.objects.all()).order_by("-starts_at", "-id")
    own = employer_id_of(user)
    return _with_booth_counts(
        HiringFair.objects.filter(
            Q(status=FairStatus.PUBLISHED)
            | Q(pk__in=FairBooth.objects.filter(employer_id=own or 0).values("fair_id"))
        )
    ).order_by("starts_at", "id")


def booths_of_employer(*, user: User) -> QuerySet[FairBooth]:
    own = employer_id_of(user)
    if own is None:
        return FairBooth.objects.none()
    return FairBooth.objects.filter(employer_id=own).select_related("fair", "payment")


def booth_of_employer_at(*, fair: HiringFair, employer: Employer) -> FairBooth | None:
    """The employer's booth at `fair` that is not cancelled, or None."""
    return fair.booths.exclude(status=BoothStatus.CANCELLED).filter(employer=employer).first()


def booth_get_for_user(*, user: User, pk: int) -> FairBooth | None:
    """A booth of the user's organization (staff: any), or None: another employer's
    booth does not exist for them."""
    booths = FairBooth.objects.select_related("fair", "payment", "employer")
    if not is_staff_member(user):
        booths = booths.filter(employer_id=employer_id_of(user) or 0)
    return booths.filter(pk=pk).first()


def fair_booths(*, fair: HiringFair, user: User) -> QuerySet[FairBooth]:
    """Staff: every booth of a fair with its employer and payment."""
    if not is_staff_member(user):
        return FairBooth.objects.none()
    return fair.booths.select_related("employer", "payment").order_by("created_at", "id")


# --- Reports ----------------------------------------------------------------------------
# Unscoped on purpose: the outcomes area aggregates these into program figures and decides
# who may see them (placements.outcomes.permissions); no row leaves it.


def employers_for_reports() -> QuerySet[Employer]:
    """Every employer organization, for the program's employer figures."""
    return Employer.objects.order_by()


def jobs_for_reports() -> QuerySet[JobPosting]:
    """Every job posting, for the program's employer figures (jobs posted)."""
    return JobPosting.objects.order_by()


APPROVED_EMPLOYER_STATUS = VettingStatus.APPROVED
