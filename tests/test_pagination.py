"""Keyset pagination: limits, cursors, and paging while others insert."""

import asyncio
import uuid

from httpx import AsyncClient

from app.kit.pagination import encode_cursor
from tests.seed import ELTON_JOHN


async def _page_through(client: AsyncClient, path: str, limit: int) -> list[str]:
    ids: list[str] = []
    cursor: str | None = None
    while True:
        params: dict[str, str | int] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        response = await client.get(path, params=params)
        assert response.status_code == 200
        page = response.json()
        assert len(page["items"]) <= limit
        ids.extend(item["id"] for item in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return ids


async def test_pages_cover_the_list_once(client: AsyncClient) -> None:
    created = [
        (await client.post("/v1/sources", json={"name": f"Reporter {n}"})).json()["id"]
        for n in range(7)
    ]
    assert await _page_through(client, "/v1/sources", 3) == created
    assert await _page_through(client, "/v1/sources", 7) == created
    first = (await client.get("/v1/sources", params={"limit": 7})).json()
    assert first["next_cursor"] is None


async def test_default_and_bounds_of_limit(client: AsyncClient) -> None:
    for n in range(51):
        await client.post("/v1/events", json={"title": f"Briefing {n}"})
    page = (await client.get("/v1/events")).json()
    assert len(page["items"]) == 50
    assert page["next_cursor"] is not None
    for limit in ["0", "201", "-1", "ten", "1.5"]:
        response = await client.get("/v1/events", params={"limit": limit})
        assert response.status_code == 422, limit
        assert response.json()["errors"][0]["loc"] == ["query", "limit"]
    assert (await client.get("/v1/events", params={"limit": 200})).status_code == 200


async def test_bad_or_foreign_cursor_is_400(client: AsyncClient) -> None:
    await client.post("/v1/sources", json=ELTON_JOHN)
    event_cursor = encode_cursor("events", [uuid.uuid4().hex])
    for cursor in ["garbage", "e30", event_cursor, "!!!!", "eyJrIjoic291cmNlcyIsImEiOjF9"]:
        response = await client.get("/v1/sources", params={"cursor": cursor})
        assert response.status_code == 400, cursor
        assert response.headers["content-type"] == "application/problem+json"


async def test_paging_while_another_task_inserts(live_client: AsyncClient) -> None:
    before = [
        (await live_client.post("/v1/sources", json={"name": f"Correspondent {n}"})).json()["id"]
        for n in range(40)
    ]
    stop = asyncio.Event()
    inserted: list[str] = []

    async def insert_meanwhile() -> None:
        n = 0
        while not stop.is_set():
            response = await live_client.post("/v1/sources", json={"name": f"Late source {n}"})
            assert response.status_code == 201
            inserted.append(response.json()["id"])
            n += 1
            await asyncio.sleep(0)

    writer = asyncio.create_task(insert_meanwhile())
    try:
        seen: list[str] = []
        cursor: str | None = None
        while True:
            params: dict[str, str | int] = {"limit": 5}
            if cursor:
                params["cursor"] = cursor
            page = (await live_client.get("/v1/sources", params=params)).json()
            seen.extend(item["id"] for item in page["items"])
            cursor = page["next_cursor"]
            await asyncio.sleep(0)
            if cursor is None or len(seen) > 400:
                break
    finally:
        stop.set()
        await writer
    assert inserted, "the writer never ran while paging"
    assert len(seen) == len(set(seen)), "an item was repeated"
    assert seen[: len(before)] == before, "an item present from the start was skipped"
    assert set(seen) - set(before) <= set(inserted)
