from django.urls import path

from .views import (
    documents,
    job_club,
    plan,
    referrals,
    resumes,
    self_service,
    staff,
    supports,
    texts,
)

app_name = "jobseekers"

urlpatterns = [
    # Staff
    path("participants/", staff.caseload, name="caseload"),
    path("participants/new/", staff.intake_start, name="intake"),
    path("participants/new/check/", staff.intake_check, name="intake-check"),
    path("participants/new/<slug:step>/", staff.intake_step, name="intake-step"),
    path("participants/<int:participant_id>/", staff.participant_detail, name="participant"),
    path(
        "participants/<int:participant_id>/edit/",
        staff.participant_edit,
        name="participant-edit",
    ),
    path(
        "participants/<int:participant_id>/supervision/",
        staff.supervision_edit,
        name="supervision-edit",
    ),
    path("participants/<int:participant_id>/record/add/", staff.record_add, name="record-add"),
    path(
        "participants/<int:participant_id>/record/<int:entry_id>/delete/",
        staff.record_delete,
        name="record-delete",
    ),
    path("participants/<int:participant_id>/notes/add/", staff.note_add, name="note-add"),
    path("participants/<int:participant_id>/status/", staff.status_change, name="status"),
    path(
        "participants/<int:participant_id>/custody-events/add/",
        staff.custody_event_add,
        name="custody-event-add",
    ),
    path("participants/<int:participant_id>/exit/", staff.program_exit_add, name="program-exit"),
    path(
        "participants/<int:participant_id>/reenrol/", staff.program_reenrol, name="program-reenrol"
    ),
    path("participants/<int:participant_id>/reassign/", staff.reassign, name="reassign"),
    path(
        "participants/<int:participant_id>/invitation/",
        staff.invitation_issue,
        name="invitation-issue",
    ),
    path(
        "participants/<int:participant_id>/consents/",
        staff.consent_change,
        name="consent-change",
    ),
    path(
        "participants/<int:participant_id>/texts/",
        texts.text_messages_page,
        name="text-messages",
    ),
    path(
        "participants/<int:participant_id>/texts/read/",
        texts.text_replies_read,
        name="text-replies-read",
    ),
    path(
        "participants/<int:participant_id>/access-log/",
        staff.access_log_page,
        name="access-log",
    ),
    path(
        "participants/<int:participant_id>/resumes/new/",
        resumes.resume_new_for_participant,
        name="resume-new",
    ),
    path(
        "participants/<int:participant_id>/documents/",
        documents.participant_documents,
        name="documents",
    ),
    path(
        "participants/<int:participant_id>/supports/",
        supports.participant_supports,
        name="supports",
    ),
    path("participants/<int:participant_id>/plan/", plan.participant_plan, name="plan"),
    path("participants/<int:participant_id>/plan/needs/", plan.plan_needs_save, name="plan-needs"),
    path("participants/<int:participant_id>/plan/goals/", plan.plan_goal_add, name="plan-goal-add"),
    path("participants/<int:participant_id>/plan/review/", plan.plan_review, name="plan-review"),
    path("plan-goals/<int:goal_id>/status/", plan.goal_status, name="goal-status"),
    path("supports/approvals/", supports.support_approvals, name="support-approvals"),
    path("supports/<int:support_id>/decision/", supports.support_decide, name="support-decide"),
    path("supports/funding-sources/", supports.funding_sources, name="funding-sources"),
    path(
        "supports/funding-sources/<int:funding_source_id>/",
        supports.funding_source_edit,
        name="funding-source-edit",
    ),
    path(
        "participants/<int:participant_id>/referrals/add/",
        referrals.referral_add,
        name="referral-add",
    ),
    path("referrals/<int:referral_id>/", referrals.referral_detail, name="referral"),
    path("job-club/", job_club.sessions, name="job-club"),
    path("job-club/<int:session_id>/", job_club.session_attendance, name="job-club-session"),
    # Résumés (participant and staff)
    path("resumes/<int:resume_id>/", resumes.resume_builder, name="resume"),
    path(
        "resumes/<int:resume_id>/sections/<slug:section>/",
        resumes.resume_section,
        name="resume-section",
    ),
    path("resumes/<int:resume_id>/preview/", resumes.resume_preview, name="resume-preview"),
    path("resumes/<int:resume_id>/pdf/", resumes.resume_pdf, name="resume-pdf"),
    path("resumes/<int:resume_id>/comments/", resumes.comment_add, name="comment-add"),
    path(
        "resumes/<int:resume_id>/comments/<int:comment_id>/resolve/",
        resumes.comment_resolve,
        name="comment-resolve",
    ),
    # Documents (participant and staff)
    path(
        "documents/<int:document_id>/download/",
        documents.document_download,
        name="document-download",
    ),
    path("documents/<int:document_id>/delete/", documents.document_delete, name="document-delete"),
    # The participant's own pages
    path("claim/", self_service.claim, name="claim"),
    path("my/profile/", self_service.my_profile, name="my-profile"),
    path("my/resumes/", self_service.my_resumes, name="my-resumes"),
    path("my/documents/", documents.my_documents, name="my-documents"),
    path("my/consents/", self_service.my_consents, name="my-consents"),
    path("my/consents/change/", self_service.my_consent_change, name="my-consent-change"),
    path("my/job-club/", self_service.my_job_club, name="my-job-club"),
    path("my/referrals/", referrals.my_referrals, name="my-referrals"),
    path("my/access-log/", self_service.my_access_log, name="my-access-log"),
    path("my/plan/", plan.my_plan, name="my-plan"),
    path("my/supports/", supports.my_supports, name="my-supports"),
]
