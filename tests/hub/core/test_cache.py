"""PrefixedRedisCache: processes sharing a Redis database clear only their own keys."""

from django.conf import settings

import pytest

from hub.core.cache import PrefixedRedisCache

pytestmark = pytest.mark.services


def _cache(prefix: str) -> PrefixedRedisCache:
    return PrefixedRedisCache(settings.REDIS_URL, {"KEY_PREFIX": prefix})


def test_clearing_one_prefix_keeps_the_others_keys():
    mine, theirs = _cache("test-cache-mine"), _cache("test-cache-theirs")
    mine.set_many({"a": 1, "b": 2})
    theirs.set("a", 3)
    # when
    mine.clear()
    # then
    assert mine.get_many(["a", "b"]) == {}
    assert theirs.get("a") == 3
    theirs.clear()
    assert theirs.get("a") is None


def test_a_prefix_with_glob_characters_clears_only_itself():
    odd, near = _cache("test-cache[1]"), _cache("test-cache1")
    odd.set("a", 1)
    near.set("a", 2)
    odd.clear()
    assert odd.get("a") is None
    assert near.get("a") == 2
    near.clear()
