"""API routes of the matching area under /api/v1/ (mounted by placements/api_urls.py)."""

from django.urls import path

from placements.matching import api as matching

urlpatterns = [
    path(
        "participants/<int:participant_id>/matches/",
        matching.ParticipantMatchesView.as_view(),
        name="api-participant-matches",
    ),
    path(
        "jobs/<int:job_id>/candidates/",
        matching.JobCandidatesView.as_view(),
        name="api-job-candidates",
    ),
]
