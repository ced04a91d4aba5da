"""Read cost of the views as an event grows: timeline pages and the comparison.

For each store, events of 1,000, 10,000, 100,000 and 1,000,000 statements (50 parties, 20
claims, about 3 stances each, 5 % said before statements recorded earlier, 1 % retracted) are
written straight into the tables (faster than through the API at these sizes), their derived
values computed with the app's own rules, and `rebuild-views`' replay checks them. Then, through
the whole app in-process (no sockets), the median time of: the first timeline page, a deep
timeline page (90 % in, by cursor), and up to 100,000 statements the comparison and the bare SQL
query reading the event's stance rows.

Usage: .venv/bin/python -m bench.views [--sizes 1000,10000,100000,1000000]
"""

import argparse
import asyncio
import json
import random
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
from httpx import ASGITransport, AsyncClient
from sqlalchemy import insert, select, text

from app.claims import derived
from app.claims.derived import STORED_COLUMNS, stored_values
from app.claims.rules import StanceInTimeline, replay
from app.config import Settings
from app.kit.db import Database, get_database
from app.kit.ids import new_id
from app.kit.migrations import upgrade
from app.kit.pagination import encode_cursor
from app.main import create_app
from app.models import (
    Claim,
    ClaimStatus,
    Event,
    Position,
    Relay,
    Source,
    SourceKind,
    SourceName,
    Stance,
    StanceKind,
    Statement,
)
from app.statements import tally
from app.text import text_hash

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
COMPARED_UP_TO = 100_000  # the largest event the comparison is timed on
STANCE_WEIGHTS = [
    (StanceKind.supports, 4),
    (StanceKind.refutes, 4),
    (StanceKind.questions, 1),
    (StanceKind.neutral, 1),
]


async def _insert_all(database: Database, table: Any, rows: list[dict[str, Any]]) -> None:
    async with database.write_engine.begin() as connection:
        for start in range(0, len(rows), 5000):
            await connection.execute(insert(table), rows[start : start + 5000])


async def generate(database: Database, size: int, seed: int) -> uuid.UUID:
    """An event of `size` statements with derived values filled in; returns its id."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    event_id = new_id()
    await _insert_all(
        database,
        Event,
        [
            {
                "id": event_id,
                "slug": f"bench-{size}-{seed}",
                "title": f"Benchmark event of {size} statements",
                "description": "",
                "occurred_at": None,
                "tags": [],
                "search_text": "",
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
        ],
    )
    sources: list[dict[str, Any]] = [
        {
            "id": new_id(),
            "slug": f"bench-{size}-{seed}-source-{n}",
            "name": f"Source {n}",
            "kind": SourceKind.outlet if n >= 50 else SourceKind.person,
            "aliases": [],
            "description": "",
            "homepage": None,
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        for n in range(60)
    ]
    await _insert_all(database, Source, sources)
    await _insert_all(
        database,
        SourceName,
        [{"source_id": s["id"], "name_key": str(s["name"]).casefold()} for s in sources],
    )
    parties, outlets = sources[:50], sources[50:]
    claims = [
        {
            "id": new_id(),
            "event_id": event_id,
            "text": f"Claim {n}",
            "text_hash": text_hash(f"Claim {n}"),
            "text_key": f"claim {n}",
            "status": ClaimStatus.open,
            "created_at": now,
        }
        for n in range(20)
    ]
    statements, stances, relays = [], [], []
    start = datetime(2015, 9, 14, tzinfo=UTC)
    kinds, weights = zip(*STANCE_WEIGHTS, strict=True)
    for n in range(size):
        said_at = start + timedelta(seconds=30 * n)
        if rng.random() < 0.05:
            said_at -= timedelta(seconds=30 * rng.randint(1, min(n, 500) or 1))
        party = rng.choice(parties)
        statement_id = new_id()
        statements.append(
            {
                "id": statement_id,
                "event_id": event_id,
                "speaker_id": party["id"],
                "on_behalf_of_id": None,
                "party_id": party["id"],
                "text": f"Statement {n} of the benchmark",
                "said_at": said_at,
                "said_at_precision": "second",
                "medium": "other",
                "url": None,
                "language": None,
                "recorded_at": now,
                "retracted_at": now if rng.random() < 0.01 else None,
                "retraction_reason": None,
            }
        )
        for position, claim in enumerate(rng.sample(claims, 3)):
            stances.append(
                {
                    "statement_id": statement_id,
                    "claim_id": claim["id"],
                    "position": position,
                    "stance": rng.choices(kinds, weights)[0],
                    "quote": None,
                    "said_at": said_at,
                }
            )
        if n % 3 == 0:
            relays.append(
                {
                    "statement_id": statement_id,
                    "position": 0,
                    "source_id": rng.choice(outlets)["id"],
                    "url": None,
                    "published_at": None,
                }
            )
    positions = _derive(statements, stances, claims)
    await _insert_all(database, Claim, claims)
    await _insert_all(database, Statement, statements)
    await _insert_all(database, Stance, stances)
    await _insert_all(database, Relay, relays)
    await _insert_all(database, Position, positions)
    async with database.write_sessions() as session:
        await tally.recount(session, [event_id])
        await session.commit()
    return event_id


def _derive(
    statements: list[dict[str, Any]], stances: list[dict[str, Any]], claims: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Fill in the derived values of the stances and claims; return the positions."""
    positions: list[dict[str, Any]] = []
    by_statement = {s["id"]: s for s in statements}
    order = {s["id"]: (s["said_at"], s["id"]) for s in statements}
    for claim in claims:
        on_claim = sorted(
            (row for row in stances if row["claim_id"] == claim["id"]),
            key=lambda row: order[row["statement_id"]],
        )
        derived, state = replay(
            StanceInTimeline(
                party=by_statement[row["statement_id"]]["party_id"],
                stance=row["stance"],
                retracted=by_statement[row["statement_id"]]["retracted_at"] is not None,
                statement=row["statement_id"],
                said_at=row["said_at"],
            )
            for row in on_claim
        )
        for row, values in zip(on_claim, derived, strict=True):
            row["party_id"] = by_statement[row["statement_id"]]["party_id"]
            row.update(zip(STORED_COLUMNS, stored_values(values), strict=True))
        claim["status"] = state.status
        kept = [
            row for row in on_claim if by_statement[row["statement_id"]]["retracted_at"] is None
        ]
        first, last = (kept[0] if kept else None), (on_claim[-1] if on_claim else None)
        claim["first_said_at"] = first and by_statement[first["statement_id"]]["said_at"]
        claim["first_statement_id"] = first and first["statement_id"]
        claim["last_said_at"] = last and by_statement[last["statement_id"]]["said_at"]
        claim["last_statement_id"] = last and last["statement_id"]
        positions.extend(
            {
                "claim_id": claim["id"],
                "party_id": party_id,
                "stance": stance,
                "side": state.sides.get(party_id),
                **state.chains[party_id]._asdict(),
            }
            for party_id, stance in state.positions.items()
        )
    return positions


async def _median(run: Callable[[], Awaitable[Any]], repeats: int) -> float:
    await run()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        await run()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


async def measure_size(
    client: AsyncClient, database: Database, settings: Settings, size: int
) -> dict[str, Any]:
    """Generate one event of `size` statements and time the reads on it."""
    started = time.perf_counter()
    event_id = await generate(database, size, seed=size)
    generated_s = time.perf_counter() - started
    async with database.write_engine.connect() as connection:
        # Fresh statistics, as autovacuum (or SQLite's optimize) would soon give them.
        await connection.execute(text("ANALYZE"))
        await connection.commit()
    async with database.write_sessions() as session:
        claim_ids = (
            await session.scalars(select(Claim.id).where(Claim.event_id == event_id))
        ).all()
        started = time.perf_counter()
        fixed = await derived.refresh_derived(session=session, starts=dict.fromkeys(claim_ids))
        rebuild_s = time.perf_counter() - started
        await session.rollback()
    async with database.read_engine.connect() as connection:
        deep = (
            await connection.execute(
                select(Statement.said_at, Statement.id)
                .where(Statement.event_id == event_id, Statement.retracted_at.is_(None))
                .order_by(Statement.said_at, Statement.id)
                .offset(int(size * 0.9))
                .limit(1)
            )
        ).one()
    cursor = encode_cursor("timeline-asc", [deep[0].isoformat(), deep[1].hex])
    path = f"/v1/events/{event_id}"
    bare_sql = text(
        "SELECT st.claim_id, s.party_id, st.stance, st.statement_id, s.said_at "
        "FROM stances st JOIN statements s ON s.id = st.statement_id "
        "WHERE s.event_id = :event AND s.retracted_at IS NULL "
        "ORDER BY s.said_at, s.id"
    )
    event_param = event_id.hex if settings.is_sqlite else event_id

    async def first_page() -> None:
        response = await client.get(f"{path}/timeline")
        assert response.status_code == 200

    async def deep_page() -> None:
        response = await client.get(f"{path}/timeline", params={"cursor": cursor})
        assert response.status_code == 200
        assert len(response.json()["items"]) == 50

    async def comparison() -> None:
        response = await client.get(f"{path}/comparison")
        assert response.status_code == 200

    async def stance_rows() -> None:
        async with database.read_engine.connect() as connection:
            (await connection.execute(bare_sql, {"event": event_param})).all()

    report: dict[str, Any] = {
        "generate_s": round(generated_s, 2),
        "rebuild_s": round(rebuild_s, 2),
        "rebuild_fixed": fixed,
        "timeline_first_page_ms": round(await _median(first_page, 15), 2),
        "timeline_deep_page_ms": round(await _median(deep_page, 15), 2),
    }
    # The comparison is linear in the event by design; beyond 100,000 statements it only costs
    # minutes here, and its goal is set at 10,000.
    if size <= COMPARED_UP_TO:
        report["comparison_ms"] = round(await _median(comparison, 5), 2)
        report["stance_rows_sql_ms"] = round(await _median(stance_rows, 5), 2)
    return report


async def measure_store(url: str, sizes: list[int]) -> dict[str, Any]:
    """Generate each size on this store and time the reads."""
    # A rebuild of a million statements is long work: no request's statement timeout.
    settings = Settings(
        database_url=url,  # type: ignore[arg-type]
        auth="off",
        db_statement_timeout_ms=3_600_000,
    )
    database = Database.from_settings(settings)
    await upgrade(database.write_engine)
    app = create_app(settings)
    app.dependency_overrides[get_database] = lambda: database
    report: dict[str, Any] = {}
    try:
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://bench") as client:
            for size in sizes:
                report[str(size)] = await measure_size(client, database, settings, size)
                print(f"{settings.database.get_backend_name()} {size}: {report[str(size)]}")
    finally:
        await database.dispose()
    return report


def ratios(report: dict[str, Any]) -> dict[str, float]:
    """The goals as ratios: page cost at the largest size over the smallest; comparison at
    10,000 over the bare stance-row query at 10,000."""
    sizes = sorted(report, key=int)
    small, large = report[sizes[0]], report[sizes[-1]]
    result = {
        "first_page_largest_over_smallest": small
        and large["timeline_first_page_ms"] / small["timeline_first_page_ms"],
        "deep_page_largest_over_smallest": large["timeline_deep_page_ms"]
        / small["timeline_deep_page_ms"],
    }
    if "10000" in report:
        ten = report["10000"]
        result["comparison_over_sql_at_10000"] = ten["comparison_ms"] / ten["stance_rows_sql_ms"]
    return {key: round(value, 2) for key, value in result.items()}


async def measure_postgresql(sizes: list[int]) -> dict[str, Any]:
    """Measure on a new PostgreSQL database, dropped afterwards."""
    name = f"claimline_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(PG_ADMIN)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        return await measure_store(f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}", sizes)
    finally:
        await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        await admin.close()


def main() -> None:
    """Run both stores and write bench/results/views.json."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    sizes = [int(size) for size in parser.parse_args().sizes.split(",")]
    sqlite_path = ROOT / "var" / f"bench-views-{uuid.uuid4().hex[:8]}.sqlite3"
    report: dict[str, Any] = {}
    try:
        report["sqlite"] = asyncio.run(measure_store(f"sqlite+aiosqlite:///{sqlite_path}", sizes))
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
    report["postgresql"] = asyncio.run(measure_postgresql(sizes))
    report["ratios"] = {store: ratios(report[store]) for store in ("sqlite", "postgresql")}
    (ROOT / "bench" / "results" / "views.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report["ratios"], indent=2))


if __name__ == "__main__":
    main()
