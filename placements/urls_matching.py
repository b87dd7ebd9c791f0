"""HTML pages of the matching area (mounted by placements/urls.py)."""

urlpatterns = []
