"""Employers and what they do with the program: vetting, the fair-chance hiring policy,
job postings, hiring fairs and their booths (one module per topic; import from here).

Status fields are state machines: each `*Status` has an `ALLOWED_TRANSITIONS` table and
only a service in `employers.services` changes a status, through
`portal.core.transitions.transition_to`.
"""

from employers.models.employers import (
    US_STATES,
    VETTING_TRANSITIONS,
    Employer,
    EmployerInvitation,
    EmployerMembership,
    Industry,
    VettingDecision,
    VettingStatus,
)
from employers.models.fairs import (
    BOOTH_HOLDS_PLACE,
    BOOTH_TRANSITIONS,
    FAIR_TRANSITIONS,
    BoothStatus,
    FairBooth,
    FairKind,
    FairStatus,
    HiringFair,
)
from employers.models.jobs import (
    JOB_TRANSITIONS,
    EmploymentType,
    JobOffenseRule,
    JobPosting,
    JobStatus,
    ShiftPeriod,
    Weekday,
)
from employers.models.policies import (
    DECISION_STRICTNESS,
    BackgroundCheckTiming,
    HiringPolicy,
    OffenseRule,
    OffenseRuleBase,
    PolicyDecision,
    PolicyPart,
    PolicyReason,
    RecordStage,
)

__all__ = [
    "BOOTH_HOLDS_PLACE",
    "BOOTH_TRANSITIONS",
    "DECISION_STRICTNESS",
    "FAIR_TRANSITIONS",
    "JOB_TRANSITIONS",
    "US_STATES",
    "VETTING_TRANSITIONS",
    "BackgroundCheckTiming",
    "BoothStatus",
    "Employer",
    "EmployerInvitation",
    "EmployerMembership",
    "EmploymentType",
    "FairBooth",
    "FairKind",
    "FairStatus",
    "HiringFair",
    "HiringPolicy",
    "Industry",
    "JobOffenseRule",
    "JobPosting",
    "JobStatus",
    "OffenseRule",
    "OffenseRuleBase",
    "PolicyDecision",
    "PolicyPart",
    "PolicyReason",
    "RecordStage",
    "ShiftPeriod",
    "VettingDecision",
    "VettingStatus",
    "Weekday",
]
