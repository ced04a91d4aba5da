"""The one way to read: queries written once with SQLAlchemy Core, compiled once, run on the driver.

Every read model (lists, documents, the views, the exports) reads through a `Reader` rather than
the ORM: on PostgreSQL each query is compiled once and sent on the pooled connection's asyncpg
driver (no per-request compilation, ORM objects, result processing or `BEGIN`/`ROLLBACK`); on
SQLite it runs through SQLAlchemy as usual. Either way the columns come back JSON-ready: ids as
canonical text, instants as UTC datetimes (PostgreSQL) or RFC 3339 text (SQLite), which orjson
writes the same way (`Z`, microseconds when there are any).
"""

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import orjson
from sqlalchemy import ColumnElement, Select, String, bindparam
from sqlalchemy.dialects.postgresql import asyncpg as asyncpg_dialect
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import TypeDecorator

from app.errors import ServiceUnavailable
from app.kit.fields import is_slug, looks_like_uuid


class uuid_text(FunctionElement[str]):
    """A UUID column as canonical text (`8-4-4-4-12`, lower case)."""

    type = String()
    inherit_cache = True


@compiles(uuid_text, "postgresql")
def _uuid_text_postgresql(element: uuid_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS TEXT)"


@compiles(uuid_text, "sqlite")
def _uuid_text_sqlite(element: uuid_text, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite keeps UUIDs as 32 lower-case hex digits.
    value = compiler.process(element.clauses, **kw)
    parts = ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))
    return " || '-' || ".join(f"substr({value}, {start}, {size})" for start, size in parts)


class instant(FunctionElement[Any]):
    """A UTC instant as orjson writes it: a datetime on PostgreSQL, RFC 3339 text on SQLite."""

    type = String()
    inherit_cache = True


@compiles(instant, "postgresql")
def _instant_postgresql(element: instant, compiler: SQLCompiler, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(instant, "sqlite")
def _instant_sqlite(element: instant, compiler: SQLCompiler, **kw: Any) -> str:
    # Stored as `YYYY-MM-DD HH:MM:SS.ffffff` in UTC; microseconds are shown only when non-zero.
    value = compiler.process(element.clauses, **kw)
    date, time = f"substr({value}, 1, 10) || 'T' || ", f"substr({value}, 12, 8)"
    return (
        f"CASE WHEN substr({value}, 21) = '000000' THEN {date}{time} || 'Z' "
        f"ELSE {date}substr({value}, 12) || 'Z' END"
    )


class any_of(ColumnElement[bool]):
    """`column` is one of the ids (canonical UUID text) in the list parameter `name`."""

    inherit_cache = True

    def __init__(self, column: Any, name: str) -> None:
        self.column = column
        self.name = name


# The parameters `any_of` adds on PostgreSQL: the least and the greatest of the list's ids.
_LOW, _HIGH = "__low", "__high"


@compiles(any_of, "postgresql")
def _any_of_postgresql(element: any_of, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.column, **kw)
    ids = compiler.process(bindparam(element.name), **kw)
    low = compiler.process(bindparam(element.name + _LOW), **kw)
    high = compiler.process(bindparam(element.name + _HIGH), **kw)
    # The range as well: without statistics (a bulk load, no ANALYZE yet) the planner takes
    # `= ANY` of a page's ids for a good part of the table and scans it; the bounds of ids that
    # are time-ordered make it a range it estimates, and it seeks the index (14 ms -> 0.3 ms for
    # a timeline page's stances after a load of 20,000 statements).
    return (
        f"{column} = ANY(CAST({ids} AS UUID[])) "
        f"AND {column} BETWEEN CAST({low} AS UUID) AND CAST({high} AS UUID)"
    )


def _value(params: Mapping[str, Any], name: str) -> Any:
    """A query parameter; the bounds of an `any_of` list are taken from the list."""
    if name in params:
        return params[name]
    for suffix, pick in ((_LOW, min), (_HIGH, max)):
        if name.endswith(suffix):
            ids = params[name.removesuffix(suffix)]
            # Canonical UUID text sorts as the UUIDs do.
            return pick(ids) if ids else None
    raise KeyError(name)


class _HexUuid(TypeDecorator[str]):
    """Canonical UUID text bound as SQLite stores UUIDs: 32 lower-case hex digits."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else value.replace("-", "").lower()


@compiles(any_of, "sqlite")
def _any_of_sqlite(element: any_of, compiler: SQLCompiler, **kw: Any) -> str:
    expanding = bindparam(element.name, expanding=True, type_=_HexUuid())
    return str(compiler.process(element.column.in_(expanding), **kw))


_ASYNCPG = asyncpg_dialect.dialect()  # type: ignore[no-untyped-call]


@dataclass
class Query:
    """A read query, compiled for asyncpg on first use."""

    statement: Select[*tuple[Any, ...]]
    _compiled: tuple[str, tuple[str, ...]] | None = field(default=None, repr=False)

    def for_asyncpg(self) -> tuple[str, tuple[str, ...]]:
        """The SQL text with `$n` placeholders, and the parameter names in their order."""
        if self._compiled is None:
            compiled = self.statement.compile(dialect=_ASYNCPG)
            self._compiled = (compiled.string, tuple(compiled.positiontup or ()))
        return self._compiled


# As the write side's database errors (app.errors): a 503 says when to come back, and is logged.
logger = logging.getLogger("claimline.errors")


def _unavailable(error: str) -> ServiceUnavailable:
    logger.warning("database unavailable: %s", error)
    return ServiceUnavailable(
        "The database is unavailable; try again shortly.", headers={"Retry-After": "1"}
    )


class Reader:
    """Runs read queries on one connection; it has no way to write.

    On PostgreSQL it holds an asyncpg connection (from the read pool, or under a SQLAlchemy
    connection in tests) and sends each query's compiled text; elsewhere it executes the query
    through SQLAlchemy.
    """

    def __init__(
        self,
        *,
        driver: asyncpg.Connection | None = None,
        connection: AsyncConnection | None = None,
    ) -> None:
        self._driver = driver
        self._connection = connection
        if driver is None and connection is None:
            raise ValueError("a reader needs a driver connection or a SQLAlchemy connection")
        self.dialect = connection.dialect.name if connection is not None else "postgresql"

    async def fetch(self, query: Query, params: Mapping[str, Any]) -> Sequence[Sequence[Any]]:
        """The rows of a read query, as tuples of JSON-ready values."""
        if self._driver is None:
            assert self._connection is not None
            if self.dialect != "postgresql":
                return (await self._connection.execute(query.statement, dict(params))).all()
            raw = await self._connection.get_raw_connection()
            self._driver = raw.driver_connection
        driver: asyncpg.Connection = self._driver
        sql, names = query.for_asyncpg()
        try:
            rows: list[Any] = await driver.fetch(sql, *(_value(params, name) for name in names))
        except (asyncpg.PostgresConnectionError, asyncpg.InterfaceError, OSError) as error:
            if self._connection is not None:
                # A SQLAlchemy connection: keep it out of its pool (asyncpg's pool does that
                # itself with a closed connection).
                await self._connection.invalidate(error)
            raise _unavailable(type(error).__name__) from None
        except asyncpg.QueryCanceledError:
            logger.warning("database statement timed out")
            raise ServiceUnavailable(
                "The database took too long to answer; try again.", headers={"Retry-After": "1"}
            ) from None
        return rows

    @classmethod
    async def within(cls, session: AsyncSession) -> "Reader":
        """A reader on a write session's connection, inside its transaction: what a write
        answers with, including what it has just written."""
        return cls(connection=await session.connection())


def json_value(value: Any) -> Any:
    """A JSON column's value: asyncpg hands JSON over as text, SQLAlchemy has decoded it."""
    return orjson.loads(value) if isinstance(value, str) else value


async def fetch_by_ref(
    reader: Reader, ref: str, *, by_id: Query, by_slug: Query | None
) -> Sequence[Sequence[Any]]:
    """The rows of `by_id` (parameter `id`) when `ref` looks like an id, else of `by_slug`
    (parameter `slug`) when it is a slug; none when it is neither."""
    if looks_like_uuid(ref):
        return await reader.fetch(by_id, {"id": uuid.UUID(ref)})
    if by_slug is not None and is_slug(ref):
        return await reader.fetch(by_slug, {"slug": ref})
    return ()


@dataclass
class Readers:
    """Where a request's reader comes from: on PostgreSQL an asyncpg pool of its own (opened on
    first use), elsewhere a connection of the read engine; in tests the connection of their
    rolled-back transaction (`bind`)."""

    engine: AsyncEngine
    dsn: str | None = None
    pool_size: int = 10
    statement_timeout_ms: int = 15_000
    bind: AsyncConnection | None = None
    _pool: asyncpg.Pool | None = field(default=None, init=False, repr=False)
    _pool_lock: asyncio.Lock = field(default_factory=asyncio.Lock, init=False, repr=False)

    @property
    def pool(self) -> asyncpg.Pool | None:
        """The readers' asyncpg pool, once opened (PostgreSQL only)."""
        return self._pool

    async def _open_pool(self) -> asyncpg.Pool:
        async with self._pool_lock:
            if self._pool is None:
                self._pool = await asyncpg.create_pool(
                    self.dsn,
                    min_size=0,
                    max_size=self.pool_size,
                    # Readers leave no session state behind: no reset query on release.
                    reset=_keep_session,
                    server_settings={
                        "statement_timeout": str(self.statement_timeout_ms),
                        "application_name": "claimline",
                    },
                    timeout=10,
                )
            return self._pool

    @asynccontextmanager
    async def reader(self) -> AsyncIterator[Reader]:
        """A reader on a connection of its own (or the tests' connection) for one request."""
        if self.bind is not None:
            yield Reader(connection=self.bind)
            return
        if self.dsn is None:
            async with self.engine.connect() as connection:
                yield Reader(connection=connection)
            return
        pool = self._pool or await self._open_pool()
        try:
            # No timeout: asyncpg's costs a task and a timer per request; the pool is sized for
            # the concurrent requests, and a slow query is stopped by the statement timeout.
            driver = await pool.acquire()
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
            raise _unavailable(type(error).__name__) from None
        try:
            yield Reader(driver=driver)
        finally:
            await pool.release(driver)

    @asynccontextmanager
    async def long_reader(self) -> AsyncIterator[Reader]:
        """A reader for long work (an export streamed to a slow client) on a connection of the
        read engine, whose pool is not the one the hot reads wait on."""
        if self.bind is not None:
            yield Reader(connection=self.bind)
            return
        async with self.engine.connect() as connection:
            yield Reader(connection=connection)

    async def close(self) -> None:
        """Close the read engine's connections and the pool."""
        await self.engine.dispose()
        if self._pool is not None:
            await self._pool.close()
            self._pool = None


async def _keep_session(_connection: asyncpg.Connection) -> None:
    """Nothing to reset: readers set no session state."""
