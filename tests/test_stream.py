"""`GET /v1/events/{event}/stream` against served instances, on each store: live changes with
their computed values, a reconnection with `Last-Event-ID` that misses nothing, and a statement
posted to another instance (PostgreSQL: LISTEN/NOTIFY; SQLite: the instances look again)."""

import asyncio
import contextlib
import json
import signal
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from tests.conftest import start_claimline
from tests.seed import ELTON_JOHN_POST, EVENT_SLUG, PESKOV_DENIAL

STREAM = f"/v1/events/{EVENT_SLUG}/stream"


class Events:
    """The messages of one open stream, read as they come."""

    def __init__(self, lines: AsyncIterator[str]) -> None:
        self.lines = lines

    async def next(self, seconds: float = 10) -> dict[str, Any]:
        """The next message (comments and `retry` skipped)."""
        message: dict[str, Any] = {}
        async with asyncio.timeout(seconds):
            async for line in self.lines:
                if not line:
                    if "event" in message:
                        return message
                    continue
                field, _, value = line.partition(": ")
                if field == "data":
                    message["data"] = json.loads(value)
                elif field in ("id", "event"):
                    message[field] = value
        raise AssertionError("the stream ended")


@asynccontextmanager
async def stream(base: str, **headers: str) -> AsyncIterator[Events]:
    async with (
        httpx.AsyncClient(base_url=base, timeout=30) as client,
        client.stream("GET", STREAM, headers=headers) as response,
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        yield Events(response.aiter_lines())


async def test_the_stream_sends_changes_live_and_misses_nothing(servers: list[str]) -> None:
    first, second = servers
    async with httpx.AsyncClient(timeout=30) as client:
        recorded = await client.post(f"{first}/v1/statements", json=ELTON_JOHN_POST)
        assert recorded.status_code == 201
        assert (await client.get(f"{first}/v1/events/nope/stream")).status_code == 404
        bad = await client.get(f"{first}{STREAM}", headers={"Last-Event-ID": "x1"})
        assert bad.status_code == 422

        async with stream(first) as events:
            opened = await events.next()
            assert opened["event"] == "ready"
            start = int(opened["id"])
            # Posted to the other instance: this one hears of it all the same.
            denial = await client.post(f"{second}/v1/statements", json=PESKOV_DENIAL)
            assert denial.status_code == 201
            message = await events.next()
            assert message["event"] == "recorded"
            assert int(message["id"]) > start
            item = message["data"]["item"]
            assert item["statement"]["id"] == denial.json()["id"]
            assert item["party"]["name"] == "Kremlin"
            assert [s["status_after"] for s in item["stances"]] == ["contested"]
            withdrawn = await client.request(
                "DELETE",
                f"{second}/v1/statements/{recorded.json()['id']}",
                json={"reason": "Test."},
            )
            assert withdrawn.status_code == 200
            retraction = await events.next()
            assert retraction["event"] == "retracted"
            assert retraction["data"]["item"]["statement"]["retracted_at"] is not None
            last_seen = retraction["id"]

        # While nobody listens, two more; a client that comes back gets them, in order.
        later = [
            {**ELTON_JOHN_POST, "said_at": f"2015-09-1{day}T10:00:00Z", "text": f"Day {day}."}
            for day in (6, 7)
        ]
        for body in later:
            assert (await client.post(f"{first}/v1/statements", json=body)).status_code == 201
        async with stream(second, **{"Last-Event-ID": last_seen}) as events:
            assert (await events.next())["id"] == last_seen
            missed = [await events.next(), await events.next()]
            assert [m["data"]["item"]["statement"]["text"] for m in missed] == ["Day 6.", "Day 7."]
            assert int(missed[0]["id"]) > int(last_seen)


async def test_a_stopping_server_ends_its_streams(own_database: str) -> None:
    """SIGTERM ends open streams at once (their clients reconnect elsewhere with Last-Event-ID)
    instead of holding the shutdown for its 30 s grace period."""
    process, base = start_claimline(own_database)
    try:
        async with httpx.AsyncClient(timeout=30) as client:
            recorded = await client.post(f"{base}/v1/statements", json=ELTON_JOHN_POST)
            assert recorded.status_code == 201
        async with stream(base) as events:
            assert (await events.next())["event"] == "ready"
            started = time.monotonic()
            process.send_signal(signal.SIGTERM)
            with pytest.raises((AssertionError, httpx.RemoteProtocolError)):
                await events.next(seconds=20)  # the stream ends
        await asyncio.to_thread(process.wait, 20)
        assert time.monotonic() - started < 10
        # uvicorn exits by the signal it was sent once it has shut down.
        assert process.returncode in (0, -signal.SIGTERM)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


async def _metric(client: httpx.AsyncClient, base: str, name: str) -> float:
    text = (await client.get(f"{base}/metrics")).text
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise AssertionError(f"no metric {name}")


async def test_one_read_per_change_for_all_subscribers(own_database: str) -> None:
    """Many clients on one event of one instance: each change reaches all of them, and the
    instance reads it once, not once a subscriber."""
    process, base = start_claimline(own_database)
    watchers = 25
    try:
        async with httpx.AsyncClient(timeout=30) as client:
            assert (await client.post(f"{base}/v1/statements", json=ELTON_JOHN_POST)).is_success
            async with contextlib.AsyncExitStack() as stack:
                streams = [await stack.enter_async_context(stream(base)) for _ in range(watchers)]
                for events in streams:
                    assert (await events.next())["event"] == "ready"
                assert await _metric(client, base, "claimline_stream_subscribers") == watchers
                before = await _metric(client, base, "claimline_stream_reads_total")
                denial = await client.post(f"{base}/v1/statements", json=PESKOV_DENIAL)
                assert denial.status_code == 201
                got = await asyncio.gather(*(events.next() for events in streams))
                assert {m["data"]["item"]["statement"]["id"] for m in got} == {denial.json()["id"]}
                reads = await _metric(client, base, "claimline_stream_reads_total") - before
                # One read woken by the change (SQLite: a look each half second meanwhile).
                assert 1 <= reads <= 4, reads
    finally:
        process.terminate()
        process.wait(timeout=30)


async def test_a_position_past_the_newest_change_reloads_and_goes_on(servers: list[str]) -> None:
    """A client back from a database restored to an older state is told to reload, then hears
    the new changes (before, it waited for positions that would not come)."""
    base = servers[0]
    async with httpx.AsyncClient(timeout=30) as client:
        assert (await client.post(f"{base}/v1/statements", json=ELTON_JOHN_POST)).is_success
        async with stream(base, **{"Last-Event-ID": "999999"}) as events:
            reload = await events.next()
            assert reload["event"] == "reload"
            ready = await events.next()
            assert ready["event"] == "ready"
            assert ready["id"] == reload["id"] != "999999"
            denial = await client.post(f"{base}/v1/statements", json=PESKOV_DENIAL)
            message = await events.next()
            assert message["event"] == "recorded"
            assert message["data"]["item"]["statement"]["id"] == denial.json()["id"]
            renamed = await client.patch(f"{base}/v1/events/{EVENT_SLUG}", json={"title": "New"})
            assert renamed.status_code == 200
            updated = await events.next()
            assert updated["event"] == "event_updated"
            assert updated["data"] == {"seq": int(updated["id"]), "change": "event_updated"}
