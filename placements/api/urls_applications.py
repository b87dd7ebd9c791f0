"""API routes of the applications area under /api/v1/ (mounted by placements/api_urls.py)."""

urlpatterns = []
