"""Reads of the matching area.

Two kinds: the loaders that turn open jobs and participants into the engine's plain
profiles (a fixed number of queries whatever the count, `.values()` rows, no model
instances for 20,000 jobs), and the scoped reads of stored results for pages and the
API (someone else's participant or job is a 404).

One module at ~530 lines; the profile loaders are the first to move to
`selectors/profiles.py` when it grows.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from employers.models import (
    DECISION_STRICTNESS,
    BoothStatus,
    Employer,
    FairBooth,
    FairKind,
    FairStatus,
    HiringPolicy,
    JobOffenseRule,
    JobPosting,
    JobStatus,
    OffenseRule,
    PolicyDecision,
    VettingStatus,
)
from employers.selectors import open_jobs_public
from jobseekers.models import Participant, ParticipantStatus, Resume, SupervisionTerms
from jobseekers.selectors import (
    participant_for_user_account,
    participants_visible_to,
    record_entries_for_matching,
    supervision_terms_for,
)
from placements.matching import rules
from placements.matching.engine import curfew_note, normalize_term
from placements.matching.models import MatchResult, MatchRun
from placements.matching.permissions import can_see_candidates, can_see_caseload_matches
from placements.matching.profiles import (
    TERM_CERTIFICATION,
    TERM_DESIRED,
    TERM_EXPERIENCE,
    TERM_SKILL,
    Conviction,
    JobProfile,
    ParticipantProfile,
)
from placements.transitional.selectors import readiness_summaries
from portal.core.geo import zip_location
from portal.core.models import User

# --- Readiness (transitional jobs) -------------------------------------------------------


def readiness_for(*, participant_ids) -> dict[int, Decimal]:
    """Each participant's transitional-job work-readiness average (1-5), for those who
    have ratings, from the transitional area's summaries (a fixed number of queries). The
    engine treats a missing average as "no ratings" and leaves that part out of the
    score."""
    summaries = readiness_summaries(participant_ids=participant_ids)
    return {participant_id: summary.average for participant_id, summary in summaries.items()}


# --- Loaders for the engine --------------------------------------------------------------


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip())


def _effective_lookbacks(employer_rules: list[tuple], job_rules: list[tuple]) -> dict:
    """{category: years} (0 considered, None never), the job's own rules tightening the
    employer's (the same rule as `employers.selectors.job_effective_rules`)."""
    chosen: dict[str, tuple[str, int | None]] = {}
    for category, decision, years in [*employer_rules, *job_rules]:
        current = chosen.get(category)
        strictness = (DECISION_STRICTNESS[decision], years or 0)
        if current is None or strictness > (DECISION_STRICTNESS[current[0]], current[1] or 0):
            chosen[category] = (decision, years)
    lookbacks = {}
    for category, (decision, years) in chosen.items():
        if decision == PolicyDecision.NEVER:
            lookbacks[category] = None
        elif decision == PolicyDecision.NOT_WITHIN_YEARS:
            lookbacks[category] = years or 0
    return lookbacks


def open_job_profiles(*, job_ids=None) -> list[JobProfile]:
    """Every open public job (or those of `job_ids` still open) as a `JobProfile`, in six
    queries whatever the number of jobs: jobs, their skills, employers' policies, policy
    rules, jobs' own rules, and the employers with a booth at a fair inside a facility."""
    open_jobs = open_jobs_public()
    if job_ids is not None:
        open_jobs = open_jobs.filter(pk__in=list(job_ids))
    fields = (
        "id",
        "employer_id",
        "title",
        "skills_other",
        "certifications_required",
        "certifications_preferred",
        "zip_code",
        "state",
        "latitude",
        "longitude",
        "transit_accessible",
        "remote",
        "shift_days",
        "shift_start",
        "shift_end",
        "shift_period",
        "works_weekends",
        "wage_max",
        "requires_drivers_license",
        "expires_on",
    )
    jobs = list(open_jobs.order_by("id").values(*fields))
    employer_ids = {job["employer_id"] for job in jobs}
    skills: dict[int, list[str]] = {}
    for row in (
        JobPosting.skills.through.objects.filter(jobposting__in=open_jobs)
        .values_list("jobposting_id", "skill__name", "skill__synonyms")
        .iterator(chunk_size=5000)
    ):
        skills.setdefault(row[0], []).extend([row[1], *(row[2] or [])])
    policies = {
        row["employer_id"]: row
        for row in HiringPolicy.objects.filter(employer__jobs__in=open_jobs)
        .distinct()
        .values("employer_id", "accepts_parole", "accepts_probation")
    }
    employer_rules: dict[int, list[tuple]] = {}
    for row in OffenseRule.objects.filter(policy__employer_id__in=employer_ids).values_list(
        "policy__employer_id", "category", "decision", "years"
    ):
        employer_rules.setdefault(row[0], []).append(row[1:])
    job_rules: dict[int, list[tuple]] = {}
    for row in JobOffenseRule.objects.filter(job__in=open_jobs).values_list(
        "job_id", "category", "decision", "years"
    ):
        job_rules.setdefault(row[0], []).append(row[1:])
    facility_employers = set(
        FairBooth.objects.filter(
            employer_id__in=employer_ids,
            fair__kind=FairKind.FACILITY,
            fair__status__in=[FairStatus.PUBLISHED, FairStatus.COMPLETED],
            fair__ends_at__gte=timezone.now() - timedelta(days=365),
        )
        .exclude(status=BoothStatus.CANCELLED)
        .values_list("employer_id", flat=True)
    )
    profiles = []
    for job in jobs:
        location = zip_location(job["zip_code"])
        policy = policies.get(job["employer_id"], {})
        profiles.append(
            JobProfile(
                id=job["id"],
                employer_id=job["employer_id"],
                title=job["title"],
                skills=(*skills.get(job["id"], ()), *_split(job["skills_other"])),
                certifications_required=_split(job["certifications_required"]),
                certifications_preferred=_split(job["certifications_preferred"]),
                latitude=job["latitude"],
                longitude=job["longitude"],
                county=location.county if location else "",
                state=location.state if location else (job["state"] or ""),
                transit_accessible=job["transit_accessible"],
                remote=job["remote"],
                shift_days=tuple(day for day in (job["shift_days"] or "").split(",") if day),
                shift_start=job["shift_start"],
                shift_end=job["shift_end"],
                shift_period=job["shift_period"] or "",
                works_weekends=job["works_weekends"],
                wage_max=job["wage_max"],
                requires_drivers_license=job["requires_drivers_license"],
                lookback_years=_effective_lookbacks(
                    employer_rules.get(job["employer_id"], []), job_rules.get(job["id"], [])
                ),
                accepts_parole=policy.get("accepts_parole", True),
                accepts_probation=policy.get("accepts_probation", True),
                hires_at_facility_fairs=job["employer_id"] in facility_employers,
                expires_on=job["expires_on"],
            )
        )
    return profiles


def open_jobs_signature() -> tuple:
    """What changes when the open jobs or their policies change, in one aggregate query:
    how many jobs are open, the newest open one, and the last change of any job (closing
    one included), employer policy or vetting decision (approving or suspending an
    employer shows or hides its jobs). A stored index with another signature gets the
    changes since it was built applied (`job_index.live_job_index`)."""
    open_filter = Q(status=JobStatus.OPEN, employer__status=VettingStatus.APPROVED)
    row = JobPosting.objects.aggregate(
        count=Count("id", filter=open_filter),
        last_id=Max("id", filter=open_filter),
        updated=Max("updated_at"),
    )
    employers = Employer.objects.aggregate(
        policy=Max("hiring_policy__updated_at"), vetted=Max("vetted_at")
    )
    return (row["count"], row["last_id"], row["updated"], employers["policy"], employers["vetted"])


def jobs_last_changed() -> datetime | None:
    """The last change of any job, employer policy or vetting decision: what
    `jobs_changed_at(open_jobs_signature())` gives, without counting the open jobs (two
    index steps and a pass over the employers' rows), for the page that only needs to
    know whether stored matches are older than a change."""
    updated = JobPosting.objects.aggregate(updated=Max("updated_at"))["updated"]
    employers = Employer.objects.aggregate(
        policy=Max("hiring_policy__updated_at"), vetted=Max("vetted_at")
    )
    moments = [moment for moment in (updated, employers["policy"], employers["vetted"]) if moment]
    return max(moments, default=None)


def jobs_changed_at(signature: tuple) -> datetime | None:
    """The last change of any job, policy or vetting decision in a signature (stored
    matches older than that may miss a new job or show a closed one's place)."""
    moments = [moment for moment in signature[2:] if moment is not None]
    return max(moments, default=None)


def open_job_ids() -> list[int]:
    """The ids of every open public job, one query."""
    return list(open_jobs_public().order_by().values_list("id", flat=True))


def open_jobs_changed_since(moment: datetime) -> list[int]:
    """Open public jobs changed, or whose employer's policy changed, after `moment`."""
    return list(
        open_jobs_public()
        .filter(Q(updated_at__gt=moment) | Q(employer__hiring_policy__updated_at__gt=moment))
        .order_by()
        .values_list("id", flat=True)
    )


def _has_licence(transport, certifications) -> bool:
    if "car" in (transport or []):
        return True
    return any(
        word in normalize_term(name).split()
        for name in certifications
        for word in ("driver", "drivers", "cdl")
    )


def participant_profiles(*, participant_ids, today: date | None = None) -> list[ParticipantProfile]:
    """The engine's view of these participants, in six queries whatever their number:
    profiles, skills, supervision terms, convictions (`record_entries_for_matching`,
    internal use: no access-log row, nothing of it is ever shown), résumés, and the
    work-readiness averages. Supervision counts only while it lasts."""
    today = today or timezone.localdate()
    ids = list(participant_ids)
    rows = list(
        Participant.objects.filter(pk__in=ids).values(
            "id",
            "first_name",
            "last_name",
            "preferred_name",
            "zip_code",
            "release_date",
            "transport",
            "desired_job_titles",
            "preferred_shifts",
            "wage_floor",
        )
    )
    skills: dict[int, list[tuple[str, str]]] = {}
    for participant_id, name, synonyms, name_es in Participant.skills.through.objects.filter(
        participant_id__in=ids
    ).values_list("participant_id", "skill__name", "skill__synonyms", "skill__name_es"):
        skills.setdefault(participant_id, []).extend(
            (term, name_es) for term in [name, *(synonyms or [])]
        )
    supervision = {
        row["participant_id"]: row
        for row in SupervisionTerms.objects.filter(participant_id__in=ids).values(
            "participant_id",
            "supervision_type",
            "ends_on",
            "curfew_start",
            "curfew_end",
            "travel_limit",
        )
    }
    record = record_entries_for_matching(participant_ids=ids)
    resumes: dict[int, list[dict]] = {}
    for row in Resume.objects.filter(participant_id__in=ids).values(
        "participant_id", "experience", "certifications", "skills"
    ):
        resumes.setdefault(row["participant_id"], []).append(row)
    readiness = readiness_for(participant_ids=ids)

    profiles = []
    for row in rows:
        terms: list[tuple[str, str]] = []
        spanish: dict[tuple[str, str], str] = {}
        for name, name_es in skills.get(row["id"], []):
            terms.append((TERM_SKILL, name))
            if name_es:
                spanish.setdefault((TERM_SKILL, name), name_es)
        certifications = []
        for resume in resumes.get(row["id"], []):
            for item in resume["certifications"] or []:
                if isinstance(item, dict) and item.get("name"):
                    certifications.append(str(item["name"]))
            for item in resume["experience"] or []:
                if isinstance(item, dict) and item.get("title"):
                    terms.append((TERM_EXPERIENCE, str(item["title"])))
            terms.extend((TERM_SKILL, part) for part in _split(resume["skills"]))
        terms.extend((TERM_CERTIFICATION, name) for name in certifications)
        terms.extend((TERM_DESIRED, str(title)) for title in row["desired_job_titles"] or [])
        # Keep the first wording of each term (duplicates only slow the comparison).
        # Certificates first, then work done: when two terms match a job equally, the
        # reason names the stronger evidence ("Your forklift certificate matches").
        order = {TERM_CERTIFICATION: 0, TERM_EXPERIENCE: 1, TERM_SKILL: 2, TERM_DESIRED: 3}
        terms.sort(key=lambda term: order[term[0]])
        seen, unique_terms = set(), []
        for kind, text in terms:
            key = (kind, normalize_term(text))
            if key[1] and key not in seen:
                seen.add(key)
                unique_terms.append((kind, text))
        location = zip_location(row["zip_code"] or "")
        terms_of_supervision = supervision.get(row["id"], {})
        supervised = terms_of_supervision.get("supervision_type", "none")
        ends_on = terms_of_supervision.get("ends_on")
        if ends_on is not None and ends_on < today:
            supervised = "none"
        profiles.append(
            ParticipantProfile(
                id=row["id"],
                display_name=(
                    f"{row['preferred_name'] or row['first_name']} {row['last_name']}".strip()
                ),
                terms=tuple(unique_terms),
                term_names_es=tuple(spanish.get(term, "") for term in unique_terms),
                latitude=location.latitude if location else None,
                longitude=location.longitude if location else None,
                county=location.county if location else "",
                state=location.state if location else "",
                zip_code=row["zip_code"] or "",
                zip_known=location is not None,
                release_date=row["release_date"],
                convictions=tuple(
                    Conviction(entry.offense_category, entry.convicted_on, entry.released_on)
                    for entry in record.get(row["id"], [])
                ),
                supervision_type=supervised,
                curfew_start=terms_of_supervision.get("curfew_start"),
                curfew_end=terms_of_supervision.get("curfew_end"),
                travel_limit=terms_of_supervision.get("travel_limit") or "none",
                transport=frozenset(row["transport"] or []),
                has_drivers_license=_has_licence(row["transport"], certifications),
                preferred_shifts=frozenset(row["preferred_shifts"] or []),
                wage_floor=row["wage_floor"],
                readiness=readiness.get(row["id"]),
            )
        )
    return profiles


def active_participant_ids() -> QuerySet:
    """Who the nightly run matches: active participants (placed people have a job)."""
    return (
        Participant.objects.filter(status=ParticipantStatus.ACTIVE)
        .order_by("id")
        .values_list("id", flat=True)
    )


# --- Stored results, scoped --------------------------------------------------------------


def match_run_of(*, participant: Participant) -> MatchRun | None:
    return MatchRun.objects.filter(participant=participant).first()


def matches_of(*, participant: Participant, limit: int | None = None) -> list[MatchResult]:
    """The stored matches of a participant the caller may see (it comes from
    `participant_get_for_user`), best first, with each job and its employer: one query
    whatever the number. Jobs closed since the run are left out."""
    results = (
        MatchResult.objects.filter(participant=participant, job__in=open_jobs_public())
        .select_related("job__employer")
        .order_by("rank")
    )
    return list(results[:limit] if limit else results)


def matches_last_changed(*, participant: Participant) -> datetime | None:
    """The last change of what matching reads about the person (profile, résumés,
    supervision terms, record): one query."""
    row = Participant.objects.filter(pk=participant.pk).aggregate(
        resumes=Max("resumes__updated_at"),
        supervision=Max("supervision_terms__updated_at"),
        record=Max("record_entries__created_at"),
    )
    moments = [participant.updated_at, *row.values()]
    return max((moment for moment in moments if moment is not None), default=None)


def matches_are_stale(
    *,
    participant: Participant,
    run: MatchRun | None,
    max_age: timedelta,
    jobs_changed_at: datetime | None = None,
) -> bool:
    """No run yet, a run older than `max_age`, older than the last change of a job or
    policy (`jobs_changed_at`), or older than the person's last change."""
    if run is None:
        return True
    if run.computed_at < timezone.now() - max_age:
        return True
    if jobs_changed_at is not None and jobs_changed_at > run.computed_at:
        return True
    changed = matches_last_changed(participant=participant)
    return changed is not None and changed > run.computed_at


def job_get_for_staff(*, user: User, job_id) -> JobPosting:
    """Any job, for staff (candidates); anyone else, employers included, 404."""
    if not can_see_candidates(user):
        raise Http404
    try:
        return JobPosting.objects.select_related("employer").get(pk=int(job_id))
    except (JobPosting.DoesNotExist, TypeError, ValueError) as error:
        raise Http404 from error


def candidates_for_job(*, user: User, job: JobPosting) -> QuerySet[MatchResult]:
    """Staff: the participants the stored runs ranked this job for, from the caller's
    caseload (admins: everyone), best score first, one query. Employers and everyone
    else get nothing. `filters.CandidateFilter` narrows it (availability, readiness)."""
    if not can_see_candidates(user):
        return MatchResult.objects.none()
    return (
        MatchResult.objects.filter(
            job=job, participant__in=participants_visible_to(user=user).values("pk")
        )
        .select_related("participant", "participant__match_run")
        .order_by("-score", "participant_id")
    )


def new_matches_count_for_caseload(*, user: User, since: datetime) -> int:
    """Staff dashboard: matches found for the caseload since `since`."""
    if not can_see_caseload_matches(user):
        return 0
    return MatchResult.objects.filter(
        participant__in=participants_visible_to(user=user).values("pk"), computed_at__gte=since
    ).count()


# How many of the caseload's most recently matched people the dashboard's "new
# matches" look at: enough for five good ones, few enough that the read stays the same
# size with 50,000 people and a million stored matches.
RECENTLY_MATCHED_PEOPLE = 50


def caseload_top_matches(*, user: User, limit: int = 5) -> list[MatchResult]:
    """Staff dashboard: the best new matches (computed within the last day, job still
    open) of the caseload's `RECENTLY_MATCHED_PEOPLE` most recently matched people, each
    person's `limit` best only; one query.

    A bounded slice, not a sort of every stored match (the admin's caseload is every
    participant): the newest match runs come from the index on `MatchRun.computed_at`
    (or, for a facilitator, from their participants), their results from the
    (participant, rank) index, at most RECENTLY_MATCHED_PEOPLE x `limit` rows sorted."""
    if not can_see_caseload_matches(user):
        return []
    since = timezone.now() - timedelta(days=1)
    recently_matched = (
        MatchRun.objects.filter(
            participant__in=participants_visible_to(user=user).values("pk"),
            computed_at__gte=since,
        )
        .order_by("-computed_at")
        .values("participant_id")[:RECENTLY_MATCHED_PEOPLE]
    )
    return list(
        MatchResult.objects.filter(
            participant_id__in=recently_matched,
            rank__lte=limit,
            job__in=open_jobs_public(),
            computed_at__gte=since,
        )
        .select_related("participant", "job__employer")
        .order_by("-score", "-computed_at", "id")[:limit]
    )


def curfew_note_for(*, user: User, job) -> dict | None:
    """For a signed-in participant with a curfew looking at a job: how the shift's end
    sits against their curfew and the travel time home (`engine.curfew_note`: fits,
    too close to get home, or inside the curfew), as a reason dict for
    `reasons.text_of`. None for anyone else, with no curfew, or for remote work. The
    person reads their own terms, so no access-log row is written."""
    participant = participant_for_user_account(user=user)
    if participant is None:
        return None
    terms = supervision_terms_for(participant=participant, viewer=user, why="job page")
    if terms is None or not terms.has_curfew:
        return None
    return curfew_note(
        JobProfile(
            id=job.pk,
            title=job.title,
            remote=job.remote,
            shift_days=tuple(day for day in (job.shift_days or "").split(",") if day),
            shift_start=job.shift_start,
            shift_end=job.shift_end,
            shift_period=job.shift_period or "",
        ),
        ParticipantProfile(
            id=participant.pk, curfew_start=terms.curfew_start, curfew_end=terms.curfew_end
        ),
        rules.curfew_travel_buffer_minutes(),
    )
