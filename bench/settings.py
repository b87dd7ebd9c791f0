"""Settings of the benchmarks and the load test: the developer settings the demo data was
made with (the same field-encryption key), with DEBUG off (DEBUG keeps every query in
memory and changes the timings), the bare baseline views mounted, and the API throttle
out of the way (one client makes every request, and the load test's 50 users share one
address: throttling is not what they measure)."""

import os

os.environ.setdefault("API_THROTTLE_ANON", "100000/minute")
os.environ.setdefault("API_THROTTLE_USER", "100000/minute")
os.environ.setdefault("DJANGO_DEBUG", "False")
os.environ.setdefault("LOG_LEVEL", "WARNING")  # no line per sign-in amid the figures

from portal.settings.local import *  # noqa: F403
from portal.settings.local import ALLOWED_HOSTS

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
