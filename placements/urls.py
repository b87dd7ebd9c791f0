"""HTML pages of the placements app: each area mounts its own, under one namespace."""

from placements.applications.urls import urlpatterns as applications
from placements.fairs.urls import urlpatterns as fairs
from placements.matching.urls import urlpatterns as matching
from placements.outcomes.urls import urlpatterns as outcomes
from placements.transitional.urls import urlpatterns as transitional

app_name = "placements"

urlpatterns = [*fairs, *applications, *matching, *transitional, *outcomes]
