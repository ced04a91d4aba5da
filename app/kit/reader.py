"""Hot read queries: written once with SQLAlchemy Core, compiled once, run on the driver.

The statement list, a statement and a timeline page are read here rather than through the ORM:
on PostgreSQL each query is compiled once and sent on the pooled connection's asyncpg driver
(no per-request compilation, ORM objects, result processing or `BEGIN`/`ROLLBACK`); on SQLite it
runs through SQLAlchemy as usual. Either way the columns come back JSON-ready: ids as canonical
text, instants as UTC datetimes (PostgreSQL) or RFC 3339 text (SQLite), which orjson writes the
same way (`Z`, microseconds when there are any).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import asyncpg
from sqlalchemy import ColumnElement, Select, String, bindparam
from sqlalchemy.dialects.postgresql import asyncpg as asyncpg_dialect
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import TypeDecorator

from app.errors import ServiceUnavailable


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


@compiles(any_of, "postgresql")
def _any_of_postgresql(element: any_of, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.column, **kw)
    return f"{column} = ANY(CAST({compiler.process(bindparam(element.name), **kw)} AS UUID[]))"


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
            rows: list[Any] = await driver.fetch(sql, *(params[name] for name in names))
        except (asyncpg.PostgresConnectionError, asyncpg.InterfaceError, OSError) as error:
            if self._connection is not None:
                # A SQLAlchemy connection: keep it out of its pool (asyncpg's pool does that
                # itself with a closed connection).
                await self._connection.invalidate(error)
            raise ServiceUnavailable("The database is unavailable; try again shortly.") from None
        except asyncpg.QueryCanceledError:
            raise ServiceUnavailable("The database took too long to answer; try again.") from None
        return rows


async def session_reader(session: AsyncSession) -> Reader:
    """A reader on a session's connection, inside its transaction (to show what it wrote)."""
    return Reader(connection=await session.connection())
