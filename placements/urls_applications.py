"""HTML pages of the applications area (mounted by placements/urls.py)."""

urlpatterns = []
