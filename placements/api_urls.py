"""The placements app's API under /api/v1/: one URL module per area."""

from placements.api.urls_applications import urlpatterns as applications
from placements.api.urls_fairs import urlpatterns as fairs
from placements.api.urls_matching import urlpatterns as matching
from placements.api.urls_transitional import urlpatterns as transitional

urlpatterns = [*fairs, *applications, *matching, *transitional]
