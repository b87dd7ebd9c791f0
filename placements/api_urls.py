"""The placements app's API under /api/v1/: each area mounts its own."""

from placements.applications.api_urls import urlpatterns as applications
from placements.fairs.api_urls import urlpatterns as fairs
from placements.matching.api_urls import urlpatterns as matching
from placements.outcomes.api_urls import urlpatterns as outcomes
from placements.transitional.api_urls import urlpatterns as transitional

urlpatterns = [*fairs, *applications, *matching, *transitional, *outcomes]
