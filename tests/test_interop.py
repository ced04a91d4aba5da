"""Interoperability: a claim as schema.org JSON-LD (expanded by a JSON-LD processor, as a
ClaimReview consumer reads it) and an event's statements as CSV for spreadsheets."""

import csv
import io
from typing import Any

from httpx import AsyncClient
from pyld import jsonld

from tests.seed import ELTON_JOHN_POST, EVENT_SLUG, PESKOV_DENIAL

SCHEMA = "https://schema.org/"
# schema.org's context, as its @vocab (the machine has no internet; the real context maps terms
# to the same IRIs).
SCHEMA_CONTEXT = {"@context": {"@vocab": SCHEMA, "id": "@id", "type": "@type"}}


def _offline_loader(url: str, options: Any = None) -> dict[str, Any]:
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}


def _values(node: dict[str, Any], term: str) -> list[Any]:
    return [value.get("@value", value) for value in node.get(term, [])]


async def test_a_claim_as_schema_org_json_ld(client: AsyncClient) -> None:
    recorded: list[dict[str, Any]] = []
    archive = "https://web.archive.org/web/2015/https://www.instagram.com/eltonjohn/"
    for body in ({**ELTON_JOHN_POST, "archive_url": archive}, PESKOV_DENIAL):
        if recorded:
            body = {**body, "responds_to": recorded[0]["id"]}
        response = await client.post("/v1/statements", json=body)
        assert response.status_code == 201
        recorded.append(response.json())
    retracted = {**ELTON_JOHN_POST, "said_at": "2015-09-16T00:00:00Z", "text": "Withdrawn."}
    withdrawn = (await client.post("/v1/statements", json=retracted)).json()
    await client.request("DELETE", f"/v1/statements/{withdrawn['id']}", json={"reason": "Test."})
    claim_id = recorded[0]["stances"][0]["claim_id"]

    response = await client.get(f"/v1/claims/{claim_id}/jsonld")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/ld+json"
    document = response.json()
    assert document["@context"][0] == "https://schema.org"

    (claim,) = jsonld.expand(document, {"documentLoader": _offline_loader})
    assert claim["@type"] == [SCHEMA + "Claim"]
    assert claim["@id"].endswith(f"/v1/claims/{claim_id}")
    assert _values(claim, SCHEMA + "text") == ["Putin phoned Elton John"]
    assert _values(claim, "urn:claimline:status") == ["contested"]
    (about,) = claim[SCHEMA + "about"]
    assert _values(about, SCHEMA + "name") == [ELTON_JOHN_POST["event"]["title"]]
    (author,) = claim[SCHEMA + "author"]
    assert author["@type"] == [SCHEMA + "Person"]
    assert _values(author, SCHEMA + "name") == ["Elton John"]
    (first,) = claim[SCHEMA + "firstAppearance"]
    assert _values(first, SCHEMA + "url") == [ELTON_JOHN_POST["url"]]
    assert _values(first, SCHEMA + "datePublished") == ["2015-09-14T15:11:00Z"]
    assert _values(first, "urn:claimline:archivedAt") == [archive]
    # Every kept statement that took a side, in timeline order; the retracted one is left out.
    appearances = claim[SCHEMA + "appearance"]
    assert [_values(a, "urn:claimline:stance") for a in appearances] == [["supports"], ["refutes"]]
    kremlin = appearances[1]
    (party,) = kremlin[SCHEMA + "author"]
    assert party["@type"] == [SCHEMA + "GovernmentOrganization"]
    assert _values(party, SCHEMA + "name") == ["Kremlin"]
    (speaker,) = kremlin[SCHEMA + "contributor"]
    assert _values(speaker, SCHEMA + "name") == ["Dmitry Peskov"]
    # Said on a day: written as that day; without a URL of its own, The Moscow Times' page.
    assert _values(kremlin, SCHEMA + "datePublished") == ["2015-09-15"]
    assert _values(kremlin, SCHEMA + "url") == [PESKOV_DENIAL["via"][1]["url"]]
    assert _values(kremlin, "urn:claimline:quote") == [PESKOV_DENIAL["claims"][0]["quote"]]
    (answered,) = kremlin["urn:claimline:respondsTo"]
    assert answered["@id"] == first["@id"]

    missing = await client.get("/v1/claims/01a2120e-0630-7193-bf9f-4697085593ac/jsonld")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"


async def test_an_events_statements_as_csv(client: AsyncClient) -> None:
    for body in (ELTON_JOHN_POST, PESKOV_DENIAL):
        assert (await client.post("/v1/statements", json=body)).status_code == 201
    hostile = {
        **ELTON_JOHN_POST,
        "said_at": "2015-09-16T00:00:00Z",
        "text": '=HYPERLINK("http://evil.example","click"), with "quotes"\nand a second line',
    }
    withdrawn = (await client.post("/v1/statements", json=hostile)).json()
    await client.request("DELETE", f"/v1/statements/{withdrawn['id']}", json={"reason": "Test."})

    response = await client.get(f"/v1/events/{EVENT_SLUG}/statements.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert f'filename="{EVENT_SLUG}-statements.csv"' in response.headers["content-disposition"]
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["party"] for row in rows] == ["Elton John", "Kremlin"]
    kremlin = rows[1]
    assert kremlin["speaker"] == "Dmitry Peskov"
    assert kremlin["on_behalf_of"] == "Kremlin"
    assert kremlin["via"] == "TASS > The Moscow Times"
    assert kremlin["stances"] == "refutes: Putin phoned Elton John"
    assert kremlin["said_at"] == "2015-09-15T06:00:00Z"
    assert kremlin["retracted_at"] == ""
    assert kremlin["via_quotes"] == " > ".join(
        f"{hop['source']['name']}: {hop['quote']}" for hop in PESKOV_DENIAL["via"]
    )
    assert (kremlin["responds_to"], kremlin["based_on"], kremlin["archive_url"]) == ("", "", "")

    everything = await client.get(
        f"/v1/events/{EVENT_SLUG}/statements.csv", params={"include_retracted": "true"}
    )
    rows = list(csv.DictReader(io.StringIO(everything.content.decode("utf-8-sig"))))
    assert len(rows) == 3
    assert rows[2]["text"] == "'" + hostile["text"]  # no formula, and the text kept whole
    assert rows[2]["retraction_reason"] == "Test."

    missing = await client.get("/v1/events/no-such-event/statements.csv")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
