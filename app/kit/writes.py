"""Writing helpers every write path shares: advisory locks on keys, bulk inserts and updates,
and the batched one-row seeks a write reads its starting points with."""

import json
import operator
import uuid
import zlib
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

import asyncpg
from sqlalchemy import (
    Row,
    Table,
    TextClause,
    TextualSelect,
    bindparam,
    column,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict

# Advisory locks live in their own key space and in a fixed number of buckets, so a batch takes a
# bounded number of locks, always in ascending order: two transactions never wait on each other
# in a cycle. The keys a request takes turns on before its work (an Idempotency-Key, an import's
# lines) have a space of their own: they are taken first, in one call, so a transaction waiting
# for one of them holds no lock of the work's space, and the two orders never cross.
_LOCK_SPACE = 0x434C
REQUEST_LOCK_SPACE = 0x4352
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
            # itemgetter of one column gives a value, not a tuple: ask for it twice, keep one.
            values = operator.itemgetter(*columns, columns[0])
            records = [values(row)[:-1] for row in rows]
            try:
                await driver.copy_records_to_table(table.name, records=records, columns=columns)
            except asyncpg.IntegrityConstraintViolationError:
                raise Conflict(
                    "The change conflicts with data written meanwhile; try again."
                ) from None
            return
    await session.execute(table.insert(), rows)


async def lock_keys(
    session: AsyncSession, keys: Iterable[str], *, space: int = _LOCK_SPACE
) -> None:
    """Serialize transactions that use any of the same keys, until the holder ends; each
    transaction takes a space's keys in one call.

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
            {"space": space, "buckets": buckets},
        )


def one_of(dialect: str, column: str, name: str, sql_type: str) -> str:
    """SQL text: `column` is one of the values of the list parameter `name` (give it with
    `list_value`). One statement of fixed text whatever the number of values, where an IN list
    of hundreds is rendered and planned anew for each batch: `= ANY` of an array on PostgreSQL
    (`sql_type` is the array's element type), a JSON array on SQLite."""
    if dialect == "postgresql":
        return f"{column} = ANY(CAST(:{name} AS {sql_type}[]))"
    return f"{column} IN (SELECT value FROM json_each(:{name}))"


def list_value(dialect: str, values: Sequence[Any]) -> Any:
    """The parameter of a `one_of` list: the values on PostgreSQL, a JSON array of them as
    SQLite stores them (UUIDs as hex) on SQLite."""
    if dialect == "postgresql":
        return list(values)
    return json.dumps([value.hex if isinstance(value, uuid.UUID) else value for value in values])


_POSTGRESQL = postgresql.dialect()  # type: ignore[no-untyped-call]


async def seek_each(
    session: AsyncSession,
    table: Table,
    *,
    keys: Sequence[str],
    order: tuple[str, str] | None,
    returning: Sequence[str],
    wanted: Sequence[tuple[Any, ...]],
) -> list[Row[*tuple[Any, ...]]]:
    """Many seeks on one index in one statement whose text depends only on the columns, so both
    the compiled form and the database's prepared statement are reused.

    Each wanted tuple gives values for `keys`, then (with `order`, two columns compared as a
    pair) a point. Rows are `(index in wanted, *returning)`: with `order`, of the row with those
    keys latest before the point; without, of the row with those keys (a unique key).
    PostgreSQL joins the table laterally to arrays of the wanted values; SQLite to a JSON array
    of them (their stored forms), looking a latest row up by rowid.
    """
    if not wanted:
        return []
    dialect = session.get_bind().dialect
    statement = _seek_statement(dialect.name, table, tuple(keys), order, tuple(returning))
    names = [*keys, *(order or ())]
    parameters: dict[str, Any]
    if dialect.name == "postgresql":
        parameters = {f"v{n}": [item[n] for item in wanted] for n in range(len(names))}
    else:
        parameters = {"wanted": as_stored_json(table, names, wanted, dialect)}
    return list(await session.execute(statement, parameters))


def as_stored_json(
    table: Table, names: Sequence[str], rows: Sequence[tuple[Any, ...]], dialect: Dialect
) -> str:
    """Rows of values for these columns as a JSON array of arrays, each value in the form the
    database stores it (SQLite: hex UUIDs, UTC text), for a join to `json_each`."""
    processors = [_bind_processor(table, name, dialect) for name in names]
    return json.dumps(
        [[process(value) for process, value in zip(processors, row, strict=True)] for row in rows]
    )


def _bind_processor(table: Table, name: str, dialect: Dialect) -> Any:
    """A column's value as SQLite stores it (hex UUIDs, UTC text), for JSON."""
    process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
    return process if process is not None else (lambda value: value)


@cache
def _seek_statement(
    dialect: str,
    table: Table,
    keys: tuple[str, ...],
    order: tuple[str, str] | None,
    returning: tuple[str, ...],
) -> TextualSelect:
    names = [*keys, *(order or ())]
    matches = " AND ".join(f"s.{name} = w.{name}" for name in keys)
    if order is not None:
        first, second = order
        matches += (
            f" AND (s.{first}, s.{second}) < (w.{first}, w.{second}) "
            f"ORDER BY s.{first} DESC, s.{second} DESC LIMIT 1"
        )
    elif dialect == "postgresql":
        # A lateral join with a limit stays a loop of index seeks, whatever the statistics say
        # (without them, a plain join may read the whole table into a hash).
        matches += " LIMIT 1"
    if dialect == "postgresql":
        arrays = array_parameters(table, names)
        sql = (
            f"SELECT w.i - 1, {', '.join(f't.{name}' for name in returning)} "
            f"FROM unnest({arrays}) WITH ORDINALITY AS w({', '.join(names)}, i) "
            f"CROSS JOIN LATERAL (SELECT {', '.join(returning)} FROM {table.name} AS s "
            f"WHERE {matches}) AS t"
        )
    else:
        extracted = ", ".join(f"json_extract(value, '$[{n}]')" for n in range(len(names)))
        within = f"w(i, {', '.join(names)}) AS (SELECT key, {extracted} FROM json_each(:wanted))"
        if order is not None:
            sql = (
                f"WITH {within} SELECT w.i, {', '.join(f't.{name}' for name in returning)} "
                f"FROM w JOIN {table.name} AS t ON t.rowid = "
                f"(SELECT s.rowid FROM {table.name} AS s WHERE {matches})"
            )
        else:
            sql = (
                f"WITH {within} SELECT w.i, {', '.join(f's.{name}' for name in returning)} "
                f"FROM w JOIN {table.name} AS s ON {matches}"
            )
    typed = [column("i"), *(column(name, table.c[name].type) for name in returning)]
    return text(sql).columns(*typed)


async def update_rows(
    session: AsyncSession, table: Table, keys: Sequence[str], rows: Sequence[Mapping[str, Any]]
) -> None:
    """Set the values of many rows found by their keys; every row names the same columns (its
    keys among them). PostgreSQL: one UPDATE joined to arrays of the values; elsewhere one
    executemany UPDATE."""
    if not rows:
        return
    columns = tuple(rows[0])
    if session.get_bind().dialect.name == "postgresql":
        statement = _update_statement(table, tuple(keys), columns)
        await session.execute(
            statement, {f"v{n}": [row[name] for row in rows] for n, name in enumerate(columns)}
        )
        return
    await session.execute(
        update(table)
        .where(*(table.c[key] == bindparam(f"key_{key}") for key in keys))
        .values({name: bindparam(name) for name in columns if name not in keys}),
        [{**{f"key_{key}": row[key] for key in keys}, **row} for row in rows],
    )


async def add_counts(
    session: AsyncSession, table: Table, keys: Sequence[str], counts: Mapping[Any, int]
) -> None:
    """Add to the `statements` count of each key (a tuple of `keys`' values), creating the rows
    that are missing: one INSERT … ON CONFLICT for all of them."""
    if not counts:
        return
    rows = [{**dict(zip(keys, key, strict=True)), "statements": n} for key, n in counts.items()]
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        columns = (*keys, "statements")
        await session.execute(
            _add_statement(table, tuple(keys)),
            {f"v{n}": [row[name] for row in rows] for n, name in enumerate(columns)},
        )
        return
    statement = sqlite.insert(table)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=list(keys),
            set_={"statements": table.c.statements + statement.excluded.statements},
        ),
        rows,
    )


def array_parameters(table: Table, columns: Sequence[str]) -> str:
    """`unnest`'s arguments: one array parameter a column, cast to the column's type."""
    return ", ".join(
        f"CAST(:v{n} AS {table.c[name].type.compile(_POSTGRESQL)}[])"
        for n, name in enumerate(columns)
    )


@cache
def _update_statement(table: Table, keys: tuple[str, ...], columns: tuple[str, ...]) -> TextClause:
    assignments = ", ".join(f"{name} = v.{name}" for name in columns if name not in keys)
    matches = " AND ".join(f"t.{key} = v.{key}" for key in keys)
    arrays = array_parameters(table, columns)
    return text(
        f"UPDATE {table.name} AS t SET {assignments} FROM unnest({arrays}) "
        f"AS v({', '.join(columns)}) WHERE {matches}"
    )


@cache
def _add_statement(table: Table, keys: tuple[str, ...]) -> TextClause:
    columns = (*keys, "statements")
    return text(
        f"INSERT INTO {table.name} ({', '.join(columns)}) SELECT * FROM "
        f"unnest({array_parameters(table, columns)}) ON CONFLICT ({', '.join(keys)}) DO UPDATE SET "
        f"statements = {table.name}.statements + EXCLUDED.statements"
    )
