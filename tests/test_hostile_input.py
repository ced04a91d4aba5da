"""Hostile input: every request below gets a 4xx problem and writes nothing (or stores the text
exactly as given, when it is legitimate text)."""

import copy
import json
import urllib.parse
from typing import Any

import pytest
from httpx import AsyncClient

from app.config import Settings
from app.kit.db import Database
from tests.conftest import client_for, count_rows
from tests.seed import ELTON_JOHN_POST, EVENT_SLUG

SQL_METACHARACTERS = [
    "' OR '1'='1",
    "'; DROP TABLE statements; --",
    '" OR ""="',
    "%' AND 1=1 --",
    "\\'; SELECT pg_sleep(5); --",
    "_%_%",
    "1) UNION SELECT * FROM api_keys --",
]
WRITE_TABLES = ("sources", "events", "claims", "statements", "stances", "relays")


def _problem(response: Any, *statuses: int) -> None:
    assert response.status_code in statuses, (response.status_code, response.text[:300])
    assert response.headers["content-type"] == "application/problem+json"


async def _counts(database: Database) -> dict[str, int]:
    return {table: await count_rows(database, table) for table in WRITE_TABLES}


async def test_sql_metacharacters_in_search_and_filters(client: AsyncClient) -> None:
    recorded = await client.post("/v1/statements", json=ELTON_JOHN_POST)
    assert recorded.status_code == 201
    for text in SQL_METACHARACTERS:
        found = await client.get("/v1/statements", params={"q": text})
        assert found.status_code == 200, found.text
        assert found.json()["items"] == [] or all(
            isinstance(item["id"], str) for item in found.json()["items"]
        )
        sources = await client.get("/v1/sources", params={"q": text})
        assert sources.status_code == 200
        events = await client.get("/v1/events", params={"q": text})
        assert events.status_code in (200, 422)
        for parameter in ("event", "speaker", "claim"):
            _problem(await client.get("/v1/statements", params={parameter: text}), 422)
        _problem(
            await client.get(f"/v1/events/{EVENT_SLUG}/timeline", params={"speaker": text}), 422
        )
        _problem(
            await client.get(f"/v1/events/{EVENT_SLUG}/comparison", params={"sources": text}), 422
        )
        _problem(await client.get("/v1/statements", params={"cursor": text}), 400)
    # The table is still there, with its row.
    assert len((await client.get("/v1/statements")).json()["items"]) == 1


@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("nul", "Putin\x00 phoned"),
        ("lone surrogate", "Putin \ud800 phoned"),
        ("control", "Putin \x07 phoned"),
    ],
)
async def test_unusable_characters_are_refused_everywhere(
    live_client: AsyncClient, database: Database, label: str, text: str
) -> None:
    before = await _counts(database)
    bodies = [
        {**ELTON_JOHN_POST, "text": text},
        {**ELTON_JOHN_POST, "claims": [{"claim": {"text": text}, "stance": "supports"}]},
        {**ELTON_JOHN_POST, "speaker": {"name": text}},
    ]
    for body in bodies:
        # Lone surrogates cannot be UTF-8: send them as JSON escapes, as a hostile client would.
        raw = json.dumps(body).encode()
        response = await live_client.post(
            "/v1/statements", content=raw, headers={"content-type": "application/json"}
        )
        _problem(response, 400, 422)
    # In a query string the bytes arrive percent-encoded, invalid UTF-8 included.
    quoted = urllib.parse.quote(text.encode("utf-8", "surrogatepass"))
    searched = await live_client.get(f"/v1/statements?q={quoted}")
    if label == "lone surrogate":  # decoded as U+FFFD: a search for it, found nowhere
        assert searched.status_code == 200
        assert searched.json()["items"] == []
    else:
        _problem(searched, 422)
    assert await _counts(database) == before, label


async def test_right_to_left_text_is_kept_as_given(client: AsyncClient) -> None:
    arabic = "\u202eقال الكرملين إن بوتين لم يتصل\u202c"
    body = {**ELTON_JOHN_POST, "text": arabic}
    recorded = await client.post("/v1/statements", json=body)
    assert recorded.status_code == 201, recorded.text
    assert recorded.json()["text"] == arabic


async def test_a_megabyte_of_combining_marks(live_client: AsyncClient, database: Database) -> None:
    before = await _counts(database)
    marks = "e" + "\u0301" * 500_000  # 1 MB of UTF-8, far past every length limit
    for body in (
        {**ELTON_JOHN_POST, "text": marks},
        {**ELTON_JOHN_POST, "claims": [{"claim": {"text": marks}, "stance": "supports"}]},
    ):
        _problem(await live_client.post("/v1/statements", json=body), 413, 422)
    _problem(await live_client.get("/v1/statements", params={"q": marks[:5000]}), 414, 422, 431)
    assert await _counts(database) == before


async def test_huge_lists_of_relays_and_claims(
    live_client: AsyncClient, database: Database
) -> None:
    before = await _counts(database)
    many_relays = copy.deepcopy(ELTON_JOHN_POST)
    many_relays["via"] = [{"source": {"name": f"Outlet {n}"}} for n in range(5000)]
    many_claims = copy.deepcopy(ELTON_JOHN_POST)
    many_claims["claims"] = [
        {"claim": {"text": f"Claim {n}"}, "stance": "supports"} for n in range(5000)
    ]
    too_many = {"statements": [ELTON_JOHN_POST] * 1001}
    for path, body in (
        ("/v1/statements", many_relays),
        ("/v1/statements", many_claims),
        ("/v1/statements/batch", too_many),
    ):
        response = await live_client.post(path, json=body)
        _problem(response, 413, 422)
    assert await _counts(database) == before


async def test_header_floods(settings: Settings, test_database: Database) -> None:
    async with client_for(settings, test_database) as client:
        flood = [(f"X-Flood-{n}", "x" * 100) for n in range(500)]
        response = await client.get("/v1/sources", headers=flood)
        assert response.status_code in (200, 400, 431)
        huge_if_none_match = await client.get(
            "/v1/sources/nope", headers={"If-None-Match": "x" * 100_000}
        )
        assert huge_if_none_match.status_code in (404, 422, 431)
        long_idempotency_key = await client.post(
            "/v1/sources",
            json={"name": "Flooded"},
            headers={"Idempotency-Key": "k" * 10_000},
        )
        _problem(long_idempotency_key, 422)
