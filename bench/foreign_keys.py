"""What the foreign-key checks cost the rows a batch writes, on PostgreSQL.

A new migrated database gets 20,000 realistic statements (`bench.generate.archive`, imported in
process); then, for each table a batch writes, 5,000 of its rows are copied with COPY into an
empty twin with the table's indexes (LIKE … INCLUDING ALL), once without and once with the
table's foreign keys (each row then checks the rows it references), median of 3.

Usage: .venv/bin/python -m bench.foreign_keys [--statements 20000] → bench/results/foreign_keys.json
"""

import argparse
import asyncio
import json
import statistics
import sys
import time
from typing import Any

import asyncpg

from app.config import Settings
from app.kit.db import Database
from app.statements.jsonl import import_lines
from bench.generate import Plan, archive
from bench.servers import ROOT, create_pg_database, drop_pg_database, migrate, pg_dsn, pg_url

TABLES = ("statements", "stances", "relays", "positions", "tally_marks", "event_changes")
ROWS = 5000


async def _load(url: str, statements: int) -> None:
    database = Database.from_settings(Settings(database_url=url))  # type: ignore[arg-type]
    try:
        lines = (
            (number, json.dumps(item))
            for number, item in enumerate(archive(Plan(statements=statements, seed=5)), start=1)
        )
        await import_lines(database, lines, batch_size=5000)
    finally:
        await database.dispose()


async def _copy_ms(
    connection: asyncpg.Connection, table: str, rows: list[Any], keys: list[str]
) -> float:
    times = []
    for _ in range(3):
        await connection.execute(
            f"DROP TABLE IF EXISTS twin; CREATE TABLE twin (LIKE {table} INCLUDING ALL)"
        )
        for key in keys:
            await connection.execute(f"ALTER TABLE twin ADD {key}")
        started = time.perf_counter()
        async with connection.transaction():
            await connection.copy_records_to_table(
                "twin", records=[tuple(row) for row in rows], columns=list(rows[0].keys())
            )
        times.append((time.perf_counter() - started) * 1000)
    await connection.execute("DROP TABLE twin")
    return round(statistics.median(times), 1)


async def measure(statements: int) -> dict[str, Any]:
    name = await create_pg_database()
    try:
        migrate(pg_url(name))
        await _load(pg_url(name), statements)
        connection = await asyncpg.connect(pg_dsn(name))
        report: dict[str, Any] = {}
        try:
            for table in TABLES:
                rows = await connection.fetch(f"SELECT * FROM {table} LIMIT {ROWS}")
                keys = [
                    row["definition"]
                    for row in await connection.fetch(
                        "SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint "
                        "WHERE conrelid = $1::regclass AND contype = 'f'",
                        table,
                    )
                ]
                without = await _copy_ms(connection, table, rows, [])
                checked = await _copy_ms(connection, table, rows, keys)
                report[table] = {
                    "rows": len(rows),
                    "foreign_keys": len(keys),
                    "ms_without": without,
                    "ms_with": checked,
                    "us_per_row_checked": round((checked - without) * 1000 / len(rows), 1),
                }
                print(table, report[table], file=sys.stderr)
        finally:
            await connection.close()
        return report
    finally:
        await drop_pg_database(name)


def main() -> None:
    """Measure and write bench/results/foreign_keys.json."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=20_000)
    arguments = parser.parse_args()
    report = asyncio.run(measure(arguments.statements))
    output = ROOT / "bench" / "results" / "foreign_keys.json"
    output.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
