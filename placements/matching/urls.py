"""HTML pages of the matching area (mounted by placements/urls.py)."""

from django.urls import path

from placements.matching import views as matching

urlpatterns = [
    path("my/jobs-for-you/", matching.my_matches, name="my-matches"),
    path(
        "participants/<int:participant_id>/matches/",
        matching.participant_matches,
        name="participant-matches",
    ),
    path(
        "participants/<int:participant_id>/matches/refresh/",
        matching.participant_matches_refresh,
        name="participant-matches-refresh",
    ),
    path("staff/jobs/<int:job_id>/candidates/", matching.job_candidates, name="job-candidates"),
]
