"""Pure rules of credentials: expiry and how often a key's use is written down."""

from __future__ import annotations

import time
from datetime import datetime, timezone

from services.identity.domain import Credential

# A busy key (an agent polling every few seconds) must not cost a database write per call:
# ``last_used`` is written at most once per key and interval, per identity instance.
TOUCH_INTERVAL_S = 60.0
_MAX_TRACKED_KEYS = 10000


def is_expired(credential: Credential, now: datetime) -> bool:
    """True once the key's ``expire`` (UTC; a naive time read back from MongoDB is UTC) has passed."""
    expire = credential.expire
    if expire is None:
        return False
    if expire.tzinfo is None:
        expire = expire.replace(tzinfo=timezone.utc)
    return expire <= now


class UsageThrottle:
    """Which uses of a key are worth recording: the first, then one per interval."""

    def __init__(self, interval_s: float = TOUCH_INTERVAL_S, clock=time.monotonic) -> None:
        self._interval = interval_s
        self._clock = clock
        self._last: dict[str, float] = {}

    def due(self, access_key: str) -> bool:
        now = self._clock()
        last = self._last.get(access_key)
        if last is not None and now - last < self._interval:
            return False
        if len(self._last) >= _MAX_TRACKED_KEYS:
            self._last.clear()  # forgetting only costs one extra write per key
        self._last[access_key] = now
        return True
