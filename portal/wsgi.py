import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# Load the ZIP code table (a few seconds, once per process) before the first request,
# not during it: matching and job search read it on their first page.
from portal.core.geo import zip_location  # noqa: E402

zip_location("64106")
