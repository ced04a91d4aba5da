"""Every limit, in one place: each input the API takes is bounded, each bound is taken at the
limit and refused one past it (a 422 at that field, nothing written), and the database stops
statements that run past the statement timeout (a 503 problem). README "Limits" lists them."""

import argparse
import copy
import inspect
import json
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import func, literal_column, select, text
from sqlalchemy.exc import DBAPIError
from starlette.requests import Request

from app import cli
from app.config import Settings
from app.errors import ServiceUnavailable, took_too_long
from app.kit.db import Database
from app.kit.reader import Query
from app.main import create_app
from tests.conftest import PROJECT_ROOT
from tests.seed import ELTON_JOHN_POST, PESKOV_DENIAL

OPENAPI = json.loads((PROJECT_ROOT / "openapi" / "openapi.json").read_text())
# Strings with no length of their own: timestamps and UUIDs are bounded by their format, and a
# path names a resource by id or slug, looked up by equality (no such resource: 404); the server
# refuses request lines over its own limit.
UNBOUNDED_ON_PURPOSE = {"date-time", "uuid", "path"}


def _unbounded(schema: dict[str, Any], where: str, found: list[str], seen: frozenset[str]) -> None:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        if name not in seen:
            component = OPENAPI["components"]["schemas"][name]
            _unbounded(component, where, found, seen | {name})
        return
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, []):
            _unbounded(option, where, found, seen)
    kind = schema.get("type")
    bounded = {"maxLength", "enum", "const"} & schema.keys()
    if kind == "string" and not bounded and schema.get("format") not in UNBOUNDED_ON_PURPOSE:
        found.append(where)
    if kind == "array":
        if "maxItems" not in schema:
            found.append(f"{where} (items)")
        _unbounded(schema.get("items", {}), f"{where}[]", found, seen)
    if kind == "integer" and not {"maximum", "enum"} & schema.keys():
        found.append(where)
    for name, field in schema.get("properties", {}).items():
        _unbounded(field, f"{where}.{name}", found, seen)


def test_every_input_is_bounded() -> None:
    found: list[str] = []
    for path, operations in OPENAPI["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            body = operation.get("requestBody")
            if body is not None:
                schema = body["content"]["application/json"]["schema"]
                _unbounded(schema, f"{where} body", found, frozenset())
            for parameter in operation.get("parameters", []):
                if parameter["in"] != "path":
                    name = f"{where} {parameter['in']} {parameter['name']}"
                    _unbounded(parameter["schema"], name, found, frozenset())
    assert found == []


def _set(body: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(body)
    target = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return changed


def _text(length: int) -> str:
    return ("Putin phoned " * (length // 13 + 1))[:length]


def _url(length: int) -> str:
    head = "https://example.com/"
    return head + "a" * (length - len(head))


def _language(length: int) -> str:
    tag = "en"
    while len(tag) + 9 <= length:
        tag += "-abcdefgh"
    return tag + "-" + "a" * (length - len(tag) - 1)


STATEMENT = {**PESKOV_DENIAL, "event": ELTON_JOHN_POST["event"]}
# (what, path, body, the field's path in it, the value at the limit from a length)
BODY_LIMITS: list[tuple[str, str, dict[str, Any], tuple[Any, ...], Callable[[int], Any], int]] = [
    ("source name", "/v1/sources", {"name": "x"}, ("name",), _text, 200),
    (
        "source aliases",
        "/v1/sources",
        {"name": "x"},
        ("aliases",),
        lambda n: [f"a{i}" for i in range(n)],
        50,
    ),
    ("source description", "/v1/sources", {"name": "x"}, ("description",), _text, 10_000),
    ("source homepage", "/v1/sources", {"name": "x"}, ("homepage",), _url, 2048),
    ("source slug", "/v1/sources", {"name": "x"}, ("slug",), lambda n: "s" * n, 80),
    ("event title", "/v1/events", {"title": "x"}, ("title",), _text, 300),
    (
        "event tags",
        "/v1/events",
        {"title": "x"},
        ("tags",),
        lambda n: [f"t{i}" for i in range(n)],
        50,
    ),
    ("event tag", "/v1/events", {"title": "x"}, ("tags",), lambda n: ["t" * n], 64),
    ("event description", "/v1/events", {"title": "x"}, ("description",), _text, 10_000),
    ("statement text", "/v1/statements", STATEMENT, ("text",), _text, 20_000),
    ("statement url", "/v1/statements", STATEMENT, ("url",), _url, 2048),
    ("statement language", "/v1/statements", STATEMENT, ("language",), _language, 35),
    ("stance quote", "/v1/statements", STATEMENT, ("claims", 0, "quote"), _text, 10_000),
    ("claim text", "/v1/statements", STATEMENT, ("claims", 0, "claim", "text"), _text, 2000),
    (
        "relays",
        "/v1/statements",
        STATEMENT,
        ("via",),
        lambda n: [{"source": {"name": f"Outlet {i}"}} for i in range(n)],
        20,
    ),
    (
        "stances",
        "/v1/statements",
        STATEMENT,
        ("claims",),
        lambda n: [{"claim": {"text": f"Claim {i}"}, "stance": "supports"} for i in range(n)],
        100,
    ),
    ("retraction reason", "retract", {"reason": "x"}, ("reason",), _text, 2000),
]


@pytest.mark.parametrize(
    ("path", "body", "field", "make", "limit"),
    [case[1:] for case in BODY_LIMITS],
    ids=[case[0] for case in BODY_LIMITS],
)
async def test_body_limits(
    client: AsyncClient,
    path: str,
    body: dict[str, Any],
    field: tuple[Any, ...],
    make: Callable[[int], Any],
    limit: int,
) -> None:
    method = "POST"
    if path == "retract":
        recorded = await client.post("/v1/statements", json=ELTON_JOHN_POST)
        method, path = "DELETE", f"/v1/statements/{recorded.json()['id']}"
    over = await client.request(method, path, json=_set(body, field, make(limit + 1)))
    assert over.status_code == 422, over.text[:500]
    assert over.json()["errors"][0]["loc"][: len(field) + 1] == ["body", *field]
    at = await client.request(method, path, json=_set(body, field, make(limit)))
    assert at.status_code in (200, 201), at.text[:500]


# (what, path, query parameter, limit, the status at the limit: a 400 for a cursor that is not
# one, a 422 for a reference to nothing; one past the limit is a 422 at the parameter)
QUERY_LIMITS = [
    ("page size", "/v1/sources", "limit", 200, 200),
    ("statement search", "/v1/statements", "q", 200, 200),
    ("event search", "/v1/events", "q", 200, 200),
    ("source search", "/v1/sources", "q", 200, 200),
    ("event tag", "/v1/events", "tag", 64, 200),
    ("cursor", "/v1/events", "cursor", 512, 400),
    ("event filter", "/v1/statements", "event", 100, 422),
    ("speaker filter", "/v1/statements", "speaker", 100, 422),
    ("claim filter", "/v1/statements", "claim", 100, 422),
    ("comparison sources", "/v1/events/{event}/comparison", "sources", 2000, 422),
]


@pytest.mark.parametrize(
    ("path", "parameter", "limit", "status"),
    [case[1:] for case in QUERY_LIMITS],
    ids=[case[0] for case in QUERY_LIMITS],
)
async def test_query_limits(
    client: AsyncClient, path: str, parameter: str, limit: int, status: int
) -> None:
    recorded = await client.post("/v1/statements", json=ELTON_JOHN_POST)
    path = path.format(event=recorded.json()["event_id"])

    def value(length: int) -> str | int:
        return length if parameter == "limit" else "e" * length

    over = await client.get(path, params={parameter: value(limit + 1)})
    assert over.status_code == 422, over.text[:500]
    assert over.json()["errors"][0]["loc"] == ["query", parameter]
    at = await client.get(path, params={parameter: value(limit)})
    assert at.status_code == status, at.text[:500]
    if parameter == "limit":
        assert (await client.get(path, params={"limit": 0})).status_code == 422


async def test_header_limits(client: AsyncClient) -> None:
    for length, status in ((255, 201), (256, 422)):
        created = await client.post(
            "/v1/sources",
            json={"name": f"Keyed {length}"},
            headers={"Idempotency-Key": "k" * length},
        )
        assert created.status_code == status, created.text[:300]
    source = created.headers.get("location") or "/v1/sources/keyed-255"
    for length, status in ((4096, 200), (4097, 422)):
        read = await client.get("/v1/sources/keyed-255", headers={"If-None-Match": "x" * length})
        assert read.status_code == status, read.text[:300]
    assert source


async def test_batch_size_limit(client: AsyncClient) -> None:
    # 1000 is taken in tests/statements/test_batch.py; an empty batch and 1001 are refused.
    for statements in ([], [STATEMENT] * 1001):
        response = await client.post("/v1/statements/batch", json={"statements": statements})
        assert response.status_code == 422
        assert response.json()["errors"][0]["loc"][:2] == ["body", "statements"]


SLOW = {
    "postgresql": "SELECT pg_sleep(5)",
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000)"
    " SELECT count(*) FROM n",
}


async def test_statements_past_the_timeout_are_stopped(backend: str, database_url: str) -> None:
    settings = Settings(database_url=database_url, db_statement_timeout_ms=200)  # type: ignore[arg-type]
    database = Database.from_settings(settings)
    try:
        for engine in (database.write_engine, database.read_engine):
            async with engine.connect() as connection:
                started = time.monotonic()
                with pytest.raises(DBAPIError) as stopped:
                    await connection.execute(text(SLOW[backend]))
                assert time.monotonic() - started < 3
                assert took_too_long(stopped.value)
                await connection.rollback()
                # The connection is fine afterwards, its next statements run to the end.
                assert (await connection.execute(text("SELECT 1"))).scalar_one() == 1
        if backend == "postgresql":
            # The readers' own pool has the timeout too.
            async with database.reader() as reader:
                with pytest.raises(ServiceUnavailable, match="too long"):
                    await reader.fetch(Query(select(func.pg_sleep(literal_column("5")))), {})
        handler = create_app(settings).exception_handlers[DBAPIError]
        answer = handler(Request({"type": "http", "headers": []}), stopped.value)
        if inspect.isawaitable(answer):
            answer = await answer
        assert answer.status_code == 503
        assert answer.headers["retry-after"] == "1"
        assert b"took too long" in answer.body
    finally:
        await database.dispose()


UNBOUNDED = {
    "postgresql": "SELECT pg_sleep(0.5)",
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000)"
    " SELECT count(*) FROM n",
}


async def test_the_command_lines_whole_database_work_has_its_own_bound(
    backend: str, database_url: str
) -> None:
    # The service's bound is 100 ms; `claimline rebuild-views` and the other whole-database
    # commands run with none unless `--statement-timeout` gives one.
    service = Settings(database_url=database_url, db_statement_timeout_ms=100)  # type: ignore[arg-type]
    for seconds, finishes in ((None, True), (0.1, False)):
        database = Database.from_settings(cli._bounded(service, seconds))
        try:
            async with database.write_engine.connect() as connection:
                started = time.monotonic()
                if finishes:
                    await connection.execute(text(UNBOUNDED[backend]))
                    assert time.monotonic() - started > 0.1
                else:
                    with pytest.raises(DBAPIError) as stopped:
                        await connection.execute(text(UNBOUNDED[backend]))
                    assert took_too_long(stopped.value)
        finally:
            await database.dispose()
    assert cli._seconds("none") is None
    assert cli._seconds("2.5") == 2.5
    for wrong in ("0", "-1", "soon"):
        with pytest.raises(argparse.ArgumentTypeError):
            cli._seconds(wrong)


def test_the_bound_is_stated_in_each_commands_help() -> None:
    for command in ("migrate", "rebuild-views", "import", "export"):
        shown = subprocess.run(
            [sys.executable, "-m", "app.cli", command, "--help"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "--statement-timeout" in shown
        assert "CLAIMLINE_DB_STATEMENT_TIMEOUT_MS" in " ".join(shown.split())


async def test_a_reference_too_long_to_name_anything_is_a_short_404(client: AsyncClient) -> None:
    long = "x" * 60_000
    for path in (
        f"/v1/statements/{long}",
        f"/v1/events/{long}/timeline",
        f"/v1/claims/{long}/similar",
        f"/v1/sources/{long}",
        f"/v1/events/{long}/stream",
    ):
        response = await client.get(path)
        assert response.status_code == 404, path
        assert len(response.content) < 500, path
    refused = await client.get("/v1/statements", params={"known_at": "2" * 60_000})
    assert refused.status_code == 422
    assert len(refused.content) < 1000
