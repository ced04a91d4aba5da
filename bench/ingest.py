"""Ingest through `POST /v1/statements/batch` on both stores, and asyncpg COPY of the same rows.

Each store gets a new database and a Claimline server (one worker); the generator creates the
parties and outlets, then sends realistic statements in batches of 1000 (new and existing sources
mixed, events interleaved, 5 % out of order) over HTTP, and the rate counts statements per second
of batch requests. On PostgreSQL the statements, relays and stances the batches wrote are then
copied with asyncpg's `copy_records_to_table` into empty tables of the same shape: the rate of
bare bulk loading, with no checks, references or derived values. Bytes on disk per statement are
read at the end (PostgreSQL: the database's size less an empty migrated one's; SQLite: the file
and its WAL after a checkpoint).

Concurrency (under "concurrency" in each store's results): the same statements, every event named
inline each time (so that any order of the batches is valid), sent by one client to one worker,
by two clients at once to one worker, and by two clients to two workers, each on a new database
with the parties and outlets created first. The two clients send alternate batches (so both
write to the same events and claims at once); each batch carries an Idempotency-Key and a
refused one (409, 5xx) is sent again with the same key. The rate is the statements over the
wall time from the first batch request to the last answer; then the database must hold each
statement sent exactly once, and `claimline rebuild-views` must fix nothing.

Usage: .venv/bin/python -m bench.ingest [--statements 20000] [--only-concurrency]
→ bench/results/ingest.json
"""

import argparse
import asyncio
import json
import os
import random
import sqlite3
import sys
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench.generate import (
    BATCH_SIZE,
    Plan,
    _create_sources,
    _events,
    _party,
    _statements,
    load,
)
from bench.servers import (
    ROOT,
    claimline_server,
    create_pg_database,
    drop_pg_database,
    free_port,
    migrate,
    pg_dsn,
    pg_url,
    rebuild_fixes,
    remove_sqlite,
    sqlite_url,
)

TABLES = ("statements", "relays", "stances")
SEED = 7
# Concurrency: (name, clients, server workers); the first is what the others are compared with.
CONFIGURATIONS = (
    ("one_client_one_worker", 1, 1),
    ("two_clients_one_worker", 2, 1),
    ("two_clients_two_workers", 2, 2),
)
# Answers a batch is sent again for (with the same Idempotency-Key), and how many times at most.
RETRIED = frozenset({409, 500, 502, 503, 504})
ATTEMPTS = 10


async def _through_claimline(database_url: str, statements: int) -> dict[str, Any]:
    port = free_port()
    with claimline_server(database_url, port):
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=600) as client:
            loaded = await load(client, Plan(statements=statements, seed=SEED))
    return {
        "statements": len(loaded.statement_ids),
        "batches": len(loaded.batch_seconds),
        "batch_seconds": round(sum(loaded.batch_seconds), 3),
        "statements_per_s": round(loaded.statements_per_s),
    }


async def _copy_rate(dsn: str) -> dict[str, Any]:
    """Copy the loaded rows into empty twins of their tables with COPY, timed."""
    connection = await asyncpg.connect(dsn)
    try:
        rows = {table: await connection.fetch(f"SELECT * FROM {table}") for table in TABLES}
        for table in TABLES:
            await connection.execute(f"CREATE TABLE copy_{table} (LIKE {table} INCLUDING ALL)")
        started = time.perf_counter()
        async with connection.transaction():
            for table in TABLES:
                await connection.copy_records_to_table(
                    f"copy_{table}", records=[tuple(row) for row in rows[table]]
                )
        seconds = time.perf_counter() - started
        for table in TABLES:
            await connection.execute(f"DROP TABLE copy_{table}")
    finally:
        await connection.close()
    total = sum(len(table_rows) for table_rows in rows.values())
    return {
        "rows": total,
        "seconds": round(seconds, 3),
        "rows_per_s": round(total / seconds),
        "statements_per_s": round(len(rows["statements"]) / seconds),
    }


async def _pg_size(dsn: str) -> int:
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute("CHECKPOINT")
        size: int = await connection.fetchval("SELECT pg_database_size(current_database())")
        return size
    finally:
        await connection.close()


async def measure_postgresql(statements: int) -> dict[str, Any]:
    """Claimline's ingest rate, COPY's, and bytes per statement, on a new database."""
    name = await create_pg_database()
    dsn = pg_dsn(name)
    try:
        migrate(pg_url(name))
        empty = await _pg_size(dsn)
        result = await _through_claimline(pg_url(name), statements)
        result["bytes_per_statement"] = round((await _pg_size(dsn) - empty) / result["statements"])
        result["copy"] = await _copy_rate(dsn)
        result["ratio_to_copy"] = round(
            result["statements_per_s"] / result["copy"]["statements_per_s"], 3
        )
        return result
    finally:
        await drop_pg_database(name)


async def measure_sqlite(statements: int) -> dict[str, Any]:
    """Claimline's ingest rate and bytes per statement on a new SQLite file."""
    path = ROOT / "var" / f"bench-ingest-{uuid.uuid4().hex[:8]}.sqlite3"
    try:
        migrate(sqlite_url(path))
        empty = path.stat().st_size
        result = await _through_claimline(sqlite_url(path), statements)
        with sqlite3.connect(path) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        result["bytes_per_statement"] = round((path.stat().st_size - empty) / result["statements"])
        return result
    finally:
        remove_sqlite(path)


@dataclass
class Workload:
    """The statements of the concurrency runs, generated once: `load`'s statements (same plan
    and seed) with every event named inline each time, in batches."""

    plan: Plan
    batches: list[list[dict[str, Any]]]

    @classmethod
    def generate(cls, statements: int) -> "Workload":
        """Generate the plan's statements as `load` does, after its parties and outlets."""
        plan = Plan(statements=statements, seed=SEED)
        rng = random.Random(plan.seed)
        # The draws `_create_sources` makes for the parties' names, so that the same follow.
        for number in range(plan.parties):
            _party(number, rng)
        events = _events(plan, rng)
        inline = {event.slug: {"slug": event.slug, "title": event.title} for event in events}
        items = []
        for item in _statements(plan, events, rng):
            if isinstance(item["event"], str):
                item["event"] = dict(inline[item["event"]])
            items.append(item)
        batches = [items[start : start + BATCH_SIZE] for start in range(0, len(items), BATCH_SIZE)]
        return cls(plan=plan, batches=batches)

    @property
    def texts(self) -> Counter[str]:
        """How many times each statement text is sent (the texts hold a random number)."""
        return Counter(item["text"] for batch in self.batches for item in batch)


@dataclass
class _Answers:
    """What the clients of a run were answered besides 201s."""

    retries: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    details: dict[str, str] = field(default_factory=dict)

    def refused(self, status: str, detail: str) -> None:
        self.retries += 1
        self.statuses[status] += 1
        self.details.setdefault(status, detail[:160])


async def _send(
    client: httpx.AsyncClient, batches: list[tuple[int, list[dict[str, Any]]]], answers: _Answers
) -> None:
    """Send the batches in order, each again with the same Idempotency-Key while it is refused
    with a retryable answer or the connection fails."""
    for index, batch in batches:
        headers = {"Idempotency-Key": f"bench-concurrency-batch-{index}"}
        for attempt in range(1, ATTEMPTS + 1):
            try:
                response = await client.post(
                    "/v1/statements/batch", json={"statements": batch}, headers=headers
                )
            except httpx.TransportError as error:
                answers.refused(type(error).__name__, str(error))
            else:
                if response.status_code == 201:
                    break
                detail = response.text
                with_detail = response.headers.get("content-type", "").endswith("json")
                if with_detail:
                    detail = str(response.json().get("detail", detail))
                if response.status_code not in RETRIED:
                    raise RuntimeError(f"batch {index}: {response.status_code} {detail[:500]}")
                answers.refused(str(response.status_code), detail)
            if attempt == ATTEMPTS:
                raise RuntimeError(f"batch {index}: refused {ATTEMPTS} times")
            await asyncio.sleep(0.05 * attempt * (1 + random.random()))


def _cpu_seconds(root: int) -> dict[int, float]:
    """The CPU seconds (user and system) of a process and of its children so far, by pid."""
    tick = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == root or int(fields[1]) == root:
            seconds[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    return seconds


@dataclass
class _Store:
    """A new database of one store for one concurrency run: its URL, and how to read back the
    number of rows of each statement text (and PostgreSQL's count of deadlocks)."""

    database_url: str
    stored_texts: Callable[[], Awaitable[Counter[str]]]
    deadlocks: Callable[[], Awaitable[int | None]]


async def _run(workload: Workload, store: _Store, clients: int, workers: int) -> dict[str, Any]:
    """Send the workload with `clients` clients to a server of `workers` workers, then check
    what the database holds."""
    port = free_port()
    answers = _Answers()
    base_url = f"http://127.0.0.1:{port}"
    with claimline_server(store.database_url, port, workers=workers) as pid:
        async with httpx.AsyncClient(base_url=base_url, timeout=600) as setup:
            await _create_sources(setup, workload.plan, random.Random(workload.plan.seed))
        numbered = list(enumerate(workload.batches))
        shares = [numbered[first::clients] for first in range(clients)]
        # A connection a batch: a worker busy with a batch leaves the next one to another.
        fresh = httpx.Limits(max_keepalive_connections=0)
        senders = [
            httpx.AsyncClient(base_url=base_url, timeout=600, limits=fresh) for _ in range(clients)
        ]
        try:
            cpu_before = _cpu_seconds(pid)
            started = time.perf_counter()
            await asyncio.gather(
                *(
                    _send(client, share, answers)
                    for client, share in zip(senders, shares, strict=True)
                )
            )
            seconds = time.perf_counter() - started
            cpu_after = _cpu_seconds(pid)
        finally:
            for client in senders:
                await client.aclose()
    sent, stored = workload.texts, await store.stored_texts()
    used = {p: round(s - cpu_before.get(p, 0.0), 1) for p, s in cpu_after.items()}
    statements = sum(sent.values())
    return {
        "clients": clients,
        "workers": workers,
        "seconds": round(seconds, 3),
        "statements_per_s": round(statements / seconds),
        "retries": answers.retries,
        "refusals": dict(answers.statuses),
        "refusal_details": answers.details,
        "deadlocks": await store.deadlocks(),
        "server_cpu_s": sorted((s for s in used.values() if s >= 0.1), reverse=True),
        "statements_sent": statements,
        "statements_stored": sum(stored.values()),
        "lost": sum(max(0, n - stored[text]) for text, n in sent.items()),
        "duplicates": sum(max(0, n - sent[text]) for text, n in stored.items()),
        "rebuild_fixes": rebuild_fixes(store.database_url),
    }


Measure = Callable[[Workload, int, int], Awaitable[dict[str, Any]]]


async def concurrency(workload: Workload, measure: Measure) -> dict[str, Any]:
    """Every configuration on a new database of one store, each compared with one client."""
    result: dict[str, Any] = {
        "statements": sum(len(batch) for batch in workload.batches),
        "batches": len(workload.batches),
    }
    for name, clients, workers in CONFIGURATIONS:
        run = await measure(workload, clients, workers)
        first = result.get(CONFIGURATIONS[0][0], run)
        run["ratio_to_one_client"] = round(run["statements_per_s"] / first["statements_per_s"], 2)
        result[name] = run
        print(
            f"  {name}: {run['statements_per_s']:,} statements/s, {run['retries']} retries, "
            f"{run['lost']} lost, {run['duplicates']} duplicates, "
            f"{run['rebuild_fixes']} fixes",
            file=sys.stderr,
        )
    return result


async def pg_concurrency(workload: Workload, clients: int, workers: int) -> dict[str, Any]:
    """One concurrency run on a new PostgreSQL database."""
    name = await create_pg_database()
    dsn = pg_dsn(name)

    async def stored_texts() -> Counter[str]:
        connection = await asyncpg.connect(dsn)
        try:
            rows = await connection.fetch("SELECT text, count(*) FROM statements GROUP BY text")
        finally:
            await connection.close()
        return Counter({row[0]: row[1] for row in rows})

    async def deadlocks() -> int | None:
        connection = await asyncpg.connect(dsn)
        try:
            count: int = await connection.fetchval(
                "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()"
            )
        finally:
            await connection.close()
        return count

    try:
        migrate(pg_url(name))
        return await _run(workload, _Store(pg_url(name), stored_texts, deadlocks), clients, workers)
    finally:
        await drop_pg_database(name)


async def sqlite_concurrency(workload: Workload, clients: int, workers: int) -> dict[str, Any]:
    """One concurrency run on a new SQLite file."""
    path = ROOT / "var" / f"bench-ingest-{uuid.uuid4().hex[:8]}.sqlite3"

    async def stored_texts() -> Counter[str]:
        with sqlite3.connect(path) as connection:
            rows = connection.execute("SELECT text, count(*) FROM statements GROUP BY text")
            return Counter(dict(rows))

    async def no_count() -> None:
        return None

    try:
        migrate(sqlite_url(path))
        return await _run(
            workload, _Store(sqlite_url(path), stored_texts, no_count), clients, workers
        )
    finally:
        remove_sqlite(path)


def main() -> None:
    """Measure both stores and write bench/results/ingest.json (with `--only-concurrency`, only
    the concurrency runs, written into the file's existing results; with `--no-concurrency`,
    all but them)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=20_000)
    parser.add_argument(
        "--only-concurrency",
        action="store_true",
        help="only the concurrency runs; the file's other results are kept",
    )
    parser.add_argument(
        "--no-concurrency",
        action="store_true",
        help="no concurrency runs; the file's concurrency results are kept",
    )
    arguments = parser.parse_args()
    output = ROOT / "bench" / "results" / "ingest.json"
    report: dict[str, Any]
    if arguments.only_concurrency:
        report = json.loads(output.read_text()) if output.exists() else {}
    else:
        report = {
            "postgresql": asyncio.run(measure_postgresql(arguments.statements)),
            "sqlite": asyncio.run(measure_sqlite(arguments.statements)),
        }
    if arguments.no_concurrency:
        earlier = json.loads(output.read_text()) if output.exists() else {}
        for store, result in report.items():
            if "concurrency" in earlier.get(store, {}):
                result["concurrency"] = earlier[store]["concurrency"]
    else:
        workload = Workload.generate(arguments.statements)
        for store, measure in (("postgresql", pg_concurrency), ("sqlite", sqlite_concurrency)):
            report.setdefault(store, {})["concurrency"] = asyncio.run(
                concurrency(workload, measure)
            )
    output.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2), file=sys.stderr)


if __name__ == "__main__":
    main()
