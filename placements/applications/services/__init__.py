"""Writes of the applications area: applying, the state machine, the fair-chance steps,
placements, retention checks, the tax-credit screening and bonding requests, and the
reminder emails. Import from here: `from placements.applications import services`. The
area's errors live in `placements.applications.exceptions` (re-exported here)."""

from placements.applications.exceptions import (
    CannotApplyError,
    FairChanceStepError,
    InvalidInputError,
    JobDoesNotFitError,
)

from .applying import (
    application_fit_review_request,
    application_submit,
    fit_question_answer,
    fit_questions_close_applied,
)
from .bonding import bonding_request_create, bonding_request_decide
from .fair_chance import (
    record_review_assess,
    record_review_decide,
    record_review_respond,
    record_review_send_notice,
)
from .placements import (
    OutsidePlacement,
    placement_record_outside,
    placement_separate,
    retention_check_record,
)
from .reminders import (
    interview_reminders_send,
    retention_check_in_texts_send,
    retention_digest_send,
)
from .transitions import HireDetails, InterviewDetails, application_transition, interview_add
from .wotc import wotc_eligibility, wotc_update

__all__ = [
    "CannotApplyError",
    "FairChanceStepError",
    "HireDetails",
    "InterviewDetails",
    "InvalidInputError",
    "JobDoesNotFitError",
    "OutsidePlacement",
    "application_fit_review_request",
    "application_submit",
    "application_transition",
    "bonding_request_create",
    "bonding_request_decide",
    "fit_question_answer",
    "fit_questions_close_applied",
    "interview_add",
    "interview_reminders_send",
    "placement_record_outside",
    "placement_separate",
    "record_review_assess",
    "record_review_decide",
    "record_review_respond",
    "record_review_send_notice",
    "retention_check_in_texts_send",
    "retention_check_record",
    "retention_digest_send",
    "wotc_eligibility",
    "wotc_update",
]
