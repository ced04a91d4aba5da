"""Reads under load: Claimline against the ceiling app, in one run, on PostgreSQL.

A new database gets 10,000 statements in one event plus 20,000 spread over realistic events,
loaded through the batch endpoint. Then, for the statement list, one statement, a timeline page
and the comparison: both apps must give the same JSON; wrk (32 connections, 2 for the comparison;
one thread) measures each app three times, one after the other, and each figure is the median;
the in-process cost per request (the ASGI app called directly, no HTTP) is measured for both the
same way. The Claimline worker's resident size is read after each round of load runs.

Usage: .venv/bin/python -m bench.load → bench/results/load.json
"""

import asyncio
import json
import re
import statistics
import subprocess
import sys
import time
from typing import Any

import asyncpg
import httpx
import orjson

from app.config import Settings
from app.main import create_app
from bench import ceiling
from bench.generate import Plan, load
from bench.servers import (
    ROOT,
    ceiling_server,
    claimline_server,
    create_pg_database,
    drop_pg_database,
    free_port,
    migrate,
    pg_dsn,
    pg_url,
    resident_kib,
)

RUNS = 3
CONNECTIONS = 32
DURATION_S = 5
IN_PROCESS_REQUESTS = {"list": 400, "statement": 1000, "timeline": 400, "comparison": 15}
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def wrk(url: str, connections: int = CONNECTIONS) -> dict[str, float]:
    """Requests per second and p50/p99 latency (ms) of one wrk run."""
    output = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{DURATION_S}s",
            "--timeout",
            "30s",
            "--latency",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    latency = {
        percent: float(value) * _UNITS[unit]
        for percent, value, unit in re.findall(
            r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M
        )
    }
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors or "Socket errors" in output:
        raise RuntimeError(f"wrk saw errors on {url}:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    return {"rps": rate, "p50_ms": latency["50"], "p99_ms": latency["99"]}


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    """Each figure's median over the runs."""
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


async def _get(app: Any, path: str, query: str) -> bytes:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"bench")],
        "client": ("127.0.0.1", 1),
        "server": ("bench", 80),
    }
    chunks: list[bytes] = []
    status = 0

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    if status != 200:
        raise RuntimeError(f"{path}?{query}: {status} {b''.join(chunks)[:300]!r}")
    return b"".join(chunks)


async def in_process(app: Any, targets: dict[str, tuple[str, str]]) -> dict[str, float]:
    """Microseconds per request through the ASGI app, the median of three rounds."""
    costs = {}
    async with app.router.lifespan_context(app):
        for name, (path, query) in targets.items():
            count = IN_PROCESS_REQUESTS[name]
            for _ in range(max(3, count // 10)):  # warm caches and pools
                await _get(app, path, query)
            rounds = []
            for _ in range(RUNS):
                started = time.perf_counter()
                for _ in range(count):
                    await _get(app, path, query)
                rounds.append((time.perf_counter() - started) / count * 1e6)
            costs[name] = statistics.median(rounds)
    return costs


def _same(name: str, ours: httpx.Response, theirs: httpx.Response) -> None:
    if ours.status_code != 200 or orjson.loads(ours.content) != orjson.loads(theirs.content):
        raise RuntimeError(f"Claimline and the ceiling disagree on {name}")
    if ours.headers.get("etag") != theirs.headers.get("etag"):
        raise RuntimeError(f"Claimline and the ceiling disagree on the ETag of {name}")


async def _prepare(base: str, name: str) -> dict[str, tuple[str, str]]:
    async with httpx.AsyncClient(base_url=base, timeout=600) as client:
        big = await load(client, Plan(statements=10_000, single_event=True, seed=1))
        spread = await load(client, Plan(statements=20_000, seed=2))
        # Fresh planner statistics, as autovacuum would have gathered them by now.
        connection = await asyncpg.connect(pg_dsn(name))
        await connection.execute("ANALYZE")
        await connection.close()
        event = big.event_slugs[0]
        event_id = (await client.get(f"/v1/events/{event}")).json()["id"]
        page = (await client.get("/v1/statements", params={"event": event_id})).json()
        with_relay = next(item for item in page["items"] if item["via"])
    print(
        f"loaded {len(big.statement_ids) + len(spread.statement_ids):,} statements, "
        f"{big.statements_per_s:,.0f} and {spread.statements_per_s:,.0f} statements/s",
        file=sys.stderr,
    )
    return {
        "list": ("/v1/statements", f"event={event_id}"),
        "statement": (f"/v1/statements/{with_relay['id']}", ""),
        "timeline": (f"/v1/events/{event}/timeline", ""),
        "comparison": (f"/v1/events/{event}/comparison", ""),
    }


def _url(base: str, target: tuple[str, str]) -> str:
    path, query = target
    return f"{base}{path}?{query}" if query else f"{base}{path}"


async def measure() -> dict[str, Any]:
    """The whole run on a new PostgreSQL database, dropped afterwards."""
    name = await create_pg_database()
    try:
        migrate(pg_url(name))
        ours_port, theirs_port = free_port(), free_port()
        ours, theirs = f"http://127.0.0.1:{ours_port}", f"http://127.0.0.1:{theirs_port}"
        report: dict[str, Any] = {"wrk": {}, "rss_kib_after_round": []}
        with claimline_server(pg_url(name), ours_port) as pid:
            targets = await _prepare(ours, name)
            with ceiling_server(name, theirs_port):
                async with httpx.AsyncClient(timeout=60) as client:
                    for endpoint, target in targets.items():
                        _same(
                            endpoint,
                            await client.get(_url(ours, target)),
                            await client.get(_url(theirs, target)),
                        )
                runs: dict[str, dict[str, list[dict[str, float]]]] = {}
                for _ in range(RUNS):
                    for endpoint, target in targets.items():
                        for app, base in (("claimline", ours), ("ceiling", theirs)):
                            # A comparison of 10,000 statements takes a good part of a second:
                            # two connections keep the worker busy without queueing for seconds.
                            connections = 2 if endpoint == "comparison" else CONNECTIONS
                            result = wrk(_url(base, target), connections)
                            runs.setdefault(endpoint, {}).setdefault(app, []).append(result)
                            print(f"  {endpoint:<10} {app:<9} {result}", file=sys.stderr)
                    report["rss_kib_after_round"].append(resident_kib(pid))
        report["wrk"] = {
            endpoint: {app: median_of(results) for app, results in apps.items()}
            for endpoint, apps in runs.items()
        }
        unlimited = Settings(
            database_url=pg_url(name),  # type: ignore[arg-type]
            db_pool_size=32,
            auth="off",
            rate_limit_per_minute=0,
        )
        claimline_app = create_app(unlimited)
        ceiling_app = ceiling.create_app(pg_dsn(name))
        report["in_process_us"] = {
            "claimline": await in_process(claimline_app, targets),
            "ceiling": await in_process(ceiling_app, targets),
        }
        return report
    finally:
        await drop_pg_database(name)


def main() -> None:
    """Measure and write bench/results/load.json."""
    report = asyncio.run(measure())
    output = ROOT / "bench" / "results" / "load.json"
    output.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
