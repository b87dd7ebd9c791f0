"""HTML pages of the transitional area (mounted by placements/urls.py)."""

urlpatterns = []
