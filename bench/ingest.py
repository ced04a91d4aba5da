"""Ingest through `POST /v1/statements/batch` on both stores, and asyncpg COPY of the same rows.

Each store gets a new database and a Claimline server (one worker); the generator creates the
parties and outlets, then sends realistic statements in batches of 1000 (new and existing sources
mixed, events interleaved, 5 % out of order) over HTTP, and the rate counts statements per second
of batch requests. On PostgreSQL the statements, relays and stances the batches wrote are then
copied with asyncpg's `copy_records_to_table` into empty tables of the same shape: the rate of
bare bulk loading, with no checks, references or derived values. Bytes on disk per statement are
read at the end (PostgreSQL: the database's size less an empty migrated one's; SQLite: the file
and its WAL after a checkpoint).

Usage: .venv/bin/python -m bench.ingest [--statements 20000] → bench/results/ingest.json
"""

import argparse
import asyncio
import json
import sqlite3
import sys
import time
import uuid
from typing import Any

import asyncpg
import httpx

from bench.generate import Plan, load
from bench.servers import (
    ROOT,
    claimline_server,
    create_pg_database,
    drop_pg_database,
    free_port,
    migrate,
    pg_url,
    remove_sqlite,
    sqlite_url,
)

TABLES = ("statements", "relays", "stances")


async def _through_claimline(database_url: str, statements: int) -> dict[str, Any]:
    port = free_port()
    with claimline_server(database_url, port):
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=600) as client:
            loaded = await load(client, Plan(statements=statements, seed=7))
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
    dsn = f"postgresql://postgres@127.0.0.1:5432/{name}"
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


def main() -> None:
    """Measure both stores and write bench/results/ingest.json."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=20_000)
    arguments = parser.parse_args()
    report = {
        "postgresql": asyncio.run(measure_postgresql(arguments.statements)),
        "sqlite": asyncio.run(measure_sqlite(arguments.statements)),
    }
    output = ROOT / "bench" / "results" / "ingest.json"
    output.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2), file=sys.stderr)


if __name__ == "__main__":
    main()
