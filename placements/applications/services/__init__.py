"""Writes of the applications area: applying, the state machine, the fair-chance steps,
placements, retention checks, the tax-credit screening and bonding requests, and the
reminder emails. Import from here: `from placements.services import applications`."""

from ._common import CannotApplyError, FairChanceStepError, IllegalMoveError, InvalidInputError
from .applying import application_submit
from .fair_chance import (
    record_review_assess,
    record_review_decide,
    record_review_respond,
    record_review_send_notice,
)
from .placements import (
    OutsidePlacement,
    bonding_request_create,
    bonding_request_decide,
    placement_record_outside,
    placement_separate,
    retention_check_record,
    wotc_eligibility,
    wotc_update,
)
from .reminders import interview_reminders_send, retention_digest_send
from .transitions import HireDetails, InterviewDetails, application_transition, interview_add

__all__ = [
    "CannotApplyError",
    "FairChanceStepError",
    "HireDetails",
    "IllegalMoveError",
    "InterviewDetails",
    "InvalidInputError",
    "OutsidePlacement",
    "application_submit",
    "application_transition",
    "bonding_request_create",
    "bonding_request_decide",
    "interview_add",
    "interview_reminders_send",
    "placement_record_outside",
    "placement_separate",
    "record_review_assess",
    "record_review_decide",
    "record_review_respond",
    "record_review_send_notice",
    "retention_check_record",
    "retention_digest_send",
    "wotc_eligibility",
    "wotc_update",
]
