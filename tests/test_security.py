"""Security headers on every answer; CORS only for the origins the settings allow."""

import pytest
from httpx import AsyncClient
from pydantic import ValidationError

from app.config import Settings
from app.kit.db import Database
from tests.conftest import client_for

NEWSROOM = "https://newsroom.example"


async def test_every_answer_carries_the_security_headers(client: AsyncClient) -> None:
    for method, path in (("GET", "/healthz"), ("GET", "/v1/statements/nope"), ("PUT", "/healthz")):
        response = await client.request(method, path)
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["content-security-policy"] == (
            "default-src 'none'; frame-ancestors 'none'"
        )
        assert "strict-transport-security" not in response.headers  # plain HTTP
    docs = await client.get("/docs")
    assert docs.status_code == 200
    assert "content-security-policy" not in docs.headers  # Swagger UI loads its CDN scripts
    assert docs.headers["x-content-type-options"] == "nosniff"


async def test_no_cross_origin_access_by_default(client: AsyncClient) -> None:
    response = await client.get("/healthz", headers={"Origin": NEWSROOM})
    assert "access-control-allow-origin" not in response.headers
    preflight = await client.options(
        "/v1/statements",
        headers={"Origin": NEWSROOM, "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers


async def test_cors_for_the_configured_origins(settings: Settings, test_database: Database) -> None:
    allowed = Settings(database_url=settings.database_url, cors_origins=[NEWSROOM])
    async with client_for(allowed, test_database) as client:
        preflight = await client.options(
            "/v1/statements",
            headers={
                "Origin": NEWSROOM,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "Content-Type, Idempotency-Key",
            },
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == NEWSROOM
        assert "POST" in preflight.headers["access-control-allow-methods"]
        assert "idempotency-key" in preflight.headers["access-control-allow-headers"].lower()
        read = await client.get("/healthz", headers={"Origin": NEWSROOM})
        assert read.headers["access-control-allow-origin"] == NEWSROOM
        exposed = read.headers["access-control-expose-headers"].lower()
        assert {"etag", "location", "x-request-id"} <= set(exposed.replace(" ", "").split(","))
        assert read.headers["x-content-type-options"] == "nosniff"
        other = await client.get("/healthz", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers


def test_origins_are_read_as_a_list_and_checked() -> None:
    parsed = Settings(cors_origins="https://a.example, http://localhost:5173")  # type: ignore[arg-type]
    assert parsed.cors_origins == ["https://a.example", "http://localhost:5173"]
    assert Settings(cors_origins='["https://a.example"]').cors_origins == ["https://a.example"]  # type: ignore[arg-type]
    for wrong in ("a.example", "https://a.example/path"):
        with pytest.raises(ValidationError):
            Settings(cors_origins=wrong)  # type: ignore[arg-type]
