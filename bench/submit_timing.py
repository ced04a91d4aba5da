"""Time submitting the seed story and one 1000-statement batch, on SQLite and on PostgreSQL.

Each store gets a new database built by the migrations; requests go through the whole app
in-process (httpx ASGITransport, no sockets). Usage: .venv/bin/python -m bench.submit_timing
"""

import asyncio
import copy
import json
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import asyncpg
from httpx import ASGITransport, AsyncClient

from app.config import Settings
from app.kit.db import Database, get_database
from app.kit.migrations import upgrade
from app.main import create_app

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.seed import ELTON_JOHN_POST, PESKOV_DENIAL  # noqa: E402

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def batch_items(count: int) -> list[dict[str, Any]]:
    """`count` statements: 50 speakers, 20 claims, relays on a third, inline references."""
    items = []
    for n in range(count):
        item = copy.deepcopy(PESKOV_DENIAL if n % 2 else ELTON_JOHN_POST)
        item["event"] = {"slug": "bench-story", "title": "Benchmark story"}
        item["speaker"] = {"name": f"Speaker {n % 50}", "kind": "person"}
        item.pop("on_behalf_of", None)
        item["via"] = [{"source": {"name": f"Outlet {n % 10}", "kind": "outlet"}}] if n % 3 else []
        item["said_at"] = f"2015-09-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:00Z"
        item["claims"] = [
            {"claim": {"text": f"Claim {(n + k) % 20}"}, "stance": ("supports", "refutes")[k % 2]}
            for k in range(3)
        ]
        items.append(item)
    return items


async def measure(url: str) -> dict[str, float]:
    """Seconds for the seed story (two POSTs) and for one batch of 1000, on a migrated database."""
    settings = Settings(database_url=url, auth="off")  # type: ignore[arg-type]
    database = Database.from_settings(settings)
    await upgrade(database.write_engine)
    app = create_app(settings)
    app.dependency_overrides[get_database] = lambda: database
    transport = ASGITransport(app=app)
    results: dict[str, float] = {}
    try:
        async with AsyncClient(transport=transport, base_url="http://bench") as client:
            started = time.perf_counter()
            for body in (ELTON_JOHN_POST, PESKOV_DENIAL):
                response = await client.post("/v1/statements", json=body)
                assert response.status_code == 201, response.text
            results["seed_story_s"] = time.perf_counter() - started
            items = batch_items(1000)
            started = time.perf_counter()
            response = await client.post("/v1/statements/batch", json={"statements": items})
            assert response.status_code == 201, response.text[:500]
            results["batch_1000_s"] = time.perf_counter() - started
            results["batch_statements_per_s"] = 1000 / results["batch_1000_s"]
    finally:
        await database.dispose()
    return results


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


async def measure_postgresql() -> dict[str, float]:
    """Measure on a new PostgreSQL database, dropped afterwards."""
    name = f"claimline_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(PG_ADMIN)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        return await measure(f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}")
    finally:
        await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        await admin.close()


def main() -> None:
    """Measure both stores and write bench/results/submit_timing.json."""
    report: dict[str, Any] = {}
    sqlite_path = ROOT / "var" / f"bench-{uuid.uuid4().hex[:8]}.sqlite3"
    try:
        report["sqlite"] = asyncio.run(measure(f"sqlite+aiosqlite:///{sqlite_path}"))
    finally:
        _remove_sqlite(sqlite_path)
    report["postgresql"] = asyncio.run(measure_postgresql())
    output = ROOT / "bench" / "results" / "submit_timing.json"
    output.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
