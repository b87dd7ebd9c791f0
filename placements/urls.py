"""HTML pages of the placements app: one URL module per area, one namespace."""

from placements.urls_applications import urlpatterns as applications
from placements.urls_fairs import urlpatterns as fairs
from placements.urls_matching import urlpatterns as matching
from placements.urls_transitional import urlpatterns as transitional

app_name = "placements"

urlpatterns = [*fairs, *applications, *matching, *transitional]
