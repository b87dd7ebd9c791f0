"""API routes of the fairs area under /api/v1/ (mounted by placements/api_urls.py)."""

urlpatterns = []
