"""Submitting, reading, listing and retracting statements, on both stores."""

import copy
from typing import Any

from httpx import AsyncClient

from tests.seed import ELTON_JOHN_POST, EVENT_SLUG, PESKOV_DENIAL, PHONE_CALL_CLAIM


async def _submit(client: AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/v1/statements", json=body)
    assert response.status_code == 201, response.text
    assert response.headers["location"] == f"/v1/statements/{response.json()['id']}"
    return dict(response.json())


async def test_seed_story_end_to_end(client: AsyncClient) -> None:
    post = await _submit(client, ELTON_JOHN_POST)
    assert post["speaker"]["name"] == "Elton John"
    assert post["speaker"]["kind"] == "person"
    assert set(post["speaker"]) == {"id", "slug", "name", "kind"}
    assert post["on_behalf_of"] is None
    assert post["said_at"] == "2015-09-14T15:11:00Z"
    assert post["said_at_precision"] == "minute"
    assert post["medium"] == "social_post"
    assert post["language"] == "en"
    assert post["via"] == []
    assert post["recorded_at"].endswith("Z")
    assert post["retracted_at"] is None
    assert post["retraction_reason"] is None
    [stance] = post["stances"]
    assert stance["claim_text"] == PHONE_CALL_CLAIM
    assert stance["stance"] == "supports"
    assert stance["quote"] is None
    claim_id = stance["claim_id"]
    claim = (await client.get(f"/v1/claims/{claim_id}")).json()
    assert claim["status"] == "asserted"
    event = (await client.get(f"/v1/events/{EVENT_SLUG}")).json()
    assert post["event_id"] == event["id"]
    assert claim["event_id"] == event["id"]

    denial = await _submit(client, PESKOV_DENIAL)
    assert denial["speaker"]["name"] == "Dmitry Peskov"
    assert denial["on_behalf_of"]["name"] == "Kremlin"
    assert denial["on_behalf_of"]["kind"] == "government"
    assert [relay["source"]["name"] for relay in denial["via"]] == ["TASS", "The Moscow Times"]
    assert denial["via"][0]["url"] is None
    assert denial["via"][1]["published_at"] == "2015-09-15T09:00:00Z"
    # "putin phoned elton john." normalizes to the same claim as "Putin phoned Elton John".
    assert denial["stances"][0]["claim_id"] == claim_id
    assert denial["stances"][0]["claim_text"] == PHONE_CALL_CLAIM
    assert denial["stances"][0]["stance"] == "refutes"
    assert (await client.get(f"/v1/claims/{claim_id}")).json()["status"] == "contested"
    claims = (await client.get(f"/v1/events/{EVENT_SLUG}/claims")).json()
    assert [item["id"] for item in claims["items"]] == [claim_id]
    assert (await client.get(f"/v1/events/{EVENT_SLUG}/claims?status=open")).json()["items"] == []
    sources = (await client.get("/v1/sources", params={"limit": 200})).json()["items"]
    assert sorted(source["name"] for source in sources) == [
        "Dmitry Peskov",
        "Elton John",
        "Kremlin",
        "TASS",
        "The Moscow Times",
    ]
    assert (await client.get(f"/v1/statements/{denial['id']}")).json() == denial


async def test_references_by_id_slug_and_alias(client: AsyncClient) -> None:
    kremlin = (
        await client.post(
            "/v1/sources",
            json={"name": "Kremlin", "kind": "government", "aliases": ["The Kremlin"]},
        )
    ).json()
    first = await _submit(client, ELTON_JOHN_POST)
    body = copy.deepcopy(PESKOV_DENIAL)
    body["event"] = first["event_id"]
    body["on_behalf_of"] = {"name": "the kremlin"}
    body["speaker"] = first["speaker"]["slug"]
    body["claims"] = [{"claim": first["stances"][0]["claim_id"], "stance": "refutes"}]
    second = await _submit(client, body)
    assert second["on_behalf_of"]["id"] == kremlin["id"]
    assert second["speaker"]["id"] == first["speaker"]["id"]
    assert second["stances"][0]["claim_id"] == first["stances"][0]["claim_id"]
    # An inline source with an existing slug is that source, whatever its name says.
    body["speaker"] = {"name": "Sir Elton", "slug": "elton-john"}
    third = await _submit(client, body)
    assert third["speaker"]["id"] == first["speaker"]["id"]


async def test_unknown_references_are_422_with_their_location(client: AsyncClient) -> None:
    await _submit(client, ELTON_JOHN_POST)
    cases: list[tuple[dict[str, Any], list[Any]]] = [
        ({"event": "no-such-event"}, ["body", "event"]),
        ({"speaker": "no-such-source"}, ["body", "speaker"]),
        ({"on_behalf_of": "01a2113d-cecd-7ed6-a95d-9bff68ea7fd8"}, ["body", "on_behalf_of"]),
        ({"via": [{"source": "tass"}, {"source": "nobody"}]}, ["body", "via", 1, "source"]),
        (
            {"claims": [{"claim": "01a2113d-cecd-7ed6-a95d-9bff68ea7fd8", "stance": "supports"}]},
            ["body", "claims", 0, "claim"],
        ),
        ({"event": {"slug": "never-created"}}, ["body", "event", "title"]),
    ]
    await client.post("/v1/sources", json={"name": "TASS", "kind": "outlet"})
    for change, loc in cases:
        response = await client.post("/v1/statements", json={**PESKOV_DENIAL, **change})
        assert response.status_code == 422, (change, response.text)
        assert response.json()["errors"][0]["loc"] == loc


async def test_a_claim_of_another_event_is_422(client: AsyncClient) -> None:
    first = await _submit(client, ELTON_JOHN_POST)
    other = {**ELTON_JOHN_POST, "event": {"slug": "bbc-interview", "title": "BBC interview"}}
    other["claims"] = [{"claim": first["stances"][0]["claim_id"], "stance": "neutral"}]
    response = await client.post("/v1/statements", json=other)
    assert response.status_code == 422
    assert "another event" in response.json()["detail"]


async def test_a_claim_named_twice_is_422(client: AsyncClient) -> None:
    body = copy.deepcopy(ELTON_JOHN_POST)
    body["claims"] = [
        {"claim": {"text": "Putin phoned Elton John"}, "stance": "supports"},
        {"claim": {"text": "PUTIN  phoned Elton John!"}, "stance": "questions"},
    ]
    response = await client.post("/v1/statements", json=body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "claims", 1, "claim"]
    assert (await client.get("/v1/sources")).json()["items"] == []


async def test_defaults(client: AsyncClient) -> None:
    body = {
        "event": {"title": "Kremlin briefing"},
        "speaker": {"name": "Dmitry Peskov"},
        "text": "He is always ready to clarify the real state of affairs.",
        "said_at": "2015-09-15T10:00:00+03:00",
    }
    statement = await _submit(client, body)
    assert statement["said_at_precision"] == "second"
    assert statement["medium"] == "other"
    assert statement["url"] is None
    assert statement["language"] is None
    assert statement["stances"] == []
    assert (await client.get("/v1/events/kremlin-briefing")).status_code == 200
    assert (await client.get("/v1/sources/dmitry-peskov")).json()["kind"] == "other"


async def test_naive_said_at_is_422(client: AsyncClient) -> None:
    response = await client.post(
        "/v1/statements", json={**ELTON_JOHN_POST, "said_at": "2015-09-14T08:11:00"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "said_at"]


async def test_retraction(client: AsyncClient) -> None:
    await _submit(client, ELTON_JOHN_POST)
    denial = await _submit(client, PESKOV_DENIAL)
    claim_id = denial["stances"][0]["claim_id"]
    path = f"/v1/statements/{denial['id']}"
    response = await client.request("DELETE", path, json={"reason": "Misattributed quote."})
    assert response.status_code == 200
    retracted = response.json()
    assert retracted["retraction_reason"] == "Misattributed quote."
    assert retracted["retracted_at"].endswith("Z")
    assert (await client.get(path)).json() == retracted
    assert (await client.get(f"/v1/claims/{claim_id}")).json()["status"] == "asserted"
    again = await client.request("DELETE", path, json={"reason": "Again."})
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    listed = (await client.get("/v1/statements", params={"event": EVENT_SLUG})).json()["items"]
    assert [item["id"] for item in listed] == [listed[0]["id"]]
    assert denial["id"] not in {item["id"] for item in listed}
    with_retracted = (
        await client.get("/v1/statements", params={"event": EVENT_SLUG, "include_retracted": True})
    ).json()["items"]
    assert denial["id"] in {item["id"] for item in with_retracted}
    missing_reason = await client.request("DELETE", path, json={})
    assert missing_reason.status_code == 422
    unknown = await client.request(
        "DELETE", "/v1/statements/01a2113d-cecd-7ed6-a95d-9bff68ea7fd8", json={"reason": "x"}
    )
    assert unknown.status_code == 404


async def test_list_filters_and_full_text_search(client: AsyncClient) -> None:
    post = await _submit(client, ELTON_JOHN_POST)
    denial = await _submit(client, PESKOV_DENIAL)
    other = await _submit(
        client,
        {
            "event": {"slug": "bbc-interview", "title": "Elton John on the BBC"},
            "speaker": "elton-john",
            "text": "It's probably pie in the sky... He may laugh behind my back.",
            "said_at": "2015-09-12T12:00:00+01:00",
            "medium": "interview",
        },
    )

    async def ids(**params: Any) -> list[str]:
        response = await client.get("/v1/statements", params=params)
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    assert await ids() == [post["id"], denial["id"], other["id"]]
    assert await ids(event=EVENT_SLUG) == [post["id"], denial["id"]]
    assert await ids(event="bbc-interview") == [other["id"]]
    assert await ids(speaker="kremlin") == [denial["id"]]
    assert await ids(speaker="dmitry-peskov") == [denial["id"]]
    assert await ids(speaker="elton-john") == [post["id"], other["id"]]
    assert await ids(speaker="tass") == []
    assert await ids(claim=post["stances"][0]["claim_id"]) == [post["id"], denial["id"]]
    assert await ids(q="telephone") == [post["id"], denial["id"]]
    assert await ids(q="TELEPHONE conversation") == [denial["id"]]
    assert await ids(q="pie sky") == [other["id"]]
    assert await ids(q="telephone", event="bbc-interview") == []
    assert await ids(q="zebra") == []
    assert await ids(q='"; DROP TABLE statements; --') == []
    assert await ids(q="...") == []
    assert await ids(limit=2) == [post["id"], denial["id"]]
    bad = await client.get("/v1/statements", params={"speaker": "nobody"})
    assert bad.status_code == 422
    for params in [{"event": "nothing"}, {"claim": "not-a-claim"}, {"speaker": "%00"}]:
        unknown = await client.get("/v1/statements", params=params)
        assert unknown.status_code == 422, params
        assert unknown.json()["errors"][0]["loc"] == ["query", next(iter(params))]


async def test_statement_etag(client: AsyncClient) -> None:
    created = await client.post("/v1/statements", json=ELTON_JOHN_POST)
    etag = created.headers["etag"]
    path = created.headers["location"]
    assert (await client.get(path, headers={"If-None-Match": etag})).status_code == 304
    await client.request("DELETE", path, json={"reason": "Deleted post."})
    assert (await client.get(path, headers={"If-None-Match": etag})).status_code == 200


async def test_reference_errors_are_located_at_the_field(client: AsyncClient) -> None:
    cases: list[tuple[dict[str, Any], list[Any]]] = [
        ({"speaker": 7}, ["body", "speaker"]),
        ({"speaker": {"kind": "person"}}, ["body", "speaker", "name"]),
        ({"event": ["putin-elton-john-call"]}, ["body", "event"]),
        ({"event": {"slug": "Not A Slug"}}, ["body", "event", "slug"]),
        ({"claims": [{"claim": 5, "stance": "supports"}]}, ["body", "claims", 0, "claim"]),
    ]
    for change, loc in cases:
        response = await client.post("/v1/statements", json={**ELTON_JOHN_POST, **change})
        assert response.status_code == 422, change
        assert [error["loc"] for error in response.json()["errors"]] == [loc], response.text
