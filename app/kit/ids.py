"""Time-ordered UUIDs (version 7), so that ids double as a stable keyset for pagination."""

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last = 0
# Random bits from the OS, read a page at a time: one system call for 400 ids, not two an id.
_POOL_SIZE = 4000
_pool = b""
_used = 0


def _forget_pool() -> None:
    # A forked child must not hand out its parent's random bits again.
    global _pool, _used
    _pool, _used = b"", 0


os.register_at_fork(after_in_child=_forget_pool)


def new_id() -> uuid.UUID:
    """A UUIDv7: 48 bits of Unix milliseconds, then random bits, increasing within this process."""
    global _last, _pool, _used
    millis = time.time_ns() // 1_000_000
    with _lock:
        if _used + 10 > len(_pool):
            _pool, _used = os.urandom(_POOL_SIZE), 0
        random = int.from_bytes(_pool[_used : _used + 10])
        _used += 10
        rand_a, rand_b = random >> 68, random & (2**62 - 1)
        value = (millis & (2**48 - 1)) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
        # Two ids in the same millisecond would otherwise sort at random; bump past the last one.
        if value <= _last:
            value = _last + 1
        _last = value
    return uuid.UUID(int=value)
