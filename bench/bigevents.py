"""Big events (issue 15): what a view costs as the event grows, how fast an unchanged view is
served, and what a change costs a stream of many subscribers.

1. **Comparison by size**: events of 1,000, 100,000 and 1,000,000 statements (same 50 parties,
   20 claims; `--sizes` chooses others) written straight into the tables (`bench/views.py`'s
   generator, no ANALYZE), the comparison computed (not served from memory) on a reader: all
   statements, `as_of` in the middle of the event, and `sources=` of 5 parties; median of 5.
2. **Timeline page without statistics**: the first page of an event of 1,000 and of 20,000
   statements, freshly loaded and never analyzed, computed on a reader; median of 15.
3. **Unchanged views against `/healthz`** (PostgreSQL): one `claimline serve` worker, an event of
   10,000 statements; wrk (one thread, 32 connections, 5 s) on `/healthz`, the comparison and the
   first timeline page, each served from memory after its first request.
4. **Stream fan-out** (PostgreSQL): `--subscribers` (1,000) streams of one event on one instance;
   20 statements posted one at a time; for each, the delay from its 201 to its arrival at every
   subscriber, the streams' reads of the database and the database's transactions per change.
5. **The event page in Chromium** (both stores): events of 100 and 100,000 statements, one
   `claimline serve` worker; the time from navigation to the page being ready (timeline page,
   bands and comparison drawn) and the requests it made, first on a fresh instance (every view
   computed) then the median of 5 more loads (views kept); then a statement posted by another
   client: the time until the page shows it and the requests the page made for it.

Usage: .venv/bin/python -m bench.bigevents [--sizes 1000,100000,1000000] [--subscribers 1000]
"""

import argparse
import asyncio
import contextlib
import json
import shutil
import statistics
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from sqlalchemy import select

from app.comparisons import queries as comparison_queries
from app.config import Settings
from app.events import queries as event_queries
from app.kit.db import Database
from app.kit.migrations import upgrade
from app.kit.pagination import PageRequest
from app.models import EventParty, Statement
from app.timelines import queries as timeline_queries
from app.timelines.schemas import Order
from bench import views
from bench.load import wrk
from bench.servers import (
    claimline_server,
    create_pg_database,
    drop_pg_database,
    free_port,
    pg_url,
    remove_sqlite,
    sqlite_url,
)

RESULTS = Path(__file__).resolve().parent / "results" / "bigevents.json"
PG_DSN = "postgresql://postgres@127.0.0.1:5432/{}"


async def _median_ms(run: Callable[[], Awaitable[Any]], repeats: int) -> float:
    await run()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        await run()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 2)


async def _store(url: str):  # type: ignore[no-untyped-def]
    settings = Settings(database_url=url, auth="off", db_statement_timeout_ms=3_600_000)  # type: ignore[arg-type]
    database = Database.from_settings(settings)
    await upgrade(database.write_engine)
    return database


async def comparison_by_size(url: str, sizes: list[int]) -> dict[str, Any]:
    database = await _store(url)
    report: dict[str, Any] = {}
    try:
        for size in sizes:
            event_id = await views.generate(database, size, seed=size)
            async with database.write_engine.connect() as connection:
                middle = (
                    await connection.execute(
                        select(Statement.said_at)
                        .where(Statement.event_id == event_id)
                        .order_by(Statement.said_at)
                        .offset(size // 2)
                        .limit(1)
                    )
                ).scalar_one()
                five = [
                    str(row)
                    for row in (
                        await connection.execute(
                            select(EventParty.party_id)
                            .where(EventParty.event_id == event_id)
                            .order_by(EventParty.party_id)
                            .limit(5)
                        )
                    ).scalars()
                ]

            async def compare(
                as_of: Any = None, parties: list[str] | None = None, event_id: Any = event_id
            ) -> None:
                async with database.reader() as reader:
                    event = await event_queries.document(reader=reader, ref=str(event_id))
                    await comparison_queries.compare(
                        reader=reader, event=event, as_of=as_of, parties=parties
                    )

            repeats = 5 if size <= 100_000 else 3

            async def as_of_middle(middle: Any = middle) -> None:
                await compare(as_of=middle)

            async def sources_5(five: list[str] = five) -> None:
                await compare(parties=five)

            report[str(size)] = {
                "all_ms": await _median_ms(compare, repeats),
                "as_of_middle_ms": await _median_ms(as_of_middle, repeats),
                "sources_5_ms": await _median_ms(sources_5, repeats),
            }
            print(f"comparison {url.split(':')[0]} {size}: {report[str(size)]}", file=sys.stderr)
    finally:
        await database.dispose()
    return report


async def timeline_without_statistics(url: str) -> dict[str, Any]:
    database = await _store(url)
    report: dict[str, Any] = {}
    try:
        for size in (1000, 20_000):
            event_id = await views.generate(database, size, seed=size + 7)

            async def first_page(event_id: Any = event_id) -> None:
                async with database.reader() as reader:
                    await timeline_queries.timeline(
                        reader=reader,
                        event_id=event_id,
                        order=Order.asc,
                        since=None,
                        until=None,
                        speaker_id=None,
                        claim_id=None,
                        stance=None,
                        include_retracted=False,
                        page=PageRequest(limit=50, cursor=None),
                    )

            report[str(size)] = await _median_ms(first_page, 15)
        print(f"timeline without ANALYZE {url.split(':')[0]}: {report}", file=sys.stderr)
    finally:
        await database.dispose()
    return report


async def served_views() -> dict[str, Any]:
    name = await create_pg_database()
    try:
        database = await _store(pg_url(name))
        event_id = await views.generate(database, 10_000, seed=3)
        await database.dispose()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        with claimline_server(pg_url(name), port):
            targets = {
                "healthz": "/healthz",
                "comparison": f"/v1/events/{event_id}/comparison",
                "timeline": f"/v1/events/{event_id}/timeline",
            }
            async with httpx.AsyncClient(base_url=base, timeout=60) as client:
                for path in targets.values():
                    for _ in range(2):
                        assert (await client.get(path)).status_code == 200
                cached = (await client.get(targets["comparison"])).headers["claimline-cache"]
            report: dict[str, Any] = {
                endpoint: wrk(base + path) for endpoint, path in targets.items()
            }
            report["comparison_served_from_memory"] = cached == "hit"
        for endpoint in ("comparison", "timeline"):
            report[f"{endpoint}_over_healthz"] = round(
                report[endpoint]["rps"] / report["healthz"]["rps"], 2
            )
        print(f"served views: {report}", file=sys.stderr)
        return report
    finally:
        await drop_pg_database(name)


class _Watcher:
    """One subscriber: a raw HTTP/1.1 connection reading the stream's `id:` lines."""

    def __init__(self) -> None:
        self.arrived: dict[int, float] = {}
        self.ready = asyncio.Event()

    async def run(self, port: int, path: str) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n".encode()
        )
        await writer.drain()
        try:
            while line := await reader.readline():
                if line.startswith(b"id: "):
                    self.arrived[int(line[4:])] = time.perf_counter()
                elif line.startswith(b"event: ready"):
                    self.ready.set()
        finally:
            writer.close()


async def _metric(client: httpx.AsyncClient, name: str) -> float:
    for line in (await client.get("/metrics")).text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise RuntimeError(f"no metric {name}")


async def fan_out(subscribers: int, changes: int = 20) -> dict[str, Any]:
    name = await create_pg_database()
    try:
        database = await _store(pg_url(name))
        event_id = await views.generate(database, 1000, seed=5)
        await database.dispose()
        port = free_port()
        with claimline_server(pg_url(name), port):
            watchers = [_Watcher() for _ in range(subscribers)]
            tasks = [
                asyncio.create_task(w.run(port, f"/v1/events/{event_id}/stream")) for w in watchers
            ]
            await asyncio.wait_for(asyncio.gather(*(w.ready.wait() for w in watchers)), 120)
            admin = await asyncpg.connect(PG_DSN.format(name))
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
                reads_before = await _metric(client, "claimline_stream_reads_total")
                xacts_before = await admin.fetchval(
                    "SELECT xact_commit + xact_rollback FROM pg_stat_database "
                    "WHERE datname = current_database()"
                )
                delays: list[float] = []
                for n in range(changes):
                    body = {
                        "event": str(event_id),
                        "speaker": {"name": "Fan-out speaker"},
                        "text": f"Change {n}",
                        "said_at": "2030-01-01T00:00:00Z",
                        "claims": [{"claim": {"text": "Fan-out claim"}, "stance": "supports"}],
                    }
                    response = await client.post("/v1/statements", json=body)
                    answered = time.perf_counter()
                    assert response.status_code == 201, response.text
                    seq = int(response.headers["claimline-consistency"].split(":")[1])
                    deadline = time.monotonic() + 30
                    while any(seq not in w.arrived for w in watchers):
                        if time.monotonic() > deadline:
                            raise RuntimeError(f"change {seq} did not reach every subscriber")
                        await asyncio.sleep(0.005)
                    delays.extend((w.arrived[seq] - answered) * 1000 for w in watchers)
                    await asyncio.sleep(0.2)
                await asyncio.sleep(1)  # the statistics collector catches up
                reads = await _metric(client, "claimline_stream_reads_total") - reads_before
                xacts = (
                    await admin.fetchval(
                        "SELECT xact_commit + xact_rollback FROM pg_stat_database "
                        "WHERE datname = current_database()"
                    )
                    - xacts_before
                )
            await admin.close()
            for task in tasks:
                task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.gather(*tasks, return_exceptions=True)
        delays.sort()
        report = {
            "subscribers": subscribers,
            "changes": changes,
            "delivered": len(delays),
            "p50_ms": round(delays[len(delays) // 2], 1),
            "p99_ms": round(delays[int(len(delays) * 0.99)], 1),
            "stream_reads_per_change": round(reads / changes, 2),
            # Every transaction of the database meanwhile: the writes' own, the streams' reads,
            # the metrics' and this benchmark's statistics reads.
            "database_transactions_per_change": round(xacts / changes, 1),
        }
        print(f"fan-out: {report}", file=sys.stderr)
        return report
    finally:
        await drop_pg_database(name)


async def _page_load(browser: Any, url: str) -> tuple[Any, float, list[str]]:
    """Open the page in a fresh context: (page, ms until ready, the URLs it requested)."""
    # CSP bypassed only so that the benchmark can evaluate its waits in the page.
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = await context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    started = time.perf_counter()
    await page.goto(url)
    await page.wait_for_selector("body[data-ready=yes]", timeout=60_000)
    return page, (time.perf_counter() - started) * 1000, requested


async def event_page(url: str) -> dict[str, Any]:
    """The event page of a small and a big event, ready and live (section 5)."""
    from playwright.async_api import async_playwright

    database = await _store(url)
    events = {size: await views.generate(database, size, seed=size + 11) for size in (100, 100_000)}
    await database.dispose()
    report: dict[str, Any] = {}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with claimline_server(url, port):
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium", headless=True
            )
            for size, event_id in events.items():
                page_url = f"{base}/events/{event_id}"
                page, cold_ms, requested = await _page_load(browser, page_url)
                await page.context.close()
                warm = []
                for _ in range(5):
                    page, ms, _ = await _page_load(browser, page_url)
                    warm.append(ms)
                    await page.context.close()
                page, _, _ = await _page_load(browser, page_url)
                await page.wait_for_selector("body[data-live=on]")
                # At the latest statements, where a new one is shown as it comes.
                await page.get_by_role("button", name="Latest statements").click()
                await page.wait_for_function(
                    "document.activeElement.classList.contains('statement')", timeout=30_000
                )
                applied = await page.evaluate("Number(document.body.dataset.applied || 0)")
                api: list[str] = []
                page.on(
                    "request", lambda r, api=api: api.append(r.url) if "/v1/" in r.url else None
                )
                body = {
                    "event": str(event_id),
                    "speaker": {"name": "A late speaker"},
                    "text": "The latest word.",
                    "said_at": "2030-01-01T00:00:00Z",
                    "claims": [{"claim": {"text": "Claim 0"}, "stance": "refutes"}],
                }
                async with httpx.AsyncClient(base_url=base, timeout=60) as client:
                    posted = await client.post("/v1/statements", json=body)
                    answered = time.perf_counter()
                assert posted.status_code == 201, posted.text
                await page.wait_for_function(
                    f"Number(document.body.dataset.applied || 0) > {applied}"
                    f" && document.getElementById('s-{posted.json()['id']}') !== null",
                    timeout=30_000,
                )
                live_ms = (time.perf_counter() - answered) * 1000
                await page.context.close()
                report[str(size)] = {
                    "cold_ready_ms": round(cold_ms, 1),
                    "warm_ready_ms": round(statistics.median(warm), 1),
                    "requests": len(requested),
                    "api_requests": sum("/v1/" in u for u in requested),
                    "live_change_ms": round(live_ms, 1),
                    "live_change_requests": len(api),
                }
                store = url.split(":")[0]
                print(f"event page {store} {size}: {report[str(size)]}", file=sys.stderr)
            await browser.close()
    return report


async def main_async(sizes: list[int], subscribers: int) -> dict[str, Any]:
    report: dict[str, Any] = {
        "comparison": {},
        "timeline_without_statistics": {},
        "event_page": {},
    }
    sqlite_path = Path("/tmp") / f"claimline-bigevents-{uuid.uuid4().hex[:8]}.sqlite3"
    for store in ("sqlite", "postgresql"):
        for section, measure in (
            ("comparison", lambda url: comparison_by_size(url, sizes)),
            ("timeline_without_statistics", timeline_without_statistics),
            ("event_page", event_page),
        ):
            if store == "sqlite":
                remove_sqlite(sqlite_path)
                try:
                    report[section][store] = await measure(sqlite_url(sqlite_path))
                finally:
                    remove_sqlite(sqlite_path)
            else:
                name = await create_pg_database()
                try:
                    report[section][store] = await measure(pg_url(name))
                finally:
                    await drop_pg_database(name)
    report["served_views"] = await served_views()
    report["fan_out"] = await fan_out(subscribers)
    report["ratios"] = ratios(report, sizes)
    return report


def ratios(report: dict[str, Any], sizes: list[int]) -> dict[str, Any]:
    """The issue's goals as ratios of this run."""
    small, large = str(min(sizes)), "100000" if 100_000 in sizes else str(max(sizes))
    out: dict[str, Any] = {}
    for store, by_size in report["comparison"].items():
        for kind in ("all_ms", "as_of_middle_ms", "sources_5_ms"):
            out[f"comparison_{kind[:-3]}_{store}_100k_over_1k"] = round(
                by_size[large][kind] / by_size[small][kind], 2
            )
    for store, pages in report["timeline_without_statistics"].items():
        out[f"timeline_no_analyze_{store}_20k_over_1k"] = round(pages["20000"] / pages["1000"], 2)
    for store, loads in report.get("event_page", {}).items():
        for kind in ("cold_ready_ms", "warm_ready_ms"):
            out[f"event_page_{kind[:-3]}_{store}_100k_over_100"] = round(
                loads["100000"][kind] / loads["100"][kind], 2
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--subscribers", type=int, default=1000)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    report = asyncio.run(main_async(sizes, args.subscribers))
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report["ratios"], indent=2))


if __name__ == "__main__":
    main()
