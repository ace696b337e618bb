"""A Redis cache that several processes can share one Redis database with."""

from django.core.cache.backends.redis import RedisCache


class PrefixedRedisCache(RedisCache):
    """Django's Redis cache, whose clear() forgets only the keys under its own
    KEY_PREFIX instead of emptying the whole database (FLUSHDB).

    Used where processes share a database with prefixes of their own: the
    parallel test processes (hub/settings/test.py), where one process's
    clear() emptied another's cache in the middle of its tests.
    """

    def clear(self) -> None:
        if not self.key_prefix:
            super().clear()
            return
        client = self._cache.get_client(write=True)
        pattern = f"{_glob_escaped(self.key_prefix)}:*"
        keys = list(client.scan_iter(match=pattern, count=1000))
        for start in range(0, len(keys), 1000):
            client.delete(*keys[start : start + 1000])


def _glob_escaped(text: str) -> str:
    return "".join(f"\\{char}" if char in "*?[]\\" else char for char in text)
