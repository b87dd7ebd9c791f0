"""Django's Redis cache with one Redis client per connection pool, not one per call.

Django's `RedisCacheClient.get_client()` makes a new `redis.Redis` object for every
cache operation; redis-py 8 builds its table of ~170 response callbacks in each new
client, which cost about 0.4 ms a call: with a session read, a session write and the
dashboard's or the search's cache read, 8 % of a signed-in page (issue 15's profile).
A `redis.Redis` is safe to share between threads (each command takes a connection from
the pool), so this backend keeps one per pool. Settings: `BACKEND:
"portal.core.cache.RedisCache"`, the rest as Django's.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _SharedClients(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _SharedClients
