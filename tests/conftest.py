"""Fixtures: a migrated database per run on each store, and a rolled-back transaction per test."""

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.config import Settings
from app.kit.db import Base, Database, get_database
from app.kit.migrations import upgrade
from app.kit.reader import Readers
from app.main import create_app

BACKENDS = ["sqlite", "postgresql"]
PG_SERVER = os.environ.get("CLAIMLINE_TEST_PG", "postgres@127.0.0.1:5432")


async def _postgres_admin() -> Any:
    return await asyncpg.connect(f"postgresql://{PG_SERVER}/postgres", timeout=5)


async def _require_postgres() -> None:
    """Skip PostgreSQL tests when there is no server, except in CI where that is a failure."""
    try:
        connection = await _postgres_admin()
    except (OSError, asyncpg.PostgresError) as error:
        message = f"PostgreSQL is not reachable at {PG_SERVER}: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    await connection.close()


async def create_database_url(backend: str, directory: Any) -> str:
    """A new, empty database of this store, named for this run and worker."""
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{directory / f'claimline-{uuid.uuid4().hex[:8]}.sqlite3'}"
    await _require_postgres()
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"claimline_test_{worker}_{uuid.uuid4().hex[:8]}"
    admin = await _postgres_admin()
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return f"postgresql+asyncpg://{PG_SERVER}/{name}"


async def drop_database_url(url: str) -> None:
    """Drop a PostgreSQL database made by `create_database_url` (SQLite files go with tmp)."""
    if not url.startswith("postgresql"):
        return
    name = url.rsplit("/", 1)[1]
    admin = await _postgres_admin()
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The store under test; every database test runs once on each."""
    return str(request.param)


@pytest.fixture(scope="session")
async def database_url(
    backend: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[str]:
    """A database for this run, built by the migrations."""
    url = await create_database_url(backend, tmp_path_factory.mktemp(backend))
    yield url
    await drop_database_url(url)


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    """Settings pointing at the run's database."""
    # The API tests are about the API; tests/test_auth.py turns authentication on.
    return Settings(
        database_url=database_url,  # type: ignore[arg-type]
        auth="off",
        rate_limit_per_minute=0,
    )


@pytest.fixture(scope="session")
async def database(settings: Settings) -> AsyncIterator[Database]:
    """The run's database, migrated to head."""
    database = Database.from_settings(settings)
    await upgrade(database.write_engine)
    yield database
    await database.dispose()


@pytest.fixture
async def test_database(database: Database) -> AsyncIterator[Database]:
    """Sessions joined to one outer transaction that is rolled back after the test."""
    async with database.write_engine.connect() as connection:
        outer = await connection.begin()
        yield Database(
            write_engine=database.write_engine,
            write_sessions=async_sessionmaker(
                connection,
                expire_on_commit=False,
                autoflush=False,
                join_transaction_mode="create_savepoint",
            ),
            readers=Readers(engine=database.read_engine, bind=connection),
        )
        await outer.rollback()


def client_for(settings: Settings, database: Database) -> AsyncClient:
    """An HTTP client talking to a new app whose requests use `database`."""
    app = create_app(settings)
    app.dependency_overrides[get_database] = lambda: database
    app.state.database = database  # what the lifespan would set (ASGITransport runs none)
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    return AsyncClient(transport=transport, base_url="http://claimline.test")


async def close_app(client: AsyncClient) -> None:
    """What the lifespan would do at the end: stop listening for changes."""
    transport = client._transport
    assert isinstance(transport, ASGITransport)
    await transport.app.state.change_feed.close()  # type: ignore[attr-defined]


@pytest.fixture
async def client(settings: Settings, test_database: Database) -> AsyncIterator[AsyncClient]:
    """A client whose writes vanish after the test."""
    async with client_for(settings, test_database) as client:
        yield client
    await close_app(client)


@pytest.fixture
async def live_client(settings: Settings, database: Database) -> AsyncIterator[AsyncClient]:
    """A client whose writes really commit (for concurrency); the tables are emptied after."""
    async with client_for(settings, database) as client:
        yield client
    await close_app(client)
    async with database.write_engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            await connection.execute(table.delete())


@pytest.fixture
async def session(test_database: Database) -> AsyncIterator[AsyncSession]:
    """A session inside the test's rolled-back transaction."""
    async with test_database.write_sessions() as session:
        yield session


async def count_rows(database: Database, table: str) -> int:
    """How many rows a table holds, as committed."""
    async with database.read_engine.connect() as connection:
        return int((await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())


PROJECT_ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def run_claimline(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `claimline ARGS` on a database, as a user would, and capture what it prints."""
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, "CLAIMLINE_DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
async def own_database(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """A migrated database of the test's own, for tests that serve it from another process."""
    url = await create_database_url(backend, tmp_path)
    database = Database.from_settings(Settings(database_url=url))  # type: ignore[arg-type]
    await upgrade(database.write_engine)
    await database.dispose()
    yield url
    await drop_database_url(url)


def start_claimline(url: str, **settings: str) -> tuple[subprocess.Popen[bytes], str]:
    """`claimline serve` on a free port (authentication off unless given), once it answers;
    returns the process and its base URL. `settings` are `CLAIMLINE_*` values by short name."""
    port = free_port()
    env = {
        **os.environ,
        "CLAIMLINE_DATABASE_URL": url,
        "CLAIMLINE_PORT": str(port),
        "CLAIMLINE_AUTH": "off",
        "CLAIMLINE_LOG_LEVEL": "warning",
        **{f"CLAIMLINE_{name.upper()}": value for name, value in settings.items()},
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{base}/healthz").status_code == 200:
                return process, base
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "the server did not start"
        assert process.poll() is None, "the server exited"
        time.sleep(0.05)


@pytest.fixture
def servers(own_database: str) -> Iterator[list[str]]:
    """Two `claimline serve` instances of one database (their base URLs)."""
    started = [start_claimline(own_database) for _ in range(2)]
    yield [base for _, base in started]
    for process, _ in started:
        process.terminate()
        process.wait(timeout=30)


def run_served(
    url: str,
    command: Callable[[str], list[Any]],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
    **settings: str,
) -> subprocess.CompletedProcess[str]:
    """Serve the database (as `start_claimline`), run `command(base_url)` against it as another
    process, stop the server, and return what the command printed."""
    process, base = start_claimline(url, **settings)
    try:
        return subprocess.run(
            command(base),
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    finally:
        process.terminate()
        process.wait(timeout=30)


def new_api_key(url: str, scope: str = "write") -> str:
    """The token of a new API key with this scope, made with `claimline keys create`."""
    created = run_claimline(url, "keys", "create", "--name", f"tests ({scope})", "--scope", scope)
    assert created.returncode == 0, created.stderr
    return created.stdout.strip().splitlines()[-1]
