"""Time-ordered UUIDs (version 7), so that ids double as a stable keyset for pagination."""

import secrets
import threading
import time
import uuid

_lock = threading.Lock()
_last = 0


def new_id() -> uuid.UUID:
    """A UUIDv7: 48 bits of Unix milliseconds, then random bits, increasing within this process."""
    global _last
    millis = time.time_ns() // 1_000_000
    rand_a = secrets.randbits(12)
    rand_b = secrets.randbits(62)
    value = (millis & (2**48 - 1)) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
    with _lock:
        # Two ids in the same millisecond would otherwise sort at random; bump past the last one.
        if value <= _last:
            value = _last + 1
        _last = value
    return uuid.UUID(int=value)
