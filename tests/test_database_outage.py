"""PostgreSQL stopped and started again under traffic: 503 problems meanwhile, never a 500;
`/readyz` says so; service resumes by itself once the database is back.

The test runs its own throwaway cluster (initdb + pg_ctl on a free port, as the `postgres` user
when run as root), never the machine's.
"""

import asyncio
import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient

from app.config import Settings
from app.kit.db import Database
from app.kit.migrations import upgrade
from app.main import create_app
from tests.conftest import free_port
from tests.seed import ELTON_JOHN, ELTON_JOHN_POST

BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class Cluster:
    """A PostgreSQL cluster of the test's own."""

    def __init__(self, directory: Path) -> None:
        assert BIN is not None
        self.bin = BIN
        self.data = directory / "data"
        self.socket = directory / "socket"
        self.port = free_port()
        self.socket.mkdir()
        if os.geteuid() == 0:
            shutil.chown(directory, "postgres")
            shutil.chown(self.socket, "postgres")
        self._run([str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres"])

    def _run(self, command: list[str]) -> None:
        subprocess.run(_as_postgres(command), check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.socket} -c listen_addresses=127.0.0.1"
        # The server's output goes to a file: left on our pipes it would hold them open.
        log = str(self.data.parent / "server.log")
        self._run(
            [
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.data),
                "-o",
                options,
                "-l",
                log,
                "-w",
                "start",
            ]
        )

    def stop(self) -> None:
        self._run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"])

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    if BIN is None or (os.geteuid() == 0 and shutil.which("runuser") is None):
        pytest.fail("initdb/pg_ctl (Debian's postgresql packages) are needed for this test")
    # Not under pytest's temporary directory: as root that one is closed to the postgres user.
    directory = Path(tempfile.mkdtemp(prefix="claimline-cluster-"))
    directory.chmod(0o755)
    own = Cluster(directory)
    own.start()
    try:
        yield own
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            own.stop()
        shutil.rmtree(directory, ignore_errors=True)


async def test_an_outage_is_503_then_service_resumes(cluster: Cluster) -> None:
    settings = Settings(database_url=cluster.url, auth="off", rate_limit_per_minute=0)  # type: ignore[arg-type]
    database = Database.from_settings(settings)
    await upgrade(database.write_engine)
    await database.dispose()
    app = create_app(settings)
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with (
        app.router.lifespan_context(app),
        AsyncClient(transport=transport, base_url="http://outage.test") as client,
    ):
        posted = await client.post("/v1/statements", json=ELTON_JOHN_POST)
        assert posted.status_code == 201, posted.text
        statement = posted.json()["id"]
        requests = [
            ("GET", f"/v1/statements/{statement}", None),
            ("GET", "/v1/statements", None),
            ("GET", "/v1/sources", None),
            ("GET", "/v1/events/putin-elton-john-call", None),
            ("GET", "/v1/events/putin-elton-john-call/timeline", None),
            ("GET", "/v1/events/putin-elton-john-call/comparison", None),
            ("POST", "/v1/sources", ELTON_JOHN),
        ]
        for method, path, body in requests:  # warm every pool
            assert (await client.request(method, path, json=body)).status_code < 500

        await asyncio.to_thread(cluster.stop)
        for _ in range(2):  # broken pooled connections first, then refused new ones
            for method, path, body in requests:
                response = await client.request(method, path, json=body)
                assert response.status_code == 503, (path, response.status_code, response.text)
                assert response.headers["content-type"] == "application/problem+json"
                # Reads (the Reader) and writes (the ORM) alike say when to come back.
                assert response.headers["retry-after"] == "1", path
        ready = await client.get("/readyz")
        assert ready.status_code == 503
        assert (await client.get("/healthz")).status_code == 200

        await asyncio.to_thread(cluster.start)
        deadline = time.monotonic() + 30
        while (await client.get("/readyz")).status_code != 200:
            assert time.monotonic() < deadline, "/readyz did not recover"
            await asyncio.sleep(0.2)
        # Within a few requests every path works again, with no restart of the app.
        for method, path, body in requests:
            for _ in range(5):
                response = await client.request(method, path, json=body)
                if response.status_code != 503:
                    break
            assert response.status_code < 500, (path, response.status_code, response.text)
        again = await client.get(f"/v1/statements/{statement}")
        assert again.status_code == 200
