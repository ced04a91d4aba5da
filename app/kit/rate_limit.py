"""Rate limits: a token bucket per API key (per client address when anonymous).

Each client may burst up to `CLAIMLINE_RATE_LIMIT_BURST` requests, refilled at
`CLAIMLINE_RATE_LIMIT_PER_MINUTE`; beyond that a 429 problem says when to retry. Buckets live in
the process by default; with `CLAIMLINE_REDIS_URL` they live in Redis, shared by every instance
(one atomic script a request). If Redis cannot be reached the request is let through and a
warning logged: limits protect the service, they must not take it down.
"""

import logging
import math
import time
from dataclasses import dataclass, field
from typing import Protocol

from app.config import Settings

logger = logging.getLogger("claimline.rate_limit")

# KEYS[1]: the bucket; ARGV: refill per second, capacity. Returns {allowed, seconds to wait}.
_TAKE = """
local now = redis.call('TIME')
local clock = tonumber(now[1]) + tonumber(now[2]) / 1000000
local rate, capacity = tonumber(ARGV[1]), tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or clock
tokens = math.min(capacity, tokens + math.max(0, clock - at) * rate)
local allowed, wait = 0, 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = (1 - tokens) / rate
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(clock))
redis.call('EXPIRE', KEYS[1], math.ceil(capacity / rate) + 1)
return {allowed, tostring(wait)}
"""


class RateLimiter(Protocol):
    """Takes one token from a client's bucket."""

    async def take(self, client: str) -> float:
        """0 when the request may go ahead, else the seconds until it may."""
        ...

    async def close(self) -> None:
        """Release what the limiter holds."""
        ...


@dataclass
class LocalLimiter:
    """Buckets in this process."""

    per_second: float
    capacity: int
    buckets: dict[str, tuple[float, float]] = field(default_factory=dict)

    async def take(self, client: str) -> float:
        now = time.monotonic()
        tokens, at = self.buckets.get(client, (float(self.capacity), now))
        tokens = min(self.capacity, tokens + (now - at) * self.per_second)
        if tokens >= 1:
            self.buckets[client] = (tokens - 1, now)
            if len(self.buckets) > 100_000:
                self._forget_full(now)
            return 0.0
        self.buckets[client] = (tokens, now)
        return (1 - tokens) / self.per_second

    def _forget_full(self, now: float) -> None:
        full_after = self.capacity / self.per_second
        self.buckets = {k: v for k, v in self.buckets.items() if now - v[1] < full_after}

    async def close(self) -> None:
        self.buckets.clear()


class RedisLimiter:
    """Buckets in Redis, shared by every instance."""

    def __init__(self, url: str, per_second: float, capacity: int, prefix: str) -> None:
        from redis.asyncio import Redis

        self.redis = Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        self.script = self.redis.register_script(_TAKE)
        self.per_second, self.capacity, self.prefix = per_second, capacity, prefix

    async def take(self, client: str) -> float:
        from redis.exceptions import RedisError

        try:
            allowed, wait = await self.script(
                keys=[f"{self.prefix}:rate:{client}"], args=[self.per_second, self.capacity]
            )
        except (RedisError, OSError) as error:
            logger.warning("rate limits not applied: Redis unavailable (%s)", type(error).__name__)
            return 0.0
        return 0.0 if int(allowed) else float(wait)

    async def close(self) -> None:
        await self.redis.aclose()


def limiter_for(settings: Settings) -> RateLimiter | None:
    """The limiter the settings ask for (None: no limits)."""
    if settings.rate_limit_per_minute == 0:
        return None
    per_second = settings.rate_limit_per_minute / 60
    if settings.redis_url is not None:
        return RedisLimiter(
            settings.redis_url.get_secret_value(),
            per_second,
            settings.rate_limit_burst,
            settings.redis_prefix,
        )
    return LocalLimiter(per_second, settings.rate_limit_burst)


def retry_after(wait: float) -> str:
    """The `Retry-After` value for a wait, in whole seconds (at least 1)."""
    return str(max(1, math.ceil(wait)))
