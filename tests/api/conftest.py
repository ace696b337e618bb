from django.core.cache import cache

import pytest


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Each API test starts with empty throttle counters (kept in the cache)."""
    cache.clear()
