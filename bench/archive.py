"""`claimline import` of a large archive into an empty database, and COPY of the same rows.

The archive is the generator's realistic statements (`bench.generate.archive`: a few very large
events and many small ones, sources named in full the first time, relays on a third, 5 % said
before earlier ones) as JSON Lines. Each store gets a new migrated database; `claimline import`
runs as a user runs it, and every second the benchmark reads its resident size (/proc) and how
many statements the database holds, for the rate by table size. On PostgreSQL the statements,
relays and stances the import wrote are then copied out and loaded again with COPY (binary) into
empty twins of their tables with the same indexes: the rate of bare bulk loading. Then
`claimline rebuild-views` checks that a full recomputation fixes nothing.

Usage: .venv/bin/python -m bench.archive [--statements 1000000] [--sqlite-statements 200000]
→ bench/results/archive.json
"""

import argparse
import asyncio
import itertools
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import asyncpg

from bench.generate import Plan, archive
from bench.servers import (
    BIN,
    ROOT,
    claimline_env,
    create_pg_database,
    drop_pg_database,
    migrate,
    pg_dsn,
    pg_url,
    rebuild_fixes,
    remove_sqlite,
    sqlite_url,
)

TABLES = ("statements", "relays", "stances")
STEP = 100_000


def write_archive(statements: int, path: Path) -> None:
    """The generator's statements as an import file, written as they come."""
    with path.open("w") as output:
        for number, item in enumerate(archive(Plan(statements=statements, seed=11)), start=1):
            output.write(json.dumps(item) + "\n")
            if number % 100_000 == 0:
                print(f"  archive: {number:,} lines", file=sys.stderr)


def _rss_mib(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(found.group(1)) / 1024 if found else None


def _import(database_url: str, path: Path, count: Callable[[], int]) -> dict[str, Any]:
    """Run `claimline import`, sampling its resident size and the statements stored."""
    started = time.monotonic()
    process = subprocess.Popen(
        [BIN / "claimline", "import", str(path)],
        env=claimline_env(database_url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    samples: list[tuple[float, int]] = [(0.0, 0)]
    peak = 0.0
    while process.poll() is None:
        time.sleep(1)
        rss = _rss_mib(process.pid)
        if rss is not None:
            peak = max(peak, rss)
        samples.append((time.monotonic() - started, count()))
        if len(samples) % 60 == 0:
            print(f"  import: {samples[-1][1]:,} statements, {peak:.0f} MiB", file=sys.stderr)
    seconds = time.monotonic() - started
    _, stderr = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"import failed ({process.returncode}): {stderr.decode()[-2000:]}")
    stored = count()
    samples.append((seconds, stored))
    return {
        "statements": stored,
        "seconds": round(seconds, 1),
        "statements_per_s": round(stored / seconds),
        "peak_rss_mib": round(peak, 1),
        "rate_by_size": _rate_by_size(samples, stored),
        "summary": stderr.decode().strip().splitlines()[-1],
    }


def _rate_by_size(samples: list[tuple[float, int]], total: int) -> list[dict[str, Any]]:
    """Statements a second over each step of 100,000 statements stored (a tenth of them for
    fewer than a million; times interpolated between the samples)."""
    step = min(STEP, max(total // 10, 1))

    def when(size: int) -> float:
        for (t0, n0), (t1, n1) in itertools.pairwise(samples):
            if n0 <= size <= n1:
                return t0 if n1 == n0 else t0 + (t1 - t0) * (size - n0) / (n1 - n0)
        return samples[-1][0]

    steps = []
    for start in range(0, total - step + 1, step):
        seconds = when(start + step) - when(start)
        steps.append(
            {
                "from": start,
                "to": start + step,
                "statements_per_s": round(step / seconds) if seconds > 0 else None,
            }
        )
    return steps


async def _copy_rate(dsn: str) -> dict[str, Any]:
    """Copy the imported rows out, then time COPY of them into empty twins of their tables
    (same indexes), in one transaction."""
    connection = await asyncpg.connect(dsn)
    try:
        with tempfile.TemporaryDirectory() as directory:
            files = {table: Path(directory) / f"{table}.copy" for table in TABLES}
            counts = {}
            for table in TABLES:
                await connection.copy_from_table(table, output=str(files[table]), format="binary")
                counts[table] = await connection.fetchval(f"SELECT count(*) FROM {table}")
                await connection.execute(f"CREATE TABLE copy_{table} (LIKE {table} INCLUDING ALL)")
            started = time.perf_counter()
            async with connection.transaction():
                for table in TABLES:
                    await connection.copy_to_table(
                        f"copy_{table}", source=str(files[table]), format="binary"
                    )
            seconds = time.perf_counter() - started
        for table in TABLES:
            await connection.execute(f"DROP TABLE copy_{table}")
    finally:
        await connection.close()
    return {
        "rows": sum(counts.values()),
        "seconds": round(seconds, 2),
        "statements_per_s": round(counts["statements"] / seconds),
    }


async def measure_postgresql(path: Path) -> dict[str, Any]:
    name = await create_pg_database()
    dsn = pg_dsn(name)
    try:
        migrate(pg_url(name))
        counter = await asyncpg.connect(dsn)
        loop = asyncio.get_running_loop()

        def count() -> int:
            future = asyncio.run_coroutine_threadsafe(
                counter.fetchval("SELECT count(*) FROM statements"), loop
            )
            return int(future.result())

        # The import runs in a thread so that this loop can answer the counts.
        result = await asyncio.to_thread(_import, pg_url(name), path, count)
        await counter.close()
        result["copy"] = await _copy_rate(dsn)
        result["ratio_to_copy"] = round(
            result["statements_per_s"] / result["copy"]["statements_per_s"], 3
        )
        result["rebuild_fixes"] = rebuild_fixes(pg_url(name))
        return result
    finally:
        await drop_pg_database(name)


def measure_sqlite(path: Path) -> dict[str, Any]:
    database = ROOT / "var" / f"bench-archive-{uuid.uuid4().hex[:8]}.sqlite3"
    try:
        migrate(sqlite_url(database))
        with sqlite3.connect(database, timeout=60) as reader:

            def count() -> int:
                return int(reader.execute("SELECT count(*) FROM statements").fetchone()[0])

            result = _import(sqlite_url(database), path, count)
        result["rebuild_fixes"] = rebuild_fixes(sqlite_url(database))
        return result
    finally:
        remove_sqlite(database)


def main() -> None:
    """Measure both stores and write bench/results/archive.json."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--sqlite-statements", type=int, default=200_000)
    arguments = parser.parse_args()
    report: dict[str, Any] = {}
    (ROOT / "var").mkdir(exist_ok=True)
    for store, size in (
        ("postgresql", arguments.statements),
        ("sqlite", arguments.sqlite_statements),
    ):
        path = ROOT / "var" / f"bench-archive-{size}.jsonl"
        if not path.exists():
            write_archive(size, path)
        try:
            print(f"{store}: importing {size:,} statements", file=sys.stderr)
            report[store] = (
                asyncio.run(measure_postgresql(path))
                if store == "postgresql"
                else measure_sqlite(path)
            )
        finally:
            path.unlink(missing_ok=True)
        print(json.dumps(report[store]), file=sys.stderr)
    output = ROOT / "bench" / "results" / "archive.json"
    output.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2), file=sys.stderr)


if __name__ == "__main__":
    main()
