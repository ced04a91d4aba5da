"""The PROV-JSON export of an event, read back by the `prov` library (PyPI), on both stores."""

import copy
import json
from typing import Any

from httpx import AsyncClient
from prov.model import (
    ProvAttribution,
    ProvDelegation,
    ProvDerivation,
    ProvDocument,
    ProvGeneration,
    ProvInfluence,
    ProvInvalidation,
)

from tests.seed import ELTON_JOHN_POST, EVENT_SLUG, PESKOV_DENIAL


async def _submit(client: AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/v1/statements", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def _pairs(document: ProvDocument, kind: type, first: str, second: str) -> set[tuple[str, ...]]:
    """The (first, second) identifiers of every record of a kind, with its prov:type if any."""
    found = set()
    for record in document.get_records(kind):
        attributes = {str(key): value for key, value in record.formal_attributes}
        types = [str(value) for value in record.get_asserted_types()]
        found.add(
            (
                str(attributes[f"prov:{first}"].localpart),
                str(attributes[f"prov:{second}"].localpart),
                *types,
            )
        )
    return found


async def test_the_seed_story_reads_back_with_its_relations(client: AsyncClient) -> None:
    post = await _submit(client, ELTON_JOHN_POST)
    denial_body = copy.deepcopy(PESKOV_DENIAL)
    denial_body["responds_to"] = post["id"]
    denial = await _submit(client, denial_body)
    echo = await _submit(
        client,
        {
            "event": EVENT_SLUG,
            "speaker": {"name": "A blogger"},
            "text": "Elton says Putin called.",
            "said_at": "2015-09-16T00:00:00Z",
            "based_on": [post["id"]],
        },
    )
    retraction = await client.request(
        "DELETE", f"/v1/statements/{echo['id']}", json={"reason": "A rumour."}
    )
    assert retraction.status_code == 200

    response = await client.get(f"/v1/events/{EVENT_SLUG}/provenance")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    document = ProvDocument.deserialize(content=response.text, format="json")

    names = {
        str(agent.identifier).removeprefix("cl:"): str(
            next(iter(agent.get_attribute("prov:label")))
        )
        for agent in document.get_records()
        if agent.is_element() and "Agent" in str(agent.get_type())
    }
    source = {name: key for key, name in names.items()}
    assert set(source) >= {"Elton John", "Dmitry Peskov", "Kremlin", "TASS", "The Moscow Times"}
    statement, answer = f"statement-{post['id']}", f"statement-{denial['id']}"
    tass_copy, moscow_copy = f"copy-{denial['id']}-1", f"copy-{denial['id']}-2"

    attributed = _pairs(document, ProvAttribution, "entity", "agent")
    assert (statement, source["Elton John"]) in attributed
    assert (answer, source["Dmitry Peskov"]) in attributed
    assert (tass_copy, source["TASS"]) in attributed
    assert (moscow_copy, source["The Moscow Times"]) in attributed
    delegations = _pairs(document, ProvDelegation, "delegate", "responsible")
    assert delegations == {(source["Dmitry Peskov"], source["Kremlin"])}
    derived = _pairs(document, ProvDerivation, "generatedEntity", "usedEntity")
    assert (moscow_copy, tass_copy, "prov:Quotation") in derived
    assert (tass_copy, answer, "prov:Quotation") in derived
    assert (f"statement-{echo['id']}", statement) in derived
    influences = _pairs(document, ProvInfluence, "influencee", "influencer")
    assert (answer, statement, "cl:Answer") in influences
    claim = f"claim-{post['stances'][0]['claim_id']}"
    assert (claim, statement, "cl:Stance") in influences

    times = {
        str(record.formal_attributes[0][1].localpart): record.get_attribute("prov:time")
        for record in document.get_records(ProvGeneration)
    }
    assert [value.isoformat() for value in times[statement]] == ["2015-09-14T15:11:00+00:00"]
    assert [value.isoformat() for value in times[moscow_copy]] == ["2015-09-15T09:00:00+00:00"]
    assert tass_copy not in times  # TASS's copy has no publication time
    [invalidation] = document.get_records(ProvInvalidation)
    invalidated = {str(key): value for key, value in invalidation.formal_attributes}
    assert str(invalidated["prov:entity"].localpart) == f"statement-{echo['id']}"
    assert invalidated["prov:time"].isoformat() == (
        retraction.json()["retracted_at"].replace("Z", "+00:00")
    )

    # Without loss: written again by the library, the same records read back.
    again = ProvDocument.deserialize(content=document.serialize(format="json"), format="json")
    assert again == document
    assert json.loads(response.text)["prefix"] == {"cl": "urn:claimline:"}


async def test_an_unknown_event_has_no_provenance(client: AsyncClient) -> None:
    response = await client.get("/v1/events/nothing-here/provenance")
    assert response.status_code == 404
