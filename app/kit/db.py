"""Engines, sessions and the declarative base shared by every table."""

import enum
import math
import time
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy import DateTime, Enum, MetaData, event, text
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator
from starlette.requests import Request

from app.config import Settings
from app.kit.reader import Reader, Readers

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# The route class commits the write session it finds here once the endpoint has returned.
WRITE_SESSION_SCOPE_KEY = "claimline.write_session"


class Base(DeclarativeBase):
    """Declarative base with constraint names from one convention, so migrations can name them."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """An instant stored in UTC and always read back timezone-aware.

    SQLite has no timestamp type: values are stored as fixed-width UTC text, which sorts correctly.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_column(kind: type[enum.StrEnum], name: str) -> Enum:
    """A string column limited to an enum's values by a CHECK constraint (no native enum type)."""
    return Enum(
        kind,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda members: [member.value for member in members],
    )


def utcnow() -> datetime:
    """The current instant, in UTC."""
    return datetime.now(UTC)


# SQLite runs a progress handler every this many virtual machine instructions (~1 ms).
_PROGRESS_STEPS = 10_000
_STATEMENT_STARTED = "claimline_statement_started"


def _configure_sqlite(engine: AsyncEngine, *, begin: str, timeout_ms: int) -> None:
    """Enforce foreign keys, use WAL, let SQLAlchemy (not the driver) emit BEGIN, and stop any
    statement that runs longer than the statement timeout, as PostgreSQL's `statement_timeout`.

    The driver's own implicit transactions break SAVEPOINT; `BEGIN IMMEDIATE` on the write engine
    takes SQLite's single write lock up front, so two writers queue instead of failing midway
    (for at most the timeout). A statement stopped by its progress handler fails with
    "interrupted", a 503 like PostgreSQL's cancelled statements.
    """
    # 0 is no bound (the command line's whole-database work): statements run to their end and
    # a writer waits for the write lock as long as it takes.
    limit = timeout_ms / 1000 if timeout_ms else math.inf
    busy_ms = int(timeout_ms) if timeout_ms else 2**31 - 1

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        cursor.close()
        started = record.info[_STATEMENT_STARTED] = [math.inf]

        def too_long() -> int:
            return int(time.monotonic() - started[0] > limit)

        dbapi_connection.run_async(
            lambda driver: driver.set_progress_handler(too_long, _PROGRESS_STEPS)
        )

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _start_clock(connection: Any, *_: Any) -> None:
        connection.info[_STATEMENT_STARTED][0] = time.monotonic()

    @event.listens_for(engine.sync_engine, "after_cursor_execute")
    def _stop_clock(connection: Any, *_: Any) -> None:
        connection.info[_STATEMENT_STARTED][0] = math.inf

    @event.listens_for(engine.sync_engine, "handle_error")
    def _stop_clock_on_error(context: Any) -> None:
        if context.connection is not None:
            context.connection.info[_STATEMENT_STARTED][0] = math.inf

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)


def create_engine(settings: Settings, *, for_writes: bool = True) -> AsyncEngine:
    """An async engine for the configured store."""
    url = settings.database
    if url.get_backend_name() == "sqlite":
        if url.database:
            # A missing directory is made; one that cannot be made shows up as a 503 later.
            with suppress(OSError):
                Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            url, pool_size=settings.db_pool_size, pool_pre_ping=False, hide_parameters=True
        )
        _configure_sqlite(
            engine,
            begin="BEGIN IMMEDIATE" if for_writes else "BEGIN",
            timeout_ms=settings.db_statement_timeout_ms,
        )
        return engine
    if for_writes:
        # Writes check a pooled connection before use; on asyncpg that ping is three round trips.
        return _postgresql_engine(settings, pool_pre_ping=True)
    # Reads skip the ping and the transaction: one round trip per query. A connection found
    # broken is invalidated on that error (a 503), and the next request gets a fresh one.
    return _postgresql_engine(settings, pool_pre_ping=False, isolation_level="AUTOCOMMIT")


def _postgresql_engine(settings: Settings, **options: Any) -> AsyncEngine:
    return create_async_engine(
        settings.database,
        pool_size=settings.db_pool_size,
        # No overflow: an instance opens at most 3x the pool size (writes, reads, the readers'
        # pool), so the connections of several instances can be budgeted; bursts wait their turn.
        max_overflow=0,
        # Error messages (and so logs) never show statement parameters: they hold user text.
        hide_parameters=True,
        **options,
        connect_args={
            "server_settings": {
                "statement_timeout": str(settings.db_statement_timeout_ms),
                "application_name": "claimline",
            },
            "timeout": 10,
        },
    )


def make_sessionmaker(bind: Any) -> async_sessionmaker[AsyncSession]:
    """Sessions for writes, keeping loaded objects usable after commit."""
    return async_sessionmaker(bind, expire_on_commit=False, autoflush=False)


@dataclass
class Database:
    """The engines and session factories of one running app, and where its readers come from."""

    write_engine: AsyncEngine
    write_sessions: async_sessionmaker[AsyncSession]
    readers: Readers

    @classmethod
    def from_settings(cls, settings: Settings) -> "Database":
        """Separate engines (and pools) for writes and for reads."""
        write_engine = create_engine(settings, for_writes=True)
        read_engine = create_engine(settings, for_writes=False)
        reader_dsn = None
        if not settings.is_sqlite:
            url = settings.database.set(drivername="postgresql")
            reader_dsn = url.render_as_string(hide_password=False)
        return cls(
            write_engine=write_engine,
            write_sessions=make_sessionmaker(write_engine),
            readers=Readers(
                engine=read_engine,
                dsn=reader_dsn,
                pool_size=settings.db_pool_size,
                statement_timeout_ms=settings.db_statement_timeout_ms,
            ),
        )

    @property
    def read_engine(self) -> AsyncEngine:
        """The engine of the readers that do not use the asyncpg pool (SQLite, probes)."""
        return self.readers.engine

    def reader(self) -> AbstractAsyncContextManager[Reader]:
        """A reader for one request (see `Readers.reader`)."""
        return self.readers.reader()

    def long_reader(self) -> AbstractAsyncContextManager[Reader]:
        """A reader for long work, off the hot reads' pool (see `Readers.long_reader`)."""
        return self.readers.long_reader()

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.write_engine.dispose()
        await self.readers.close()


def get_database_now(request: Request) -> Database:
    """The database of the app serving this request, outside dependency injection."""
    database: Database = request.app.state.database
    return database


async def get_database(request: Request) -> Database:
    """The database of the app serving this request (as a dependency, so tests can swap it)."""
    return get_database_now(request)


async def open_write_session(
    request: Request, database: Annotated[Database, Depends(get_database)]
) -> AsyncIterator[AsyncSession]:
    """A session for a writing request; the route commits it, this only rolls back and closes."""
    async with database.write_sessions() as session:
        request.scope[WRITE_SESSION_SCOPE_KEY] = session
        try:
            yield session
        finally:
            request.scope.pop(WRITE_SESSION_SCOPE_KEY, None)
            if session.in_transaction():
                await session.rollback()


# The tables a bulk load of statements grows.
_LOADED_TABLES = (
    "statements",
    "stances",
    "relays",
    "positions",
    "claims",
    "sources",
    "source_names",
    "event_changes",
    "event_parties",
    "event_relays",
    "imported_lines",
)


async def refresh_statistics(database: Database) -> None:
    """Give the planner statistics of what a bulk load wrote (ANALYZE of the tables it grows; on
    SQLite an ANALYZE that samples each index), instead of leaving the plans to whenever (if
    ever) autovacuum runs."""
    async with database.write_engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            await connection.execute(text("ANALYZE " + ", ".join(_LOADED_TABLES)))
        else:
            # About a thousand rows of each index: approximate, and quick on any size.
            await connection.execute(text("PRAGMA analysis_limit = 1000"))
            await connection.execute(text("ANALYZE"))
        await connection.commit()
