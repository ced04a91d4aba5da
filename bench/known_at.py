"""What `known_at=` and independent voices cost at 100,000 statements (issue 17).

An event of `--size` statements (100,000; `bench/views.py`'s generator, written straight into
the tables, no ANALYZE) on each store. Each read is computed on a reader, never served from
memory; median of 5 after one warm-up:

- the comparison with no `based_on` link in the event (independence is one seek), then with
  `--links` (1,000) links between random statements (the event's link graph is read);
- the comparison, the first timeline page (50), the claim list and the statement list (50),
  each as the record is now and at `known_at`: an instant after every statement was recorded
  but before one of them was retracted, so the whole event is read and replayed; and at an
  instant after the last change, which the kept values serve (`_unchanged_ms`).

Usage: .venv/bin/python -m bench.known_at [--size 100000] [--links 1000]
"""

import argparse
import asyncio
import json
import random
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

from app.claims import known
from app.claims import queries as claim_queries
from app.comparisons import known as known_comparison
from app.comparisons import queries as comparison_queries
from app.events import queries as event_queries
from app.kit.pagination import PageRequest
from app.models import Statement, StatementBasis
from app.statements import queries as statement_queries
from app.timelines import known as known_timeline
from app.timelines import queries as timeline_queries
from app.timelines.schemas import Order
from bench import views
from bench.bigevents import _median_ms, _store
from bench.servers import (
    ROOT,
    create_pg_database,
    drop_pg_database,
    pg_url,
    remove_sqlite,
    sqlite_url,
)

RESULTS = Path(__file__).resolve().parent / "results" / "known_at.json"
PAGE = PageRequest(limit=50, cursor=None)
TIMELINE: dict[str, Any] = {
    "order": Order.asc,
    "since": None,
    "until": None,
    "speaker_id": None,
    "claim_id": None,
    "stance": None,
    "include_retracted": False,
    "page": PAGE,
    "at": None,
}


async def _add_links(database: Any, event_id: uuid.UUID, links: int) -> None:
    """`links` based_on links from random statements to random earlier-said ones."""
    async with database.write_engine.begin() as connection:
        ids = [
            row[0]
            for row in await connection.execute(
                select(Statement.id)
                .where(Statement.event_id == event_id)
                .order_by(Statement.said_at, Statement.id)
            )
        ]
        rng = random.Random(links)
        chosen = sorted(rng.sample(range(1, len(ids)), links))
        await connection.execute(
            insert(StatementBasis),
            [
                {
                    "statement_id": ids[n],
                    "position": 0,
                    "event_id": event_id,
                    "based_on_id": ids[rng.randrange(n)],
                }
                for n in chosen
            ],
        )


async def measure(url: str, size: int, links: int) -> dict[str, Any]:
    database = await _store(url)
    try:
        event_id = await views.generate(database, size, seed=size)
        known_at = datetime.now(UTC)
        # A retraction after the moment: the record then differs from the record now.
        async with database.write_engine.begin() as connection:
            await connection.execute(
                update(Statement)
                .where(
                    Statement.id
                    == select(Statement.id)
                    .where(Statement.event_id == event_id, Statement.retracted_at.is_(None))
                    .order_by(Statement.id)
                    .limit(1)
                    .scalar_subquery()
                )
                .values(retracted_at=datetime.now(UTC), retraction_reason="After the moment.")
            )

        async def on_reader(run: Any) -> float:
            async def once() -> None:
                async with database.reader() as reader:
                    await run(reader)

            return await _median_ms(once, 5)

        async def compare(reader: Any, at: datetime | None = None) -> None:
            event = await event_queries.document(reader=reader, ref=str(event_id))
            if at is None or await known.unchanged_since(reader, str(event_id), at):
                await comparison_queries.compare(
                    reader=reader, event=event, as_of=None, parties=None
                )
                return
            record = await known.record(reader, str(event_id), at)
            gathered, independence = known_comparison.gather(record, as_of=None, parties=None)
            await comparison_queries.document(reader, event, gathered, independence)

        async def timeline(reader: Any, at: datetime | None = None) -> None:
            if at is None or await known.unchanged_since(reader, str(event_id), at):
                await timeline_queries.timeline(reader=reader, event_id=event_id, **TIMELINE)
                return
            record = await known.record(reader, str(event_id), at)
            await known_timeline.timeline(reader, record, **TIMELINE)

        async def claims(reader: Any, at: datetime | None = None) -> None:
            if at is None or await known.unchanged_since(reader, str(event_id), at):
                await claim_queries.search(
                    reader=reader, event_id=str(event_id), status=None, page=PAGE
                )
                return
            record = await known.record(reader, str(event_id), at)
            known.claims(record, str(event_id), status=None, page=PAGE)

        async def statements(reader: Any, at: datetime | None = None) -> None:
            await statement_queries.search(
                reader=reader,
                event_id=event_id,
                speaker_id=None,
                claim_id=None,
                q=None,
                include_retracted=False,
                page=PAGE,
                known_at=at,
            )

        report: dict[str, Any] = {"size": size, "links": links}
        report["comparison_no_links_ms"] = await on_reader(compare)
        await _add_links(database, event_id, links)
        report["comparison_with_links_ms"] = await on_reader(compare)
        for name, run in [
            ("comparison", compare),
            ("timeline_page", timeline),
            ("claims", claims),
            ("statements_page", statements),
        ]:
            report[f"{name}_now_ms"] = await on_reader(run)
            report[f"{name}_known_at_ms"] = await on_reader(
                lambda reader, run=run: run(reader, known_at)
            )
            report[f"{name}_known_at_over_now"] = round(
                report[f"{name}_known_at_ms"] / report[f"{name}_now_ms"], 1
            )
            report[f"{name}_known_at_unchanged_ms"] = await on_reader(
                lambda reader, run=run: run(reader, datetime.now(UTC))
            )
        print(f"{url.split(':')[0]}: {report}", file=sys.stderr)
        return report
    finally:
        await database.dispose()


def main() -> None:
    """Run both stores and write bench/results/known_at.json."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--links", type=int, default=1_000)
    arguments = parser.parse_args()
    report: dict[str, Any] = {}
    name = asyncio.run(create_pg_database())
    try:
        report["postgresql"] = asyncio.run(measure(pg_url(name), arguments.size, arguments.links))
    finally:
        asyncio.run(drop_pg_database(name))
    path = ROOT / "var" / f"bench-known-{uuid.uuid4().hex[:8]}.sqlite3"
    path.parent.mkdir(exist_ok=True)
    try:
        report["sqlite"] = asyncio.run(measure(sqlite_url(path), arguments.size, arguments.links))
    finally:
        remove_sqlite(path)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
