"""API routes of the transitional area under /api/v1/ (mounted by placements/api_urls.py)."""

urlpatterns = []
