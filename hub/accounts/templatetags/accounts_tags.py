"""Template helpers of the account pages."""

import math
from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def whole_minutes(value: timedelta | None) -> int:
    """Return the duration in minutes, rounded up (a 90-second wait is 2 minutes)."""
    if not value:
        return 0
    return max(1, math.ceil(value.total_seconds() / 60))
