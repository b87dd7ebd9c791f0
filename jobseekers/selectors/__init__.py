"""Reads about participants, scoped to the user (DESIGN.md, "Roles and what each may
see"): someone else's participant is not in the queryset, so it is a 404. Sensitive reads
write an AccessLog row for every reader but the participant.

One module per subject (STYLE.md: a module past ~500 lines grows into a package);
every public name is re-exported here, so callers keep `from jobseekers import
selectors` and `from jobseekers.selectors import ...`.
"""

from .participants import (  # noqa: F401
    WHY_ADMIN,
    WHY_CASELOAD,
    CaseloadFilters,
    access_log_for,
    access_reason,
    attendance_for_reports,
    attendance_of,
    case_notes_for,
    caseload_filter,
    caseload_for,
    consent_history,
    consent_in_force,
    consents_current,
    custody_events_for,
    custody_events_for_figures,
    document_get_for_user,
    documents_of,
    job_club_session_get_for_staff,
    job_club_sessions_for,
    participant_duplicates,
    participant_for_request,
    participant_for_user_account,
    participant_get_for_user,
    participants_for_reports,
    participants_visible_to,
    program_exit_open,
    program_exits_for_figures,
    program_exits_for_reports,
    program_exits_of,
    record_entries_for,
    record_entries_for_matching,
    record_summary_for,
    referrals_for_reports,
    resume_comments,
    resume_get_for_user,
    resume_latest_version,
    resume_version_get,
    resumes_for_reports,
    resumes_of,
    resumes_visible_to,
    session_roster,
    supervision_terms_for,
    supports_for_reports,
)
from .referrals import (  # noqa: F401
    referral_get_for_user,
    referrals_follow_up_due,
    referrals_follow_up_due_for_staff,
    referrals_for,
)
from .resumes import resume_sections_done  # noqa: F401
from .supports import (  # noqa: F401
    funding_source_get_for_admin,
    funding_sources_with_left,
    plan_goal_get_for_user,
    plan_needs_table,
    plan_of,
    support_get_pending_for_admin,
    supports_of,
    supports_pending_approval,
    supports_received,
)
from .texts import (  # noqa: F401
    participants_agreeing_to_texts,
    text_consent_in_force,
    text_messages_for,
    text_replies_unread_for,
)
