"""Faults that must lose nothing: a server killed mid-batch, a server asked to stop mid-request.

Each test runs `claimline serve` as a real process on its own database, on both stores.
"""

import asyncio
import signal
from typing import Any

import httpx
from sqlalchemy import text

from app.config import Settings
from app.kit.db import Database
from tests.conftest import start_claimline


def _batch(size: int, tag: str) -> dict[str, Any]:
    return {
        "statements": [
            {
                "event": {"slug": f"fault-{tag}", "title": "Fault test"},
                "speaker": {"name": f"Speaker {n % 40}"},
                "text": f"Statement {n} of the batch {tag}.",
                "said_at": f"2015-09-14T{n % 24:02d}:{n % 60:02d}:00Z",
                "via": [{"source": {"name": f"Outlet {n % 7}", "kind": "outlet"}}],
                "claims": [
                    {"claim": {"text": f"Claim {(n + k) % 25}"}, "stance": "supports"}
                    for k in range(3)
                ],
            }
            for n in range(size)
        ]
    }


async def _statement_count(url: str) -> int:
    database = Database.from_settings(Settings(database_url=url))  # type: ignore[arg-type]
    try:
        async with database.read_engine.connect() as connection:
            return int(
                (await connection.execute(text("SELECT count(*) FROM statements"))).scalar_one()
            )
    finally:
        await database.dispose()


async def test_a_batch_killed_midway_is_wholly_absent_or_wholly_there(own_database: str) -> None:
    outcomes = set()
    for attempt, delay in enumerate((0.02, 0.1, 0.2)):
        before = await _statement_count(own_database)
        process, base = await asyncio.to_thread(start_claimline, own_database)
        try:
            async with httpx.AsyncClient(base_url=base, timeout=60) as client:
                sending = asyncio.create_task(
                    client.post("/v1/statements/batch", json=_batch(1000, str(attempt)))
                )
                await asyncio.sleep(delay)
                process.send_signal(signal.SIGKILL)
                try:
                    answered = (await sending).status_code == 201
                except httpx.TransportError:
                    answered = False
        finally:
            process.kill()
            process.wait()
        # After the crash, a restarted server sees the batch entirely or not at all.
        restarted, base = await asyncio.to_thread(start_claimline, own_database)
        try:
            added = await _statement_count(own_database) - before
            assert added in (0, 1000), f"a killed batch left {added} statements"
            if answered:
                assert added == 1000, "an acknowledged batch was lost"
            outcomes.add("answered" if answered else "killed")
            health = await asyncio.to_thread(httpx.get, f"{base}/readyz")
            assert health.status_code == 200
        finally:
            restarted.send_signal(signal.SIGTERM)
            restarted.wait(timeout=30)
    assert "killed" in outcomes, "no attempt was killed before it was answered"


async def test_sigterm_lets_the_requests_in_flight_finish(own_database: str) -> None:
    process, base = await asyncio.to_thread(start_claimline, own_database)
    try:
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            sending = asyncio.create_task(
                client.post("/v1/statements/batch", json=_batch(1000, "drain"))
            )
            await asyncio.sleep(0.1)
            process.send_signal(signal.SIGTERM)
            response = await sending
        assert response.status_code == 201, response.text[:300]
        assert len(response.json()["statements"]) == 1000
        # uvicorn exits by re-raising the signal once it has drained (-15), or with 0.
        assert await asyncio.to_thread(process.wait, 60) in (0, -signal.SIGTERM)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert await _statement_count(own_database) == 1000
