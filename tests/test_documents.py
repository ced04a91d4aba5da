"""Documents written without response models must be exactly what those models describe.

The hot reads build plain dicts (`app.kit.reader`, `statements.queries`, `timelines.queries`) and
skip response validation; here each answer is validated by its model and must survive a round trip
through it unchanged: same fields, same values, instants in RFC 3339 with `Z`.
"""

from typing import Any

import pytest
from httpx import AsyncClient
from pydantic import BaseModel

from app.comparisons.schemas import Comparison
from app.statements.schemas import StatementBatchOut, StatementOut, StatementPage
from app.timelines.schemas import Timeline
from tests.seed import ELTON_JOHN_POST, EVENT_SLUG, PESKOV_DENIAL, PHONE_CALL_EVENT


def assert_described_by(model: type[BaseModel], document: Any) -> None:
    """The document is valid for `model` and is written exactly as the model writes it."""
    assert model.model_validate(document).model_dump(mode="json") == document


@pytest.fixture
async def recorded(client: AsyncClient) -> list[dict[str, Any]]:
    event = await client.post("/v1/events", json={**PHONE_CALL_EVENT, "slug": EVENT_SLUG})
    assert event.status_code == 201, event.text
    response = await client.post(
        "/v1/statements/batch", json={"statements": [ELTON_JOHN_POST, PESKOV_DENIAL]}
    )
    assert response.status_code == 201, response.text
    assert_described_by(StatementBatchOut, response.json())
    statements: list[dict[str, Any]] = response.json()["statements"]
    return statements


async def test_statement_documents_match_their_models(
    client: AsyncClient, recorded: list[dict[str, Any]]
) -> None:
    post, denial = recorded
    assert denial["via"], "the seed denial is relayed, so relays are checked too"
    for statement in recorded:
        response = await client.get(f"/v1/statements/{statement['id']}")
        assert response.headers["content-type"] == "application/json"
        assert response.json() == statement
        assert_described_by(StatementOut, response.json())
    page = await client.get("/v1/statements", params={"event": EVENT_SLUG, "limit": 1})
    assert_described_by(StatementPage, page.json())
    assert page.json()["items"] == [post]
    retracted = await client.request(
        "DELETE", f"/v1/statements/{post['id']}", json={"reason": "Checking the document."}
    )
    assert retracted.status_code == 200
    assert_described_by(StatementOut, retracted.json())
    assert retracted.json()["retracted_at"].endswith("Z")


async def test_timeline_documents_match_their_models(
    client: AsyncClient, recorded: list[dict[str, Any]]
) -> None:
    queries: list[dict[str, Any]] = [{}, {"order": "desc", "limit": 1}, {"include_retracted": 1}]
    for params in queries:
        response = await client.get(f"/v1/events/{EVENT_SLUG}/timeline", params=params)
        assert response.status_code == 200
        assert_described_by(Timeline, response.json())
    items = response.json()["items"]
    assert [item["statement"] for item in items] == recorded
    assert response.json()["event"]["occurred_at"] == "2015-09-14T15:11:00Z"


async def test_comparison_documents_match_their_model(
    client: AsyncClient, recorded: list[dict[str, Any]]
) -> None:
    for params in ({}, {"as_of": "2015-09-14T16:00:00Z"}, {"sources": "kremlin,elton-john"}):
        response = await client.get(f"/v1/events/{EVENT_SLUG}/comparison", params=params)
        assert response.status_code == 200, response.text
        assert_described_by(Comparison, response.json())
    assert response.json()["contradictions"], "the seed story's claim is contested"
