from django.urls import path

from . import api, api_referrals, api_supports

urlpatterns = [
    path("participants/", api.ParticipantListView.as_view(), name="api-participants"),
    path(
        "participants/<int:participant_id>/",
        api.ParticipantDetailView.as_view(),
        name="api-participant",
    ),
    path(
        "participants/<int:participant_id>/status/",
        api.ParticipantStatusView.as_view(),
        name="api-participant-status",
    ),
    path(
        "participants/<int:participant_id>/record/",
        api.RecordView.as_view(),
        name="api-participant-record",
    ),
    path(
        "participants/<int:participant_id>/supervision/",
        api.SupervisionView.as_view(),
        name="api-participant-supervision",
    ),
    path(
        "participants/<int:participant_id>/consents/",
        api.ConsentsView.as_view(),
        name="api-participant-consents",
    ),
    path(
        "participants/<int:participant_id>/notes/",
        api.CaseNotesView.as_view(),
        name="api-participant-notes",
    ),
    path(
        "participants/<int:participant_id>/custody-events/",
        api.CustodyEventsView.as_view(),
        name="api-participant-custody-events",
    ),
    path(
        "participants/<int:participant_id>/exit/",
        api.ProgramExitView.as_view(),
        name="api-participant-exit",
    ),
    path(
        "participants/<int:participant_id>/reenrol/",
        api.ReenrolView.as_view(),
        name="api-participant-reenrol",
    ),
    path(
        "participants/<int:participant_id>/supports/",
        api_supports.SupportsView.as_view(),
        name="api-participant-supports",
    ),
    path(
        "participants/<int:participant_id>/plan/",
        api_supports.PlanView.as_view(),
        name="api-participant-plan",
    ),
    path(
        "participants/<int:participant_id>/access-log/",
        api.AccessLogView.as_view(),
        name="api-participant-access-log",
    ),
    path(
        "participants/<int:participant_id>/resumes/",
        api.ParticipantResumesView.as_view(),
        name="api-participant-resumes",
    ),
    path(
        "participants/<int:participant_id>/documents/",
        api.ParticipantDocumentsView.as_view(),
        name="api-participant-documents",
    ),
    path(
        "participants/<int:participant_id>/referrals/",
        api_referrals.ParticipantReferralsView.as_view(),
        name="api-participant-referrals",
    ),
    path(
        "referrals/<int:referral_id>/",
        api_referrals.ReferralDetailView.as_view(),
        name="api-referral",
    ),
    path("documents/<int:document_id>/", api.DocumentDetailView.as_view(), name="api-document"),
    path(
        "documents/<int:document_id>/download/",
        api.DocumentDownloadView.as_view(),
        name="api-document-download",
    ),
    path("resumes/<int:resume_id>/", api.ResumeDetailView.as_view(), name="api-resume"),
    path("resumes/<int:resume_id>/pdf/", api.ResumePdfView.as_view(), name="api-resume-pdf"),
    path("job-club/sessions/", api.JobClubSessionsView.as_view(), name="api-job-club-sessions"),
    path(
        "job-club/sessions/<int:session_id>/attendance/",
        api.AttendanceView.as_view(),
        name="api-job-club-attendance",
    ),
]
