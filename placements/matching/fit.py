"""Jobs that don't fit (issue 14): the supervision terms and travel limits a job breaks
for one participant, said in plain words before anyone applies.

The rules are the matching engine's own hard rules, run for the one pair
(`engine.check_pair`), so the job page, the apply form, the application service and
the match list never disagree. Of those rules, the ones about the person's
circumstances count here (`FIT_RULES`): curfew, travel area, transport, and an employer
that does not take people on parole or probation. The employer's policy against the
record is left to the fair-chance steps (an individual assessment, never a warning),
and a missing licence or certificate is a requirement the job page lists already.

Conflicts are plain dicts (`{"rule": "travel", "code": "outside_state", ...}`), kept as
they are on an application confirmed by staff, and read in the reader's language by
`conflict_text`. They speak of "the curfew" and "the supervision terms", never of the
record, and read the same to the participant and to their staff.
"""

from dataclasses import dataclass, field
from datetime import date, time

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from jobseekers.models import Participant
from jobseekers.permissions import can_view_supervision, is_self
from jobseekers.selectors import (
    participant_for_user_account,
    participants_visible_to,
    supervision_terms_for,
)
from placements.matching import rules
from placements.matching.engine import check_pair, curfew_note, minutes_before_curfew
from placements.matching.profiles import (
    RULE_CURFEW,
    RULE_SUPERVISION,
    RULE_TRANSPORT,
    RULE_TRAVEL,
    JobProfile,
    ParticipantProfile,
)
from placements.matching.reasons import _duration
from placements.matching.selectors import open_job_profiles, participant_profiles
from portal.core.models import User
from portal.core.templatetags.formatting import time_display

# The hard rules about a person's circumstances, in the order they are shown.
FIT_RULES = (RULE_CURFEW, RULE_TRAVEL, RULE_TRANSPORT, RULE_SUPERVISION)


@dataclass(frozen=True)
class JobFit:
    """What a page shows about one participant and one job: the conflicts (plain
    dicts, empty when the job fits), whether the reader is the participant, and who to
    ask (their facilitator)."""

    participant: Participant
    conflicts: list[dict] = field(default_factory=list)
    for_participant: bool = False

    @property
    def texts(self) -> list[str]:
        return conflict_texts(self.conflicts)

    @property
    def facilitator(self) -> User | None:
        return self.participant.facilitator


def _clock(moment: time) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _curfew_conflict(job: JobProfile, person: ParticipantProfile) -> dict:
    if person.curfew_all_day:
        return {"rule": RULE_CURFEW, "code": "curfew_all_day"}
    buffer = rules.curfew_travel_buffer_minutes()
    note = curfew_note(job, person, buffer) or {}
    params = {
        "rule": RULE_CURFEW,
        "start": _clock(job.shift_start),
        "end": _clock(job.shift_end),
        "curfew": _clock(person.curfew_start),
        "curfew_end": _clock(person.curfew_end),
    }
    if note.get("code") == "shift_near_curfew":
        gap = minutes_before_curfew(job.shift_end, person.curfew_start)
        return {**params, "code": "shift_near_curfew", "gap": gap, "buffer": buffer}
    return {**params, "code": "shift_in_curfew"}


def _travel_conflict(job: JobProfile, person: ParticipantProfile, place: str) -> dict:
    if person.travel_limit == "county":
        return {
            "rule": RULE_TRAVEL,
            "code": "outside_county",
            "place": place,
            "county": person.county,
        }
    return {"rule": RULE_TRAVEL, "code": "outside_state", "place": place}


def _supervision_conflict(person: ParticipantProfile) -> dict:
    return {"rule": RULE_SUPERVISION, "code": f"employer_no_{person.supervision_type}"}


def conflicts_between(
    job: JobProfile, person: ParticipantProfile, *, place: str, today: date
) -> list[dict]:
    """The conflicts of one job profile and one participant profile (no database):
    `engine.check_pair`'s broken rules among `FIT_RULES`, each with what its sentence
    needs. `place` names where the job is ("Kansas City, KS")."""
    check = check_pair(job, person, today=today, limits=rules.matching_limits())
    conflicts = []
    for rule in FIT_RULES:
        if rule not in check.broken:
            continue
        if rule == RULE_CURFEW:
            conflicts.append(_curfew_conflict(job, person))
        elif rule == RULE_TRAVEL:
            conflicts.append(_travel_conflict(job, person, place))
        elif rule == RULE_TRANSPORT:
            conflicts.append({"rule": rule, "code": "too_far_without_car", "miles": check.miles})
        elif rule == RULE_SUPERVISION:
            conflicts.append(_supervision_conflict(person))
    return conflicts


def job_fit_conflicts(
    *, participant: Participant, job, viewer: User, today: date | None = None
) -> list[dict]:
    """The supervision terms and travel limits `job` breaks for `participant`, as
    conflict dicts (empty: it fits, or the job is not open to applications, or the
    viewer may not read the terms). A read of the supervision terms: writes an AccessLog
    row ("supervision_terms", "job:<id>") unless the viewer is the participant. About a
    dozen queries whatever the data (a job page or one application, never a list)."""
    if not can_view_supervision(viewer, participant):
        return []
    jobs = open_job_profiles(job_ids=[job.pk])
    if not jobs:
        return []
    today = today or timezone.localdate()
    supervision_terms_for(participant=participant, viewer=viewer, why=f"job:{job.pk}")
    person = participant_profiles(participant_ids=[participant.pk], today=today)[0]
    place = ", ".join(part for part in (job.city, job.state) if part) or job.zip_code
    return conflicts_between(jobs[0], person, place=place, today=today)


def job_fit_for(*, user: User, job, participant_id=None) -> JobFit | None:
    """For a job page or the apply form: the signed-in participant's fit with `job`, or,
    for staff, the fit of the caseload participant `participant_id` (None when not
    given, not theirs, or for anyone else)."""
    if not user.is_authenticated:
        return None
    participant = participant_for_user_account(user=user)
    if participant is None and participant_id not in (None, ""):
        try:
            wanted = int(participant_id)
        except (TypeError, ValueError):
            return None
        participant = (
            participants_visible_to(user=user)
            .select_related("facilitator")
            .filter(pk=wanted)
            .first()
        )
    if participant is None:
        return None
    return job_fit_of(participant=participant, job=job, viewer=user)


def job_fit_of(*, participant: Participant, job, viewer: User) -> JobFit:
    """`job_fit_conflicts` with who reads it, for a page (the apply form)."""
    return JobFit(
        participant=participant,
        conflicts=job_fit_conflicts(participant=participant, job=job, viewer=viewer),
        for_participant=is_self(viewer, participant),
    )


# --- Words -------------------------------------------------------------------------------


def _time_of(value: str) -> str:
    hour, minute = (int(part) for part in value.split(":"))
    return time_display(time(hour, minute))


def _miles(value) -> str:
    return formats.number_format(value, decimal_pos=1 if value < 10 else 0)


def conflict_text(item: dict) -> str:
    """The sentence for one conflict in the active language (plain words, read the same
    by the participant and their staff); "" for an unknown code."""
    code = item.get("code", "")
    if code == "shift_in_curfew":
        return _(
            "The shift runs from %(start)s to %(end)s, and the curfew from %(curfew)s to "
            "%(curfew_end)s: part of the shift falls in the curfew."
        ) % {
            "start": _time_of(item["start"]),
            "end": _time_of(item["end"]),
            "curfew": _time_of(item["curfew"]),
            "curfew_end": _time_of(item["curfew_end"]),
        }
    if code == "shift_near_curfew":
        if not item.get("gap"):
            return _(
                "The shift ends at %(end)s, just when the curfew starts. There is no time "
                "to get home."
            ) % {"end": _time_of(item["end"])}
        return _(
            "The shift ends at %(end)s, only %(gap)s before the %(curfew)s curfew. Plan on "
            "%(buffer)s to get home."
        ) % {
            "end": _time_of(item["end"]),
            "curfew": _time_of(item["curfew"]),
            "gap": _duration(item["gap"]),
            "buffer": _duration(item["buffer"]),
        }
    texts = {
        "curfew_all_day": lambda: _("The curfew covers the whole day. Only work from home fits."),
        "outside_state": lambda: (
            _(
                "This job is in %(place)s, in another state. The supervision terms do not "
                "allow leaving the state."
            )
            % {"place": item["place"]}
        ),
        "outside_county": lambda: (
            _(
                "This job is in %(place)s, outside %(county)s. The supervision terms do not "
                "allow leaving the county."
            )
            % {"place": item["place"], "county": item.get("county") or _("the home county")}
        ),
        "too_far_without_car": lambda: (
            _(
                "This job is %(miles)s miles from home and not on a bus line. That is too "
                "far to get to without a car."
            )
            % {"miles": _miles(item["miles"])}
            if item.get("miles") is not None
            else _("This job is not on a bus line. Without a car, it may be too hard to reach.")
        ),
        "employer_no_parole": lambda: _("This employer does not hire people on parole."),
        "employer_no_probation": lambda: _("This employer does not hire people on probation."),
    }
    maker = texts.get(code)
    return maker() if maker else ""


def conflict_texts(items) -> list[str]:
    """`conflict_text` of each conflict, skipping unknown codes."""
    return [text for text in (conflict_text(item) for item in items or []) if text]
