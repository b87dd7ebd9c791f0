"""HTML pages of the fairs area (mounted by placements/urls.py)."""

urlpatterns = []
