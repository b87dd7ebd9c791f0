"""The Redis cache backend of production (portal.core.cache) against the real Redis CI
starts: every cache operation the portal uses works, from several threads at once, on
the one client it keeps per connection pool."""

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from portal.core.cache import RedisCache

URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def cache():
    try:
        redis.Redis.from_url(URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379 (CI starts one)")
    backend = RedisCache(URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield backend
    backend.clear()


def test_every_operation_the_portal_uses_works(cache):
    cache.set("a", {"html": "<p>kept</p>"}, 30)
    assert cache.get("a") == {"html": "<p>kept</p>"}
    assert cache.get_many(["a", "missing"]) == {"a": {"html": "<p>kept</p>"}}
    assert cache.add("a", "other", 30) is False and cache.add("b", 1, 30) is True
    assert cache.incr("b") == 2
    cache.set_many({"c": 3, "d": 4}, 30)
    cache.delete_many(["c"])
    assert cache.get_many(["c", "d"]) == {"d": 4}
    cache.delete("a")
    assert cache.get("a", "gone") == "gone"


def test_threads_share_the_client_and_each_gets_its_own_answers(cache):
    def round_trip(number):
        cache.set(f"n{number}", number, 30)
        return cache.get(f"n{number}")

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(round_trip, range(200))) == list(range(200))
    first = cache._cache.get_client()
    assert cache._cache.get_client() is first
