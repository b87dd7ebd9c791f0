"""Writes about participants. Every change of state goes through one of these functions:
validated, saved and audited in one transaction. Audit details name fields only, never
their values (the values are personal and often sensitive).

One module per area; import from here: `from jobseekers import services`.
"""

from ._common import PARTICIPANT_OWN_FIELDS, PROFILE_FIELDS, normalize_us_phone
from .custody import custody_event_record, program_exit_record, program_reenrol
from .documents import document_delete, document_upload
from .invitations import CODE_ALPHABET, CODE_LENGTH, format_code, invitation_claim, invitation_issue
from .job_club import attendance_record, job_club_session_create
from .participants import (
    participant_create,
    participant_mark_placed,
    participant_reassign,
    participant_status_change,
    participant_update,
    participant_update_own,
)
from .plan import plan_goal_add, plan_goal_set_status, plan_replace, plan_review
from .referrals import referral_follow_up, referral_make
from .resumes import (
    ENTRY_SHAPES,
    RESUME_TEXT_FIELDS,
    resume_comment_add,
    resume_comment_resolve,
    resume_create,
    resume_save,
    resume_snapshot,
)
from .sensitive import (
    case_note_add,
    consent_set,
    record_entry_add,
    record_entry_delete,
    record_replace,
    supervision_terms_set,
)
from .supports import (
    funding_source_create,
    funding_source_update,
    reserved_amount,
    support_decide,
    support_record,
)
from .texts import (
    help_text,
    job_club_text_reminders_send,
    referral_follow_up_text_send,
    referral_follow_up_texts_send,
    text_delivery_report_record,
    text_message_deliver,
    text_message_render,
    text_message_send,
    text_message_try_send,
    text_messages_send_due,
    text_replies_mark_read,
    text_reply_receive,
)

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "ENTRY_SHAPES",
    "PARTICIPANT_OWN_FIELDS",
    "PROFILE_FIELDS",
    "RESUME_TEXT_FIELDS",
    "attendance_record",
    "case_note_add",
    "consent_set",
    "custody_event_record",
    "document_delete",
    "document_upload",
    "format_code",
    "funding_source_create",
    "funding_source_update",
    "help_text",
    "invitation_claim",
    "invitation_issue",
    "job_club_session_create",
    "job_club_text_reminders_send",
    "normalize_us_phone",
    "participant_create",
    "participant_mark_placed",
    "participant_reassign",
    "participant_status_change",
    "participant_update",
    "participant_update_own",
    "plan_goal_add",
    "plan_goal_set_status",
    "plan_replace",
    "plan_review",
    "program_exit_record",
    "program_reenrol",
    "record_entry_add",
    "record_entry_delete",
    "record_replace",
    "referral_follow_up",
    "referral_follow_up_text_send",
    "referral_follow_up_texts_send",
    "referral_make",
    "reserved_amount",
    "resume_comment_add",
    "resume_comment_resolve",
    "resume_create",
    "resume_save",
    "resume_snapshot",
    "supervision_terms_set",
    "support_decide",
    "support_record",
    "text_delivery_report_record",
    "text_message_deliver",
    "text_message_render",
    "text_message_send",
    "text_message_try_send",
    "text_messages_send_due",
    "text_replies_mark_read",
    "text_reply_receive",
]
