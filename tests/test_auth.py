"""API keys: hashed, scoped, revocable; `CLAIMLINE_AUTH` decides who needs one."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select

from app.config import Settings
from app.kit import auth
from app.kit.db import Database
from app.models import ApiKey, Scope, Statement
from tests.conftest import client_for, run_claimline
from tests.seed import ELTON_JOHN, ELTON_JOHN_POST


async def _key(database: Database, *scopes: Scope) -> str:
    async with database.write_sessions() as session:
        _, token = await auth.create_key(session=session, name="test", scopes=list(scopes))
        await session.commit()
    return token


@pytest.fixture(params=["writes", "all"])
async def guarded(
    request: pytest.FixtureRequest, settings: Settings, test_database: Database
) -> AsyncIterator[tuple[str, AsyncClient]]:
    strict = Settings(database_url=settings.database_url, auth=request.param)
    async with client_for(strict, test_database) as client:
        yield request.param, client


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_writes_need_a_key_with_a_writing_scope(
    guarded: tuple[str, AsyncClient], test_database: Database
) -> None:
    mode, client = guarded
    anonymous = await client.post("/v1/sources", json=ELTON_JOHN)
    assert anonymous.status_code == 401
    assert anonymous.headers["content-type"] == "application/problem+json"
    assert anonymous.headers["www-authenticate"] == 'Bearer realm="claimline"'
    wrong = await client.post("/v1/sources", json=ELTON_JOHN, headers=_bearer("cl_nope_nope"))
    assert wrong.status_code == 401
    assert 'error="invalid_token"' in wrong.headers["www-authenticate"]
    reader = await _key(test_database, Scope.read)
    refused = await client.post("/v1/sources", json=ELTON_JOHN, headers=_bearer(reader))
    assert refused.status_code == 403
    assert refused.json()["type"] == "urn:claimline:problem:forbidden"
    mistyped = reader[:-2] + ("AA" if not reader.endswith("AA") else "BB")
    assert (await client.get("/v1/sources", headers=_bearer(mistyped))).status_code == 401
    for scope in (Scope.write, Scope.admin):
        token = await _key(test_database, scope)
        made = await client.post(
            "/v1/sources", json={**ELTON_JOHN, "name": f"Elton {scope}"}, headers=_bearer(token)
        )
        assert made.status_code == 201, made.text
    reads = await client.get("/v1/sources")
    assert reads.status_code == (200 if mode == "writes" else 401)
    assert (await client.get("/v1/sources", headers=_bearer(reader))).status_code == 200
    assert (await client.get("/healthz")).status_code == 200


async def test_revoked_keys_stop_working(
    guarded: tuple[str, AsyncClient], test_database: Database
) -> None:
    _, client = guarded
    token = await _key(test_database, Scope.write)
    assert (
        await client.post("/v1/sources", json=ELTON_JOHN, headers=_bearer(token))
    ).status_code == 201
    async with test_database.write_sessions() as session:
        await auth.revoke_key(session=session, ref=token.split("_")[1])
        await session.commit()
    again = await client.post(
        "/v1/sources", json={**ELTON_JOHN, "name": "Reginald Dwight"}, headers=_bearer(token)
    )
    assert again.status_code == 401


async def test_tokens_are_stored_hashed_and_keys_record_who_wrote(
    guarded: tuple[str, AsyncClient], test_database: Database
) -> None:
    _, client = guarded
    token = await _key(test_database, Scope.write)
    other = await _key(test_database, Scope.admin)
    async with test_database.write_sessions() as session:
        keys = (await session.scalars(select(ApiKey))).all()
        for key in keys:
            assert token not in (key.secret_hash, key.prefix, key.name)
        [mine] = [key for key in keys if key.secret_hash == auth.token_hash(token)]
        [theirs] = [key for key in keys if key.secret_hash == auth.token_hash(other)]
    made = await client.post("/v1/statements", json=ELTON_JOHN_POST, headers=_bearer(token))
    assert made.status_code == 201
    retracted = await client.request(
        "DELETE",
        f"/v1/statements/{made.json()['id']}",
        json={"reason": "Checking attribution."},
        headers=_bearer(other),
    )
    assert retracted.status_code == 200
    async with test_database.write_sessions() as session:
        statement = await session.get(Statement, uuid.UUID(made.json()["id"]))
        assert statement is not None
        assert (statement.recorded_by, statement.retracted_by) == (mine.id, theirs.id)


async def test_idempotency_keys_are_kept_per_api_key(
    guarded: tuple[str, AsyncClient], test_database: Database
) -> None:
    _, client = guarded
    first, second = await _key(test_database, Scope.write), await _key(test_database, Scope.write)
    headers: dict[str, Any] = {"Idempotency-Key": "same-key"}
    one = await client.post("/v1/sources", json=ELTON_JOHN, headers={**headers, **_bearer(first)})
    replay = await client.post(
        "/v1/sources", json=ELTON_JOHN, headers={**headers, **_bearer(first)}
    )
    assert one.status_code == replay.status_code == 201
    assert one.json() == replay.json()
    theirs = await client.post(
        "/v1/sources", json={**ELTON_JOHN, "name": "Other"}, headers={**headers, **_bearer(second)}
    )
    assert theirs.status_code == 201  # not a 422: the key is another client's
    assert theirs.json()["id"] != one.json()["id"]


async def test_keys_are_managed_from_the_command_line(
    live_client: AsyncClient, database: Database, database_url: str
) -> None:
    made = await asyncio.to_thread(
        run_claimline, database_url, "keys", "create", "--name", "newsroom", "--scope", "write"
    )
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    assert token.startswith("cl_")
    assert "shown only this once" in made.stderr
    listed = await asyncio.to_thread(run_claimline, database_url, "keys", "list")
    assert "newsroom" in listed.stdout
    assert token not in listed.stdout
    assert auth.token_hash(token) not in listed.stdout
    prefix = token.split("_")[1]
    revoked = await asyncio.to_thread(run_claimline, database_url, "keys", "revoke", prefix)
    assert revoked.returncode == 0, revoked.stderr
    assert (
        "revoked" in (await asyncio.to_thread(run_claimline, database_url, "keys", "list")).stdout
    )
    unknown = await asyncio.to_thread(run_claimline, database_url, "keys", "revoke", "ffffffff")
    assert unknown.returncode == 1
    async with database.write_sessions() as session:
        for key in (await session.scalars(select(ApiKey))).all():
            await session.delete(key)
        await session.commit()
