"""Writing helpers every write path shares: advisory locks on keys, bulk inserts, and the
batched one-row seeks a write reads its starting points with."""

import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import asyncpg
from sqlalchemy import Row, Select, Table, text, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict

# Advisory locks live in their own key space and in a fixed number of buckets, so a batch takes a
# bounded number of locks, always in ascending order: two transactions never wait on each other
# in a cycle.
_LOCK_SPACE = 0x434C
_LOCK_BUCKETS = 1024


def lock_bucket(key: str) -> int:
    """The advisory lock bucket of a key."""
    return zlib.crc32(key.encode()) % _LOCK_BUCKETS


async def bulk_insert(
    session: AsyncSession, table: Table, rows: Sequence[Mapping[str, Any]]
) -> None:
    """Insert many rows in the session's transaction: with COPY on PostgreSQL (several times
    faster than a multi-row INSERT), with an executemany INSERT elsewhere. Values must already
    be what the driver takes: UUIDs, aware datetimes, plain or enum strings."""
    if not rows:
        return
    connection = await session.connection()
    if connection.dialect.name == "postgresql":
        raw = await connection.get_raw_connection()
        driver: asyncpg.Connection = raw.driver_connection
        if driver.is_in_transaction():
            columns = list(rows[0])
            records = [tuple(row[column] for column in columns) for row in rows]
            try:
                await driver.copy_records_to_table(table.name, records=records, columns=columns)
            except asyncpg.IntegrityConstraintViolationError:
                raise Conflict(
                    "The change conflicts with data written meanwhile; try again."
                ) from None
            return
    await session.execute(table.insert(), rows)


async def lock_keys(session: AsyncSession, keys: Iterable[str]) -> None:
    """Serialize transactions that use any of the same keys, until the holder ends.

    PostgreSQL takes advisory transaction locks (re-entrant, so taking a key twice is harmless);
    SQLite write transactions already run one at a time (`BEGIN IMMEDIATE`): nothing to do.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    buckets = sorted({lock_bucket(key) for key in keys})
    if buckets:
        await session.execute(
            text(
                "SELECT count(pg_advisory_xact_lock(:space, bucket)) FROM "
                "(SELECT unnest(CAST(:buckets AS integer[])) AS bucket ORDER BY 1) AS ordered"
            ),
            {"space": _LOCK_SPACE, "buckets": buckets},
        )


# At most this many seeks a query (SQLite allows 500 terms in a compound SELECT).
SEEKS_PER_QUERY = 200


async def seek_all(
    session: AsyncSession, seeks: Sequence[Select[*tuple[Any, ...]]]
) -> list[Row[*tuple[Any, ...]]]:
    """The rows of many small queries (each ordered and limited, one seek on an index), run
    `SEEKS_PER_QUERY` at a time as one UNION ALL each."""
    rows: list[Row[*tuple[Any, ...]]] = []
    for offset in range(0, len(seeks), SEEKS_PER_QUERY):
        chunk = [seek.subquery().select() for seek in seeks[offset : offset + SEEKS_PER_QUERY]]
        rows.extend(await session.execute(union_all(*chunk) if len(chunk) > 1 else chunk[0]))
    return rows
