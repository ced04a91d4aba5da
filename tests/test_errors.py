"""Every error is a problem document; no input gives a 500 or leaves anything half-written."""

import json
from typing import Any

import pytest
from httpx import AsyncClient
from pydantic import BaseModel
from sqlalchemy import event as orm_event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from starlette.requests import Request

from app.kit import routing
from app.kit.db import Database
from tests.conftest import count_rows
from tests.seed import ELTON_JOHN, ELTON_JOHN_POST, EVENT_SLUG, PHONE_CALL_EVENT

UNKNOWN_ID = "01a2113d-cecd-7ed6-a95d-9bff68ea7fd8"


def _deep(depth: int) -> str:
    return '{"name": ' + "[" * depth + "]" * depth + "}"


def _json(value: Any) -> bytes:
    return json.dumps(value).encode()


# Bodies that are wrong for any of the write endpoints, as raw bytes.
COMMON_BAD_BODIES: list[tuple[str, bytes]] = [
    ("not json", b"{name: Elton John}"),
    ("truncated json", b'{"name": "Elton'),
    ("empty object string", b'""'),
    ("array", b"[]"),
    ("number", b"42"),
    ("null", b"null"),
    ("deep nesting", _deep(100_000).encode()),
    ("moderate nesting", _deep(500).encode()),
    ("invalid utf-8", b'{"name": "\xff\xfe"}'),
    ("unknown field", _json({"name": "Elton John", "favourite_colour": "pink"})),
]
SOURCE_BAD_BODIES: list[tuple[str, bytes]] = [
    ("name is a number", _json({"name": 1})),
    ("name is false", _json({"name": False})),
    ("name is a list", _json({"name": ["Elton John"]})),
    ("name is null", _json({"name": None})),
    ("name is blank", _json({"name": "   "})),
    ("name is huge", _json({"name": "x" * 900_000})),
    ("name has NUL", _json({"name": "Elton\u0000John"})),
    ("name has a lone surrogate", b'{"name": "Elton \\ud800"}'),
    ("name has a line break", _json({"name": "Elton\nJohn"})),
    ("kind is unknown", _json({"name": "TASS", "kind": "newspaper"})),
    ("kind is a number", _json({"name": "TASS", "kind": 3})),
    ("aliases is a string", _json({"name": "TASS", "aliases": "ТАСС"})),
    ("alias is a number", _json({"name": "TASS", "aliases": [1]})),
    ("too many aliases", _json({"name": "TASS", "aliases": [f"a{n}" for n in range(51)]})),
    ("slug has capitals", _json({"name": "TASS", "slug": "TASS"})),
    ("slug too long", _json({"name": "TASS", "slug": "a" * 81})),
    ("slug is a UUID", _json({"name": "TASS", "slug": UNKNOWN_ID})),
    ("homepage is not a URL", _json({"name": "TASS", "homepage": "tass dot com"})),
    ("homepage is javascript", _json({"name": "TASS", "homepage": "javascript:alert(1)"})),
    ("description is an object", _json({"name": "TASS", "description": {"a": 1}})),
]
EVENT_BAD_BODIES: list[tuple[str, bytes]] = [
    ("title is a number", _json({"title": 1})),
    ("title is true", _json({"title": True})),
    ("title has NUL", _json({"title": "Putin\u0000call"})),
    ("title is huge", _json({"title": "y" * 900_000})),
    ("naive occurred_at", _json({"title": "Call", "occurred_at": "2015-09-14T15:11:00"})),
    ("numeric occurred_at", _json({"title": "Call", "occurred_at": 1442243460})),
    ("date-only occurred_at", _json({"title": "Call", "occurred_at": "2015-09-14"})),
    ("impossible occurred_at", _json({"title": "Call", "occurred_at": "2015-02-30T00:00:00Z"})),
    ("Unix time in a string", _json({"title": "Call", "occurred_at": "1442243460"})),
    ("fraction in a string", _json({"title": "Call", "occurred_at": "0.5"})),
    ("no seconds", _json({"title": "Call", "occurred_at": "2015-09-14T15:11Z"})),
    ("year 0 in UTC", _json({"title": "Call", "occurred_at": "0001-01-01T00:00:00+01:00"})),
    ("year 10000 in UTC", _json({"title": "Call", "occurred_at": "9999-12-31T23:59:59-01:00"})),
    ("tags is a string", _json({"title": "Call", "tags": "russia"})),
    ("tag is null", _json({"title": "Call", "tags": [None]})),
    ("tag is too long", _json({"title": "Call", "tags": ["t" * 65]})),
    ("slug has spaces", _json({"title": "Call", "slug": "putin call"})),
]


def _post_with(**change: Any) -> dict[str, Any]:
    return {**ELTON_JOHN_POST, **change}


def _stance(**change: Any) -> dict[str, Any]:
    return _post_with(claims=[{"claim": {"text": "Putin phoned Elton John"}, **change}])


# Statements whose faults the schema or the resolution of their references must catch.
STATEMENT_BAD_ITEMS: list[tuple[str, dict[str, Any]]] = [
    ("text is a number", _post_with(text=42)),
    ("text is false", _post_with(text=False)),
    ("text is empty", _post_with(text="")),
    ("text is huge", _post_with(text="x" * 900_000)),
    ("text has NUL", _post_with(text="Putin\u0000phoned")),
    ("said_at is naive", _post_with(said_at="2015-09-14T08:11:00")),
    ("said_at is a number", _post_with(said_at=1442243460)),
    ("said_at before year 1 in UTC", _post_with(said_at="0001-01-01T00:30:00+01:00")),
    ("said_at is missing", {k: v for k, v in ELTON_JOHN_POST.items() if k != "said_at"}),
    ("precision is unknown", _post_with(said_at_precision="week")),
    ("medium is unknown", _post_with(medium="tweet")),
    ("url is not a URL", _post_with(url="instagram")),
    ("language is not a tag", _post_with(language="English!")),
    ("speaker is a number", _post_with(speaker=7)),
    ("speaker is unknown", _post_with(speaker="nobody-at-all")),
    ("speaker is an empty object", _post_with(speaker={})),
    ("speaker kind is bad", _post_with(speaker={"name": "Elton John", "kind": "pop star"})),
    ("event is unknown", _post_with(event="no-such-event")),
    ("event is an unknown id", _post_with(event=UNKNOWN_ID)),
    ("event object is empty", _post_with(event={})),
    (
        "event object has a naive time",
        _post_with(event={"title": "x", "occurred_at": "2015-09-14"}),
    ),
    ("on_behalf_of is unknown", _post_with(on_behalf_of=UNKNOWN_ID)),
    ("via is an object", _post_with(via={"source": "tass"})),
    ("via source is unknown", _post_with(via=[{"source": "no-outlet"}])),
    (
        "via published_at is naive",
        _post_with(via=[{"source": {"name": "TASS"}, "published_at": "2015-09-15T12:00:00"}]),
    ),
    ("too many relays", _post_with(via=[{"source": {"name": f"Outlet {n}"}} for n in range(21)])),
    ("claims is a string", _post_with(claims="Putin phoned")),
    ("stance is unknown", _stance(stance="agrees")),
    ("stance is missing", _stance()),
    ("claim is an unknown id", _post_with(claims=[{"claim": UNKNOWN_ID, "stance": "supports"}])),
    ("claim is a number", _post_with(claims=[{"claim": 5, "stance": "supports"}])),
    ("claim text is blank", _post_with(claims=[{"claim": {"text": " ?! "}, "stance": "supports"}])),
    (
        "claim named twice",
        _post_with(
            claims=[
                {"claim": {"text": "A call"}, "stance": "supports"},
                {"claim": {"text": "a call."}, "stance": "refutes"},
            ]
        ),
    ),
    ("quote is a list", _stance(stance="supports", quote=["x"])),
]


async def _assert_problem(response: Any, label: str) -> None:
    assert 400 <= response.status_code < 500, (label, response.status_code, response.text[:300])
    assert response.headers["content-type"] == "application/problem+json", label
    body = response.json()
    assert {"type", "title", "status", "detail"} <= body.keys(), label
    assert body["status"] == response.status_code, label
    assert "Traceback" not in response.text, label
    if response.status_code == 422:
        assert body["errors"], label
        assert all("loc" in error and "msg" in error for error in body["errors"]), label


async def _post_catalogue(
    client: AsyncClient, method: str, path: str, bodies: list[tuple[str, bytes]]
) -> None:
    for label, body in bodies:
        response = await client.request(
            method, path, content=body, headers={"content-type": "application/json"}
        )
        await _assert_problem(response, f"{method} {path}: {label}")


async def test_bad_bodies_on_every_write_endpoint(
    client: AsyncClient, test_database: Database
) -> None:
    source = (await client.post("/v1/sources", json=ELTON_JOHN)).json()
    event = (await client.post("/v1/events", json=PHONE_CALL_EVENT)).json()
    before = {table: await _count_in_test(client, table) for table in ("sources", "events")}
    await _post_catalogue(client, "POST", "/v1/sources", COMMON_BAD_BODIES + SOURCE_BAD_BODIES)
    await _post_catalogue(
        client, "PATCH", f"/v1/sources/{source['id']}", COMMON_BAD_BODIES + SOURCE_BAD_BODIES
    )
    await _post_catalogue(client, "POST", "/v1/events", COMMON_BAD_BODIES + EVENT_BAD_BODIES)
    await _post_catalogue(
        client, "PATCH", f"/v1/events/{event['slug']}", COMMON_BAD_BODIES + EVENT_BAD_BODIES
    )
    for path in [f"/v1/sources/{UNKNOWN_ID}", "/v1/sources/no-such-source"]:
        response = await client.patch(path, json={"name": "Nobody"})
        assert response.status_code == 404
    for path in [f"/v1/events/{UNKNOWN_ID}", "/v1/events/no-such-event"]:
        response = await client.patch(path, json={"title": "Nothing"})
        assert response.status_code == 404
    after = {table: await _count_in_test(client, table) for table in ("sources", "events")}
    assert after == before
    assert (await client.get(f"/v1/sources/{source['id']}")).json() == source
    assert (await client.get(f"/v1/events/{event['id']}")).json() == event


async def test_bad_statements_claims_and_retractions(client: AsyncClient) -> None:
    first = await client.post("/v1/statements", json=ELTON_JOHN_POST)
    assert first.status_code == 201
    statement_id = first.json()["id"]
    statement_bodies = [(label, _json(body)) for label, body in STATEMENT_BAD_ITEMS]
    await _post_catalogue(client, "POST", "/v1/statements", COMMON_BAD_BODIES + statement_bodies)
    batch_bodies = [
        (label, _json({"statements": [ELTON_JOHN_POST, body]}))
        for label, body in STATEMENT_BAD_ITEMS
    ]
    batch_bodies += [
        ("statements is not a list", _json({"statements": {"a": 1}})),
        ("statements is missing", _json({})),
        ("too many statements", _json({"statements": [ELTON_JOHN_POST] * 1001})),
    ]
    await _post_catalogue(client, "POST", "/v1/statements/batch", COMMON_BAD_BODIES + batch_bodies)
    for label, body in STATEMENT_BAD_ITEMS:
        response = await client.post(
            "/v1/statements/batch", json={"statements": [ELTON_JOHN_POST, body]}
        )
        assert response.json()["errors"][0]["loc"][0] == 1, label
    claim_bodies = [
        ("text is a number", _json({"text": 3})),
        ("text is blank", _json({"text": "  "})),
        ("text has NUL", _json({"text": "a\u0000b"})),
        ("text is huge", _json({"text": "y" * 900_000})),
    ]
    event_slug = EVENT_SLUG
    await _post_catalogue(
        client, "POST", f"/v1/events/{event_slug}/claims", COMMON_BAD_BODIES + claim_bodies
    )
    retraction_bodies = [
        ("reason is missing", _json({})),
        ("reason is a number", _json({"reason": 1})),
        ("reason is blank", _json({"reason": ""})),
        ("reason has NUL", _json({"reason": "a\u0000"})),
    ]
    await _post_catalogue(
        client, "DELETE", f"/v1/statements/{statement_id}", COMMON_BAD_BODIES + retraction_bodies
    )
    listed = (await client.get("/v1/statements")).json()["items"]
    assert [item["id"] for item in listed] == [statement_id]
    assert listed[0]["retracted_at"] is None
    claims = (await client.get(f"/v1/events/{event_slug}/claims")).json()["items"]
    assert [claim["text"] for claim in claims] == ["Putin phoned Elton John"]


async def _count_in_test(client: AsyncClient, table: str) -> int:
    items = (await client.get(f"/v1/{table}", params={"limit": 200})).json()["items"]
    return len(items)


async def test_malformed_json_is_400(client: AsyncClient) -> None:
    response = await client.post(
        "/v1/sources", content=b'{"name": ', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["type"].endswith("malformed-json")


async def test_non_json_body_is_415(client: AsyncClient) -> None:
    for content_type in ["text/plain", "application/x-www-form-urlencoded", "application/xml"]:
        response = await client.post(
            "/v1/sources", content=b"name=Elton", headers={"content-type": content_type}
        )
        assert response.status_code == 415, content_type
        assert response.headers["content-type"] == "application/problem+json"
    missing = await client.post("/v1/events", content=b'{"title": "Call"}')
    assert missing.status_code == 415
    merge_patch = await client.post(
        "/v1/events",
        content=b'{"title": "Call"}',
        headers={"content-type": "application/merge-patch+json"},
    )
    assert merge_patch.status_code == 201


async def test_body_over_the_limit_is_413(client: AsyncClient) -> None:
    huge = _json({"name": "x" * (1024 * 1024 + 10)})
    response = await client.post(
        "/v1/sources", content=huge, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"

    async def chunks() -> Any:
        for _ in range(20):
            yield b" " * 100_000

    streamed = await client.post(
        "/v1/events", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413
    assert streamed.headers["content-type"] == "application/problem+json"


async def test_unknown_path_and_method(client: AsyncClient) -> None:
    missing = await client.get("/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    wrong_method = await client.delete("/v1/sources/elton-john")
    assert wrong_method.status_code == 405
    assert wrong_method.headers["content-type"] == "application/problem+json"
    assert wrong_method.headers["allow"] == "GET, HEAD, PATCH"
    collection = await client.put("/v1/events", json={})
    assert collection.status_code == 405
    assert collection.headers["allow"] == "GET, HEAD, POST"
    batch = await client.put("/v1/statements/batch", json={})
    assert batch.status_code == 405
    assert batch.headers["allow"] == "POST"


async def test_head_answers_like_get_without_a_body(client: AsyncClient) -> None:
    created = await client.post("/v1/sources", json=ELTON_JOHN)
    head = await client.head(created.headers["location"])
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == created.headers["etag"]
    assert (await client.head("/v1/sources")).status_code == 200
    missing = await client.head("/v1/sources/nobody")
    assert missing.status_code == 404
    assert missing.content == b""


async def test_validation_errors_list_each_location(client: AsyncClient) -> None:
    response = await client.post("/v1/sources", json={"name": 5, "kind": "newspaper"})
    assert response.status_code == 422
    locations = [error["loc"] for error in response.json()["errors"]]
    assert ["body", "name"] in locations
    assert ["body", "kind"] in locations
    assert all(set(error) == {"loc", "msg", "type"} for error in response.json()["errors"])


async def test_bad_query_values(client: AsyncClient) -> None:
    for query in ["q=" + "x" * 201, "kind=1", "tag=" + "t" * 65, "q=%00", "limit=abc"]:
        for path in ["/v1/sources", "/v1/events"]:
            response = await client.get(f"{path}?{query}")
            if response.status_code == 200:
                continue
            await _assert_problem(response, f"{path}?{query}")


@pytest.fixture
def failing_commits(database: Database) -> Any:
    """Make every commit on the real engine fail as if the database went away mid-commit."""

    def fail(session: Session) -> None:
        raise OperationalError("COMMIT", {}, Exception("connection lost during commit"))

    orm_event.listen(Session, "before_commit", fail)
    yield
    orm_event.remove(Session, "before_commit", fail)


async def test_failing_commit_is_a_5xx_problem_not_a_201(
    live_client: AsyncClient, database: Database, failing_commits: None
) -> None:
    response = await live_client.post("/v1/sources", json=ELTON_JOHN)
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert "location" not in response.headers
    assert await count_rows(database, "sources") == 0
    assert await count_rows(database, "source_names") == 0


async def test_a_server_refusing_connections_is_503() -> None:
    from sqlalchemy.exc import DBAPIError

    from app.errors import _handle_database_error

    class Refused(Exception):
        sqlstate = "53300"  # too_many_connections

    error = DBAPIError("connect", None, Refused("sorry, too many clients already"))
    response = await _handle_database_error(None, error)  # type: ignore[arg-type]
    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"

    class Deadlocked(Exception):
        sqlstate = "40P01"  # deadlock_detected: this write was rolled back, sent again it passes

    rolled_back = await _handle_database_error(None, DBAPIError("x", None, Deadlocked()))  # type: ignore[arg-type]
    assert rolled_back.status_code == 409
    assert rolled_back.headers["retry-after"] == "1"

    class Broken(Exception):
        sqlstate = "42P01"  # undefined_table: a bug, not an outage

    assert (await _handle_database_error(None, DBAPIError("x", None, Broken()))).status_code == 500  # type: ignore[arg-type]


async def test_bodies_validated_from_bytes_are_answered_as_before(
    client: AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bodies are validated from their bytes (`app.kit.routing._JsonBodyRequest`): every body of
    the catalogues, good or bad, is answered exactly as when FastAPI validates the value that
    `json.loads` gives, and the good ones really take the fast path."""
    assert (await client.post("/v1/statements", json=ELTON_JOHN_POST)).status_code == 201
    statements = [(label, _json(body)) for label, body in STATEMENT_BAD_ITEMS]
    good = _json({**ELTON_JOHN_POST, "event": EVENT_SLUG, "speaker": "elton-john"})
    cases = [
        ("/v1/statements", [*COMMON_BAD_BODIES, *statements, ("good", good)]),
        (
            "/v1/statements/batch",
            [
                (label, b'{"statements": [' + _json(ELTON_JOHN_POST) + b", " + body + b"]}")
                for label, body in [*COMMON_BAD_BODIES, *statements, ("good", good)]
            ],
        ),
        ("/v1/sources", [*COMMON_BAD_BODIES, *SOURCE_BAD_BODIES]),
        ("/v1/events", [*COMMON_BAD_BODIES, *EVENT_BAD_BODIES]),
    ]
    validated: list[object] = []
    fast_json = routing._JsonBodyRequest.json

    async def spying(self: routing._JsonBodyRequest) -> Any:
        value = await fast_json(self)
        validated.append(value)
        return value

    async def answers() -> list[tuple[str, int, Any]]:
        found = []
        for path, bodies in cases:
            for label, body in bodies:
                response = await client.post(
                    path, content=body, headers={"content-type": "application/json"}
                )
                shown = response.json() if response.status_code >= 400 else None
                found.append((f"{path}: {label}", response.status_code, shown))
        return found

    monkeypatch.setattr(routing._JsonBodyRequest, "json", spying)
    fast = await answers()
    assert sum(isinstance(value, BaseModel) for value in validated) >= 2
    monkeypatch.setattr(routing._JsonBodyRequest, "json", Request.json)
    assert await answers() == fast
    assert [status for label, status, _ in fast if label.endswith("good")] == [201, 201]
