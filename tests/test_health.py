"""Liveness and readiness."""

from pathlib import Path

from httpx import AsyncClient

from app.config import Settings
from app.kit.db import Database
from app.kit.migrations import head_revision
from tests.conftest import client_for, create_database_url, drop_database_url


async def test_healthz(client: AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_on_a_migrated_database(client: AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "revision": head_revision()}


async def test_readyz_is_503_before_migrations(backend: str, tmp_path: object) -> None:
    url = await create_database_url(backend, tmp_path)
    settings = Settings(database_url=url)  # type: ignore[arg-type]
    database = Database.from_settings(settings)
    try:
        async with client_for(settings, database) as client:
            response = await client.get("/readyz")
        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
        assert "claimline migrate" in response.json()["detail"]
    finally:
        await database.dispose()
        await drop_database_url(url)


async def test_readyz_is_503_when_the_database_is_unreachable(backend: str, tmp_path: Path) -> None:
    not_a_directory = tmp_path / "not-a-directory"
    not_a_directory.write_text("")
    url = (
        f"sqlite+aiosqlite:///{not_a_directory}/claimline.sqlite3"
        if backend == "sqlite"
        else "postgresql+asyncpg://postgres@127.0.0.1:1/claimline"
    )
    settings = Settings(database_url=url)  # type: ignore[arg-type]
    database = Database.from_settings(settings)
    try:
        async with client_for(settings, database) as client:
            response = await client.get("/readyz")
            assert response.status_code == 503
            assert response.headers["content-type"] == "application/problem+json"
            listing = await client.get("/v1/sources")
            assert listing.status_code == 503
            assert listing.headers["content-type"] == "application/problem+json"
    finally:
        await database.dispose()
