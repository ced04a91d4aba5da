"""Throwaway databases and server processes for the benchmarks."""

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def create_pg_database() -> str:
    """A new, empty PostgreSQL database; its name."""
    name = f"claimline_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(PG_ADMIN)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return name


async def drop_pg_database(name: str) -> None:
    """Drop a database made by `create_pg_database`."""
    admin = await asyncpg.connect(PG_ADMIN)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


def pg_url(name: str) -> str:
    """The SQLAlchemy URL of a benchmark database."""
    return f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"


def pg_dsn(name: str) -> str:
    """The asyncpg DSN of a benchmark database."""
    return f"postgresql://postgres@127.0.0.1:5432/{name}"


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite benchmark database."""
    return f"sqlite+aiosqlite:///{path}"


def remove_sqlite(path: Path) -> None:
    """Delete a SQLite database with its WAL files."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def claimline_env(database_url: str) -> dict[str, str]:
    """The environment of a benchmarked Claimline process."""
    return {
        **os.environ,
        "CLAIMLINE_DATABASE_URL": database_url,
        "CLAIMLINE_LOG_LEVEL": "warning",
        "CLAIMLINE_AUTH": "off",
        # wrk sends thousands of requests a second from one address: no limits while measuring.
        "CLAIMLINE_RATE_LIMIT_PER_MINUTE": "0",
        "CLAIMLINE_DB_POOL_SIZE": "32",
    }


def migrate(database_url: str) -> None:
    """Build the schema with `claimline migrate`."""
    subprocess.run(
        [BIN / "claimline", "migrate"],
        env=claimline_env(database_url),
        check=True,
        capture_output=True,
    )


def _wait_for(port: int, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


@contextlib.contextmanager
def running(command: list[str], env: dict[str, str], port: int) -> Iterator[int]:
    """Run a server until the block ends; yields its process id."""
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    try:
        _wait_for(port, process)
        yield process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def claimline_server(
    database_url: str, port: int, pool_size: int = 32, workers: int = 1
) -> contextlib.AbstractContextManager[int]:
    """Claimline on `port`: `claimline serve` (one worker), or with `workers` above 1 uvicorn's
    own process manager running that many workers of the same app (`claimline serve` takes no
    workers option), each with its own pool of `pool_size`."""
    command = [str(BIN / "claimline"), "serve", "--port", str(port)]
    if workers > 1:
        command = [
            *(sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory"),
            *("--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)),
            *("--log-level", "warning", "--no-access-log", "--proxy-headers"),
        ]
    env = {**claimline_env(database_url), "CLAIMLINE_DB_POOL_SIZE": str(pool_size)}
    return running(command, env, port)


def ceiling_server(database_name: str, port: int) -> contextlib.AbstractContextManager[int]:
    """The ceiling app with one worker on `port`."""
    dsn = pg_dsn(database_name)
    command = [sys.executable, "-m", "bench.ceiling", "--dsn", dsn, "--port", str(port)]
    return running(command, dict(os.environ), port)


def resident_kib(pid: int) -> int:
    """The resident set size of a process, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for process {pid}")


def rebuild_fixes(database_url: str) -> int:
    """How many derived values `claimline rebuild-views` had to fix (0 when all were right)."""
    result = subprocess.run(
        [BIN / "claimline", "rebuild-views"],
        env=claimline_env(database_url),
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"(\d+) derived values fixed", result.stdout)
    if found is None:
        raise RuntimeError(f"rebuild-views said: {result.stdout} {result.stderr[-500:]}")
    return int(found.group(1))
