"""The client's address and the API's rate limits.

One function, `client_address`, says who is calling: django-axes (the sign-in lockout,
through AXES_CLIENT_IP_CALLABLE), the audit trail (through axes) and the API throttles
all read the address through it, so the three can never disagree. How many proxies in
front of the portal may be trusted is one setting, PORTAL_TRUSTED_PROXY_COUNT.

The throttles count in the shared cache with `add` and `incr`, which Redis (and the
in-memory cache) do atomically: two app servers, or two threads, answering at the same
moment each get their own number, so no burst passes the limit. DRF's own throttles keep
a list of times that they read, change and write back, and concurrent requests overwrite
each other's entries.
"""

import ipaddress

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


def _valid_address(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The address of the client that made `request`.

    With no trusted proxy (PORTAL_TRUSTED_PROXY_COUNT = 0, the default) it is the
    connection's address and X-Forwarded-For is ignored: anyone can write that header.
    Behind N proxies, each of which appends the address it received the request from,
    the client is the N-th entry from the right (DRF's NUM_PROXIES rule); entries further
    left were written by the client and are never trusted. A header shorter than N, or an
    entry that is not an address, falls back to the connection's address.
    """
    remote = _valid_address(request.META.get("REMOTE_ADDR"))
    proxies = settings.PORTAL_TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    entries = [entry.strip() for entry in forwarded.split(",")]
    if len(entries) < proxies:
        return remote
    return _valid_address(entries[-proxies]) or remote


class AtomicWindowThrottleMixin:
    """Count calls per fixed window (a minute for "60/minute") in one cache key.

    The first call of a window creates the counter with `cache.add` (only one caller can
    win it), every other call raises it with `cache.incr`; both are single atomic
    operations in Redis. A fixed window lets a client make up to twice the rate across a
    window's edge, which is the price of an exact count.
    """

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        self.seconds_left = (window + 1) * self.duration - now
        count = self._count(f"{self.key}:{window}")
        return count <= self.num_requests

    def _count(self, key: str) -> int:
        # A window's counter lives a little longer than the window so that `incr` never
        # meets an expired key in the middle of it; if it does, the counter starts again.
        # `incr` first: every call but a window's first finds the counter there, and
        # each round trip to Redis costs about as much as a whole cached answer.
        for _attempt in range(3):
            try:
                return self.cache.incr(key)
            except ValueError:
                pass
            if self.cache.add(key, 1, timeout=self.duration + 5):
                return 1
        return 1

    def get_ident(self, request):
        return client_address(request) or ""

    def wait(self):
        return max(self.seconds_left, 0)


class PortalAnonRateThrottle(AtomicWindowThrottleMixin, AnonRateThrottle):
    """Calls without a sign-in, per client address ("anon" rate)."""


class PortalUserRateThrottle(AtomicWindowThrottleMixin, UserRateThrottle):
    """Calls of a signed-in user, per user ("user" rate). Anonymous calls are counted by
    the "anon" rate alone, per address: a second counter for them, per address too,
    cost more round trips to the cache on every public call and, with the lower anon
    rate (60 against 1,200 a minute), never refused a call the first let through."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
