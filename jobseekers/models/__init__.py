"""Participants and everything about them: supervision terms, record, consents, case
notes, custody events and program exits, referrals, résumés, job club, invitations,
documents, direct supports (with their funding sources) and the employment plan;
one module per subject, every public name re-exported here
(`from jobseekers.models import Participant`).

Who may see what is decided in `permissions.py` and enforced by `selectors.py`
(DESIGN.md, "Roles and what each may see"). Writes go through `services/`.

The historical migration 0002 refers to `jobseekers.models.private_storage` and
`jobseekers.models.document_storage_name`: both stay importable from here.
"""

from .consents import Consent, ConsentKind
from .custody import (
    RETURN_TO_CUSTODY_KINDS,
    CustodyEvent,
    CustodyEventKind,
    ProgramExit,
    ProgramExitReason,
)
from .documents import DocumentKind, ParticipantDocument, document_storage_name, private_storage
from .invitations import Invitation
from .job_club import Attendance, AttendanceStatus, JobClubSession, JobClubTopic
from .notes import CaseNote, CaseNoteKind
from .participants import (
    ALLOWED_STATUS_TRANSITIONS,
    CustodyReturnType,
    Gender,
    Housing,
    Language,
    Participant,
    ParticipantStatus,
    Program,
    RiskLevel,
    Shift,
    Transport,
    format_us_phone,
)
from .plan import EmploymentPlan, GoalOwner, GoalStatus, NeedKey, NeedState, PlanGoal, PlanNeed
from .record import OffenseLevel, RecordEntry
from .referrals import OPEN_REFERRAL_STATUSES, Referral, ReferralNeed, ReferralStatus
from .resumes import (
    EducationKind,
    ExperienceKind,
    Resume,
    ResumeComment,
    ResumeSection,
    ResumeVersion,
)
from .supervision import SupervisionTerms, SupervisionType, TravelLimit
from .supports import (
    ALLOWED_SUPPORT_TRANSITIONS,
    RESERVING_SUPPORT_STATUSES,
    FundingSource,
    Support,
    SupportKind,
    SupportStatus,
)
from .texts import (
    TEXT_MESSAGE_TRANSITIONS,
    TextDirection,
    TextMessage,
    TextMessageKind,
    TextMessageStatus,
)

__all__ = [
    "ALLOWED_STATUS_TRANSITIONS",
    "ALLOWED_SUPPORT_TRANSITIONS",
    "OPEN_REFERRAL_STATUSES",
    "RESERVING_SUPPORT_STATUSES",
    "RETURN_TO_CUSTODY_KINDS",
    "TEXT_MESSAGE_TRANSITIONS",
    "Attendance",
    "AttendanceStatus",
    "CaseNote",
    "CaseNoteKind",
    "Consent",
    "ConsentKind",
    "CustodyEvent",
    "CustodyEventKind",
    "CustodyReturnType",
    "DocumentKind",
    "EducationKind",
    "EmploymentPlan",
    "ExperienceKind",
    "FundingSource",
    "Gender",
    "GoalOwner",
    "GoalStatus",
    "Housing",
    "Invitation",
    "JobClubSession",
    "JobClubTopic",
    "Language",
    "NeedKey",
    "NeedState",
    "OffenseLevel",
    "Participant",
    "ParticipantDocument",
    "ParticipantStatus",
    "PlanGoal",
    "PlanNeed",
    "Program",
    "ProgramExit",
    "ProgramExitReason",
    "RecordEntry",
    "Referral",
    "ReferralNeed",
    "ReferralStatus",
    "Resume",
    "ResumeComment",
    "ResumeSection",
    "ResumeVersion",
    "RiskLevel",
    "Shift",
    "SupervisionTerms",
    "SupervisionType",
    "Support",
    "SupportKind",
    "SupportStatus",
    "TextDirection",
    "TextMessage",
    "TextMessageKind",
    "TextMessageStatus",
    "Transport",
    "TravelLimit",
    "document_storage_name",
    "format_us_phone",
    "private_storage",
]
