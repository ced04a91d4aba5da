"""Rate limits: a token bucket per API key or client address; shared through Redis if set."""

import os
import uuid
from collections.abc import AsyncIterator

import pytest

from app.config import Settings
from app.kit import auth
from app.kit.db import Database
from app.kit.rate_limit import LocalLimiter, retry_after
from app.models import Scope
from tests.conftest import client_for

REDIS_URL = "redis://127.0.0.1:6379/0"


def _limited(settings: Settings, **options: object) -> Settings:
    values: dict[str, object] = {
        "database_url": settings.database_url,
        "auth": "writes",
        "rate_limit_per_minute": 60,
        "rate_limit_burst": 3,
        **options,
    }
    return Settings(**values)  # type: ignore[arg-type]


async def test_a_client_past_its_burst_gets_a_429_with_retry_after(
    settings: Settings, test_database: Database
) -> None:
    async with client_for(_limited(settings), test_database) as client:
        for _ in range(3):
            assert (await client.get("/v1/sources")).status_code == 200
        refused = await client.get("/v1/sources")
        assert refused.status_code == 429
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["type"] == "urn:claimline:problem:too-many-requests"
        assert refused.headers["retry-after"] == "1"
        assert (await client.get("/healthz")).status_code == 200  # probes are never limited
        # An API key has a bucket of its own.
        async with test_database.write_sessions() as session:
            _, token = await auth.create_key(session=session, name="t", scopes=[Scope.read])
            await session.commit()
        keyed = await client.get("/v1/sources", headers={"Authorization": f"Bearer {token}"})
        assert keyed.status_code == 200


async def test_buckets_refill_at_the_set_rate() -> None:
    limiter = LocalLimiter(per_second=10.0, capacity=2)
    assert await limiter.take("a") == 0
    assert await limiter.take("a") == 0
    wait = await limiter.take("a")
    assert 0 < wait <= 0.1
    assert await limiter.take("b") == 0
    assert retry_after(0.01) == "1"
    assert retry_after(2.2) == "3"


async def _redis_reachable() -> bool:
    from redis.asyncio import Redis

    client = Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        return bool(await client.ping())
    except OSError:
        return False
    finally:
        await client.aclose()


@pytest.fixture
async def redis_prefix() -> AsyncIterator[str]:
    if not await _redis_reachable():
        if os.environ.get("CI") == "true":
            pytest.fail("Redis is not running on 127.0.0.1:6379")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    from redis.asyncio import Redis

    prefix = f"claimline-test-{uuid.uuid4().hex[:8]}"
    yield prefix
    client = Redis.from_url(REDIS_URL)
    keys = [key async for key in client.scan_iter(f"{prefix}:*")]
    if keys:
        await client.delete(*keys)
    await client.aclose()


async def test_two_instances_share_the_buckets_through_redis(
    settings: Settings, test_database: Database, redis_prefix: str
) -> None:
    shared = _limited(settings, redis_url=REDIS_URL, redis_prefix=redis_prefix)
    async with (
        client_for(shared, test_database) as first,
        client_for(shared, test_database) as second,
    ):
        assert (await first.get("/v1/sources")).status_code == 200
        assert (await second.get("/v1/sources")).status_code == 200
        assert (await first.get("/v1/sources")).status_code == 200
        # Three from this address in all: the fourth is refused by either instance.
        refused = await second.get("/v1/sources")
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) >= 1
        assert (await first.get("/v1/sources")).status_code == 429


async def test_an_unreachable_redis_lets_requests_through(
    settings: Settings, test_database: Database
) -> None:
    broken = _limited(settings, redis_url="redis://127.0.0.1:1/0", rate_limit_burst=1)
    async with client_for(broken, test_database) as client:
        for _ in range(3):
            assert (await client.get("/v1/sources")).status_code == 200
