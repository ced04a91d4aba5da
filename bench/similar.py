"""Claims under other words at scale (issue 18): how long `similar` takes among a million claims.

`--claims` (1,000,000) claims in 1,000 events, written with COPY into a migrated PostgreSQL
database (the GIN trigram index is the migration's): each text 4 to 9 words drawn from a
vocabulary of 3,000 made-up words, so that many claims share words and trigrams, and one in
five a rewording of an earlier one (a word changed, other case and stops). Then a search for
the claims similar to each of 50 claims drawn at random (scope `all`, `min_score` 0.3, 20
results), each computed on a reader: median and 95th percentile, without any ANALYZE
(autovacuum is off here), then after one.

Usage: .venv/bin/python -m bench.similar [--claims 1000000]
"""

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg

from app.claims import similar
from app.enums import ClaimStatus
from app.kit.ids import new_id
from app.text import claim_key, text_hash
from bench.bigevents import _store
from bench.servers import create_pg_database, drop_pg_database, pg_dsn, pg_url

RESULTS = Path(__file__).resolve().parent / "results" / "similar.json"
EVENTS = 1000
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _words(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choices(LETTERS, k=rng.randint(3, 9))) for _ in range(count)]


async def _load(name: str, claims: int, rng: random.Random) -> list[str]:
    """Write the events and claims; the texts of the claims."""
    vocabulary = _words(rng, 3000)
    now = datetime.now(UTC)
    connection = await asyncpg.connect(pg_dsn(name))
    texts: list[str] = []
    try:
        events = [new_id() for _ in range(EVENTS)]
        await connection.copy_records_to_table(
            "events",
            columns=[
                "id",
                "slug",
                "title",
                "description",
                "tags",
                "search_text",
                "created_at",
                "updated_at",
                "version",
            ],
            records=[
                (event, f"event-{n}", f"Event {n}", "", "[]", "", now, now, 1)
                for n, event in enumerate(events)
            ],
        )
        batch: list[tuple[Any, ...]] = []
        for n in range(claims):
            if texts and rng.random() < 0.2:
                # A rewording of an earlier claim: one word changed, the case and stops too.
                words = texts[rng.randrange(len(texts))].lower().split()
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
                text = " ".join(words).upper() + "!"
            else:
                text = " ".join(rng.sample(vocabulary, rng.randint(4, 9))).capitalize()
            texts.append(text)
            batch.append(
                (
                    new_id(),
                    events[n % EVENTS],
                    text,
                    text_hash(text),
                    claim_key(text),
                    ClaimStatus.open.value,
                    now,
                )
            )
            if len(batch) == 50_000:
                await _copy(connection, batch)
                batch = []
                print(f"{n + 1:,} claims written", file=sys.stderr)
        await _copy(connection, batch)
    finally:
        await connection.close()
    return texts


async def _copy(connection: asyncpg.Connection, rows: list[tuple[Any, ...]]) -> None:
    if rows:
        await connection.copy_records_to_table(
            "claims",
            columns=["id", "event_id", "text", "text_hash", "text_key", "status", "created_at"],
            records=rows,
        )


async def _timed(database: Any, texts: list[str], rng: random.Random) -> dict[str, float]:
    chosen = rng.sample(texts, 50)
    times: list[float] = []
    found: list[int] = []
    async with database.reader() as reader:
        await similar.search(
            reader, chosen[0], event_id=None, other_than=None, min_score=0.3, limit=20
        )
        for text in chosen:
            started = time.perf_counter()
            items = await similar.search(
                reader, text, event_id=None, other_than=None, min_score=0.3, limit=20
            )
            times.append(time.perf_counter() - started)
            found.append(len(items))
    times.sort()
    return {
        "median_ms": round(statistics.median(times) * 1000, 2),
        "p95_ms": round(times[int(len(times) * 0.95) - 1] * 1000, 2),
        "max_ms": round(times[-1] * 1000, 2),
        "mean_results": round(statistics.mean(found), 1),
    }


async def measure(claims: int) -> dict[str, Any]:
    name = await create_pg_database()
    try:
        database = await _store(pg_url(name))
        rng = random.Random(claims)
        started = time.perf_counter()
        texts = await _load(name, claims, rng)
        report: dict[str, Any] = {"claims": claims, "load_s": round(time.perf_counter() - started)}
        report["without_analyze"] = await _timed(database, texts, rng)
        connection = await asyncpg.connect(pg_dsn(name))
        await connection.execute("ANALYZE claims")
        await connection.close()
        report["after_analyze"] = await _timed(database, texts, rng)
        await database.dispose()
        return report
    finally:
        await drop_pg_database(name)


def main() -> None:
    """Measure and write bench/results/similar.json."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=1_000_000)
    report = asyncio.run(measure(parser.parse_args().claims))
    report["goal_ms"] = 50
    report["met"] = (
        max(report["without_analyze"]["p95_ms"], report["after_analyze"]["p95_ms"]) <= 50
    )
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
