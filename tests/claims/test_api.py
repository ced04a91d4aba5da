"""The claims API, on both stores."""

from httpx import AsyncClient

from tests.seed import ELTON_JOHN_POST, EVENT_SLUG, PESKOV_DENIAL, PHONE_CALL_EVENT


async def test_create_list_and_read(client: AsyncClient) -> None:
    event = (await client.post("/v1/events", json={**PHONE_CALL_EVENT, "slug": EVENT_SLUG})).json()
    response = await client.post(
        f"/v1/events/{EVENT_SLUG}/claims", json={"text": "Putin phoned Elton John"}
    )
    assert response.status_code == 201
    claim = response.json()
    assert response.headers["location"] == f"/v1/claims/{claim['id']}"
    assert claim["event_id"] == event["id"]
    assert claim["text"] == "Putin phoned Elton John"
    assert claim["status"] == "open"
    assert claim["created_at"].endswith("Z")
    read = await client.get(f"/v1/claims/{claim['id']}")
    assert read.json() == claim
    cached = await client.get(read.request.url, headers={"If-None-Match": read.headers["etag"]})
    assert cached.status_code == 304
    duplicate = await client.post(
        f"/v1/events/{event['id']}/claims", json={"text": "  putin PHONED\u00a0elton john?! "}
    )
    assert duplicate.status_code == 409
    second = (
        await client.post(
            f"/v1/events/{EVENT_SLUG}/claims",
            json={"text": "Official requests were received about LGBT rights"},
        )
    ).json()
    listed = (await client.get(f"/v1/events/{EVENT_SLUG}/claims")).json()
    assert [item["id"] for item in listed["items"]] == [claim["id"], second["id"]]
    assert listed["next_cursor"] is None


async def test_status_filter_follows_statements(client: AsyncClient) -> None:
    await client.post("/v1/statements", json=ELTON_JOHN_POST)
    await client.post(
        f"/v1/events/{EVENT_SLUG}/claims", json={"text": "Putin laughed behind his back"}
    )

    async def texts(status: str) -> list[str]:
        response = await client.get(f"/v1/events/{EVENT_SLUG}/claims", params={"status": status})
        assert response.status_code == 200
        return [item["text"] for item in response.json()["items"]]

    assert await texts("asserted") == ["Putin phoned Elton John"]
    assert await texts("open") == ["Putin laughed behind his back"]
    await client.post("/v1/statements", json=PESKOV_DENIAL)
    assert await texts("contested") == ["Putin phoned Elton John"]
    assert await texts("asserted") == []
    assert await texts("denied") == []
    bad = await client.get(f"/v1/events/{EVENT_SLUG}/claims", params={"status": "true"})
    assert bad.status_code == 422


async def test_unknown_event_or_claim_is_404(client: AsyncClient) -> None:
    assert (await client.post("/v1/events/nothing/claims", json={"text": "x"})).status_code == 404
    assert (await client.get("/v1/events/nothing/claims")).status_code == 404
    assert (await client.get("/v1/claims/not-an-id")).status_code == 404
    assert (await client.get("/v1/claims/01a2113d-cecd-7ed6-a95d-9bff68ea7fd8")).status_code == 404


async def test_claim_text_must_say_something(client: AsyncClient) -> None:
    await client.post("/v1/events", json={**PHONE_CALL_EVENT, "slug": EVENT_SLUG})
    for text in ["", "   ", "?!.", "\u200b"]:
        response = await client.post(f"/v1/events/{EVENT_SLUG}/claims", json={"text": text})
        assert response.status_code == 422, text
