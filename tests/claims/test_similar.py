"""Claims under other words (`/v1/claims/{id}/similar`, `/v1/claims?q=`): the trigram
similarity of `pg_trgm`, the same scores on both stores, on a corpus with Cyrillic, accents,
punctuation and very short texts."""

import itertools
from pathlib import Path
from typing import Any

from httpx import AsyncClient
from sqlalchemy import text

from app.claims.similar import MIN_LENGTH, shown_score, similarity
from app.config import Settings
from app.kit.db import Database
from app.kit.migrations import upgrade
from app.text import claim_key
from tests.conftest import create_database_url, drop_database_url

CORPUS = {
    "call": [
        "Putin phoned Elton John",
        "Putin phoned Elton John!!",  # the same key: one claim
        "Vladimir Putin telephoned Sir Elton John",
        "Путин позвонил Элтону Джону",
        "Путин не звонил Элтону Джону.",
        "Élton John reçut un appel de Poutine",
        "Elton John received a call from Putin",
        "Yes",  # too short to suggest anything
        "No!",
        "A prank call, not Putin",
    ],
    "meeting": [
        "Putin will meet Elton John",
        "Путин встретится с Элтоном Джоном",
        "Elton-John_and Putin: a meeting?",
        "Ok",
    ],
}


async def _claims(client: AsyncClient) -> dict[str, dict[str, Any]]:
    """Create the corpus; its claims by id, with their event's slug."""
    found: dict[str, dict[str, Any]] = {}
    for slug, texts in CORPUS.items():
        created = await client.post("/v1/events", json={"slug": slug, "title": slug.title()})
        assert created.status_code == 201, created.text
        for claim_text in texts:
            response = await client.post(f"/v1/events/{slug}/claims", json={"text": claim_text})
            assert response.status_code in (201, 409), response.text
            if response.status_code == 201:
                found[response.json()["id"]] = {**response.json(), "slug": slug}
    return found


def _expected(claims: dict[str, dict[str, Any]], of: str, scope: str, least: float) -> list[Any]:
    own = claim_key(claims[of]["text"])
    if len(own) < MIN_LENGTH:
        return []
    scored = []
    for claim_id, claim in claims.items():
        key = claim_key(claim["text"])
        if claim_id == of or len(key) < MIN_LENGTH:
            continue
        if scope == "event" and claim["slug"] != claims[of]["slug"]:
            continue
        score = similarity(own, key)
        if score >= least:
            scored.append((-score, claim_id, shown_score(score)))
    return [(claim_id, score) for _, claim_id, score in sorted(scored)]


async def test_similar_claims_score_alike_on_both_stores(client: AsyncClient) -> None:
    claims = await _claims(client)
    assert len(claims) == 13
    for claim_id, scope, least in itertools.product(claims, ("event", "all"), (0.05, 0.3)):
        response = await client.get(
            f"/v1/claims/{claim_id}/similar", params={"scope": scope, "min_score": least}
        )
        assert response.status_code == 200, response.text
        items = response.json()["items"]
        assert [(item["claim"]["id"], item["score"]) for item in items] == _expected(
            claims, claim_id, scope, least
        ), (claims[claim_id]["text"], scope, least)
        for item in items:
            assert item["event"]["slug"] == claims[item["claim"]["id"]]["slug"]
            assert item["claim"]["text"] == claims[item["claim"]["id"]]["text"]
    # The call in Russian finds its denial, in the other event its meeting, not the English.
    [russian] = [i for i, c in claims.items() if c["text"] == "Путин позвонил Элтону Джону"]
    found = (await client.get(f"/v1/claims/{russian}/similar", params={"scope": "all"})).json()
    assert [item["claim"]["text"] for item in found["items"]][:1] == [
        "Путин не звонил Элтону Джону."
    ]


async def test_search_by_text_across_events(client: AsyncClient) -> None:
    claims = await _claims(client)
    response = await client.get("/v1/claims", params={"q": "putin PHONED elton", "limit": 3})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert items
    assert items[0]["claim"]["text"] == "Putin phoned Elton John"
    assert len(items) <= 3
    scores = [item["score"] for item in items]
    assert scores == sorted(scores, reverse=True)
    only = await client.get("/v1/claims", params={"q": "putin phoned elton", "event": "meeting"})
    assert {item["event"]["slug"] for item in only.json()["items"]} <= {"meeting"}
    assert (await client.get("/v1/claims", params={"q": "Putin?"})).json()["items"] == []
    for bad in ({"q": "putin phoned", "min_score": "0"}, {"q": "putin", "min_score": "1.5"}, {}):
        assert (await client.get("/v1/claims", params=bad)).status_code == 422, bad
    unknown = await client.get("/v1/claims", params={"q": "putin phoned", "event": "nowhere"})
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["loc"] == ["query", "event"]
    missing = await client.get("/v1/claims/01890000-0000-7000-8000-000000000000/similar")
    assert missing.status_code == 404
    del claims


async def test_the_scores_are_postgresqls_own(tmp_path: Path) -> None:
    """PostgreSQL's own similarity() (the extension the migration creates) against the score
    computed in Python, which SQLite serves, over the corpus and a few more texts."""
    url = await create_database_url("postgresql", tmp_path)
    database = Database.from_settings(Settings(database_url=url))  # type: ignore[arg-type]
    try:
        await upgrade(database.write_engine)
        texts = [claim_key(t) for texts in CORPUS.values() for t in texts]
        texts += ["naïve café", "c_d 1x", "ǅemal ﬁne", "ABC abc", "x", "", "ß straße"]
        pairs = list(itertools.product(texts, repeat=2))
        async with database.write_engine.connect() as connection:
            for a, b in pairs:
                stored = (
                    await connection.execute(text("SELECT similarity(:a, :b)"), {"a": a, "b": b})
                ).scalar_one()
                assert shown_score(stored) == shown_score(similarity(a, b)), (a, b)
    finally:
        await database.dispose()
        await drop_database_url(url)
