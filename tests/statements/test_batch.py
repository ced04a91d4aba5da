"""Batches are all or nothing; Idempotency-Key replays; concurrent submissions never duplicate."""

import asyncio
import copy
import itertools
from datetime import UTC, datetime
from typing import Any

from httpx import AsyncClient
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.kit.db import Database
from app.kit.writes import REQUEST_LOCK_SPACE, lock_bucket, lock_keys
from app.models import IdempotentResponse
from tests.conftest import client_for, count_rows
from tests.seed import ELTON_JOHN_POST, EVENT_SLUG, PESKOV_DENIAL

TABLES = ("sources", "events", "claims", "statements", "stances", "relays")


def _statements(count: int) -> list[dict[str, Any]]:
    """`count` statements on the seed event, speakers and claims repeating."""
    items = []
    for n in range(count):
        item = copy.deepcopy(PESKOV_DENIAL if n % 2 else ELTON_JOHN_POST)
        item["event"] = {"slug": EVENT_SLUG, "title": "Kremlin rejects claim"}
        item["said_at"] = f"2015-09-{14 + n % 3}T{n % 24:02d}:{n % 60:02d}:00Z"
        item["text"] = f"{item['text']} ({n})"
        item["claims"] = [
            {"claim": {"text": f"Claim number {n % 7}"}, "stance": ("supports", "refutes")[n % 2]}
        ]
        items.append(item)
    return items


async def _counts(database: Database) -> dict[str, int]:
    return {table: await count_rows(database, table) for table in TABLES}


async def test_batch_records_in_order_and_items_see_earlier_ones(client: AsyncClient) -> None:
    first = copy.deepcopy(ELTON_JOHN_POST)
    first["event"] = {"slug": "new-story", "title": "A story created by the first item"}
    second = copy.deepcopy(PESKOV_DENIAL)
    second["event"] = "new-story"
    second["speaker"] = "elton-john"  # created by the first item, by derived slug
    response = await client.post("/v1/statements/batch", json={"statements": [first, second]})
    assert response.status_code == 201, response.text
    recorded = response.json()["statements"]
    assert response.headers["location"] == f"/v1/statements/{recorded[0]['id']}"
    assert [item["speaker"]["name"] for item in recorded] == ["Elton John", "Elton John"]
    assert recorded[0]["event_id"] == recorded[1]["event_id"]
    assert recorded[0]["stances"][0]["claim_id"] == recorded[1]["stances"][0]["claim_id"]
    claim = (await client.get(f"/v1/claims/{recorded[0]['stances'][0]['claim_id']}")).json()
    assert claim["status"] == "contested"


async def test_bad_1000th_item_writes_nothing(live_client: AsyncClient, database: Database) -> None:
    await live_client.post("/v1/statements", json=ELTON_JOHN_POST)
    before = await _counts(database)
    items = _statements(1000)
    items[999]["speaker"] = "no-such-source"
    response = await live_client.post("/v1/statements/batch", json={"statements": items})
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == [999, "speaker"]
    assert await _counts(database) == before
    items[999]["speaker"] = {"name": "Elton John"}
    items[999]["said_at"] = "2015-09-15T10:00:00"  # naive: refused by validation
    invalid = await live_client.post("/v1/statements/batch", json={"statements": items})
    assert invalid.status_code == 422
    assert invalid.json()["errors"][0]["loc"] == [999, "said_at"]
    assert await _counts(database) == before


async def test_batch_limits(client: AsyncClient) -> None:
    too_many = await client.post("/v1/statements/batch", json={"statements": _statements(1001)})
    assert too_many.status_code == 422
    empty = await client.post("/v1/statements/batch", json={"statements": []})
    assert empty.status_code == 422


async def test_idempotent_replay(live_client: AsyncClient, database: Database) -> None:
    headers = {"Idempotency-Key": "seed-story-elton-john-post"}
    first = await live_client.post("/v1/statements", json=ELTON_JOHN_POST, headers=headers)
    assert first.status_code == 201
    counts = await _counts(database)
    again = await live_client.post("/v1/statements", json=ELTON_JOHN_POST, headers=headers)
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert again.headers["etag"] == first.headers["etag"]
    assert await _counts(database) == counts
    other = await live_client.post("/v1/statements", json=PESKOV_DENIAL, headers=headers)
    assert other.status_code == 422
    assert other.json()["errors"][0]["loc"] == ["header", "Idempotency-Key"]
    assert await _counts(database) == counts
    batch_headers = {"Idempotency-Key": "seed-story-batch"}
    body = {"statements": [PESKOV_DENIAL]}
    batch = await live_client.post("/v1/statements/batch", json=body, headers=batch_headers)
    replay = await live_client.post("/v1/statements/batch", json=body, headers=batch_headers)
    assert batch.status_code == replay.status_code == 201
    assert batch.json() == replay.json()
    assert await count_rows(database, "statements") == 2


async def test_concurrent_retries_with_one_key_create_once(
    live_client: AsyncClient, database: Database
) -> None:
    headers = {"Idempotency-Key": "retry-storm"}
    responses = await asyncio.gather(
        *(
            live_client.post(
                "/v1/statements",
                json=PESKOV_DENIAL | {"event": {"slug": EVENT_SLUG, "title": "Call"}},
                headers=headers,
            )
            for _ in range(10)
        )
    )
    assert {response.status_code for response in responses} == {201}
    assert len({response.json()["id"] for response in responses}) == 1
    assert await count_rows(database, "statements") == 1


async def test_fifty_concurrent_submissions_create_one_of_each(
    live_client: AsyncClient, database: Database, settings: Settings
) -> None:
    """Two app instances, each with its own connection pool, like two servers behind a balancer."""
    body = {
        "event": {"slug": "concurrent-story", "title": "Concurrent story"},
        "speaker": {"name": "Dmitry Peskov", "kind": "person"},
        "on_behalf_of": {"name": "Kremlin", "kind": "government"},
        "via": [{"source": {"name": "TASS", "kind": "outlet"}}],
        "text": "President Putin did not have a telephone conversation with Sir Elton John.",
        "said_at": "2015-09-15T09:00:00+03:00",
        "claims": [{"claim": {"text": "Putin phoned Elton John"}, "stance": "refutes"}],
    }
    other_instance = Database.from_settings(settings)
    try:
        async with client_for(settings, other_instance) as other_client:
            clients = [live_client, other_client]
            responses = await asyncio.gather(
                *(clients[n % 2].post("/v1/statements", json=body) for n in range(50))
            )
    finally:
        await other_instance.dispose()
    assert [response.status_code for response in responses] == [201] * 50
    assert await count_rows(database, "statements") == 50
    assert await count_rows(database, "events") == 1
    assert await count_rows(database, "sources") == 3
    assert await count_rows(database, "claims") == 1


async def test_an_expired_key_is_new_again(client: AsyncClient, session: AsyncSession) -> None:
    headers = {"Idempotency-Key": "expires"}
    first = await client.post("/v1/statements", json=ELTON_JOHN_POST, headers=headers)
    await session.execute(
        update(IdempotentResponse).values(expires_at=datetime(2015, 9, 14, tzinfo=UTC))
    )
    await session.commit()
    again = await client.post("/v1/statements", json=PESKOV_DENIAL, headers=headers)
    assert again.status_code == 201
    assert again.json()["id"] != first.json()["id"]


async def test_batch_resolves_names_slugs_and_texts_like_single_submissions(
    client: AsyncClient,
) -> None:
    existing = await client.post("/v1/sources", json={"name": "Anna Smith", "kind": "person"})
    assert existing.json()["slug"] == "anna-smith"

    def said(speaker: Any, minute: int, claim: str = "The call took place") -> dict[str, Any]:
        return {
            "event": {"slug": "batch-rules", "title": "Batch rules"},
            "speaker": speaker,
            "text": f"Statement at minute {minute}.",
            "said_at": f"2015-09-14T15:{minute:02d}:00Z",
            "claims": [{"claim": {"text": claim}, "stance": "supports"}],
        }

    items = [
        said({"name": "Dmitry Peskov", "aliases": ["Peskov"]}, 1),
        said({"name": "PESKOV"}, 2, "the call  took place!"),  # an alias, and the same claim
        said("dmitry-peskov", 3),  # the slug derived for the source created by item 0
        said({"name": "Anna Smith!"}, 4),  # another name, whose slug is taken: anna-smith-2
        said({"name": "Anna  Smith?"}, 5),  # a third: anna-smith-3
        said({"name": "anna smith"}, 6),  # the existing source, by name
    ]
    response = await client.post("/v1/statements/batch", json={"statements": items})
    assert response.status_code == 201, response.text
    recorded = response.json()["statements"]
    speakers = [statement["speaker"] for statement in recorded]
    assert speakers[0]["slug"] == "dmitry-peskov"
    assert speakers[1]["id"] == speakers[2]["id"] == speakers[0]["id"]
    assert [s["slug"] for s in speakers[3:]] == ["anna-smith-2", "anna-smith-3", "anna-smith"]
    assert speakers[5]["id"] == existing.json()["id"]
    claims = {statement["stances"][0]["claim_id"] for statement in recorded}
    assert len(claims) == 1
    peskov = await client.get("/v1/sources/dmitry-peskov")
    assert peskov.json()["aliases"] == ["Peskov"]
    found = await client.get("/v1/sources", params={"q": "peskov"})
    assert [source["id"] for source in found.json()["items"]] == [speakers[0]["id"]]


async def test_request_locks_and_work_locks_never_wait_in_a_cycle(
    database: Database, backend: str
) -> None:
    """A request takes its Idempotency-Key's (or an import's lines') lock before its work's
    locks. Were both in one space, two requests whose work keys fall in each other's request
    buckets would each wait for the other (PostgreSQL then kills one: a failed write). SQLite runs
    one write at a time: the two sessions below could not even both begin, nothing to check."""
    if backend == "sqlite":
        return
    first, second = "idempotency::first", "idempotency::second"

    def work_key_in(bucket_of: str) -> str:
        wanted = lock_bucket(bucket_of)
        return next(f"claim:{n}" for n in itertools.count() if lock_bucket(f"claim:{n}") == wanted)

    async with database.write_sessions() as one, database.write_sessions() as two:
        await lock_keys(one, [first], space=REQUEST_LOCK_SPACE)
        await lock_keys(two, [second], space=REQUEST_LOCK_SPACE)
        await asyncio.wait_for(
            asyncio.gather(
                lock_keys(one, [work_key_in(second)]), lock_keys(two, [work_key_in(first)])
            ),
            timeout=10,
        )
        await one.rollback()
        await two.rollback()


async def test_answers_are_what_a_read_gives(client: AsyncClient) -> None:
    """A submission's answer is built from what it holds in memory; it is exactly what reading
    the statements back gives: offsets turned to UTC, microseconds, existing and new sources,
    an existing claim named in other letters (its stored text), relays in order."""
    await client.post("/v1/statements", json=ELTON_JOHN_POST)
    first = copy.deepcopy(PESKOV_DENIAL)
    first["said_at"] = "2015-09-15T09:00:00.120000+03:00"
    first["via"][1]["published_at"] = "2015-09-15T12:00:00.000001-02:30"
    first["claims"].append({"claim": {"text": "A brand new claim"}, "stance": "questions"})
    first["claims"][0]["claim"] = {"text": "  PUTIN phoned   elton john "}
    second = copy.deepcopy(ELTON_JOHN_POST)
    second["event"] = EVENT_SLUG
    second["speaker"] = "dmitry-peskov"
    second["on_behalf_of"] = {"name": "Somebody New", "kind": "organization"}
    second["via"] = [{"source": "tass"}, {"source": {"name": "Another Outlet", "kind": "outlet"}}]
    del second["url"], second["language"]
    second["claims"][0]["quote"] = "a quote"
    response = await client.post("/v1/statements/batch", json={"statements": [first, second]})
    assert response.status_code == 201, response.text
    answered = response.json()["statements"]
    read = [(await client.get(f"/v1/statements/{item['id']}")).json() for item in answered]
    assert answered == read
    assert answered[0]["said_at"] == "2015-09-15T06:00:00.120000Z"
    assert answered[0]["stances"][0]["claim_text"] == "Putin phoned Elton John"
    single = await client.post("/v1/statements", json=second)
    assert single.status_code == 201, single.text
    assert single.json() == (await client.get(single.headers["location"])).json()


async def test_new_sources_take_the_first_free_slugs_past_stored_ones(client: AsyncClient) -> None:
    """A batch looks stored slugs up exactly (`base`, `base-2`, …, in growing windows): names
    deriving one base skip every stored candidate, long bases are cut to fit their suffix."""
    long_name = "Ministry " + "of very long names " * 5
    long_base = "ministry-" + "of-very-long-names-" * 5
    long_base = long_base[:80].rstrip("-")
    for name in ["Ivan Petrov", "Ivan Petrov!", "Ivan Petrov?", "Ivan Petrov Jr", long_name]:
        assert (await client.post("/v1/sources", json={"name": name})).status_code == 201
    assert (await client.post("/v1/sources", json={"name": f"{long_name}!"})).json()[
        "slug"
    ] == long_base[:78].rstrip("-") + "-2"

    def said(name: str, minute: int) -> dict[str, Any]:
        return {
            "event": {"slug": "slug-rules", "title": "Slug rules"},
            "speaker": {"name": name},
            "text": f"Statement at minute {minute}.",
            "said_at": f"2015-09-14T15:{minute:02d}:00Z",
            "claims": [{"claim": {"text": "Something happened"}, "stance": "supports"}],
        }

    names = ["Ivan Petrov.", "Ivan Petrov,", "Ivan Petrov;", "Ivan Petrov:", f"{long_name}?"]
    response = await client.post(
        "/v1/statements/batch",
        json={"statements": [said(name, minute) for minute, name in enumerate(names)]},
    )
    assert response.status_code == 201, response.text
    slugs = [statement["speaker"]["slug"] for statement in response.json()["statements"]]
    assert slugs == [
        "ivan-petrov-4",
        "ivan-petrov-5",
        "ivan-petrov-6",
        "ivan-petrov-7",
        long_base[:78].rstrip("-") + "-3",
    ]
