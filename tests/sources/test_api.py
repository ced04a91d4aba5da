"""The sources API, on both stores."""

import asyncio

from httpx import AsyncClient

from tests.seed import ELTON_JOHN, KREMLIN, MOSCOW_TIMES, PESKOV, SOURCES, TASS


async def test_create_answers_201_with_location_and_every_field(client: AsyncClient) -> None:
    response = await client.post("/v1/sources", json=ELTON_JOHN)
    assert response.status_code == 201
    body = response.json()
    assert response.headers["location"] == f"/v1/sources/{body['id']}"
    assert response.headers["etag"]
    assert body["slug"] == "elton-john"
    assert body["name"] == "Elton John"
    assert body["kind"] == "person"
    assert body["aliases"] == ["Sir Elton John", "@eltonjohn"]
    assert body["description"] == ELTON_JOHN["description"]
    assert body["homepage"] == "https://www.eltonjohn.com/"
    assert body["created_at"].endswith("Z")
    assert body["created_at"] == body["updated_at"]
    read = await client.get(response.headers["location"])
    assert read.status_code == 200
    assert read.json() == body


async def test_defaults_for_optional_fields(client: AsyncClient) -> None:
    body = (await client.post("/v1/sources", json={"name": "Kremlin"})).json()
    assert body["kind"] == "other"
    assert body["aliases"] == []
    assert body["description"] == ""
    assert body["homepage"] is None


async def test_read_by_id_or_slug(client: AsyncClient) -> None:
    created = (await client.post("/v1/sources", json=TASS)).json()
    by_id = await client.get(f"/v1/sources/{created['id']}")
    by_slug = await client.get("/v1/sources/tass")
    assert by_id.json() == by_slug.json() == created


async def test_unknown_source_is_404_problem(client: AsyncClient) -> None:
    for ref in ["no-such-source", "01a2113d-cecd-7ed6-a95d-9bff68ea7fd8", "Not A Slug!", "%00"]:
        response = await client.get(f"/v1/sources/{ref}")
        assert response.status_code == 404, ref
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["status"] == 404


async def test_slugs_are_derived_and_deduplicated(client: AsyncClient) -> None:
    slugs = [
        (await client.post("/v1/sources", json={"name": "The Moscow Times"})).json()["slug"]
        for _ in range(3)
    ]
    assert slugs == ["the-moscow-times", "the-moscow-times-2", "the-moscow-times-3"]
    cyrillic = (await client.post("/v1/sources", json={"name": "Дмитрий Песков"})).json()
    assert cyrillic["slug"] == "dmitriy-peskov"
    symbols = (await client.post("/v1/sources", json={"name": "!!!"})).json()
    assert symbols["slug"] == "source"


async def test_explicit_duplicate_slug_is_409(client: AsyncClient) -> None:
    first = await client.post("/v1/sources", json={**KREMLIN, "slug": "kremlin"})
    assert first.status_code == 201
    second = await client.post("/v1/sources", json={**PESKOV, "slug": "kremlin"})
    assert second.status_code == 409
    assert second.headers["content-type"] == "application/problem+json"
    assert second.json()["type"].endswith("conflict")
    # The derived slug of another "Kremlin" steps around the taken one.
    derived = await client.post("/v1/sources", json={"name": "Kremlin"})
    assert derived.json()["slug"] == "kremlin-2"


async def test_patch_changes_only_given_fields_and_moves_updated_at(client: AsyncClient) -> None:
    created = (await client.post("/v1/sources", json=PESKOV)).json()
    response = await client.patch(
        f"/v1/sources/{created['slug']}",
        json={"description": "Press secretary of the President of Russia.", "homepage": None},
    )
    assert response.status_code == 200
    updated = response.json()
    assert updated["description"] == "Press secretary of the President of Russia."
    assert updated["name"] == created["name"]
    assert updated["aliases"] == created["aliases"]
    assert updated["updated_at"] > created["updated_at"]
    assert updated["created_at"] == created["created_at"]
    assert (await client.get(f"/v1/sources/{created['id']}")).json() == updated


async def test_patch_etag_and_slug_rules(client: AsyncClient) -> None:
    created = await client.post("/v1/sources", json=PESKOV)
    etag = created.headers["etag"]
    source = created.json()
    path = f"/v1/sources/{source['id']}"
    changed = await client.patch(path, json={"aliases": ["Peskov"]}, headers={"If-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag
    stale = await client.patch(path, json={"name": "D. Peskov"}, headers={"If-Match": etag})
    assert stale.status_code == 412
    assert stale.headers["content-type"] == "application/problem+json"
    assert (await client.get(path)).json()["name"] == "Dmitry Peskov"
    await client.post("/v1/sources", json={**TASS, "slug": "tass"})
    taken = await client.patch(path, json={"slug": "tass"})
    assert taken.status_code == 409
    renamed = await client.patch(path, json={"slug": "dmitry-peskov-kremlin"})
    assert renamed.json()["slug"] == "dmitry-peskov-kremlin"
    assert (await client.get("/v1/sources/dmitry-peskov-kremlin")).status_code == 200
    for field in ["name", "kind", "aliases", "description", "slug"]:
        refused = await client.patch(path, json={field: None})
        assert refused.status_code == 422, field


async def test_empty_patch_changes_nothing(client: AsyncClient) -> None:
    created = await client.post("/v1/sources", json=TASS)
    response = await client.patch(f"/v1/sources/{created.json()['id']}", json={})
    assert response.status_code == 200
    assert response.json() == created.json()
    assert response.headers["etag"] == created.headers["etag"]


async def test_conditional_get(client: AsyncClient) -> None:
    created = await client.post("/v1/sources", json=TASS)
    etag = created.headers["etag"]
    path = created.headers["location"]
    not_modified = await client.get(path, headers={"If-None-Match": etag})
    assert not_modified.status_code == 304
    assert not_modified.headers["etag"] == etag
    assert not_modified.content == b""
    assert (await client.get(path, headers={"If-None-Match": '"other"'})).status_code == 200
    await client.patch(path, json={"description": "State news agency."})
    assert (await client.get(path, headers={"If-None-Match": etag})).status_code == 200


async def test_list_searches_name_and_alias_case_insensitively(client: AsyncClient) -> None:
    for source in SOURCES:
        assert (await client.post("/v1/sources", json=source)).status_code == 201

    async def names(query: str) -> list[str]:
        response = await client.get(f"/v1/sources{query}")
        assert response.status_code == 200
        return [item["name"] for item in response.json()["items"]]

    assert await names("") == [source["name"] for source in SOURCES]
    assert await names("?q=ELTON") == ["Elton John"]
    assert await names("?q=sir elton") == ["Elton John"]
    assert await names("?q=песков") == ["Dmitry Peskov"]
    assert await names("?q=the") == ["Kremlin", "The Moscow Times"]
    assert await names("?kind=outlet") == ["TASS", "The Moscow Times"]
    assert await names("?q=times&kind=outlet") == ["The Moscow Times"]
    assert await names("?q=100%25") == []
    assert await names("?q=_") == []
    bad_kind = await client.get("/v1/sources?kind=newspaper")
    assert bad_kind.status_code == 422


async def test_aliases_are_kept_as_given_and_all_found(client: AsyncClient) -> None:
    body = {**MOSCOW_TIMES, "aliases": ["MT", "mt", "The Moscow Times", "Moscow Times"]}
    created = (await client.post("/v1/sources", json=body)).json()
    assert created["aliases"] == ["MT", "mt", "The Moscow Times", "Moscow Times"]
    found = (await client.get("/v1/sources", params={"q": "mt"})).json()["items"]
    assert [item["id"] for item in found] == [created["id"]]


async def test_concurrent_creates_with_one_name_get_distinct_slugs(
    live_client: AsyncClient,
) -> None:
    responses = await asyncio.gather(
        *(live_client.post("/v1/sources", json=ELTON_JOHN) for _ in range(20))
    )
    assert [response.status_code for response in responses] == [201] * 20
    slugs = {response.json()["slug"] for response in responses}
    assert slugs == {"elton-john"} | {f"elton-john-{n}" for n in range(2, 21)}


async def test_every_creating_post_is_idempotent(client: AsyncClient) -> None:
    event = {"title": "Kremlin rejects claim", "slug": "kremlin-rejects-claim"}
    claim = {"text": "Putin phoned Elton John"}
    for path, body, other in [
        ("/v1/sources", ELTON_JOHN, KREMLIN),
        ("/v1/events", event, {"title": "Another story"}),
        ("/v1/events/kremlin-rejects-claim/claims", claim, {"text": "Putin laughed"}),
    ]:
        headers = {"Idempotency-Key": f"retry-{path}"}
        first = await client.post(path, json=body, headers=headers)
        assert first.status_code == 201, first.text
        again = await client.post(path, json=body, headers=headers)
        assert again.status_code == 201
        assert again.json() == first.json()
        assert again.headers["location"] == first.headers["location"]
        assert again.headers["etag"] == first.headers["etag"]
        read = await client.get(first.headers["location"])
        assert read.headers["etag"] == first.headers["etag"]
        listed = (await client.get(path)).json()["items"]
        assert [item["id"] for item in listed] == [first.json()["id"]]
        refused = await client.post(path, json=other, headers=headers)
        assert refused.status_code == 422, path


async def test_same_as_names_the_source_elsewhere(client: AsyncClient) -> None:
    wikidata = "https://www.wikidata.org/wiki/Q2808"
    created = await client.post(
        "/v1/sources", json={"name": "Elton John", "kind": "person", "same_as": [wikidata]}
    )
    assert created.status_code == 201, created.text
    source = created.json()
    assert source["same_as"] == [wikidata]
    assert (await client.get(f"/v1/sources/{source['slug']}")).json()["same_as"] == [wikidata]
    patched = await client.patch(
        f"/v1/sources/{source['id']}",
        json={"same_as": [wikidata, "https://www.eltonjohn.com/"]},
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["same_as"] == [wikidata, "https://www.eltonjohn.com/"]
    for bad in ({"same_as": None}, {"same_as": ["not a url"]}, {"same_as": [wikidata] * 11}):
        refused = await client.patch(f"/v1/sources/{source['id']}", json=bad)
        assert refused.status_code == 422, (bad, refused.text)
        assert refused.json()["errors"][0]["loc"][:2] == ["body", "same_as"] or bad == {
            "same_as": None
        }
    # The claim's JSON-LD names the source's other pages as `sameAs`.
    said = await client.post(
        "/v1/statements",
        json={
            "event": {"slug": "same-as", "title": "Same as"},
            "speaker": source["slug"],
            "text": "Putin phoned me.",
            "said_at": "2015-09-14T15:11:00Z",
            "claims": [{"claim": {"text": "Putin phoned Elton John"}, "stance": "supports"}],
        },
    )
    assert said.status_code == 201, said.text
    claim_id = said.json()["stances"][0]["claim_id"]
    document = (await client.get(f"/v1/claims/{claim_id}/jsonld")).json()
    assert document["author"]["sameAs"] == [wikidata, "https://www.eltonjohn.com/"]
    assert document["author"]["@type"] == "Person"
