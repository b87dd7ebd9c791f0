"""API routes of the matching area under /api/v1/ (mounted by placements/api_urls.py)."""

urlpatterns = []
