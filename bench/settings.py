"""Settings of the benchmarks and the load test: the developer settings the demo data was
made with (the same field-encryption key), with DEBUG off (DEBUG keeps every query in
memory and changes the timings), the bare baseline views mounted, and the API throttle
out of the way (one client makes every request, and the load test's 50 users share one
address: throttling is not what they measure). The cache and the sessions are in Redis as
on production's app servers (REDIS_URL, default redis://127.0.0.1:6379/0) when it answers;
else in this process, and `make bench` says so."""

import os

os.environ.setdefault("API_THROTTLE_ANON", "100000/minute")
os.environ.setdefault("API_THROTTLE_USER", "100000/minute")
os.environ.setdefault("DJANGO_DEBUG", "False")
os.environ.setdefault("LOG_LEVEL", "WARNING")  # no line per sign-in amid the figures

from portal.settings.local import *  # noqa: F403
from portal.settings.local import ALLOWED_HOSTS

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]

_REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def _redis_answers(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:
        return False


if _redis_answers(_REDIS_URL):
    CACHES = {
        "default": {
            "BACKEND": "portal.core.cache.RedisCache",
            "LOCATION": _REDIS_URL,
            "KEY_PREFIX": "portal-bench",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
