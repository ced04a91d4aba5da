"""The events API, on both stores."""

from httpx import AsyncClient

from tests.seed import BBC_INTERVIEW_EVENT, PHONE_CALL_EVENT


async def test_create_read_and_every_field(client: AsyncClient) -> None:
    response = await client.post("/v1/events", json=PHONE_CALL_EVENT)
    assert response.status_code == 201
    event = response.json()
    assert response.headers["location"] == f"/v1/events/{event['id']}"
    assert event["slug"] == "kremlin-rejects-claim-that-putin-phoned-elton-john"
    assert event["title"] == PHONE_CALL_EVENT["title"]
    assert event["description"] == PHONE_CALL_EVENT["description"]
    assert event["occurred_at"] == "2015-09-14T15:11:00Z"
    assert event["tags"] == ["russia", "lgbt-rights"]
    assert event["created_at"].endswith("Z")
    assert (await client.get(f"/v1/events/{event['slug']}")).json() == event
    assert (await client.get(f"/v1/events/{event['id']}")).json() == event


async def test_timestamps_come_back_in_utc(client: AsyncClient) -> None:
    event = (await client.post("/v1/events", json=BBC_INTERVIEW_EVENT)).json()
    assert event["occurred_at"] == "2015-09-12T11:00:00Z"


async def test_naive_or_numeric_timestamps_are_422(client: AsyncClient) -> None:
    for occurred_at in ["2015-09-14T15:11:00", "2015-09-14", 1442243460, "yesterday"]:
        response = await client.post(
            "/v1/events", json={**PHONE_CALL_EVENT, "occurred_at": occurred_at}
        )
        assert response.status_code == 422, occurred_at
        assert response.json()["errors"][0]["loc"] == ["body", "occurred_at"]


async def test_defaults_and_explicit_slug(client: AsyncClient) -> None:
    event = (
        await client.post("/v1/events", json={"title": "Putin call", "slug": "putin-call"})
    ).json()
    assert event["slug"] == "putin-call"
    assert event["occurred_at"] is None
    assert event["tags"] == []
    assert event["description"] == ""
    duplicate = await client.post("/v1/events", json={"title": "Other", "slug": "putin-call"})
    assert duplicate.status_code == 409
    derived = await client.post("/v1/events", json={"title": "Putin call"})
    assert derived.json()["slug"] == "putin-call-2"


async def test_patch_and_conditional_requests(client: AsyncClient) -> None:
    created = await client.post("/v1/events", json=PHONE_CALL_EVENT)
    path = created.headers["location"]
    etag = created.headers["etag"]
    assert (await client.get(path, headers={"If-None-Match": etag})).status_code == 304
    cleared = await client.patch(path, json={"occurred_at": None}, headers={"If-Match": etag})
    assert cleared.status_code == 200
    assert cleared.json()["occurred_at"] is None
    assert cleared.json()["title"] == PHONE_CALL_EVENT["title"]
    assert cleared.json()["updated_at"] > created.json()["updated_at"]
    stale = await client.patch(path, json={"tags": ["kremlin"]}, headers={"If-Match": etag})
    assert stale.status_code == 412
    current = cleared.headers["etag"]
    retagged = await client.patch(path, json={"tags": ["kremlin"]}, headers={"If-Match": current})
    assert retagged.json()["tags"] == ["kremlin"]
    assert (await client.get("/v1/events?tag=russia")).json()["items"] == []
    assert len((await client.get("/v1/events?tag=Kremlin")).json()["items"]) == 1
    wildcard = await client.patch(path, json={"description": ""}, headers={"If-Match": "*"})
    assert wildcard.status_code == 200


async def test_list_search_and_tag_filter(client: AsyncClient) -> None:
    await client.post("/v1/events", json=PHONE_CALL_EVENT)
    await client.post("/v1/events", json=BBC_INTERVIEW_EVENT)

    async def titles(query: str) -> list[str]:
        response = await client.get(f"/v1/events{query}")
        assert response.status_code == 200
        return [item["title"] for item in response.json()["items"]]

    both = [PHONE_CALL_EVENT["title"], BBC_INTERVIEW_EVENT["title"]]
    assert await titles("") == both
    assert await titles("?tag=lgbt-rights") == both
    assert await titles("?tag=LGBT-Rights") == both
    assert await titles("?tag=bbc") == [BBC_INTERVIEW_EVENT["title"]]
    assert await titles("?q=kremlin") == [PHONE_CALL_EVENT["title"]]
    assert await titles("?q=DENIES") == [PHONE_CALL_EVENT["title"]]
    assert await titles("?q=putin&tag=bbc") == [BBC_INTERVIEW_EVENT["title"]]
    assert await titles("?tag=sports") == []


async def test_tags_are_kept_as_given(client: AsyncClient) -> None:
    body = {**PHONE_CALL_EVENT, "tags": ["Russia", "russia", "LGBT rights"]}
    created = (await client.post("/v1/events", json=body)).json()
    assert created["tags"] == ["Russia", "russia", "LGBT rights"]
    found = (await client.get("/v1/events", params={"tag": "RUSSIA"})).json()["items"]
    assert [item["id"] for item in found] == [created["id"]]
