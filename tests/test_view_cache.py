"""Views rendered once per change: kept while their event is unchanged, dropped by every write
that changes what they show, never older than a change the instance was told of, on each store;
across instances, a client that sends its write's consistency token back sees its write."""

import asyncio
import time

import httpx
import pytest
from httpx import AsyncClient

from app.changes.cache import Entry, ViewCache
from tests.seed import ELTON_JOHN_POST, EVENT_SLUG, PESKOV_DENIAL, PHONE_CALL_CLAIM

VIEWS = [
    f"/v1/events/{EVENT_SLUG}",
    f"/v1/events/{EVENT_SLUG}/timeline",
    f"/v1/events/{EVENT_SLUG}/comparison",
    f"/v1/events/{EVENT_SLUG}/claims",
]


async def _get(client: AsyncClient, path: str, **headers: str) -> httpx.Response:
    response = await client.get(path, headers=headers)
    assert response.status_code in (200, 304), response.text
    return response


async def test_an_unchanged_view_is_computed_once_and_304_on_its_etag(client: AsyncClient) -> None:
    assert (await client.post("/v1/statements", json=ELTON_JOHN_POST)).status_code == 201
    for path in VIEWS:
        first = await _get(client, path)
        again = await _get(client, path)
        assert (first.headers["claimline-cache"], again.headers["claimline-cache"]) == (
            "miss",
            "hit",
        ), path
        assert again.content == first.content
        assert again.headers["etag"] == first.headers["etag"]
        unchanged = await _get(client, path, **{"If-None-Match": first.headers["etag"]})
        assert unchanged.status_code == 304
        assert unchanged.headers["etag"] == first.headers["etag"]
    # Another query is another view.
    page = await _get(client, f"/v1/events/{EVENT_SLUG}/timeline?limit=1")
    assert page.headers["claimline-cache"] == "miss"


async def test_every_write_that_changes_a_view_drops_it(client: AsyncClient) -> None:
    recorded = await client.post("/v1/statements", json=ELTON_JOHN_POST)
    assert recorded.status_code == 201
    assert recorded.headers["claimline-consistency"].startswith(recorded.json()["event_id"] + ":")

    before: dict[str, bytes] = {}
    for path in VIEWS:
        before[path] = (await _get(client, path)).content

    async def after(write: httpx.Response, differ: set[str]) -> None:
        """Every view of the event is computed again; those in `differ` show something else."""
        assert write.status_code < 300, write.text
        now = {}
        for path in VIEWS:
            response = await _get(client, path)
            now[path] = response.content
            assert response.headers["claimline-cache"] == "miss", (path, write.request.url)
            assert (now[path] != before[path]) == (path in differ), path
            assert (await _get(client, path)).headers["claimline-cache"] == "hit"
        before.update(now)

    timeline, comparison, claims = VIEWS[1], VIEWS[2], VIEWS[3]
    denial = await client.post("/v1/statements", json=PESKOV_DENIAL)
    await after(denial, {timeline, comparison, claims})
    retracted = await client.request(
        "DELETE", f"/v1/statements/{denial.json()['id']}", json={"reason": "Test."}
    )
    await after(retracted, {timeline, comparison, claims})
    created = await client.post(
        f"/v1/events/{EVENT_SLUG}/claims", json={"text": "Putin will meet Elton John"}
    )
    await after(created, {comparison, claims})
    renamed = await client.patch(f"/v1/events/{EVENT_SLUG}", json={"title": "Renamed"})
    await after(renamed, set(VIEWS) - {claims})
    # A source shows in the event's views: every event's views go.
    elton = (await client.get("/v1/sources", params={"q": "Elton John"})).json()["items"][0]
    source = await client.patch(f"/v1/sources/{elton['id']}", json={"name": "Elton Hercules John"})
    assert source.status_code == 200
    for path in VIEWS:
        assert (await _get(client, path)).headers["claimline-cache"] == "miss"
    compared = (await _get(client, comparison)).json()
    assert [party["source"]["name"] for party in compared["parties"]] == ["Elton Hercules John"]
    assert compared["claims"][0]["text"] == PHONE_CALL_CLAIM


async def test_nothing_is_kept_while_the_instance_is_not_told(client: AsyncClient) -> None:
    assert (await client.post("/v1/statements", json=ELTON_JOHN_POST)).status_code == 201
    await _get(client, VIEWS[2])
    feed = client._transport.app.state.change_feed  # type: ignore[attr-defined]
    feed.cache.telling(False)
    feed.listens and pytest.skip("this instance listens: not told means its connection is down")
    # A look at the changes table tells it again, and everything kept before is gone.
    feed._last_look = time.monotonic()
    assert (await _get(client, VIEWS[2])).headers["claimline-cache"] == "miss"
    assert (await _get(client, VIEWS[2])).headers["claimline-cache"] == "miss"
    feed._last_look = 0.0
    assert (await _get(client, VIEWS[2])).headers["claimline-cache"] == "miss"
    assert (await _get(client, VIEWS[2])).headers["claimline-cache"] == "hit"


def test_a_view_computed_while_its_event_changed_is_not_kept() -> None:
    cache = ViewCache(max_bytes=100)
    cache.telling(True)
    born = cache.clock
    cache.changed("a")  # while "a"'s view was being computed
    cache.put("a-view", Entry("a", 1, b"x", '"x"', born))
    cache.put("b-view", Entry("b", 1, b"y", '"y"', born))
    assert cache.get("a-view") is None
    assert cache.get("b-view") is not None
    # With the change of `seen` asked for, an older view is not served.
    assert cache.get("b-view", seen=2) is None
    cache.changed(None)
    assert cache.get("b-view") is None
    # The least recently used views go first past the bound.
    for n in range(20):
        cache.put(n, Entry("c", 1, b"0123456789", '"z"', cache.clock))
    assert cache.get(0) is None
    assert cache.get(19) is not None


async def test_instances_drop_views_of_changes_they_are_told_of(servers: list[str]) -> None:
    """A write on one instance: another instance's kept views go once it is told (NOTIFY on
    PostgreSQL, its next look on SQLite); with the write's consistency token, at once."""
    first, second = servers
    comparison = f"/v1/events/{EVENT_SLUG}/comparison"
    async with httpx.AsyncClient(timeout=30) as client:
        assert (await client.post(f"{first}/v1/statements", json=ELTON_JOHN_POST)).is_success
        await asyncio.sleep(0.6)
        for _ in range(2):
            kept = await client.get(f"{second}{comparison}")
        assert kept.headers["claimline-cache"] == "hit"
        assert kept.json()["claims"][0]["status"] == "asserted"

        denial = await client.post(f"{first}/v1/statements", json=PESKOV_DENIAL)
        token = denial.headers["claimline-consistency"]
        seen = await client.get(f"{second}{comparison}", headers={"Claimline-Consistency": token})
        assert seen.json()["claims"][0]["status"] == "contested"

        # Without the token: contested within the bound of being told.
        retract = await client.request(
            "DELETE", f"{first}/v1/statements/{denial.json()['id']}", json={"reason": "Test."}
        )
        assert retract.status_code == 200
        deadline = time.monotonic() + 3
        while True:
            status = (await client.get(f"{second}{comparison}")).json()["claims"][0]["status"]
            if status == "asserted" or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.05)
        assert status == "asserted"
